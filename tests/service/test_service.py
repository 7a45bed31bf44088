"""The use cases on a real database file: built-in roadmaps on first use, imports that keep
the learner's history, progress recorded per profile."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.errors import NotFoundError, RoadmapError, UsageError
from planner.service import Planner

TODAY = date(2026, 3, 10)


@pytest.fixture
def planner(db_location: str) -> Iterator[Planner]:
    """The planner on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    p = Planner.open(db_location, today=lambda: TODAY)
    yield p
    p.close()


def fresh(planner: Planner) -> Planner:
    """Another planner on the same database: reads what is stored, not a cache."""
    return Planner(planner.db, planner.profile_name, today=lambda: TODAY)


def test_a_new_database_holds_the_builtin_roadmaps(planner: Planner) -> None:
    library = planner.library()
    assert set(library.roles) == {"ai-engineer", "ml-engineer"}
    assert len(library.skills) >= 100
    assert library.skills["backpropagation"].requires  # edges survive the round trip
    assert library.skills["python-basics"].resources[0].url.startswith("https://")
    assert planner.profile().name == "default"


def test_the_library_read_back_from_sqlite_equals_the_files(planner: Planner) -> None:
    from planner.core.domain import Library
    from planner.fileformat.load import load_files
    from planner.paths import builtin_roadmap_files

    files = Library.from_files(load_files(builtin_roadmap_files()))
    stored = planner.library()
    assert dict(stored.skills) == dict(files.skills)
    assert dict(stored.roles) == dict(files.roles)


def test_the_default_location_is_the_user_data_directory(tmp_path: Path) -> None:
    p = Planner.open()  # conftest points XDG_DATA_HOME at a temporary folder
    try:
        assert p.db.file().name == "planner.sqlite3"
        assert p.db.file().is_relative_to(tmp_path.parent.parent)
        assert "roadmap-planner" in p.db.file().parts
    finally:
        p.close()


def test_status_done_implies_prerequisites_and_shortens_the_plan(planner: Planner) -> None:
    before = planner.planning.plan("ml-engineer", hours_per_week=10, start=date(2026, 1, 5))
    planner.progress.set_status("backpropagation", "done")
    after = planner.planning.plan("ml-engineer", hours_per_week=10, start=date(2026, 1, 5))
    steps = {s.skill.id: s for s in after.steps}
    implied = [s for s in after.steps if s.status == "implied"]
    assert {s.skill.id for s in implied} >= {"calculus", "linear-algebra", "python-basics"}
    assert all(s.implied_by == "backpropagation" for s in implied)
    expected = steps["backpropagation"].skill.hours + sum(s.skill.hours for s in implied)
    assert before.remaining_hours - after.remaining_hours == expected
    assert after.finish is not None
    assert before.finish is not None
    assert after.finish < before.finish


def test_progress_is_per_profile(planner: Planner, tmp_path: Path) -> None:
    planner.progress.set_status("git", "done")
    with planner.db.session() as session:
        from planner.db import queries

        queries.create_profile(session, "sam")
    sam = Planner(planner.db, "sam", today=lambda: TODAY)
    assert sam.progress.statuses() == {}
    assert planner.progress.statuses() == {"git": "done"}


def test_bad_input_is_refused_and_changes_nothing(planner: Planner) -> None:
    with pytest.raises(NotFoundError, match="unknown skill 'gti' \\(did you mean 'git'\\?\\)"):
        planner.progress.set_status("gti", "done")
    with pytest.raises(UsageError, match="in the future"):
        planner.progress.set_status("git", "done", date(2026, 3, 11))
    with pytest.raises(UsageError, match="unknown status"):
        planner.progress.set_status("git", "finished")
    with pytest.raises(NotFoundError, match="unknown role"):
        planner.planning.plan("data-scientist")
    assert planner.progress.statuses() == {}
    assert planner.progress.study_sessions() == []


def test_logging_time_starts_a_skill(planner: Planner) -> None:
    log = planner.progress.log_study("pytorch", 90, date(2026, 3, 1), "tensors")
    logged, started = log.session, log.started
    assert (logged.minutes, logged.day, logged.note) == (90, date(2026, 3, 1), "tensors")
    assert started is not None
    assert planner.progress.statuses() == {"pytorch": "in-progress"}
    again = planner.progress.log_study("pytorch", 30).started
    assert again is None
    assert [s.minutes for s in planner.progress.study_sessions()] == [90, 30]


def test_notes_are_kept(planner: Planner) -> None:
    planner.progress.set_note("rag", "Try it on my own notes <b>first</b>")
    assert planner.progress.note("rag") == "Try it on my own notes <b>first</b>"
    assert planner.progress.note("sql") == ""


def test_the_profile_remembers_role_tracks_and_pace(planner: Planner) -> None:
    planner.profiles.update(role="ml-engineer", tracks=["computer-vision"], hours_per_week=6)
    plan = planner.planning.plan()
    assert plan.role == "ml-engineer"
    assert plan.tracks == ("computer-vision",)
    assert plan.hours_per_week == 6
    assert plan.start == TODAY
    with pytest.raises(NotFoundError, match="has no track 'agents'"):
        planner.profiles.update(tracks=["agents"])
    with pytest.raises(UsageError, match="hours per week"):
        planner.profiles.update(hours_per_week=0)


OTHER_FILE = """\
format: 1
name: Data analyst, by a mentor
skills:
  - id: spreadsheets
    name: Spreadsheets
    area: Tools
    hours: 6
  - id: dashboards
    name: Dashboards
    area: Data
    hours: 12
    requires: [spreadsheets, sql]
  - id: sql
    name: SQL, the mentor's way
    area: Data
    hours: 25
    requires: [python-basics]
roles:
  - id: data-analyst
    name: Data analyst
    goals: [dashboards]
"""


