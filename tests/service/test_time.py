"""The study timer and personal goals through the service: stored in the database, so they
outlive the Planner that made them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from planner.core.domain import Skill
from planner.core.edit import delete_skill_change
from planner.errors import NotFoundError, UsageError
from planner.service import Planner

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def open_planner(path: Path | str) -> Planner:
    planner = Planner.open(path, today=lambda: TODAY)
    planner.now = lambda: NOW
    return planner


@pytest.fixture
def db(db_location: str) -> str:
    """A database (on each engine in turn) whose learner aims at ml-engineer."""
    path = db_location
    planner = open_planner(path)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.close()
    return path


@pytest.fixture
def planner(db: str) -> Iterator[Planner]:
    p = open_planner(db)
    yield p
    p.close()


def test_a_timer_survives_closing_and_logs_its_minutes_when_stopped(db: str) -> None:
    first = open_planner(db)
    first.timer.start("clustering", NOW - timedelta(minutes=47, seconds=30))
    first.close()

    again = open_planner(db)
    try:
        running = again.timer.running()
        assert running is not None and running.skill == "clustering"
        assert again.timer.minutes(running) == 47
        stopped = again.timer.stop().value
        assert stopped is not None
        logged, started = stopped.session, stopped.started
        assert logged is not None and (logged.skill, logged.minutes) == ("clustering", 47)
        assert started is not None and started.status == "in-progress"
        assert again.timer.running() is None
        assert again.progress.minutes_studied("clustering") == 47
    finally:
        again.close()


def test_one_timer_at_a_time(planner: Planner) -> None:
    planner.timer.start("git")
    with pytest.raises(UsageError, match="already running on 'Git"):
        planner.timer.start("numpy")
    assert planner.timer.running() is not None and planner.timer.running().skill == "git"  # type: ignore[union-attr]


def test_stopping_under_a_minute_logs_nothing(planner: Planner) -> None:
    planner.timer.start("git", NOW - timedelta(seconds=40))
    assert planner.timer.stop().value is None
    assert planner.timer.running() is None
    assert planner.progress.study_sessions() == []


def test_a_timer_forgotten_for_a_day_is_not_logged_but_can_be_cancelled(planner: Planner) -> None:
    planner.timer.start("git", NOW - timedelta(hours=30))
    with pytest.raises(UsageError, match="more than 24 hours"):
        planner.timer.stop()
    assert planner.timer.running() is not None  # still there to be cancelled
    assert planner.timer.cancel().value.skill == "git"
    assert planner.timer.running() is None and planner.progress.study_sessions() == []


def test_stop_or_cancel_without_a_timer_says_so(planner: Planner) -> None:
    with pytest.raises(UsageError, match="no timer is running"):
        planner.timer.stop()
    with pytest.raises(UsageError, match="no timer is running"):
        planner.timer.cancel()
    with pytest.raises(NotFoundError, match="unknown skill"):
        planner.timer.start("no-such-skill")


def test_a_personal_goal_brings_the_skill_and_what_it_needs_into_the_plan(
    planner: Planner,
) -> None:
    before = {s.skill.id for s in planner.planning.plan().steps}
    assert "rust" not in before
    planner.progress.add_personal_goal("rust")
    steps = {s.skill.id: s for s in planner.planning.plan().steps}
    assert steps["rust"].goal
    needed = planner.graph().hard_preds["rust"]
    assert set(needed) <= set(steps)
    assert planner.progress.personal_goals() == ["rust"]
    with pytest.raises(UsageError, match="one of your goals already"):
        planner.progress.add_personal_goal("rust")
    planner.progress.remove_personal_goal("rust")
    assert {s.skill.id for s in planner.planning.plan().steps} == before
    with pytest.raises(NotFoundError, match="not one of your goals"):
        planner.progress.remove_personal_goal("rust")


def test_a_skill_the_learner_added_can_be_a_goal(planner: Planner) -> None:
    own = Skill(
        id="my-kaggle", name="My Kaggle entry", area="Practice", hours=12, requires=("pandas",)
    )
    planner.editing.add_skill(own)
    planner.progress.add_personal_goal("my-kaggle")
    ids = [s.skill.id for s in planner.planning.plan().steps]
    assert "my-kaggle" in ids and ids.index("pandas") < ids.index("my-kaggle")
    data = planner.planning.export_data()
    assert data.personal_goals == {"my-kaggle"}


def test_personal_goals_belong_to_one_profile(planner: Planner) -> None:
    planner.progress.add_personal_goal("rust")
    planner.profiles.create("sam")
    planner.profiles.use("sam")
    assert planner.progress.personal_goals() == []


def test_a_timer_on_a_skill_deleted_since_is_gone_and_blocks_nothing(planner: Planner) -> None:
    own = Skill(id="my-kaggle", name="My Kaggle entry", area="Practice", hours=12)
    planner.editing.add_skill(own)
    planner.timer.start("my-kaggle")
    planner.progress.add_personal_goal("my-kaggle")
    planner.editing.edit(delete_skill_change(planner.library(), "my-kaggle"))
    assert planner.timer.running() is None
    assert planner.progress.personal_goals() == []
    planner.timer.start("git")
    assert planner.timer.running() is not None
