"""The same data on SQLite and on PostgreSQL gives the same answers: the plan, every progress
figure, the history and what an export holds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.service import Planner

TODAY = date(2026, 3, 10)


def _learn(planner: Planner) -> None:
    """A few weeks of a learner: settings, statuses, sessions (one corrected, one deleted),
    a note, a personal goal, and a skill of their own added to the library."""
    from planner.core.domain import Skill

    planner.profiles.update(role="ml-engineer", hours_per_week=8, start=date(2026, 1, 5))
    for n, skill in enumerate(["python-basics", "git", "numpy", "linear-algebra", "pandas"]):
        planner.progress.set_status(
            skill, "done" if n % 2 == 0 else "in-progress", TODAY - timedelta(n * 5)
        )
    planner.progress.set_status("git", "skipped", TODAY - timedelta(1))
    logged = [
        planner.progress.log_study(skill, 30 + 15 * n, TODAY - timedelta(days=n)).session
        for n, skill in enumerate(["pandas", "calculus", "statistics", "pandas", "sql"])
    ]
    planner.progress.edit_study_session(
        logged[0].id, day=TODAY - timedelta(days=2), minutes=50, note="corrected"
    )
    planner.progress.delete_study_session(logged[1].id)
    planner.progress.set_note("pandas", "groupby, then merge — ünïcode too")
    own = Skill(id="my-project", name="My project", area="Practice", hours=12, requires=("pandas",))
    planner.editing.add_skill(own)
    planner.progress.add_personal_goal("my-project")
    planner.progress.set_status("my-project", "in-progress", TODAY)


@pytest.fixture
def both(tmp_path: Path, pg_planner_url: str) -> Iterator[tuple[Planner, Planner]]:
    lite = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    server = Planner.open(pg_planner_url, today=lambda: TODAY)
    try:
        yield lite, server
    finally:
        lite.close()
        server.close()


def test_a_plan_on_postgresql_equals_the_plan_on_sqlite(both: tuple[Planner, Planner]) -> None:
    lite, server = both
    assert lite.planning.plan("ml-engineer") == server.planning.plan(
        "ml-engineer"
    )  # before any progress
    for planner in both:
        _learn(planner)
    assert lite.library() == server.library()
    assert lite.progress.statuses() == server.progress.statuses()
    assert lite.planning.plan() == server.planning.plan()
    assert lite.planning.plan("ai-engineer", strategy="goal-by-goal") == server.planning.plan(
        "ai-engineer", strategy="goal-by-goal"
    )
    assert lite.planning.progress() == server.planning.progress()
    assert lite.progress.study_sessions() == server.progress.study_sessions()
    assert lite.progress.personal_goals() == server.progress.personal_goals()
    assert lite.progress.note("pandas") == server.progress.note("pandas")
    assert lite.planning.compare("ml-engineer", "ai-engineer") == server.planning.compare(
        "ml-engineer", "ai-engineer"
    )

    def without_times(planner: Planner) -> list[object]:
        # recorded_at is the clock's, and ids may differ in step: compare what was entered
        return [
            (a.kind, a.skill, a.day, a.status, a.previous, a.minutes, a.note)
            for a in planner.progress.recent_activity()
        ]

    assert without_times(lite) == without_times(server)
    lite_export, server_export = lite.planning.export_data(), server.planning.export_data()
    assert lite_export.plan == server_export.plan
    assert lite_export.progress == server_export.progress
