"""Queries on what a learner keeps for themselves: a running study timer, personal goals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from planner.core.records import RunningTimer
from planner.db import tables
from planner.db.engine import connection_of
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile
from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.db.engine import Tx

_timer = tables.study_timer.c
_goal = tables.profile_goal.c


def get_timer(tx: Tx, profile_id: int) -> RunningTimer | None:
    """The learner's running timer, if any."""
    row = (
        connection_of(tx)
        .execute(select(_timer.skill_id, _timer.started_at).where(_timer.profile_id == profile_id))
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
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    removed = connection.execute(delete(tables.study_timer).where(_timer.profile_id == profile_id))
    return bool(removed.rowcount)


def goals(tx: Tx, profile_id: int) -> list[str]:
    """The learner's personal goals, in the order they were added."""
    rows = connection_of(tx).scalars(
        select(_goal.skill_id)
        .where(_goal.profile_id == profile_id)
        .order_by(_goal.added_at, _goal.skill_id)
    )
    return list(rows)


def add_goal(tx: Tx, profile_id: int, skill_id: str) -> bool:
    """Make a skill a personal goal; False if it was one already."""
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    this_goal = (_goal.profile_id == profile_id, _goal.skill_id == skill_id)
    if connection.scalar(select(_goal.skill_id).where(*this_goal)) is not None:
        return False
    connection.execute(
        insert(tables.profile_goal).values(
            profile_id=profile_id, skill_id=skill_id, added_at=utcnow()
        )
    )
    return True


def remove_goal(tx: Tx, profile_id: int, skill_id: str) -> bool:
    """Stop a skill being a personal goal; False if it was not one."""
    result = connection_of(tx).execute(
        delete(tables.profile_goal).where(
            _goal.profile_id == profile_id, _goal.skill_id == skill_id
        )
    )
    return bool(result.rowcount)
