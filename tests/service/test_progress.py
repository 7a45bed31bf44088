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
    p.profiles.update(role="ml-engineer", hours_per_week=10)
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
        planner.progress.log_study(skill, minutes, TODAY - timedelta(days=ago))
    planner.progress.set_status("python-basics", "done", TODAY - timedelta(days=30))
    planner.progress.set_status("sql", "done", TODAY - timedelta(days=3))
    planner.progress.set_status("sql", "todo", TODAY - timedelta(days=3))  # a mistake, taken back
    planner.progress.set_status(
        "git", "done", TODAY - timedelta(days=25)
    )  # back-dated, entered late


def test_the_figures_from_the_database_equal_the_plain_rules(planner: Planner) -> None:
    several_weeks(planner)
    plan, fast = planner.planning.progress()
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
    logged = planner.progress.log_study("git", 120, TODAY).session
    _, before = planner.planning.progress()
    planner.progress.delete_study_session(logged.id)
    _, deleted = planner.planning.progress()
    assert (before.hours_logged, deleted.hours_logged) == (2, 0)
    assert deleted.forecast_finish is None
    assert planner.progress.study_sessions() == []
    assert planner.progress.study_session(logged.id).deleted
    planner.progress.restore_study_session(logged.id)
    assert planner.planning.progress()[1] == before
    kinds = [a.kind for a in planner.progress.recent_activity()]
    assert kinds == ["restored", "deleted", "status", "logged"]


def test_a_session_is_corrected_within_the_rules(planner: Planner) -> None:
    logged = planner.progress.log_study("git", 45, TODAY - timedelta(days=1), "branches").session
    edited = planner.progress.edit_study_session(logged.id, minutes=90).value
    assert (edited.minutes, edited.day, edited.note) == (90, TODAY - timedelta(days=1), "branches")
    edited = planner.progress.edit_study_session(
        logged.id, day=TODAY - timedelta(days=2), note=""
    ).value
    assert (edited.minutes, edited.day, edited.note) == (90, TODAY - timedelta(days=2), "")
    with pytest.raises(UsageError, match="in the future"):
        planner.progress.edit_study_session(logged.id, day=TODAY + timedelta(days=1))
    with pytest.raises(UsageError, match="at least a minute"):
        planner.progress.edit_study_session(logged.id, minutes=0)
    with pytest.raises(NotFoundError, match="no study session 999"):
        planner.progress.edit_study_session(999, minutes=5)
    planner.progress.delete_study_session(logged.id)
    with pytest.raises(UsageError, match="restore it first"):
        planner.progress.edit_study_session(logged.id, minutes=5)
    with pytest.raises(NotFoundError):
        planner.progress.delete_study_session(logged.id)
    with pytest.raises(NotFoundError, match="no deleted study session"):
        planner.progress.restore_study_session(logged.id + 1)


def test_sessions_are_per_profile(planner: Planner) -> None:
    logged = planner.progress.log_study("git", 45).session
    planner.profiles.create("Sam")
    sam = Planner(planner.db, "Sam", today=lambda: TODAY)
    with pytest.raises(NotFoundError):
        sam.progress.delete_study_session(logged.id)
    with pytest.raises(NotFoundError):
        sam.progress.study_session(logged.id)
    assert sam.progress.recent_activity() == []


def test_a_target_date_asks_for_hours_per_week(planner: Planner) -> None:
    plan, progress = planner.planning.progress()
    assert progress.target_date is None
    change = planner.profiles.set_target_date(TODAY + timedelta(days=365))
    assert change.profile
    plan, progress = planner.planning.progress()
    assert progress.target_date == TODAY + timedelta(days=365)
    needed = progress.hours_per_week_needed
    assert needed is not None
    assert needed == pytest.approx(plan.remaining_hours * 7 / 366)
    assert progress.target_fits is (needed <= 10)
    planner.profiles.update(hours_per_week=6)  # other settings keep the target
    assert planner.profile().target_date == TODAY + timedelta(days=365)
    with pytest.raises(UsageError, match="already passed"):
        planner.profiles.set_target_date(TODAY - timedelta(days=1))
    planner.profiles.set_target_date(None)
    assert planner.planning.progress()[1].target_date is None


def test_the_target_belongs_to_the_profile(planner: Planner) -> None:
    planner.profiles.set_target_date(TODAY + timedelta(days=100))
    planner.profiles.create("Sam")
    assert Planner(planner.db, "Sam", today=lambda: TODAY).profile().target_date is None
