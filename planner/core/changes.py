"""What a use case that changes data returns: a `Change`, or an answer that carries one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # in annotations only
    from datetime import date

    from planner.core.status import Status
    from planner.core.study_time import StudySession


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
