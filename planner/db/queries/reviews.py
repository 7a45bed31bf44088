"""Queries on reviews: the day each finished skill was finished, and the answers given when
finished skills came up for review (appended, never rewritten)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.core.reviews import Answer, ReviewEvent
from planner.core.status import Status
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile
from planner.db.tables import ReviewEventRow, SkillStateRow, StatusTimelineRow


def finished_on(session: Session, profile_id: int) -> dict[str, date]:
    """Each skill now done, with the day it was finished: its status timeline's last `done`
    (a skill re-opened and finished again counts from the second time)."""
    t = StatusTimelineRow
    rows = session.execute(
        select(t.skill_id, func.max(t.day))
        .join(
            SkillStateRow,
            (SkillStateRow.profile_id == t.profile_id) & (SkillStateRow.skill_id == t.skill_id),
        )
        .where(t.profile_id == profile_id, t.status == Status.DONE)
        .where(SkillStateRow.status == Status.DONE)
        .group_by(t.skill_id)
    )
    return {skill_id: day for skill_id, day in rows}  # noqa: C416 (rows are Row tuples)


def review_events(session: Session, profile_id: int) -> list[ReviewEvent]:
    """Every review answer of a profile, oldest first (by day, then as entered)."""
    rows = session.execute(
        select(
            ReviewEventRow.id, ReviewEventRow.skill_id, ReviewEventRow.day, ReviewEventRow.answer
        )
        .where(ReviewEventRow.profile_id == profile_id)
        .order_by(ReviewEventRow.day, ReviewEventRow.id)
    )
    return [ReviewEvent(r.skill_id, r.day, Answer(r.answer), r.id) for r in rows]


def add_review_event(
    session: Session, profile_id: int, skill_id: str, day: date, answer: Answer
) -> ReviewEvent:
    """Append a review answer."""
    lock_profile(session, profile_id)
    row = ReviewEventRow(
        profile_id=profile_id,
        skill_id=skill_id,
        day=day,
        answer=answer.value,
        recorded_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return ReviewEvent(skill_id, day, answer, row.id)
