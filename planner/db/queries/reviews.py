"""Queries on reviews: the day each finished skill was finished, and the answers given when
finished skills came up for review (appended, never rewritten)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from planner.core.reviews import Answer, ReviewEvent
from planner.core.status import Status
from planner.db import tables
from planner.db.engine import connection_of, inserted_id
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile

if TYPE_CHECKING:
    from planner.db.engine import Tx


def finished_on(tx: Tx, profile_id: int) -> dict[str, date]:
    """Each skill now done, with the day it was finished: its status timeline's last `done`
    (a skill re-opened and finished again counts from the second time)."""
    t, state = tables.status_timeline.c, tables.skill_state.c
    rows = connection_of(tx).execute(
        select(t.skill_id, func.max(t.day))
        .join(
            tables.skill_state,
            (state.profile_id == t.profile_id) & (state.skill_id == t.skill_id),
        )
        .where(t.profile_id == profile_id, t.status == Status.DONE)
        .where(state.status == Status.DONE)
        .group_by(t.skill_id)
    )
    return {skill_id: day for skill_id, day in rows}  # noqa: C416 (rows are Row tuples)


def review_events(tx: Tx, profile_id: int) -> list[ReviewEvent]:
    """Every review answer of a profile, oldest first (by day, then as entered)."""
    r = tables.review_event.c
    rows = connection_of(tx).execute(
        select(r.id, r.skill_id, r.day, r.answer)
        .where(r.profile_id == profile_id)
        .order_by(r.day, r.id)
    )
    return [ReviewEvent(r.skill_id, r.day, Answer(r.answer), r.id) for r in rows]


def add_review_event(
    tx: Tx, profile_id: int, skill_id: str, day: date, answer: Answer
) -> ReviewEvent:
    """Append a review answer."""
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    added = connection.execute(
        insert(tables.review_event).values(
            profile_id=profile_id,
            skill_id=skill_id,
            day=day,
            answer=answer.value,
            recorded_at=utcnow(),
        )
    )
    return ReviewEvent(skill_id, day, answer, inserted_id(added))
