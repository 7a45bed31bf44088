"""Queries on profiles: a learner's settings, created, read, changed and deleted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update

from planner.core.records import Profile
from planner.db import tables
from planner.db.engine import connection_of, inserted_id
from planner.db.queries.clock import utcnow
from planner.errors import PlannerError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from planner.core.agenda import StudySlot
    from planner.db.engine import Tx

_p = tables.profile.c
_PROFILE = select(
    _p.id,
    _p.name,
    _p.role_id,
    _p.hours_per_week,
    _p.start_date,
    _p.strategy,
    _p.target_date,
    _p.study_slots,
    _p.plan_by_pace,
)


def lock_profile(tx: Tx, profile_id: int) -> None:
    """Make every other transaction that writes this learner's data wait until this one ends.

    Writes of a learner read before they write (the current status before the timeline is
    restated, whether a note or a timer exists): on a server, two of them at once would each
    read what the other is about to change. SQLite writes one transaction at a time anyway
    (BEGIN IMMEDIATE), and its SQL has no FOR UPDATE: nothing is added there. On PostgreSQL
    it is FOR NO KEY UPDATE, which rows referring to the profile do not wait for."""
    connection_of(tx).execute(
        select(_p.id).where(_p.id == profile_id).with_for_update(key_share=True)
    )


def get_profile(tx: Tx, name: str) -> Profile | None:
    """The profile with this name, or None; read with its tracks in one statement (every
    command reads it: on a server, one round trip rather than two)."""
    t = tables.profile_track.c
    chosen = (t.profile_id == _p.id) & (t.role_id == _p.role_id)  # of the profile's role
    rows = (
        connection_of(tx)
        .execute(
            _PROFILE.add_columns(t.track_id)
            .select_from(tables.profile.outerjoin(tables.profile_track, chosen))
            .where(_p.name == name)
            .order_by(t.position)
        )
        .all()
    )
    if not rows:
        return None
    return _profile_of(rows[0], tuple(r.track_id for r in rows if r.track_id is not None))


def _profile_by_id(connection: Connection, profile_id: int) -> Profile:
    return _profile(connection, connection.execute(_PROFILE.where(_p.id == profile_id)).one())


def _profile(connection: Connection, row: Any) -> Profile:
    tracks: tuple[str, ...] = ()
    if row.role_id is not None:
        t = tables.profile_track.c
        tracks = tuple(
            connection.scalars(
                select(t.track_id)
                .where(t.profile_id == row.id, t.role_id == row.role_id)
                .order_by(t.position)
            )
        )
    return _profile_of(row, tracks)


def _profile_of(row: Any, tracks: tuple[str, ...]) -> Profile:
    return Profile(
        row.id,
        row.name,
        row.role_id,
        tracks,
        row.hours_per_week,
        row.start_date,
        row.strategy,
        row.target_date,
        _slots(row.study_slots),
        bool(row.plan_by_pace),
    )


def _slots(text: str | None) -> tuple[StudySlot, ...]:
    """The stored study slots (written by `update_profile` from parsed slots, so they parse;
    a hand-edited value that does not counts as none set rather than breaking the profile)."""
    if not text:
        return ()  # none set: every command reads a profile, few need the agenda's module
    from planner.core.agenda import parse_slots

    try:
        return tuple(parse_slots(text or ""))
    except PlannerError:
        return ()


def list_profiles(tx: Tx) -> list[Profile]:
    """Every profile, by name as people sort them (case does not matter)."""
    connection = connection_of(tx)
    rows = connection.execute(_PROFILE.order_by(func.lower(_p.name), _p.name)).all()
    return [_profile(connection, row) for row in rows]


def create_profile(tx: Tx, name: str) -> Profile:
    """A new profile with default settings."""
    connection = connection_of(tx)
    made = connection.execute(
        insert(tables.profile).values(
            name=name, hours_per_week=10, strategy="foundations-first", created_at=utcnow()
        )
    )
    return _profile_by_id(connection, inserted_id(made))


def update_profile(
    tx: Tx,
    profile_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    tracks: Iterable[str] | None = None,
    hours_per_week: float | None = None,
    start: date | None = None,
    strategy: str | None = None,
    target_date: date | None = None,
    clear_target_date: bool = False,
    study_slots: Iterable[StudySlot] | None = None,
    plan_by_pace: bool | None = None,
) -> Profile:
    """Change some of a profile's settings; tracks are those of the (new) role. A target date
    is set by giving it and removed with `clear_target_date` (None means "leave it"); study
    slots are stored as a learner writes them (no slots: none set)."""
    from planner.core.agenda import slots_text

    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    given: dict[str, object] = {
        "name": name,
        "role_id": role,
        "hours_per_week": hours_per_week,
        "start_date": start,
        "strategy": strategy,
        "target_date": target_date,
        "study_slots": None if study_slots is None else slots_text(study_slots),
        "plan_by_pace": plan_by_pace,
    }
    changes = {column: value for column, value in given.items() if value is not None}
    if target_date is None and clear_target_date:
        changes["target_date"] = None
    if changes:
        connection.execute(update(tables.profile).where(_p.id == profile_id).values(changes))
    role_id = connection.scalar(select(_p.role_id).where(_p.id == profile_id))
    if tracks is not None and role_id is not None:
        t = tables.profile_track.c
        connection.execute(
            delete(tables.profile_track).where(t.profile_id == profile_id, t.role_id == role_id)
        )
        chosen = [
            {"profile_id": profile_id, "role_id": role_id, "track_id": track_id, "position": i}
            for i, track_id in enumerate(dict.fromkeys(tracks))
        ]
        if chosen:
            connection.execute(insert(tables.profile_track), chosen)
    return _profile_by_id(connection, profile_id)


def delete_profile(tx: Tx, profile_id: int) -> None:
    """Delete a profile and everything recorded for it (the tables' keys cascade)."""
    connection_of(tx).execute(delete(tables.profile).where(_p.id == profile_id))
