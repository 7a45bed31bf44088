"""Queries on study sessions: logged, corrected, deleted and restored, every change logged."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from planner.db import tables
from planner.db.engine import connection_of, inserted_id
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from planner.core.study_time import StudySession
    from planner.db.engine import Tx

_s = tables.study_session.c


def add_study_session(
    tx: Tx, profile_id: int, skill_id: str, day: date, minutes: int, note: str
) -> StudySession:
    """Record a study session."""
    from planner.core.study_time import StudySession  # here: a plan reads the minutes only

    connection = connection_of(tx)
    lock_profile(connection, profile_id)  # what the caller reads next (statuses) is current
    added = connection.execute(
        insert(tables.study_session).values(
            profile_id=profile_id,
            skill_id=skill_id,
            day=day,
            minutes=minutes,
            note=note,
            recorded_at=utcnow(),
        )
    )
    return StudySession(inserted_id(added), skill_id, day, minutes, note)


def delete_study_session(tx: Tx, profile_id: int, session_id: int) -> bool:
    """Delete one study session of a profile, keeping it in the history (marked deleted, the
    deletion logged); False when the profile has no such session, or it is already deleted."""
    connection = connection_of(tx)
    row = _locked(connection, profile_id, session_id)
    if row is None or row.deleted_at is not None:
        return False
    _set(connection, session_id, deleted_at=utcnow())
    _log_session_change(connection, profile_id, row, "delete")
    return True


def restore_study_session(tx: Tx, profile_id: int, session_id: int) -> bool:
    """Bring a deleted study session back; False when there is no such deleted session."""
    connection = connection_of(tx)
    row = _locked(connection, profile_id, session_id)
    if row is None or row.deleted_at is None:
        return False
    _set(connection, session_id, deleted_at=None)
    _log_session_change(connection, profile_id, row, "restore")
    return True


def get_study_session(tx: Tx, profile_id: int, session_id: int) -> StudySession | None:
    """One study session of a profile (deleted ones included), or None."""
    from planner.core.study_time import StudySession

    row = _row(connection_of(tx), profile_id, session_id)
    if row is None:
        return None
    return StudySession(
        row.id, row.skill_id, row.day, row.minutes, row.note, row.deleted_at is not None
    )


def edit_study_session(
    tx: Tx, profile_id: int, session_id: int, day: date, minutes: int, note: str
) -> StudySession | None:
    """Correct a study session that is not deleted, logging the values it had; None when the
    profile has no such session."""
    from planner.core.study_time import StudySession

    connection = connection_of(tx)
    row = _locked(connection, profile_id, session_id)
    if row is None or row.deleted_at is not None:
        return None
    if (row.day, row.minutes, row.note) != (day, minutes, note):
        _log_session_change(connection, profile_id, row, "edit", day, minutes, note)
        _set(connection, session_id, day=day, minutes=minutes, note=note)
    return StudySession(row.id, row.skill_id, day, minutes, note)


def _row(connection: Connection, profile_id: int, session_id: int) -> Any:
    """A study session's row, if the profile has one of this number (None otherwise)."""
    return connection.execute(
        select(_s.id, _s.skill_id, _s.day, _s.minutes, _s.note, _s.deleted_at).where(
            _s.id == session_id, _s.profile_id == profile_id
        )
    ).first()


def _locked(connection: Connection, profile_id: int, session_id: int) -> Any:
    """A study session read once no other writer of the learner can change it."""
    lock_profile(connection, profile_id)
    return _row(connection, profile_id, session_id)


def _set(connection: Connection, session_id: int, **values: object) -> None:
    connection.execute(update(tables.study_session).where(_s.id == session_id).values(values))


def _log_session_change(
    connection: Connection,
    profile_id: int,
    row: Any,
    action: str,
    day: date | None = None,
    minutes: int | None = None,
    note: str | None = None,
) -> None:
    connection.execute(
        insert(tables.study_session_change).values(
            profile_id=profile_id,
            session_id=row.id,
            action=action,
            old_day=row.day,
            old_minutes=row.minutes,
            old_note=row.note,
            new_day=day,
            new_minutes=minutes,
            new_note=note,
            recorded_at=utcnow(),
        )
    )


def study_sessions(tx: Tx, profile_id: int) -> list[StudySession]:
    """Every study session of a profile (not the deleted ones), oldest first."""
    from planner.core.study_time import StudySession

    rows = connection_of(tx).execute(
        select(_s.id, _s.skill_id, _s.day, _s.minutes, _s.note)
        .where(_s.profile_id == profile_id, _s.deleted_at.is_(None))
        .order_by(_s.day, _s.id)
    )
    return [StudySession(r.id, r.skill_id, r.day, r.minutes, r.note) for r in rows]


def minutes_by_skill(tx: Tx, profile_id: int) -> Mapping[str, int]:
    """Total minutes studied per skill."""
    rows = connection_of(tx).execute(
        select(_s.skill_id, func.sum(_s.minutes))
        .where(_s.profile_id == profile_id, _s.deleted_at.is_(None))
        .group_by(_s.skill_id)
    )
    return {skill_id: int(total) for skill_id, total in rows}
