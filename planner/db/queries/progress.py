"""Queries on progress: status changes as an append-only log with the current status and the
timeline kept beside it in the same transaction, what progress figures read, and notes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, delete, func, insert, select, type_coerce, update

from planner.core.perf import paused_gc
from planner.core.status import Status
from planner.db import tables
from planner.db.engine import connection_of, inserted_id
from planner.db.queries.clock import utcnow
from planner.db.queries.profiles import lock_profile

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table

    from planner.core.progress import History, StatusEntry
    from planner.db.engine import Tx

_STATUS_OF_VALUE: dict[str, Status] = {s.value: s for s in Status}
"""A stored value's status, by a dict lookup (a tenth of `Status(value)`'s time)."""


def statuses(tx: Tx, profile_id: int) -> dict[str, Status]:
    """The current status of every skill that has one (todo is the default, left out)."""
    state = tables.skill_state.c
    rows = connection_of(tx).execute(
        select(state.skill_id, state.status).where(
            state.profile_id == profile_id, state.status != Status.TODO
        )
    )
    return {skill_id: _STATUS_OF_VALUE[status] for skill_id, status in rows}


def statuses_since(tx: Tx, profile_id: int) -> dict[str, tuple[Status, date]]:
    """`statuses` with the day each was given: what a plan reads (since when a skill is in
    progress), in one statement."""
    state = tables.skill_state.c
    rows = connection_of(tx).execute(
        select(state.skill_id, state.status, state.since).where(
            state.profile_id == profile_id, state.status != Status.TODO
        )
    )
    return {skill_id: (_STATUS_OF_VALUE[status], since) for skill_id, status, since in rows}


def status_of(tx: Tx, profile_id: int, skill_id: str) -> Status:
    """The current status a learner gave a skill (todo when none)."""
    state = tables.skill_state.c
    stored = connection_of(tx).scalar(
        select(state.status).where(state.profile_id == profile_id, state.skill_id == skill_id)
    )
    return Status(stored) if stored is not None else Status.TODO


def record_status(tx: Tx, profile_id: int, skill_id: str, status: Status, day: date) -> Status:
    """Append a status change and update the current status; returns the previous status.
    The database stores the plain value (`Status.IN_PROGRESS.value`, as the JSON writes it).

    The current status and the timeline are derived from the events: the profile is locked
    first and the status read afresh, so two writers at once each see the other's change."""
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    previous = status_of(connection, profile_id, skill_id)
    event_id = inserted_id(
        connection.execute(
            insert(tables.progress_event).values(
                profile_id=profile_id,
                skill_id=skill_id,
                status=status,
                day=day,
                recorded_at=utcnow(),
            )
        )
    )
    key = {"profile_id": profile_id, "skill_id": skill_id}
    _put(
        connection, tables.skill_state, key, {"status": status, "since": day, "event_id": event_id}
    )
    _restate_timeline(connection, profile_id, skill_id, day, status, event_id)
    return previous


def _restate_timeline(
    connection: Connection,
    profile_id: int,
    skill_id: str,
    day: date,
    status: Status,
    event_id: int,
) -> None:
    """Keep the status timeline in step with a new entry: from `day` on the skill has
    `status`, whatever was recorded for those days before (see core.progress.status_timeline)."""
    t = tables.status_timeline.c
    this_skill = (t.profile_id == profile_id, t.skill_id == skill_id)
    connection.execute(delete(tables.status_timeline).where(*this_skill, t.day >= day))
    before = connection.scalar(
        select(t.status).where(*this_skill, t.day < day).order_by(t.day.desc()).limit(1)
    )
    if (before or Status.TODO) != status:
        connection.execute(
            insert(tables.status_timeline).values(
                profile_id=profile_id, skill_id=skill_id, day=day, status=status, event_id=event_id
            )
        )


def progress_events(tx: Tx, profile_id: int) -> list[StatusEntry]:
    """Every status change of a profile as (day, skill, status), in the order entered."""
    e = tables.progress_event.c
    rows = connection_of(tx).execute(
        select(e.day, e.skill_id, e.status).where(e.profile_id == profile_id).order_by(e.id)
    )
    status_of_value = _STATUS_OF_VALUE  # a dict lookup: a million entries are not rare
    return [(r.day, r.skill_id, status_of_value[r.status]) for r in rows]


def progress_history(tx: Tx, profile_id: int) -> History:
    """What every progress figure needs, summed by the database: minutes per study day (from
    an index alone) and the status timeline. Neither grows with the number of entries."""
    from planner.core.progress import History  # the progress figures' module, when they are

    s = tables.study_session.c
    t = tables.status_timeline.c
    run = connection_of(tx).execute
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
def get_note(tx: Tx, profile_id: int, skill_id: str) -> str:
    """The learner's note on a skill ('' when none)."""
    n = tables.note.c
    text = connection_of(tx).scalar(
        select(n.text).where(n.profile_id == profile_id, n.skill_id == skill_id)
    )
    return text if text is not None else ""


def set_note(tx: Tx, profile_id: int, skill_id: str, text: str) -> None:
    """Write the learner's note on a skill (the later of two at once wins)."""
    connection = connection_of(tx)
    lock_profile(connection, profile_id)
    key = {"profile_id": profile_id, "skill_id": skill_id}
    _put(connection, tables.note, key, {"text": text, "updated_at": utcnow()})


def _put(connection: Connection, table: Table, key: dict[str, Any], values: dict[str, Any]) -> None:
    """Give the row of `table` with this primary `key` these `values`: update it, or add it
    when there is none (the caller holds the learner's lock: nobody adds it in between)."""
    this_row = [table.c[column] == value for column, value in key.items()]
    if not connection.execute(update(table).where(*this_row).values(values)).rowcount:
        connection.execute(insert(table).values({**key, **values}))
