"""Plain records the storage, the use cases, the views and the exporters hand each other.

The one every command uses, the learner's profile; the rest live beside the code that needs
them (a command process pays about half a millisecond to create each dataclass): what a use
case that changes data returns in `core.changes`, study sessions and the running timer in
`core.study_time`, a learner's history in `core.history`, the library's edits and imports in
`core.edit`, the first start's choices in `core.onboarding`, an export's data in
`core.export_data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # in annotations only: a command that reads a profile loads none of them
    from planner.core.agenda import StudySlot


@dataclass(frozen=True)
class Profile:
    """A learner's settings."""

    id: int
    name: str
    role: str | None
    tracks: tuple[str, ...]  # of the current role
    hours_per_week: float
    start: date | None
    strategy: str
    target_date: date | None = None
    study_slots: tuple[StudySlot, ...] = ()  # when the learner studies each week (sorted)
    plan_by_pace: bool = False  # whether their plan is dated by their personal pace
