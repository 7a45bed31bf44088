"""What an export of the learner's roadmap shows, as one plain record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planner.core.history import HistoryEntry
from planner.core.personal_pace import PersonalPace
from planner.core.study_time import StudySession

if TYPE_CHECKING:
    from planner.core.agenda import Agenda, StudySlot
    from planner.core.domain import Library
    from planner.core.plan_steps import Plan
    from planner.core.progress import Progress
    from planner.core.reviews import ReviewEvent, ReviewState


@dataclass(frozen=True)
class ExportData:
    """Everything an export of the learner's roadmap shows, as plain data."""

    profile: str
    library: Library
    plan: Plan
    progress: Progress
    notes: Mapping[str, str]  # skill id -> note, for the plan's skills that have one
    sessions: tuple[StudySession, ...]  # oldest first
    history: tuple[HistoryEntry, ...]  # status changes in the order they were entered
    today: date
    personal_goals: frozenset[str] = frozenset()  # goals the learner added to their plan
    pace: PersonalPace = field(default_factory=PersonalPace)  # the learner's own pace
    reviews: tuple[ReviewState, ...] = ()  # every finished skill's review state, due first
    review_events: tuple[ReviewEvent, ...] = ()  # the answers given, oldest first
    agenda: tuple[Agenda, ...] = ()  # this week and next, laid into the learner's slots
    study_slots: tuple[StudySlot, ...] = ()
    plan_by_pace: bool = False
