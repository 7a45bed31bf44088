"""Use cases about the learner's progress: statuses, study sessions, notes, personal goals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from planner.core.status import Status, settable_status
from planner.core.units import MAX_SESSION_MINUTES
from planner.db import personal, queries
from planner.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from planner.core.changes import Change, Changed, StatusChange, StudyLog
    from planner.core.history import Activity
    from planner.core.study_time import StudySession
    from planner.service.facade import Planner

# What a write returns (`core.changes`) is imported by the methods that write: `roadmap` and
# `progress` read through this module, and creating those records is time they would lose.


class ProgressPart:
    """The learner's progress (`planner.progress`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    # ------------------------------------------------------------------ statuses
    def statuses(self) -> dict[str, Status]:
        """The learner's current status of every skill that is not todo."""
        return {k: status for k, (status, _) in self.statuses_since().items()}

    def statuses_since(self) -> dict[str, tuple[Status, date]]:
        """`statuses` with the day each was given (a plan shows since when a skill is in
        progress)."""
        with self._planner.connection() as connection:  # the profile read in it
            known = queries.statuses_since(connection, self._planner.profile().id)
            graph = self._planner.graph()  # every skill of the library, as a node
        # A deleted skill keeps its history, but takes no part in plans.
        return {k: v for k, v in known.items() if k in graph}

    def skill_statuses(self) -> dict[str, Status]:
        """Every skill's status for the learner, `implied` included (todo left out)."""
        from planner.core.graph import implied  # the graph's module: not for every command

        known = self.statuses()
        for skill_id in implied(self._planner.graph(), known):
            known[skill_id] = Status.IMPLIED
        return known

    def open_prerequisites(self, skill_id: str) -> list[str]:
        """The hard prerequisites of a skill the learner has not finished (nor is known to
        know), prerequisites first: what to tell them about when they start it (what
        `planner status` and `log` say; no planning engine needed)."""
        from planner.core.graph import open_prerequisites

        with self._planner.connection():  # one transaction, the profile read once
            self._planner.skill(skill_id)
            statuses = self.statuses()
        return open_prerequisites(self._planner.graph(), statuses, skill_id)

    def day(self, day: date | None) -> date:
        """The day of a record: today unless given; never in the future."""
        today = self._planner.today()
        if day is None:
            return today
        if day > today:
            raise UsageError(f"the date {day.isoformat()} is in the future")
        return day

    def set_status(self, skill_id: str, status: str, day: date | None = None) -> StatusChange:
        """Record that a skill is now todo, in progress, done or skipped."""
        from planner.core.changes import Change, StatusChange  # here: see the note above the class

        self._planner.skill(skill_id)
        new = settable_status(status)
        when = self.day(day)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            previous = queries.status_of(connection, profile.id, skill_id)
            if previous == new:  # nothing changes: nothing to record, nothing to undo
                return StatusChange(skill_id, previous, new, when)
            queries.record_status(connection, profile.id, skill_id, new, when)
        return StatusChange(
            skill_id, previous, new, when, Change(statuses=True, skills=(skill_id,))
        )

    def set_statuses(
        self, skill_ids: Sequence[str], status: str, day: date | None = None
    ) -> Change:
        """Record the same status for several skills at once, in one transaction."""
        from planner.core.changes import Change

        for skill_id in skill_ids:
            self._planner.skill(skill_id)
        new = settable_status(status)
        when = self.day(day)
        written: list[str] = []
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            for skill_id in skill_ids:
                if queries.status_of(connection, profile.id, skill_id) != new:
                    queries.record_status(connection, profile.id, skill_id, new, when)
                    written.append(skill_id)
        return Change(statuses=bool(written), skills=tuple(written))

    # ------------------------------------------------------------------ study sessions
    def log_study(
        self, skill_id: str, minutes: int, day: date | None = None, note: str = ""
    ) -> StudyLog:
        """Record a study session; a skill still to do moves to in progress (one the learner
        evidently knows already, an implied one, stays where it is)."""
        self._planner.skill(skill_id)
        if minutes <= 0:
            raise UsageError("a study session lasts at least a minute")
        when = self.day(day)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            return self.log_in(connection, profile.id, skill_id, minutes, when, note)

    def log_in(
        self,
        connection: Connection,
        profile_id: int,
        skill_id: str,
        minutes: int,
        when: date,
        note: str,
    ) -> StudyLog:
        """Log a study session inside a transaction already open (the timer's too)."""
        from planner.core.changes import Change, StatusChange, StudyLog
        from planner.core.graph import implied

        logged = queries.add_study_session(connection, profile_id, skill_id, when, minutes, note)
        started: StatusChange | None = None
        statuses = queries.statuses(connection, profile_id)
        if statuses.get(skill_id, Status.TODO) == Status.TODO and skill_id not in implied(
            self._planner.graph(), statuses
        ):
            queries.record_status(connection, profile_id, skill_id, Status.IN_PROGRESS, when)
            started = StatusChange(
                skill_id,
                Status.TODO,
                Status.IN_PROGRESS,
                when,
                Change(statuses=True, skills=(skill_id,)),
            )
        change = Change(sessions=True, statuses=started is not None, skills=(skill_id,))
        return StudyLog(logged, started, change)

    def minutes_studied(self, skill_id: str) -> int:
        """Minutes the learner has logged on one skill."""
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            return queries.minutes_by_skill(connection, profile.id).get(skill_id, 0)

    def delete_study_session(self, session_id: int) -> Change:
        """Remove a study session of the current learner (undoing a log). The history keeps
        it, marked deleted, and records the deletion: `restore_study_session` brings it back."""
        return self._mark_session(session_id, queries.delete_study_session, "study session")

    def restore_study_session(self, session_id: int) -> Change:
        """Bring back a deleted study session (the restoration is recorded too)."""
        return self._mark_session(
            session_id, queries.restore_study_session, "deleted study session"
        )

    def _mark_session(
        self, session_id: int, mark: Callable[[Connection, int, int], bool], what: str
    ) -> Change:
        """Delete or restore a session of the learner in one transaction; `mark` says whether
        there was one to delete or restore."""
        from planner.core.changes import Change

        with self._planner.connection() as connection:
            profile = self._planner.profile()
            found = queries.get_study_session(connection, profile.id, session_id)
            if found is None or not mark(connection, profile.id, session_id):
                raise NotFoundError(f"no {what} {session_id}")
        return Change(sessions=True, skills=(found.skill,))

    def study_session(self, session_id: int) -> StudySession:
        """One study session of the learner, deleted or not."""
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            found = queries.get_study_session(connection, profile.id, session_id)
        if found is None:
            raise NotFoundError(f"no study session {session_id}")
        return found

    def edit_study_session(
        self,
        session_id: int,
        *,
        minutes: int | None = None,
        day: date | None = None,
        note: str | None = None,
    ) -> Changed[StudySession]:
        """Correct a study session's time, day or note; the values it had are recorded."""
        from planner.core.changes import Change, Changed

        current = self.study_session(session_id)
        if current.deleted:
            raise UsageError(f"study session {session_id} is deleted: restore it first")
        minutes = current.minutes if minutes is None else minutes
        if not 0 < minutes <= MAX_SESSION_MINUTES:
            raise UsageError("a study session lasts at least a minute and at most 24 hours")
        when = current.day if day is None else self.day(day)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            edited = queries.edit_study_session(
                connection,
                profile.id,
                session_id,
                when,
                minutes,
                current.note if note is None else note,
            )
        if edited is None:  # deleted by someone else in between
            raise NotFoundError(f"no study session {session_id}")
        skills = tuple(dict.fromkeys((current.skill, edited.skill)))
        return Changed(edited, Change(sessions=True, skills=skills))

    def recent_activity(self, limit: int = 50) -> list[Activity]:
        """The learner's newest entries (status changes, sessions and their corrections),
        newest first."""
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            return queries.recent_activity(connection, profile.id, limit)

    def study_sessions(self) -> list[StudySession]:
        """Every study session of the learner, oldest first."""
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            return queries.study_sessions(connection, profile.id)

    # ------------------------------------------------------------------ notes
    def note(self, skill_id: str) -> str:
        """The learner's note on a skill."""
        self._planner.skill(skill_id)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            return queries.get_note(connection, profile.id, skill_id)

    def set_note(self, skill_id: str, text: str) -> Change:
        """Save the learner's note on a skill."""
        from planner.core.changes import Change

        self._planner.skill(skill_id)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            queries.set_note(connection, profile.id, skill_id, text)
        return Change(notes=True, skills=(skill_id,))

    # ------------------------------------------------------------------ personal goals
    def personal_goals(self) -> list[str]:
        """Skills the learner added to their plan as goals, oldest first (deleted ones left
        out: they come back if the skill does)."""
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            found = personal.goals(connection, profile.id)
        return [g for g in found if g in self._planner.library().skills]

    def add_personal_goal(self, skill_id: str) -> Change:
        """Make a skill (built-in or the learner's own) a goal of their plan."""
        from planner.core.changes import Change

        self._planner.skill(skill_id)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            if not personal.add_goal(connection, profile.id, skill_id):
                raise UsageError(f"'{skill_id}' is one of your goals already")
        return Change(profile=True, skills=(skill_id,))

    def remove_personal_goal(self, skill_id: str) -> Change:
        """Take a skill off the learner's personal goals (its progress stays)."""
        from planner.core.changes import Change

        with self._planner.connection() as connection:
            profile = self._planner.profile()
            if not personal.remove_goal(connection, profile.id, skill_id):
                raise NotFoundError(f"'{skill_id}' is not one of your goals")
        return Change(profile=True, skills=(skill_id,))
