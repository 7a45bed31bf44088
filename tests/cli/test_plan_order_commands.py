"""The plan's reading order on the command line: a skill begun late in the plan comes first."""

from __future__ import annotations

import itertools

import pytest

from tests.cli.runner import Cli

ROADMAP = ("roadmap", "--role", "ml-engineer", "--start", "2026-01-05", "--hours-per-week", "12")


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    return Cli(db_location, capsys)


def dated(plan: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    return [s for s in plan["steps"] if s["start"] is not None]


@pytest.mark.parametrize("strategy", ["foundations-first", "goal-by-goal"])
def test_logging_a_late_skill_puts_it_first_and_the_dates_still_read_forward(
    cli: Cli, strategy: str
) -> None:
    assert cli("status", "python-basics", "done", "--date", "2025-12-01")[0] == 0
    code, out, err = cli("log", "clustering", "90m", "--date", "2025-12-20")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == [
        "clustering: logged 1 h 30 min on 2025-12-20",
        "clustering: todo -> in-progress",
    ]
    # python-basics is done: what it needs is known, not open.
    assert lines[2:] == [
        "note: clustering needs 4 skills not done yet: numpy, pandas, probability, "
        "ml-fundamentals; the plan puts them first (mark any you already know with "
        "`planner status SKILL done`)"
    ]

    plan = cli.json(*ROADMAP, "--strategy", strategy)
    steps = dated(plan)
    # Clustering right after its four open prerequisites, before anything unrelated.
    assert [s["skill"] for s in steps[:5]] == [
        "numpy",
        "probability",
        "pandas",
        "ml-fundamentals",
        "clustering",
    ]
    clustering = steps[4]
    assert clustering["status"] == "in-progress"
    assert clustering["started"] == "2025-12-20"
    assert all(s["started"] is None for s in plan["steps"] if s["skill"] != "clustering")
    # Reading down, dates never go back and phases follow each other without overlapping.
    for earlier, later in itertools.pairwise(steps):
        assert earlier["start"] <= later["start"] and earlier["end"] <= later["end"]
        assert int(later["phase"]) - int(earlier["phase"]) in (0, 1)
    groups = [g for g in plan["groups"] if g["phase"] > 0]
    assert [g["phase"] for g in groups] == list(range(1, len(groups) + 1))
    for before, after in itertools.pairwise(groups):
        assert before["end"] <= after["start"]
    assert groups[0]["kind"] == "in-progress" and groups[0]["skills"] == 5
    assert steps[0]["start"] == "2026-01-05"
    if strategy == "goal-by-goal":
        assert groups[0]["title"] == "In progress"
        assert all(g["kind"] == "goal" and g["title"].startswith("Goal: ") for g in groups[1:])
        names = {s["skill"]: s["name"] for s in plan["steps"]}
        assert all(g["title"] == f"Goal: {names[g['goal']]}" for g in groups[1:])
    else:
        assert groups[0]["title"] == "Phase 1: in progress"
        assert [g["title"] for g in groups[1:3]] == ["Phase 2", "Phase 3"]


def test_the_text_and_markdown_plans_show_the_day_a_skill_was_started(cli: Cli) -> None:
    cli("status", "numpy", "in-progress", "--date", "2025-12-02")
    text = cli.ok(*ROADMAP)
    assert "Phase 1: in progress · 2 skills · 50 h · 2026-01-05 – " in text
    assert "(started 2025-12-02)" in text.splitlines()[5]  # python-basics, then numpy
    markdown = cli.ok(*ROADMAP, "--format", "markdown")
    assert "## Phase 1: in progress · 2 skills · 50 h · 2026-01-05 – " in markdown
    assert " · in progress since 2025-12-02" in markdown  # the word, not the JSON value


def test_starting_a_skill_names_its_open_prerequisites_once_per_command(cli: Cli) -> None:
    code, out, _ = cli("status", "numpy", "in-progress")
    assert code == 0
    assert out.splitlines()[1] == (
        "note: numpy needs 1 skill not done yet: python-basics; the plan puts them first "
        "(mark any you already know with `planner status SKILL done`)"
    )
    # Nothing open, nothing said: a skill with no prerequisites, or once they are done.
    assert len(cli.ok("status", "git", "in-progress").splitlines()) == 1
    cli("status", "python-basics", "done")
    assert len(cli.ok("log", "numpy", "30m").splitlines()) == 1
    # Marking a skill done says nothing either.
    assert len(cli.ok("status", "clustering", "done").splitlines()) == 1
