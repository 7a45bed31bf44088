"""Progress through the service: figures from the database equal those of the plain rules,
corrections of the history are recorded, and a target date is per profile."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from planner.core.progress import summarise
from planner.db import queries
from planner.errors import NotFoundError, UsageError
from planner.service import Planner

TODAY = date(2026, 3, 10)


@pytest.fixture
def planner(db_location: str) -> Iterator[Planner]:
    """The planner on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    p = Planner.open(db_location, today=lambda: TODAY)
    p.update_profile(role="ml-engineer", hours_per_week=10)
    yield p
    p.close()


def several_weeks(planner: Planner) -> None:
    """Five weeks of study around a new year would be nicer, but today is fixed: five weeks
    up to today, with entries made late (back-dated) and a mistake taken back."""
    for ago, skill, minutes in [
        (34, "python-basics", 90),
        (33, "python-basics", 60),
        (33, "python-basics", 30),  # a day with two sessions
        (27, "git", 45),
        (20, "numpy", 120),
        (13, "numpy", 60),
        (6, "pandas", 30),
        (1, "pandas", 45),
        (0, "pandas", 60),
    ]:
        planner.log_study(skill, minutes, TODAY - timedelta(days=ago))
    planner.set_status("python-basics", "done", TODAY - timedelta(days=30))
    planner.set_status("sql", "done", TODAY - timedelta(days=3))
    planner.set_status("sql", "todo", TODAY - timedelta(days=3))  # a mistake, taken back
    planner.set_status("git", "done", TODAY - timedelta(days=25))  # back-dated, entered late


def test_the_figures_from_the_database_equal_the_plain_rules(planner: Planner) -> None:
    several_weeks(planner)
    plan, fast = planner.progress()
    profile_id = planner.profile().id
    with planner.db.session() as s:
        events = queries.progress_events(s, profile_id)
        sessions = [(x.day, x.minutes) for x in queries.study_sessions(s, profile_id)]
    assert fast == summarise(plan, planner.graph(), events, sessions, TODAY)
    assert fast.hours_logged == 9
    assert fast.daily_minutes[1] == (TODAY - timedelta(days=33), 90)
    assert fast.streak_days == 2 and fast.longest_streak_days == 2
    assert fast.burnup[-1][1] == fast.hours_done
    # The last 28 days hold 45 + 120 + 60 + 30 + 45 + 60 minutes: 6 h in four weeks.
    assert fast.velocity == 1.5


def test_deleting_and_restoring_a_session_moves_the_figures(planner: Planner) -> None:
    logged, _ = planner.log_study("git", 120, TODAY)
    _, before = planner.progress()
    planner.delete_study_session(logged.id)
    _, deleted = planner.progress()
    assert (before.hours_logged, deleted.hours_logged) == (2, 0)
    assert deleted.forecast_finish is None
    assert planner.study_sessions() == []
    assert planner.study_session(logged.id).deleted
    planner.restore_study_session(logged.id)
    assert planner.progress()[1] == before
    kinds = [a.kind for a in planner.recent_activity()]
    assert kinds == ["restored", "deleted", "status", "logged"]


def test_a_session_is_corrected_within_the_rules(planner: Planner) -> None:
    logged, _ = planner.log_study("git", 45, TODAY - timedelta(days=1), "branches")
    edited = planner.edit_study_session(logged.id, minutes=90)
    assert (edited.minutes, edited.day, edited.note) == (90, TODAY - timedelta(days=1), "branches")
    edited = planner.edit_study_session(logged.id, day=TODAY - timedelta(days=2), note="")
    assert (edited.minutes, edited.day, edited.note) == (90, TODAY - timedelta(days=2), "")
    with pytest.raises(UsageError, match="in the future"):
        planner.edit_study_session(logged.id, day=TODAY + timedelta(days=1))
    with pytest.raises(UsageError, match="at least a minute"):
        planner.edit_study_session(logged.id, minutes=0)
    with pytest.raises(NotFoundError, match="no study session 999"):
        planner.edit_study_session(999, minutes=5)
    planner.delete_study_session(logged.id)
    with pytest.raises(UsageError, match="restore it first"):
        planner.edit_study_session(logged.id, minutes=5)
    with pytest.raises(NotFoundError):
        planner.delete_study_session(logged.id)
    with pytest.raises(NotFoundError, match="no deleted study session"):
        planner.restore_study_session(logged.id + 1)


def test_sessions_are_per_profile(planner: Planner) -> None:
    logged, _ = planner.log_study("git", 45)
    planner.create_profile("Sam")
    sam = Planner(planner.db, "Sam", today=lambda: TODAY)
    with pytest.raises(NotFoundError):
        sam.delete_study_session(logged.id)
    with pytest.raises(NotFoundError):
        sam.study_session(logged.id)
    assert sam.recent_activity() == []


def test_a_target_date_asks_for_hours_per_week(planner: Planner) -> None:
    plan, progress = planner.progress()
    assert progress.target_date is None
    change = planner.set_target_date(TODAY + timedelta(days=365))
    assert change.profile
    plan, progress = planner.progress()
    assert progress.target_date == TODAY + timedelta(days=365)
    needed = progress.hours_per_week_needed
    assert needed is not None
    assert needed == pytest.approx(plan.remaining_hours * 7 / 366)
    assert progress.target_fits is (needed <= 10)
    planner.update_profile(hours_per_week=6)  # other settings keep the target
    assert planner.profile().target_date == TODAY + timedelta(days=365)
    with pytest.raises(UsageError, match="already passed"):
        planner.set_target_date(TODAY - timedelta(days=1))
    planner.set_target_date(None)
    assert planner.progress()[1].target_date is None


def test_the_target_belongs_to_the_profile(planner: Planner) -> None:
    planner.set_target_date(TODAY + timedelta(days=100))
    planner.create_profile("Sam")
    assert Planner(planner.db, "Sam", today=lambda: TODAY).profile().target_date is None
