"""Use cases about reviews: which finished skills are due for a look, and the learner's answers.

A skill comes up for review once the learner has finished it: its current status is **done**.
Skills the learner skipped (they chose not to study them) and skills shown as known because
something built on them is finished (status `implied`) are not reviewed: nothing was studied
to keep alive, or what was is kept alive by the skill built on it. (Skills ticked as known at
the first start are stored done, on the start day, and are reviewed like any other.)

The schedule is `core.reviews.schedule_skill` (FSRS) from the day each skill was finished, its
status timeline's last `done`, and the review events, which are only ever appended. FSRS replays
every answer (about a millisecond each), so each skill's state is kept, keyed by what it is
computed from — the day the skill was finished and the answers that count for it — and read
afresh from the database on every call: a status change, an answer, a restore or an import
(here or by another program) changes the key of the skills it touches, and only those are
computed again. The review list, the agenda and the export all read it through `states`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from planner.core.changes import Change, Changed
from planner.core.reviews import (
    Answer,
    ReviewEvent,
    ReviewState,
    answers_by_skill,
    due_reviews,
    schedule_skill,
)
from planner.core.status import STATUS_WORDS, Status
from planner.db import queries
from planner.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy import Connection

    from planner.core.domain import Skill
    from planner.service.facade import Planner

_Key = tuple[date, tuple[ReviewEvent, ...]]


class Reviews:
    """Reviews of finished skills (`planner.reviews`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner
        # skill -> ((finished on, the answers that count), its state): see the module's doc.
        self._schedule: dict[str, tuple[_Key, ReviewState]] = {}

    def states(self) -> list[ReviewState]:
        """Every finished skill's review state, by due date then skill id."""
        with self._planner.connection() as connection:  # the profile read in it
            skills = self._planner.library().skills
            states = self._states(connection, self._planner.profile().id, skills)
        return sorted(states.values(), key=lambda s: (s.due, s.skill_id))

    def due(self, within_days: int = 0) -> list[ReviewState]:
        """The reviews due by today, or by `within_days` days from today; most overdue first."""
        if within_days < 0:
            raise UsageError(f"--within takes a number of days from 0 up, not {within_days}")
        with self._planner.connection() as connection:  # the profile read in it
            skills = self._planner.library().skills
            states = self._states(connection, self._planner.profile().id, skills)
        return due_reviews(states, self._planner.today(), within_days)

    def answer(
        self, skill: str, answer: Answer | str, day: date | None = None
    ) -> Changed[ReviewState]:
        """Record the learner's answer to a skill's review (appended; nothing is rewritten) and
        return its new state. Refused: an unknown skill, one not finished, an answer other than
        solid or rusty, a day in the future or before the skill was finished."""
        planner = self._planner
        planner.skill(skill)
        given = _answer(answer)
        when = planner.progress.day(day)
        with planner.connection() as connection:
            profile = planner.profile()
            finished = queries.finished_on(connection, profile.id)
            if skill in finished:
                return self._add(connection, profile.id, skill, when, given, finished[skill])
        raise UsageError(self._not_finished(skill))

    def _add(
        self,
        connection: Connection,
        profile_id: int,
        skill: str,
        when: date,
        given: Answer,
        finished: date,
    ) -> Changed[ReviewState]:
        """Append the answer inside the transaction that found the skill finished."""
        if when < finished:
            raise UsageError(
                f"the date {when.isoformat()} is before '{skill}' was finished "
                f"({finished.isoformat()})"
            )
        queries.add_review_event(connection, profile_id, skill, when, given)
        state = self._states(connection, profile_id, self._planner.library().skills)[skill]
        return Changed(state, Change(reviews=True, skills=(skill,)))

    def events(self) -> list[ReviewEvent]:
        """Every review answer the learner gave on a skill of the library, oldest first."""
        with self._planner.connection() as connection:
            events = queries.review_events(connection, self._planner.profile().id)
        skills = self._planner.library().skills
        return [e for e in events if e.skill_id in skills]

    # ------------------------------------------------------------------ helpers
    def _states(
        self, connection: Connection, profile_id: int, skills: Mapping[str, Skill]
    ) -> dict[str, ReviewState]:
        # A deleted skill keeps its history, but is not reviewed.
        finished = {
            s: d for s, d in queries.finished_on(connection, profile_id).items() if s in skills
        }
        answers = answers_by_skill(finished, queries.review_events(connection, profile_id))
        kept, states = self._schedule, {}
        self._schedule = {}
        for skill_id, done_on in sorted(finished.items()):
            key = (done_on, answers.get(skill_id, ()))
            known = kept.get(skill_id)
            state = known[1] if known and known[0] == key else schedule_skill(skill_id, *key)
            self._schedule[skill_id] = (key, state)
            states[skill_id] = state
        return states

    def _not_finished(self, skill: str) -> str:
        status = self._planner.progress.skill_statuses().get(skill, Status.TODO)
        why = {
            Status.SKIPPED: "it was skipped",
            Status.IMPLIED: "it is known through a finished skill built on it",
        }.get(status, f"it is {STATUS_WORDS[status]}")
        return f"'{skill}' is not finished ({why}): only finished skills come up for review"


def _answer(value: Answer | str) -> Answer:
    try:
        return Answer(value)
    except ValueError:
        answers = " or ".join(a.value for a in Answer)
        raise UsageError(f"unknown answer '{value}' (answer {answers})") from None