def test_someone_elses_file_imports_and_plans(planner: Planner, tmp_path: Path) -> None:
    planner.progress.set_status("sql", "in-progress")
    planner.progress.set_note("sql", "window functions next")
    planner.progress.log_study("sql", 45)
    path = tmp_path / "analyst.yaml"
    path.write_text(OTHER_FILE, encoding="utf-8")

    counts = planner.editing.import_files([path])

    assert (counts.skills_added, counts.skills_updated) == (2, 1)
    assert (counts.roles_added, counts.roles_updated) == (1, 0)
    sql = planner.library().skills["sql"]
    assert (sql.name, sql.hours, sql.requires) == ("SQL, the mentor's way", 25, ("python-basics",))
    # The learner's progress, note and history on the updated skill are kept.
    assert planner.progress.statuses()["sql"] == "in-progress"
    assert planner.progress.note("sql") == "window functions next"
    assert [s.skill for s in planner.progress.study_sessions()] == ["sql"]
    plan = planner.planning.plan("data-analyst", hours_per_week=5, start=date(2026, 3, 10))
    ids = [s.skill.id for s in plan.steps]
    assert ids.index("sql") < ids.index("dashboards")
    assert ids.index("python-basics") < ids.index("sql")
    assert ids.index("spreadsheets") < ids.index("dashboards")
    # The built-in roles still plan.
    assert planner.planning.plan("ai-engineer").steps


def test_an_import_with_any_error_stores_nothing(planner: Planner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(OTHER_FILE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\nskills:\n  - {id: python-basics, name: P, area: X, hours: 3, "
        "requires: [git-advanced]}\n",
        encoding="utf-8",
    )
    before = fresh(planner).library()
    with pytest.raises(RoadmapError) as caught:
        planner.editing.import_files([good, bad])
    assert [p.line for p in caught.value.problems] == [3]
    assert fresh(planner).library() == before


def test_an_import_that_would_close_a_cycle_is_refused(planner: Planner, tmp_path: Path) -> None:
    path = tmp_path / "cycle.yaml"
    path.write_text(
        "format: 1\nskills:\n  - id: python-basics\n    name: Python\n    area: Programming\n"
        "    hours: 40\n    requires: [pytorch]\n",
        encoding="utf-8",
    )
    with pytest.raises(RoadmapError, match="prerequisite cycle: "):
        planner.editing.import_files([path])
    assert fresh(planner).library().skills["python-basics"].requires == ()


def test_compare_the_two_roles(planner: Planner) -> None:
    planner.progress.set_status("python-basics", "done")
    c = planner.planning.compare("ai-engineer", "ml-engineer")
    assert "python-basics" in c.shared
    assert "rag" in c.only_a
    assert "calculus" in c.only_b
    python_hours = planner.library().skills["python-basics"].hours
    assert c.total_hours_a - c.remaining_hours_a == python_hours
    assert c.total_hours_b - c.remaining_hours_b == python_hours


def test_a_plan_follows_an_import_that_changes_its_role(planner: Planner, tmp_path: Path) -> None:
    before = planner.planning.plan("ml-engineer")  # the service now keeps this role's skeleton
    role = planner.library().roles["ml-engineer"]
    path = tmp_path / "more.yaml"
    goals = ", ".join([*role.goals, "kaggle"])
    path.write_text(
        "format: 1\nskills:\n  - {id: kaggle, name: A Kaggle competition, area: Practice, "
        f"hours: 20, requires: [gradient-boosted-trees]}}\nroles:\n  - id: ml-engineer\n"
        f"    name: {role.name}\n    goals: [{goals}]\n",
        encoding="utf-8",
    )
    planner.editing.import_files([path])
    after = planner.planning.plan("ml-engineer")
    assert "kaggle" not in [s.skill.id for s in before.steps]
    assert "kaggle" in [s.skill.id for s in after.steps]
    assert after.total_hours == before.total_hours + 20
    # The import kept the role's tracks even though the file listed none.
    assert planner.library().roles["ml-engineer"].tracks == role.tracks


def test_a_status_that_does_not_change_is_not_recorded(planner: Planner) -> None:
    planner.progress.set_status("git", "done")
    again = planner.progress.set_status("git", "done")
    assert again.previous == "done"
    from planner.db import queries

    with planner.db.session() as session:
        events = queries.progress_events(session, planner.profile().id)
    assert [(skill, status) for _, skill, status in events] == [("git", "done")]


def test_logging_time_on_a_skill_already_known_does_not_put_it_back(planner: Planner) -> None:
    planner.progress.set_status("pandas", "done")  # NumPy and Python are implied
    before = planner.planning.plan("ml-engineer").remaining_hours
    started = planner.progress.log_study("python-basics", 30).started
    assert started is None
    assert "python-basics" not in planner.progress.statuses()
    assert planner.planning.plan("ml-engineer").remaining_hours == before


def test_a_relative_database_path_names_the_same_file_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second open finds the file and must read it, not fail
        p = Planner.open("rel.sqlite3", today=lambda: TODAY)
        assert p.db.path == tmp_path / "rel.sqlite3"
        p.close()


@pytest.mark.parametrize("hours", [0.001, 1e-300, 81])
def test_paces_outside_the_range_are_refused(planner: Planner, hours: float) -> None:
    with pytest.raises(UsageError, match=r"hours per week must be between 0\.5 and 80"):
        planner.planning.plan("ml-engineer", hours_per_week=hours)


def test_a_plan_ending_after_the_year_9999_is_refused(planner: Planner) -> None:
    with pytest.raises(UsageError, match="after the year 9999"):
        planner.planning.plan("ml-engineer", hours_per_week=0.5, start=date(9990, 1, 1))
