"""Queries on progress: status changes as an append-only log with the current status and the
timeline kept beside it in the same transaction, what progress figures read, and notes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, delete, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from planner.core.perf import paused_gc
from planner.core.progress import History, StatusEntry
from planner.core.status import Status
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile
from planner.db.tables import (
    NoteRow,
    ProgressEventRow,
    SkillStateRow,
    StatusTimelineRow,
    StudySessionRow,
)

_STATUS_OF_VALUE: dict[str, Status] = {s.value: s for s in Status}
"""A stored value's status, by a dict lookup (a tenth of `Status(value)`'s time)."""


def statuses(session: Session, profile_id: int) -> dict[str, Status]:
    """The current status of every skill that has one (todo is the default, left out)."""
    rows = session.execute(
        select(SkillStateRow.skill_id, SkillStateRow.status).where(
            SkillStateRow.profile_id == profile_id, SkillStateRow.status != Status.TODO
        )
    )
    return {skill_id: _STATUS_OF_VALUE[status] for skill_id, status in rows}


def in_progress_since(session: Session, profile_id: int) -> dict[str, date]:
    """The day each skill now in progress was started (its current status's day)."""
    rows = session.execute(
        select(SkillStateRow.skill_id, SkillStateRow.since).where(
            SkillStateRow.profile_id == profile_id, SkillStateRow.status == Status.IN_PROGRESS
        )
    )
    return {skill_id: since for skill_id, since in rows}  # noqa: C416 (rows are Row tuples)


def status_of(session: Session, profile_id: int, skill_id: str) -> Status:
    """The current status a learner gave a skill (todo when none)."""
    state = session.get(SkillStateRow, (profile_id, skill_id))
    return Status(state.status) if state is not None else Status.TODO


def record_status(
    session: Session, profile_id: int, skill_id: str, status: Status, day: date
) -> Status:
    """Append a status change and update the current status; returns the previous status.
    The database stores the plain value (`Status.IN_PROGRESS.value`, as the JSON writes it).

    The current status and the timeline are derived from the events: the profile is locked
    first and the status read afresh, so two writers at once each see the other's change."""
    lock_profile(session, profile_id)
    state = session.get(SkillStateRow, (profile_id, skill_id), populate_existing=True)
    previous = Status(state.status) if state is not None else Status.TODO
    event = ProgressEventRow(
        profile_id=profile_id, skill_id=skill_id, status=status, day=day, recorded_at=utcnow()
    )
    session.add(event)
    session.flush()
    if state is None:
        session.add(
            SkillStateRow(
                profile_id=profile_id,
                skill_id=skill_id,
                status=status,
                since=day,
                event_id=event.id,
            )
        )
    else:
        state.status, state.since, state.event_id = status, day, event.id
    _restate_timeline(session, profile_id, skill_id, day, status, event.id)
    session.flush()
    return previous


def _restate_timeline(
    session: Session, profile_id: int, skill_id: str, day: date, status: Status, event_id: int
) -> None:
    """Keep the status timeline in step with a new entry: from `day` on the skill has
    `status`, whatever was recorded for those days before (see core.progress.status_timeline)."""
    t = StatusTimelineRow
    this_skill = (t.profile_id == profile_id, t.skill_id == skill_id)
    session.execute(delete(t).where(*this_skill, t.day >= day))
    before = session.scalar(
        select(t.status).where(*this_skill, t.day < day).order_by(t.day.desc()).limit(1)
    )
    if (before or Status.TODO) != status:
        session.execute(
            insert(t).values(
                profile_id=profile_id, skill_id=skill_id, day=day, status=status, event_id=event_id
            )
        )


def progress_events(session: Session, profile_id: int) -> list[StatusEntry]:
    """Every status change of a profile as (day, skill, status), in the order entered."""
    rows = session.execute(
        select(ProgressEventRow.day, ProgressEventRow.skill_id, ProgressEventRow.status)
        .where(ProgressEventRow.profile_id == profile_id)
        .order_by(ProgressEventRow.id)
    )
    status_of_value = _STATUS_OF_VALUE  # a dict lookup: a million entries are not rare
    return [(r.day, r.skill_id, status_of_value[r.status]) for r in rows]


def progress_history(session: Session, profile_id: int) -> History:
    """What every progress figure needs, summed by the database: minutes per study day (from
    an index alone) and the status timeline. Neither grows with the number of entries."""
    s = StudySessionRow.__table__.c
    t = StatusTimelineRow.__table__.c
    run = session.connection().execute
    # Days come back as text and are read once per distinct day, not once per row: tens of
    # thousands of timeline rows share a few thousand days. (Drivers that return dates, like
    # PostgreSQL's, pass through.)
    day_text = type_coerce(t.day, String)
    days: dict[object, date] = {}

    def day_of(value: object) -> date:
        found = days.get(value)
        if found is None:
            found = days[value] = (
                value if isinstance(value, date) else date.fromisoformat(str(value))
            )
        return found

    with paused_gc():
        daily = run(
            select(type_coerce(s.day, String), func.sum(s.minutes))
            .where(s.profile_id == profile_id, s.deleted_at.is_(None))
            .group_by(s.day)
            .order_by(s.day)
        ).all()
        changes = run(
            select(day_text, t.skill_id, t.status)
            .where(t.profile_id == profile_id)
            .order_by(t.day, t.skill_id)
        ).all()
        status_of_value = _STATUS_OF_VALUE
        return History(
            tuple((day_of(day), int(minutes)) for day, minutes in daily),
            tuple((day_of(day), skill, status_of_value[status]) for day, skill, status in changes),
        )


# ---------------------------------------------------------------------------- notes
def get_note(session: Session, profile_id: int, skill_id: str) -> str:
    """The learner's note on a skill ('' when none)."""
    row = session.get(NoteRow, (profile_id, skill_id))
    return row.text if row is not None else ""


def set_note(session: Session, profile_id: int, skill_id: str, text: str) -> None:
    """Write the learner's note on a skill (the later of two at once wins)."""
    lock_profile(session, profile_id)
    row = session.get(NoteRow, (profile_id, skill_id), populate_existing=True)
    if row is None:
        session.add(
            NoteRow(profile_id=profile_id, skill_id=skill_id, text=text, updated_at=utcnow())
        )
    else:
        row.text, row.updated_at = text, utcnow()
    session.flush()
