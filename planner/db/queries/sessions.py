"""Queries on study sessions: logged, corrected, deleted and restored, every change logged."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.core.records import StudySession
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile
from planner.db.tables import (
    StudySessionChangeRow,
    StudySessionRow,
)


def add_study_session(
    session: Session, profile_id: int, skill_id: str, day: date, minutes: int, note: str
) -> StudySession:
    """Record a study session."""
    lock_profile(session, profile_id)  # what the caller reads next (statuses) is current
    row = StudySessionRow(
        profile_id=profile_id,
        skill_id=skill_id,
        day=day,
        minutes=minutes,
        note=note,
        recorded_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return StudySession(row.id, skill_id, day, minutes, note)


def delete_study_session(session: Session, profile_id: int, session_id: int) -> bool:
    """Delete one study session of a profile, keeping it in the history (marked deleted, the
    deletion logged); False when the profile has no such session, or it is already deleted."""
    row = _locked(session, profile_id, session_id)
    if row is None or row.profile_id != profile_id or row.deleted_at is not None:
        return False
    row.deleted_at = utcnow()
    _log_session_change(session, row, "delete")
    session.flush()
    return True


def restore_study_session(session: Session, profile_id: int, session_id: int) -> bool:
    """Bring a deleted study session back; False when there is no such deleted session."""
    row = _locked(session, profile_id, session_id)
    if row is None or row.profile_id != profile_id or row.deleted_at is None:
        return False
    row.deleted_at = None
    _log_session_change(session, row, "restore")
    session.flush()
    return True


def get_study_session(session: Session, profile_id: int, session_id: int) -> StudySession | None:
    """One study session of a profile (deleted ones included), or None."""
    row = session.get(StudySessionRow, session_id)
    if row is None or row.profile_id != profile_id:
        return None
    return StudySession(
        row.id, row.skill_id, row.day, row.minutes, row.note, row.deleted_at is not None
    )


def edit_study_session(
    session: Session, profile_id: int, session_id: int, day: date, minutes: int, note: str
) -> StudySession | None:
    """Correct a study session that is not deleted, logging the values it had; None when the
    profile has no such session."""
    row = _locked(session, profile_id, session_id)
    if row is None or row.profile_id != profile_id or row.deleted_at is not None:
        return None
    if (row.day, row.minutes, row.note) != (day, minutes, note):
        _log_session_change(session, row, "edit", day, minutes, note)
        row.day, row.minutes, row.note = day, minutes, note
    session.flush()
    return StudySession(row.id, row.skill_id, row.day, row.minutes, row.note)


def _locked(session: Session, profile_id: int, session_id: int) -> StudySessionRow | None:
    """A study session read afresh once no other writer of the learner can change it."""
    lock_profile(session, profile_id)
    return session.get(StudySessionRow, session_id, populate_existing=True)


def _log_session_change(
    session: Session,
    row: StudySessionRow,
    action: str,
    day: date | None = None,
    minutes: int | None = None,
    note: str | None = None,
) -> None:
    session.add(
        StudySessionChangeRow(
            profile_id=row.profile_id,
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


def study_sessions(session: Session, profile_id: int) -> list[StudySession]:
    """Every study session of a profile (not the deleted ones), oldest first."""
    rows = session.execute(
        select(
            StudySessionRow.id,
            StudySessionRow.skill_id,
            StudySessionRow.day,
            StudySessionRow.minutes,
            StudySessionRow.note,
        )
        .where(StudySessionRow.profile_id == profile_id, StudySessionRow.deleted_at.is_(None))
        .order_by(StudySessionRow.day, StudySessionRow.id)
    )
    return [StudySession(r.id, r.skill_id, r.day, r.minutes, r.note) for r in rows]


def minutes_by_skill(session: Session, profile_id: int) -> Mapping[str, int]:
    """Total minutes studied per skill."""
    rows = session.execute(
        select(StudySessionRow.skill_id, func.sum(StudySessionRow.minutes))
        .where(StudySessionRow.profile_id == profile_id, StudySessionRow.deleted_at.is_(None))
        .group_by(StudySessionRow.skill_id)
    )
    return {skill_id: int(total) for skill_id, total in rows}
