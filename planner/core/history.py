"""A learner's history as records: the entries they made, and the status changes recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.core.status import Status


@dataclass(frozen=True)
class Activity:
    """One entry of a learner's history as they made it: a status change, a study session
    logged, or a session edited, deleted or restored."""

    kind: str  # status | logged | edited | deleted | restored
    id: int  # of the event, the session or the change, by kind
    recorded_at: datetime  # when it was entered (UTC)
    skill: str
    day: date  # the day it is about (of the status, of the session)
    status: Status | None = None  # status: the new status ...
    previous: Status | None = None  # ... and the one before it, in the order entered
    latest: bool = False  # status: still the skill's last entry
    session_id: int | None = None
    minutes: int = 0  # sessions: the minutes (for an edit, the new ones)
    note: str = ""
    old_day: date | None = None  # edits: what the session said before
    old_minutes: int | None = None
    session_deleted: bool = False  # the session is deleted now


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded status change, with the status it replaced."""

    day: date
    skill: str
    previous: Status
    status: Status
