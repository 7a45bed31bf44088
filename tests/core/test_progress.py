"""Progress figures on constructed histories with known answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planner.core.domain import Library
from planner.core.forecast import NO_RECENT_STUDY, TOO_EARLY, TOO_SLOW
from planner.core.graph import build_graph, implied
from planner.core.plan import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, make_plan
from planner.core.progress import (
    burnup,
    hours_per_week_needed,
    iso_week,
    round_up,
    status_timeline,
    streaks,
    summarise,
    week_monday,
    weekly_hours,
)
from planner.core.status import SETTABLE, Status
from tests.core.libraries import libraries, small_library


def days(*pairs: tuple[int, int, int]) -> list[date]:
    return [date(*p) for p in pairs]


def test_streak_across_a_month_and_a_year_end() -> None:
    studied = days((2025, 12, 30), (2025, 12, 31), (2026, 1, 1), (2026, 1, 2))
    assert streaks(studied, today=date(2026, 1, 2)) == (4, 4)
    assert streaks(days((2026, 1, 31), (2026, 2, 1)), today=date(2026, 2, 1)) == (2, 2)


def test_the_current_streak_survives_until_the_day_is_over() -> None:
    studied = days((2026, 3, 1), (2026, 3, 2))
    assert streaks(studied, today=date(2026, 3, 3)) == (2, 2)  # not studied yet today
    assert streaks(studied, today=date(2026, 3, 4)) == (0, 2)  # a day was missed


def test_several_sessions_on_one_day_count_once() -> None:
    studied = days((2026, 3, 1), (2026, 3, 1), (2026, 3, 2))
    assert streaks(studied, today=date(2026, 3, 2)) == (2, 2)


def test_empty_history() -> None:
    assert streaks([], today=date(2026, 3, 2)) == (0, 0)
    assert weekly_hours([], today=date(2026, 3, 2)) == []


def test_iso_weeks_across_new_year() -> None:
    assert iso_week(date(2025, 12, 29)) == "2026-W01"
    assert iso_week(date(2027, 1, 1)) == "2026-W53"
    weeks = weekly_hours(
        [(date(2025, 12, 28), 60), (date(2025, 12, 29), 90), (date(2026, 1, 4), 30)],
        today=date(2026, 1, 6),
    )
    assert weeks == [("2025-W52", 1.0), ("2026-W01", 2.0), ("2026-W02", 0.0)]


def test_burnup_replays_back_dated_entries_where_they_belong() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    start = date(2026, 1, 5)
    plan = make_plan(
        lib, graph, "role", statuses={"git": Status.DONE, "pandas": Status.DONE}, start=start
    )
    events = [
        (date(2026, 1, 20), "pandas", Status.DONE),  # entered first
        (date(2026, 1, 10), "git", Status.DONE),  # back-dated, entered later
        (date(2026, 1, 20), "ml", Status.DONE),
        (date(2026, 1, 20), "ml", Status.TODO),  # a mistake, undone the same day
    ]
    sessions = [(date(2026, 1, 19), 120), (date(2026, 1, 20), 60)]
    progress = summarise(plan, graph, events, sessions, today=date(2026, 1, 20))
    # git is 4 h; pandas (5) implies numpy (5) and python (10).
    assert progress.burnup == ((date(2026, 1, 10), 4), (date(2026, 1, 20), 24))
    assert progress.hours_done == 24
    assert progress.skills_done == 4
    assert progress.hours_logged == 3
    assert progress.streak_days == 2
    # 11 days of history (from the first entry, 10 Jan): too early for a pace or a forecast.
    assert progress.forecast.state == TOO_EARLY
    assert (progress.forecast.more_days, progress.forecast.more_minutes) == (3, 0)
    assert progress.forecast_finish is None and progress.days_ahead is None
    assert progress.planned_finish == plan.finish


def test_a_skill_marked_done_then_undone_counts_nothing() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    plan = make_plan(lib, graph, "role", start=date(2026, 1, 5))
    events = [(date(2026, 1, 6), "web", Status.DONE), (date(2026, 1, 7), "web", Status.TODO)]
    progress = summarise(plan, graph, events, [], today=date(2026, 1, 8))
    assert progress.burnup == ((date(2026, 1, 6), 22), (date(2026, 1, 7), 0))
    assert progress.forecast_finish is None  # no study time yet: no pace to forecast from


# ---------------------------------------------------------------------------- more histories
def test_a_longest_streak_in_the_past_and_a_gap_since() -> None:
    studied = [date(2025, 12, 28) + timedelta(days=i) for i in range(7)]  # 28 Dec – 3 Jan
    studied += [date(2026, 1, 9), date(2026, 1, 10)]
    assert streaks(studied, today=date(2026, 1, 10)) == (2, 7)
    assert streaks(studied, today=date(2026, 1, 12)) == (0, 7)


def test_a_leap_day_joins_a_streak() -> None:
    studied = days((2028, 2, 28), (2028, 2, 29), (2028, 3, 1))
    assert streaks(studied, today=date(2028, 3, 1)) == (3, 3)


def test_iso_week_53_and_the_monday_of_a_week() -> None:
    weeks = weekly_hours([(date(2026, 12, 31), 120), (date(2027, 1, 4), 60)], date(2027, 1, 4))
    assert weeks == [("2026-W53", 2.0), ("2027-W01", 1.0)]
    assert week_monday("2026-W53") == date(2026, 12, 28)
    assert week_monday("2026-W01") == date(2025, 12, 29)  # ISO 2026 starts in December 2025
    for day in (date(2024, 12, 30), date(2027, 1, 3), date(2026, 6, 15)):
        assert week_monday(iso_week(day)) == day - timedelta(days=day.weekday())


def test_a_day_with_several_sessions() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    plan = make_plan(lib, graph, "role", start=date(2026, 1, 5))
    sessions = [(date(2026, 1, 6), 30), (date(2026, 1, 6), 45), (date(2026, 1, 6), 15)]
    progress = summarise(plan, graph, [], sessions, today=date(2026, 1, 6))
    assert progress.daily_minutes == ((date(2026, 1, 6), 90),)
    assert progress.hours_logged == 1.5
    assert progress.weekly_hours == (("2026-W02", 1.5),)
    assert (progress.streak_days, progress.longest_streak_days) == (1, 1)


def test_an_empty_history_gives_zeros_and_no_forecast() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    plan = make_plan(lib, graph, "role", start=date(2026, 1, 5))
    progress = summarise(plan, graph, [], [], today=date(2026, 1, 5))
    assert progress.burnup == ()
    assert progress.weekly_hours == ()
    assert progress.daily_minutes == ()
    assert (progress.hours_done, progress.hours_logged, progress.velocity) == (0, 0, 0)
    assert (progress.streak_days, progress.longest_streak_days) == (0, 0)
    assert progress.forecast_finish is None
    assert progress.days_ahead is None
    assert progress.percent_done_hours == progress.percent_done_skills == 0
    assert progress.planned_finish == plan.finish
    assert progress.as_of == date(2026, 1, 5)


def test_a_later_entry_restates_the_status_from_its_day_on() -> None:
    """A back-dated entry lands on its day; entered after a later-dated one, it also overrides
    that one from its day on, so the history ends where the current status is."""
    events = [
        (date(2026, 1, 20), "ml", Status.DONE),
        (date(2026, 1, 25), "ml", Status.TODO),  # undone
        (date(2026, 1, 10), "ml", Status.IN_PROGRESS),  # back-dated start, entered last
        (date(2026, 1, 12), "web", Status.DONE),
        (date(2026, 1, 12), "web", Status.SKIPPED),  # the same day: the day keeps its last entry
        (date(2026, 1, 3), "git", Status.TODO),  # todo from the start: no change at all
    ]
    assert status_timeline(events) == [
        (date(2026, 1, 10), "ml", "in-progress"),
        (date(2026, 1, 12), "web", "skipped"),
    ]


def test_back_dated_entries_end_the_burnup_at_the_current_status() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    events = [
        (date(2026, 1, 20), "web", Status.DONE),
        (date(2026, 1, 25), "web", Status.TODO),
        (date(2026, 1, 15), "web", Status.DONE),  # back-dated, entered last: web is done now
    ]
    current = {"web": Status.DONE}  # what the database's current state says (the last entry)
    plan = make_plan(lib, graph, "role", statuses=current, start=date(2026, 1, 26))
    progress = summarise(plan, graph, events, [], today=date(2026, 1, 26))
    # web (8) implies python (10) and git (4).
    assert progress.burnup == ((date(2026, 1, 15), 22),)
    assert progress.burnup[-1][1] == progress.hours_done


def test_an_in_progress_prerequisite_is_not_implied_in_the_burnup() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    plan = make_plan(lib, graph, "role", start=date(2026, 1, 5))
    events = [
        (date(2026, 1, 6), "python", Status.IN_PROGRESS),
        (date(2026, 1, 7), "web", Status.DONE),  # implies git, not python (its own status)
        (date(2026, 1, 8), "python", Status.TODO),  # now python is implied by web
    ]
    progress = summarise(plan, graph, events, [], today=date(2026, 1, 8))
    assert progress.burnup == (
        (date(2026, 1, 6), 0),
        (date(2026, 1, 7), 12),
        (date(2026, 1, 8), 22),
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_fast_burnup_equals_a_plain_replay(data: st.DataObject) -> None:
    lib = data.draw(libraries(max_skills=14))
    graph = build_graph(lib.skills)
    ids = sorted(lib.skills)
    events = data.draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=9).map(lambda d: date(2026, 1, 1 + d)),
                st.sampled_from(ids),
                st.sampled_from(SETTABLE),
            ),
            max_size=25,
        )
    )
    plan = make_plan(lib, graph, "role", start=date(2026, 1, 1))
    fast = burnup(plan, graph, events)
    # The plain way: for each day, the status of each skill is its latest entry (in the order
    # entered) for that day or before; known = finished + implied.
    hours = {s.skill.id: s.skill.hours for s in plan.steps}
    expected = []
    for day in sorted({d for d, _, _ in status_timeline(events)}):
        status: dict[str, Status] = {}
        for d, skill, st_ in events:
            if d <= day:
                status[skill] = st_
        known = {s for s, st_ in status.items() if st_ in ("done", "skipped")}
        known |= set(implied(graph, status))
        expected.append((day, sum(h for s, h in hours.items() if s in known)))
    assert [d for d, _ in fast] == [d for d, _ in expected]
    assert [h for _, h in fast] == pytest.approx([h for _, h in expected])


def test_velocity_counts_the_last_28_days_exactly() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    plan = make_plan(lib, graph, "role", start=date(2026, 3, 1))
    today = date(2026, 3, 28)
    inside = [(date(2026, 3, 1), 120), (today, 120)]  # the first and the last day of the window
    outside = [(date(2026, 2, 28), 600)]
    progress = summarise(plan, graph, [], inside + outside, today=today)
    assert progress.velocity == 1.0  # 4 h in four weeks


def weekly(today: date, hours: float, weeks: int = 4) -> list[tuple[date, int]]:
    """A session a week for `weeks` weeks, the first one (weeks * 7 - 1) days before today."""
    first = today - timedelta(days=weeks * 7 - 1)
    return [(first + timedelta(days=7 * i), round(hours * 60)) for i in range(weeks)]


def test_the_forecast_moves_with_the_pace() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    today = date(2026, 3, 28)
    plan = make_plan(lib, graph, "role", start=today, hours_per_week=10)
    slow = summarise(plan, graph, [], weekly(today, 5), today=today)
    fast = summarise(plan, graph, [], weekly(today, 20), today=today)
    assert slow.velocity == 5 and fast.velocity == 20
    # 82 h at 5 h/week: 114.8 days; at 20 h/week: 28.7 days.
    assert slow.forecast_finish == today + timedelta(days=115)
    assert fast.forecast_finish == today + timedelta(days=29)
    assert slow.days_ahead is not None and fast.days_ahead is not None
    assert slow.days_ahead < 0 < fast.days_ahead


def test_a_pace_too_slow_to_end_gives_no_forecast_date() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    today = date(2026, 3, 28)
    plan = make_plan(lib, graph, "role", start=today)
    # Enough history, but a minute in the last four weeks: 82 h would take centuries.
    sessions = [(today - timedelta(days=60), 180), (today, 1)]
    progress = summarise(plan, graph, [], sessions, today=today)
    assert progress.velocity > 0
    assert progress.forecast.state == TOO_SLOW
    assert progress.forecast_finish is None and progress.days_ahead is None


def test_no_study_in_the_last_four_weeks_gives_no_forecast() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    today = date(2026, 3, 28)
    plan = make_plan(lib, graph, "role", start=today)
    progress = summarise(plan, graph, [], [(today - timedelta(days=60), 600)], today=today)
    assert progress.forecast.state == NO_RECENT_STUDY
    assert (progress.velocity, progress.forecast_finish) == (0, None)


def test_the_hours_a_target_needs() -> None:
    assert hours_per_week_needed(70, date(2026, 1, 5), date(2026, 2, 1)) == 70 * 7 / 28
    assert hours_per_week_needed(0, date(2026, 1, 5), date(2025, 1, 1)) == 0
    assert hours_per_week_needed(10, date(2026, 1, 5), date(2026, 1, 4)) is None
    assert round_up(2.01) == 2.1
    assert round_up(2.0) == 2.0


@settings(max_examples=40, deadline=None)
@given(
    remaining_days=st.integers(min_value=1, max_value=400),
    library=libraries(max_skills=12),
)
def test_a_plan_at_the_needed_pace_finishes_by_the_target(
    remaining_days: int, library: Library
) -> None:
    graph = build_graph(library.skills)
    start = date(2026, 1, 5)
    target = start + timedelta(days=remaining_days - 1)
    plan = make_plan(library, graph, "role", start=start)
    needed = hours_per_week_needed(plan.remaining_hours, start, target)
    assert needed is not None
    assume(MIN_HOURS_PER_WEEK <= round_up(needed) <= MAX_HOURS_PER_WEEK)
    at_pace = make_plan(library, graph, "role", start=start, hours_per_week=round_up(needed))
    assert at_pace.finish is not None and at_pace.finish <= target


def test_target_figures_in_the_summary() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    start = date(2026, 1, 5)
    plan = make_plan(lib, graph, "role", start=start, hours_per_week=10)  # 82 h: 58 days
    assert plan.finish == date(2026, 3, 3)
    late = summarise(plan, graph, [], [], today=start, target=date(2026, 3, 31))
    assert late.target_fits and late.target_possible
    assert late.hours_per_week_needed == pytest.approx(82 * 7 / 86)
    soon = summarise(plan, graph, [], [], today=start, target=date(2026, 2, 1))
    assert soon.target_fits is False and soon.target_possible
    assert soon.hours_per_week_needed == pytest.approx(82 * 7 / 28)
    tomorrow = summarise(plan, graph, [], [], today=start, target=date(2026, 1, 6))
    assert tomorrow.target_possible is False  # 287 h a week
    none = summarise(plan, graph, [], [], today=start)
    assert none.target_fits is None and none.hours_per_week_needed is None
