"""Queries on what a learner keeps for themselves: a running study timer, personal goals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from planner.db import tables
from planner.db.engine import connection_of
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile
from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.core.study_time import RunningTimer
    from planner.db.engine import Tx


def get_timer(tx: Tx, profile_id: int) -> RunningTimer | None:
    """The learner's running timer, if any."""
    from planner.core.study_time import RunningTimer  # here: a plan reads the goals, no timer

    timer = tables.study_timer.c
    row = (
        connection_of(tx)
        .execute(select(timer.skill_id, timer.started_at).where(timer.profile_id == profile_id))
        .first()
    )
    if row is None:
        return None
    return RunningTimer(row.skill_id, row.started_at.replace(tzinfo=UTC))


def start_timer(
    tx: Tx, profile_id: int, skill_id: str, started: datetime | None = None
) -> RunningTimer:
    """Store a running timer (the caller checks that none is running; one started elsewhere
    at the same moment is refused here)."""
    from planner.core.study_time import RunningTimer

    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    if get_timer(connection, profile_id) is not None:
        raise UsageError("a timer was started elsewhere a moment ago: stop it first")
    # Stored naive in UTC like every other time: SQLite keeps no time zone.
    when = started.astimezone(UTC).replace(tzinfo=None) if started is not None else utcnow()
    connection.execute(
        insert(tables.study_timer).values(profile_id=profile_id, skill_id=skill_id, started_at=when)
    )
    return RunningTimer(skill_id, when.replace(tzinfo=UTC))


def clear_timer(tx: Tx, profile_id: int) -> bool:
    """Remove the running timer; False if there was none."""
    timer = tables.study_timer.c
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    removed = connection.execute(delete(tables.study_timer).where(timer.profile_id == profile_id))
    return bool(removed.rowcount)


def goals(tx: Tx, profile_id: int) -> list[str]:
    """The learner's personal goals, in the order they were added."""
    goal = tables.profile_goal.c
    rows = connection_of(tx).scalars(
        select(goal.skill_id)
        .where(goal.profile_id == profile_id)
        .order_by(goal.added_at, goal.skill_id)
    )
    return list(rows)


def add_goal(tx: Tx, profile_id: int, skill_id: str) -> bool:
    """Make a skill a personal goal; False if it was one already."""
    goal = tables.profile_goal.c
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    this_goal = (goal.profile_id == profile_id, goal.skill_id == skill_id)
    if connection.scalar(select(goal.skill_id).where(*this_goal)) is not None:
        return False
    connection.execute(
        insert(tables.profile_goal).values(
            profile_id=profile_id, skill_id=skill_id, added_at=utcnow()
        )
    )
    return True


def remove_goal(tx: Tx, profile_id: int, skill_id: str) -> bool:
    """Stop a skill being a personal goal; False if it was not one."""
    goal = tables.profile_goal.c
    result = connection_of(tx).execute(
        delete(tables.profile_goal).where(goal.profile_id == profile_id, goal.skill_id == skill_id)
    )
    return bool(result.rowcount)
