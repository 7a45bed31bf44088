"""The forecast speaks only with evidence: two weeks of history and a few hours logged, a pace
measured from the later of the start and the first activity, and never a date decades away."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planner.core.forecast import (
    FORECAST,
    FORECAST_HORIZON_DAYS,
    MIN_HISTORY_DAYS,
    MIN_MINUTES_LOGGED,
    NO_RECENT_STUDY,
    TOO_EARLY,
    TOO_SLOW,
    Forecast,
    first_activity,
    forecast_card,
    forecast_words,
    make_forecast,
    velocity_words,
)

TODAY = date(2026, 12, 3)  # a Thursday


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def forecast(
    remaining: float,
    sessions: list[tuple[date, int]],
    *,
    start: date | None = None,
    status_days: tuple[date, ...] = (),
) -> Forecast:
    """The forecast from sessions (any order) and the days statuses changed."""
    minutes: dict[date, int] = {}
    for day, mins in sessions:
        minutes[day] = minutes.get(day, 0) + mins
    daily = sorted(minutes.items())
    first = first_activity(daily, sorted(status_days))
    return make_forecast(remaining, daily, first, start, TODAY)


# ---------------------------------------------------------------------------- known answers
def test_ninety_minutes_before_the_chosen_start_forecast_nothing() -> None:
    # The learner of issue 14: 955 h at 12 h/week from next Monday, 90 minutes logged today.
    f = forecast(955, [(TODAY, 90)], start=date(2026, 12, 7))
    assert f.state == TOO_EARLY and f.finish is None and f.velocity is None
    assert f.since == date(2026, 12, 7) and f.before_start
    assert f.minutes_logged == 0  # study before the start is not the pace of the plan
    assert forecast_words(f) == (
        "too early to tell — 14 days and 3 h of study from your start on 2026-12-07"
    )


def test_the_pace_counts_from_the_first_activity_when_the_start_is_earlier() -> None:
    # Chose to start 40 days ago, first studied 15 days ago: 16 days of history, 8 h in them.
    f = forecast(100, [(ago(15), 300), (ago(2), 180)], start=ago(40))
    assert f.since == ago(15) and f.pace_days == 16
    assert f.velocity == pytest.approx(3.5)
    assert f.state == FORECAST and f.finish == TODAY + timedelta(days=200)  # 100 h at 3.5 h/week
    assert velocity_words(f) == "3.5 h/week over the last 16 days"
    slow = forecast(100, [(ago(27), 200)])
    assert velocity_words(slow) == "50 min/week over the last 4 weeks"


def test_the_pace_counts_from_the_start_when_the_first_activity_is_earlier() -> None:
    f = forecast(100, [(ago(40), 600), (ago(10), 240)], start=ago(20))
    assert f.since == ago(20) and f.minutes_logged == 240 and f.pace_days == 21
    assert f.velocity == pytest.approx(4 / 3)


def test_a_status_change_is_activity_too() -> None:
    # Marked a skill done three weeks ago, then studied: the history is three weeks long.
    f = forecast(50, [(ago(3), 240)], status_days=(ago(20),))
    assert f.since == ago(20) and f.pace_days == 21 and f.state == FORECAST


def test_the_thresholds_exactly() -> None:
    short = forecast(100, [(ago(MIN_HISTORY_DAYS - 2), 600)])
    assert (short.state, short.more_days, short.more_minutes) == (TOO_EARLY, 1, 0)
    assert forecast_words(short) == "too early to tell — 1 more day of study"
    thin = forecast(100, [(ago(MIN_HISTORY_DAYS - 1), MIN_MINUTES_LOGGED - 30)])
    assert (thin.state, thin.more_days, thin.more_minutes) == (TOO_EARLY, 0, 30)
    assert forecast_words(thin) == "too early to tell — 0.5 h more of study"
    both = forecast(100, [(ago(4), 90)])
    assert forecast_words(both) == "too early to tell — 9 more days and 1.5 h more of study"
    enough = forecast(100, [(ago(MIN_HISTORY_DAYS - 1), MIN_MINUTES_LOGGED)])
    assert enough.state == FORECAST and enough.pace_days == MIN_HISTORY_DAYS
    assert enough.velocity == 1.5


def test_nothing_logged_at_all_is_too_early() -> None:
    f = forecast(100, [])
    assert f.state == TOO_EARLY and f.since is None
    assert (f.more_days, f.more_minutes) == (MIN_HISTORY_DAYS, MIN_MINUTES_LOGGED)
    assert forecast_card(f) == ("Too early to tell", "14 more days and 3 h more of study")


def test_a_pace_that_would_take_decades_gives_no_date() -> None:
    # Four hours a year ago, a quarter of an hour in the last four weeks: 955 h would take
    # centuries.
    f = forecast(955, [(ago(400), 240), (ago(390), 10), (ago(3), 15)])
    assert f.state == TOO_SLOW and f.finish is None
    assert forecast_card(f) == ("Over 10 years", "at 4 min/week")
    stopped = forecast(955, [(ago(400), 240), (ago(390), 10)])
    assert stopped.state == NO_RECENT_STUDY and stopped.velocity == 0
    assert forecast_card(stopped) == ("No recent study", "nothing logged in the last 4 weeks")


def test_a_finished_plan_keeps_its_pace() -> None:
    f = forecast(0, [(ago(20), 600)])
    assert f.state == "finished" and f.finish is None and f.velocity == pytest.approx(600 / 60 / 3)


# ---------------------------------------------------------------------------- properties
days_ago = st.integers(min_value=0, max_value=120)
sessions_st = st.lists(
    st.tuples(days_ago, st.integers(min_value=1, max_value=24 * 60)), max_size=30
)
start_st = st.none() | st.integers(min_value=-30, max_value=120)  # negative: still ahead
remaining_st = st.floats(min_value=0.5, max_value=5000, allow_nan=False)


def _make(
    remaining: float, sessions: list[tuple[int, int]], start: int | None, status: int | None
) -> Forecast:
    return forecast(
        remaining,
        [(ago(d), m) for d, m in sessions],
        start=ago(start) if start is not None else None,
        status_days=(ago(status),) if status is not None else (),
    )


@settings(max_examples=300, deadline=None)
@given(remaining_st, sessions_st, start_st, st.none() | days_ago)
def test_a_forecast_is_never_decades_away(
    remaining: float, sessions: list[tuple[int, int]], start: int | None, status: int | None
) -> None:
    f = _make(remaining, sessions, start, status)
    if f.finish is not None:
        assert TODAY < f.finish <= TODAY + timedelta(days=FORECAST_HORIZON_DAYS)
        assert (f.finish - TODAY).days < 11 * 366
    assert (f.finish is not None) == (f.state == FORECAST)


@settings(max_examples=300, deadline=None)
@given(remaining_st, sessions_st, start_st, st.none() | days_ago)
def test_no_forecast_and_no_pace_before_the_evidence_is_there(
    remaining: float, sessions: list[tuple[int, int]], start: int | None, status: int | None
) -> None:
    f = _make(remaining, sessions, start, status)
    activity = [d for d, _ in sessions] + ([status] if status is not None else [])
    short_history = not activity or max(activity) < MIN_HISTORY_DAYS - 1
    late_start = start is not None and start < MIN_HISTORY_DAYS - 1
    too_little = sum(m for _, m in sessions) < MIN_MINUTES_LOGGED
    if short_history or late_start or too_little:
        assert f.state == TOO_EARLY and f.finish is None and f.velocity is None
        assert f.more_days or f.more_minutes
        assert forecast_words(f).startswith("too early to tell — ")


@settings(max_examples=300, deadline=None)
@given(
    remaining_st,
    sessions_st,
    start_st,
    st.none() | days_ago,
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=1, max_value=24 * 60),
)
def test_more_study_never_moves_the_forecast_later(
    remaining: float,
    sessions: list[tuple[int, int]],
    start: int | None,
    status: int | None,
    extra_day: int,
    extra_minutes: int,
) -> None:
    before = _make(remaining, sessions, start, status)
    # All else equal: the extra study falls within the history already counted (a session
    # before it would lengthen the history, which may honestly slow the pace).
    assume(before.since is not None and before.since <= TODAY)
    assert before.since is not None
    extra_day %= (TODAY - before.since).days + 1
    after = _make(remaining, [*sessions, (extra_day, extra_minutes)], start, status)
    assert after.since == before.since
    assert after.minutes_logged > before.minutes_logged
    if before.enough_evidence:
        assert after.enough_evidence
    if before.finish is not None:
        assert after.finish is not None and after.finish <= before.finish
    if before.state == TOO_SLOW:
        assert after.state in (TOO_SLOW, FORECAST)
    if before.velocity is not None:
        assert after.velocity is not None and after.velocity >= before.velocity
