"""Reviews that keep finished skills alive, scheduled by FSRS (Anki's algorithm, package `fsrs`).

A finished skill is a card: finishing it is its first review (rated Easy: weeks of study went
into it), and each later review is the learner's answer — "still solid" (Good) or "rusty"
(Again). FSRS then says when the skill is due again: the intervals grow while the answers are
solid and shrink after a rusty one. Review events are stored append-only, like the rest of the
history; the schedule is recomputed from them, so it survives everything the history survives.

Without learning steps, a card goes straight to FSRS's review state; without fuzzing the same
history always gives the same dates. Dates are whole days: a review is taken at noon UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs

MAX_INTERVAL_DAYS = 365  # a skill nobody uses for a year deserves a look, however solid
RUSTY_TO_REOPEN = 2  # rusty this many times in a row: suggest studying the skill again


class Answer(StrEnum):
    """What a learner answers when a finished skill comes up for review."""

    SOLID = "solid"
    RUSTY = "rusty"


ANSWER_WORDS: Mapping[Answer, str] = {Answer.SOLID: "Still solid", Answer.RUSTY: "Rusty"}


@dataclass(frozen=True)
class ReviewEvent:
    """One review answered on a day; `seq` orders answers given the same day (the storage's id)."""

    skill_id: str
    day: date
    answer: Answer
    seq: int = 0


@dataclass(frozen=True)
class ReviewState:
    """Where a finished skill stands: when it was finished, last reviewed and is due again."""

    skill_id: str
    finished: date
    last_reviewed: date | None
    due: date
    reviews: int
    rusty_in_a_row: int

    @property
    def suggest_reopening(self) -> bool:
        """Whether the skill has been rusty often enough to study it again."""
        return self.rusty_in_a_row >= RUSTY_TO_REOPEN

    def is_due(self, today: date, within_days: int = 0) -> bool:
        """Due today (or overdue), or within the next `within_days` days."""
        return self.due <= today + timedelta(days=within_days)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


@cache
def _scheduler() -> fsrs.Scheduler:
    """The one scheduler (its settings never change; it keeps no state between cards)."""
    import fsrs  # here: only the review list and the agenda need it

    return fsrs.Scheduler(
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=MAX_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def schedule(finished: Mapping[str, date], events: Iterable[ReviewEvent]) -> dict[str, ReviewState]:
    """Each finished skill's review state after its answers (answers before it was finished,
    or for skills not finished now, are ignored: a skill re-opened and finished again starts
    afresh from its new finish date)."""
    answers = answers_by_skill(finished, events)
    return {
        skill_id: schedule_skill(skill_id, done_on, answers.get(skill_id, ()))
        for skill_id, done_on in sorted(finished.items())
    }


def answers_by_skill(
    finished: Mapping[str, date], events: Iterable[ReviewEvent]
) -> dict[str, tuple[ReviewEvent, ...]]:
    """The answers that count for each finished skill (given on or after the day it was
    finished), in the order they were given: all that its schedule depends on, with that day."""
    by_skill: dict[str, list[ReviewEvent]] = defaultdict(list)
    for event in events:
        done_on = finished.get(event.skill_id)
        if done_on is not None and event.day >= done_on:
            by_skill[event.skill_id].append(event)
    return {s: tuple(sorted(es, key=lambda e: (e.day, e.seq))) for s, es in by_skill.items()}


def schedule_skill(
    skill_id: str,
    done_on: date,
    answers: Iterable[ReviewEvent],
) -> ReviewState:
    """One finished skill's review state after `answers` (as `answers_by_skill` gives them);
    FSRS replays every answer, so a caller with many skills keeps the states it computed."""
    import fsrs

    scheduler = _scheduler()
    card, _ = scheduler.review_card(fsrs.Card(), fsrs.Rating.Easy, _moment(done_on))
    last: date | None = None
    reviews = rusty = 0
    for event in answers:
        rating = fsrs.Rating.Good if event.answer is Answer.SOLID else fsrs.Rating.Again
        card, _ = scheduler.review_card(card, rating, _moment(event.day))
        last = event.day
        reviews += 1
        rusty = rusty + 1 if event.answer is Answer.RUSTY else 0
    due = max(card.due.date(), (last or done_on) + timedelta(days=1))
    return ReviewState(skill_id, done_on, last, due, reviews, rusty)


def due_reviews(
    states: Mapping[str, ReviewState], today: date, within_days: int = 0
) -> list[ReviewState]:
    """The reviews due by today (or within `within_days` days), the most overdue first."""
    due = [s for s in states.values() if s.is_due(today, within_days)]
    return sorted(due, key=lambda s: (s.due, s.skill_id))
