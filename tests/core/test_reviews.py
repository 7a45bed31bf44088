"""Reviews through the real FSRS scheduler, on dates we control: growing intervals while the
answers are solid, a shorter one after a rusty answer, the same dates for the same history."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.core.reviews import (
    MAX_INTERVAL_DAYS,
    Answer,
    ReviewEvent,
    ReviewState,
    due_reviews,
    schedule,
)

FINISHED = date(2026, 1, 5)


def answered(*answers: Answer, skill: str = "linear-algebra") -> ReviewState:
    """The state after answering each review on the day it was due."""
    events: list[ReviewEvent] = []
    state = schedule({skill: FINISHED}, events)[skill]
    for answer in answers:
        events.append(ReviewEvent(skill, state.due, answer))
        state = schedule({skill: FINISHED}, events)[skill]
    return state


def test_a_finished_skill_comes_up_after_about_a_week() -> None:
    state = schedule({"linear-algebra": FINISHED}, [])["linear-algebra"]
    assert state.last_reviewed is None and state.reviews == 0
    assert 3 <= (state.due - FINISHED).days <= 14


def test_intervals_grow_while_the_answers_are_solid() -> None:
    gaps = []
    events: list[ReviewEvent] = []
    state = schedule({"a": FINISHED}, events)["a"]
    for _ in range(4):
        events.append(ReviewEvent("a", state.due, Answer.SOLID))
        before = state.due
        state = schedule({"a": FINISHED}, events)["a"]
        gaps.append((state.due - before).days)
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]
    assert max(gaps) <= MAX_INTERVAL_DAYS


def test_rusty_shortens_the_interval_and_twice_suggests_studying_again() -> None:
    solid = answered(Answer.SOLID, Answer.SOLID)
    rusty = answered(Answer.SOLID, Answer.SOLID, Answer.RUSTY)
    assert rusty.last_reviewed is not None and solid.last_reviewed is not None
    assert (rusty.due - rusty.last_reviewed) < (solid.due - solid.last_reviewed)
    assert not rusty.suggest_reopening
    assert answered(Answer.SOLID, Answer.RUSTY, Answer.RUSTY).suggest_reopening
    assert not answered(Answer.RUSTY, Answer.RUSTY, Answer.SOLID).suggest_reopening


def test_answers_before_the_skill_was_finished_do_not_count() -> None:
    early = ReviewEvent("a", FINISHED - timedelta(days=30), Answer.RUSTY)
    assert schedule({"a": FINISHED}, [early]) == schedule({"a": FINISHED}, [])
    assert schedule({}, [early]) == {}  # not finished now: nothing to review


def test_due_reviews_lists_the_most_overdue_first() -> None:
    states = schedule({"a": date(2026, 1, 1), "b": date(2025, 12, 1), "c": date(2026, 3, 1)}, [])
    today = states["a"].due
    assert [s.skill_id for s in due_reviews(states, today)] == ["b", "a"]
    week = due_reviews(states, today, within_days=400)
    assert [s.skill_id for s in week] == ["b", "a", "c"]


@given(
    st.lists(st.tuples(st.integers(0, 900), st.sampled_from(list(Answer))), max_size=12).map(sorted)
)
def test_the_next_review_is_always_after_the_last_and_the_same_for_the_same_history(
    answers: list[tuple[int, Answer]],
) -> None:
    events = [
        ReviewEvent("a", FINISHED + timedelta(days=d), a, seq) for seq, (d, a) in enumerate(answers)
    ]
    state = schedule({"a": FINISHED}, events)["a"]
    assert state.due > (state.last_reviewed or FINISHED)
    assert (state.due - (state.last_reviewed or FINISHED)).days <= MAX_INTERVAL_DAYS
    assert schedule({"a": FINISHED}, reversed(events)) == {"a": state}
