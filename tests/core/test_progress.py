"""Progress figures on constructed histories with known answers."""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.graph import build_graph
from planner.core.plan import make_plan
from planner.core.progress import iso_week, streaks, summarise, weekly_hours
from tests.core.libraries import small_library


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
    plan = make_plan(lib, graph, "role", statuses={"git": "done", "pandas": "done"}, start=start)
    events = [
        (date(2026, 1, 20), "pandas", "done"),  # entered first
        (date(2026, 1, 10), "git", "done"),  # back-dated, entered later
        (date(2026, 1, 20), "ml", "done"),
        (date(2026, 1, 20), "ml", "todo"),  # a mistake, undone the same day
    ]
    sessions = [(date(2026, 1, 19), 120), (date(2026, 1, 20), 60)]
    progress = summarise(plan, graph, events, sessions, today=date(2026, 1, 20))
    # git is 4 h; pandas (5) implies numpy (5) and python (10).
    assert progress.burnup == ((date(2026, 1, 10), 4), (date(2026, 1, 20), 24))
    assert progress.hours_done == 24
    assert progress.skills_done == 4
    assert progress.hours_logged == 3
    assert progress.streak_days == 2
    # 3 h in the last four weeks: 0.75 h a week, so 58 h remaining take 542 days.
    assert progress.velocity == 0.75
    assert progress.forecast_finish == date(2026, 1, 20) + timedelta(days=542)
    assert progress.planned_finish == plan.finish


def test_a_skill_marked_done_then_undone_counts_nothing() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    plan = make_plan(lib, graph, "role", start=date(2026, 1, 5))
    events = [(date(2026, 1, 6), "web", "done"), (date(2026, 1, 7), "web", "todo")]
    progress = summarise(plan, graph, events, [], today=date(2026, 1, 8))
    assert progress.burnup == ((date(2026, 1, 6), 22), (date(2026, 1, 7), 0))
    assert progress.forecast_finish is None  # no study time yet: no pace to forecast from
