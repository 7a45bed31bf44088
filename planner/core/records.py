"""Plain records the storage, the use cases, the views and the exporters hand each other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from planner.core.personal_pace import PersonalPace
from planner.core.status import Status

if TYPE_CHECKING:  # in annotations only: a command that reads a profile loads none of them
    from planner.core.agenda import Agenda, StudySlot
    from planner.core.domain import Library
    from planner.core.edit import LibraryChange
    from planner.core.plan_steps import Plan
    from planner.core.progress import Progress
    from planner.core.reviews import ReviewEvent, ReviewState


# ---------------------------------------------------------------------------- the learner
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
class OnboardingChoice:
    """What the learner chose at the first start (or when choosing again)."""

    role: str
    tracks: tuple[str, ...]
    hours_per_week: float
    start: date
    known: frozenset[str]  # every skill of the plan the learner already knows
    name: str | None = None  # the learner's name for the profile (None: keep it)


@dataclass(frozen=True)
class RunningTimer:
    """A study timer that is running: the skill and when it started (aware, UTC)."""

    skill: str
    started: datetime


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


# ---------------------------------------------------------------------------- changes
@dataclass(frozen=True)
class Change:
    """What an operation changed: views refresh what concerns them. Every use case that
    changes data returns one (or a result carrying one as `.change`); nothing else builds it.

    `skills` names the skills concerned when the change is about some skills only."""

    statuses: bool = False
    sessions: bool = False
    notes: bool = False
    library: bool = False
    profile: bool = False
    timer: bool = False
    skills: tuple[str, ...] = ()
    reviews: bool = False  # a review answered (the schedule of reviews moved)

    @classmethod
    def none(cls) -> Change:
        """Nothing changed (yet): the start of changes joined with `|`."""
        return cls()

    @classmethod
    def everything(cls) -> Change:
        """Anything may have changed (a restored backup, a repaired database)."""
        return cls(True, True, True, True, True, True, reviews=True)

    @property
    def empty(self) -> bool:
        """Whether nothing changed at all."""
        return not any(
            (
                self.statuses,
                self.sessions,
                self.notes,
                self.library,
                self.profile,
                self.timer,
                self.reviews,
            )
        )

    def __or__(self, other: Change) -> Change:
        """Both changes together."""
        skills = tuple(dict.fromkeys((*self.skills, *other.skills)))
        return Change(
            self.statuses or other.statuses,
            self.sessions or other.sessions,
            self.notes or other.notes,
            self.library or other.library,
            self.profile or other.profile,
            self.timer or other.timer,
            skills,
            self.reviews or other.reviews,
        )


T = TypeVar("T")


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A use case's answer (a profile, a study session…) with what the use case changed."""

    value: T
    change: Change


@dataclass(frozen=True)
class StatusChange:
    """A status change as recorded, with the status before it (for undo)."""

    skill: str
    previous: Status
    status: Status
    day: date
    change: Change = field(default_factory=Change)  # empty when the status was already so


@dataclass(frozen=True)
class StudyLog:
    """A logged study session, and the status change it brought (a skill still to do moves
    to in progress), if any."""

    session: StudySession
    started: StatusChange | None
    change: Change


# ---------------------------------------------------------------------------- the library
@dataclass(frozen=True)
class ImportCounts:
    """What an import did."""

    skills_added: int = 0
    skills_updated: int = 0
    roles_added: int = 0
    roles_updated: int = 0
    change: Change = field(default_factory=Change)


@dataclass(frozen=True)
class Choices:
    """What learners chose that an edit of roles can take away: their role, and their tracks
    (deleting a role or a track removes these rows; undoing the edit puts them back)."""

    profile_roles: tuple[tuple[int, str], ...] = ()
    tracks: tuple[tuple[int, str, str, int], ...] = ()  # profile, role, track, position


@dataclass(frozen=True)
class LibraryEdit:
    """A stored library edit with what undoes it: the versions it replaced, and the learners'
    role and track choices it took away."""

    applied: LibraryChange
    undo: LibraryChange
    choices: Choices
    change: Change = field(default_factory=Change)


# ---------------------------------------------------------------------------- exports
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
