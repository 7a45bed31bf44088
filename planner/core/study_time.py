"""Time spent studying as records: the study sessions logged, the study timer running."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class StudySession:
    """Time spent on a skill on a day."""

    id: int
    skill: str
    day: date
    minutes: int
    note: str
    deleted: bool = False


@dataclass(frozen=True)
class RunningTimer:
    """A study timer that is running: the skill and when it started (aware, UTC)."""

    skill: str
    started: datetime
