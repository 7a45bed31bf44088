"""The learner's recent activity: status changes and study sessions as they were entered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from planner.core.status import Status
from planner.db import tables
from planner.db.engine import connection_of

if TYPE_CHECKING:
    from sqlalchemy import ScalarSelect, Table

    from planner.core.history import Activity
    from planner.db.engine import Tx

_ORDER = {"status": 0, "logged": 1, "edited": 2, "deleted": 2, "restored": 2}


def newest_entries(tx: Tx, profile_id: int) -> tuple[int | None, ...]:
    """The id of the learner's newest entry in each of their logs (status changes, study
    sessions, the sessions' corrections and deletions), None for an empty one. The logs are
    only appended to, so any new entry, here or by another program, changes it: what a figure
    computed from the history is kept by. One statement, each id read from an index."""

    def newest(table: Table) -> ScalarSelect[int]:
        return (
            select(func.max(table.c.id)).where(table.c.profile_id == profile_id).scalar_subquery()
        )

    logs = (tables.progress_event, tables.study_session, tables.study_session_change)
    return tuple(connection_of(tx).execute(select(*(newest(t) for t in logs))).one())


def recent_activity(tx: Tx, profile_id: int, limit: int = 50) -> list[Activity]:
    """The learner's newest entries of every kind, newest first. Each table is read newest
    first from an index and only `limit` rows of each, however long the history."""
    from planner.core.history import Activity  # the history's records: not for `newest_entries`

    e = tables.progress_event.alias("e")
    earlier = tables.progress_event.alias("earlier")
    same_skill = (earlier.c.profile_id == e.c.profile_id, earlier.c.skill_id == e.c.skill_id)
    previous = (
        select(earlier.c.status)
        .where(*same_skill, earlier.c.id < e.c.id)
        .order_by(earlier.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    later = select(earlier.c.id).where(*same_skill, earlier.c.id > e.c.id).exists()
    run = connection_of(tx).execute
    found: list[Activity] = [
        Activity(
            "status",
            r.id,
            r.recorded_at,
            r.skill_id,
            r.day,
            status=Status(r.status),
            previous=Status(r.previous or Status.TODO),
            latest=not r.later,
        )
        for r in run(
            select(
                e.c.id,
                e.c.recorded_at,
                e.c.skill_id,
                e.c.day,
                e.c.status,
                previous.label("previous"),
                later.label("later"),
            )
            .where(e.c.profile_id == profile_id)
            .order_by(e.c.id.desc())
            .limit(limit)
        )
    ]
    s = tables.study_session.c
    found.extend(
        Activity(
            "logged",
            r.id,
            r.recorded_at,
            r.skill_id,
            r.day,
            session_id=r.id,
            minutes=r.minutes,
            note=r.note,
            session_deleted=r.deleted_at is not None,
        )
        for r in run(
            select(s.id, s.recorded_at, s.skill_id, s.day, s.minutes, s.note, s.deleted_at)
            .where(s.profile_id == profile_id)
            .order_by(s.id.desc())
            .limit(limit)
        )
    )
    c = tables.study_session_change.c
    kinds = {"edit": "edited", "delete": "deleted", "restore": "restored"}
    found.extend(
        Activity(
            kinds[r.action],
            r.id,
            r.recorded_at,
            r.skill_id,
            r.new_day or r.old_day,
            session_id=r.session_id,
            minutes=r.new_minutes or r.old_minutes,
            note=r.new_note if r.new_note is not None else r.old_note,
            old_day=r.old_day if r.action == "edit" else None,
            old_minutes=r.old_minutes if r.action == "edit" else None,
            session_deleted=r.deleted_at is not None,
        )
        for r in run(
            select(
                c.id,
                c.recorded_at,
                c.session_id,
                c.action,
                c.old_day,
                c.old_minutes,
                c.old_note,
                c.new_day,
                c.new_minutes,
                c.new_note,
                s.skill_id,
                s.deleted_at,
            )
            .join_from(tables.study_session_change, tables.study_session)
            .where(c.profile_id == profile_id)
            .order_by(c.id.desc())
            .limit(limit)
        )
    )
    found.sort(key=lambda a: (a.recorded_at, _ORDER[a.kind], a.id), reverse=True)
    return found[:limit]
