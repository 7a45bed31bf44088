"""Queries on what a learner keeps for themselves: a running study timer, personal goals."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.core.records import RunningTimer
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile
from planner.db.tables import ProfileGoalRow, StudyTimerRow
from planner.errors import UsageError


def get_timer(session: Session, profile_id: int) -> RunningTimer | None:
    """The learner's running timer, if any."""
    row = session.get(StudyTimerRow, profile_id)
    if row is None:
        return None
    return RunningTimer(row.skill_id, row.started_at.replace(tzinfo=UTC))


def start_timer(
    session: Session, profile_id: int, skill_id: str, started: datetime | None = None
) -> RunningTimer:
    """Store a running timer (the caller checks that none is running; one started elsewhere
    at the same moment is refused here)."""
    lock_profile(session, profile_id)
    if session.get(StudyTimerRow, profile_id, populate_existing=True) is not None:
        raise UsageError("a timer was started elsewhere a moment ago: stop it first")
    # Stored naive in UTC like every other time: SQLite keeps no time zone.
    when = started.astimezone(UTC).replace(tzinfo=None) if started is not None else utcnow()
    session.add(StudyTimerRow(profile_id=profile_id, skill_id=skill_id, started_at=when))
    session.flush()
    return RunningTimer(skill_id, when.replace(tzinfo=UTC))


def clear_timer(session: Session, profile_id: int) -> bool:
    """Remove the running timer; False if there was none."""
    lock_profile(session, profile_id)
    row = session.get(StudyTimerRow, profile_id, populate_existing=True)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def goals(session: Session, profile_id: int) -> list[str]:
    """The learner's personal goals, in the order they were added."""
    rows = session.scalars(
        select(ProfileGoalRow.skill_id)
        .where(ProfileGoalRow.profile_id == profile_id)
        .order_by(ProfileGoalRow.added_at, ProfileGoalRow.skill_id)
    )
    return list(rows)


def add_goal(session: Session, profile_id: int, skill_id: str) -> bool:
    """Make a skill a personal goal; False if it was one already."""
    lock_profile(session, profile_id)
    if session.get(ProfileGoalRow, (profile_id, skill_id), populate_existing=True) is not None:
        return False
    session.add(ProfileGoalRow(profile_id=profile_id, skill_id=skill_id, added_at=utcnow()))
    session.flush()
    return True


def remove_goal(session: Session, profile_id: int, skill_id: str) -> bool:
    """Stop a skill being a personal goal; False if it was not one."""
    result = session.execute(
        delete(ProfileGoalRow).where(
            ProfileGoalRow.profile_id == profile_id, ProfileGoalRow.skill_id == skill_id
        )
    )
    return bool(getattr(result, "rowcount", 0))
