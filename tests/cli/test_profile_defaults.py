"""The profile is the default: `roadmap`, `export`, `progress` and `compare` take the role,
tracks, hours per week, start and strategy from the learner's profile; flags override them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import Cli

NO_ROLE = (
    "planner: no role chosen: pass --role ID, or give your profile one with "
    "`planner profile set --role ID` (the roles: `planner roles`)\n"
)
SETTINGS = {
    "role": "ml-engineer",
    "track": "computer-vision",
    "hours-per-week": "7",
    "start": "2030-03-04",
    "strategy": "goal-by-goal",
}


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    return Cli(db_location, capsys)


@pytest.fixture
def learner(cli: Cli) -> Cli:
    """A learner who finished onboarding: every setting of the plan is in the profile."""
    cli.ok("profile", "set", *(f"--{k}={v}" for k, v in SETTINGS.items()))
    return cli


def _flags(**changes: str) -> list[str]:
    return [f"--{k}={v}" for k, v in {**SETTINGS, **changes}.items()]


def test_roadmap_with_no_flags_is_the_plan_the_profile_describes(learner: Cli) -> None:
    plan = learner.json("roadmap")
    assert plan == learner.json("roadmap", *_flags())
    assert (plan["role"], plan["tracks"]) == ("ml-engineer", ["computer-vision"])
    assert (plan["hours_per_week"], plan["start"], plan["strategy"]) == (
        7,
        "2030-03-04",
        "goal-by-goal",
    )
    assert learner.ok("roadmap") == learner.ok("roadmap", *_flags())


def test_each_flag_overrides_its_setting_only(learner: Cli) -> None:
    plan = learner.json("roadmap", "--hours-per-week", "14", "--strategy", "foundations-first")
    assert (plan["role"], plan["tracks"], plan["start"]) == (
        "ml-engineer",
        ["computer-vision"],
        "2030-03-04",
    )
    assert (plan["hours_per_week"], plan["strategy"]) == (14, "foundations-first")
    other = learner.json("roadmap", "--role", "ai-engineer")
    assert (other["role"], other["tracks"]) == ("ai-engineer", [])  # the tracks go with the role
    assert learner.json("roadmap", "--no-tracks")["tracks"] == []


def test_progress_and_export_follow_the_profile(learner: Cli, tmp_path: Path) -> None:
    assert learner.json("progress")["role"] == "ml-engineer"
    assert learner.json("progress", "--role", "ai-engineer")["role"] == "ai-engineer"
    target = tmp_path / "plan.json"
    assert learner.ok("export", "--json", str(target)) == f"wrote {target}\n"
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert (exported["role"], exported["tracks"]) == ("ml-engineer", ["computer-vision"])


def test_progress_and_export_plan_with_every_setting_of_the_profile(
    learner: Cli, tmp_path: Path
) -> None:
    """Not only the role: the tracks, hours per week, start and strategy too, as `roadmap`."""
    plan = learner.json("roadmap")
    progress = learner.json("progress")
    assert (progress["tracks"], progress["hours_per_week"]) == (["computer-vision"], 7)
    assert progress["planned_finish"] == plan["finish"]
    target = tmp_path / "plan.json"
    learner.ok("export", "--json", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    settings = ("hours_per_week", "start", "strategy", "finish")
    assert {k: exported[k] for k in settings} == {k: plan[k] for k in settings}
    assert [s["skill"] for s in exported["steps"]] == [s["skill"] for s in plan["steps"]]


def test_compare_with_one_role_puts_the_learners_role_beside_it(learner: Cli) -> None:
    one = learner.json("compare", "ai-engineer")
    assert (one["a"], one["b"]) == ("ml-engineer", "ai-engineer")
    assert one == learner.json("compare", "ml-engineer", "ai-engineer")
    assert one["tracks_a"] == ["computer-vision"]


@pytest.mark.parametrize(
    "argv",
    [["roadmap"], ["roadmap", "--format", "json"], ["progress"], ["compare", "ai-engineer"]],
)
def test_without_a_role_anywhere_one_line_says_how_to_set_one(cli: Cli, argv: list[str]) -> None:
    assert cli(*argv) == (1, "", NO_ROLE)


def test_export_without_a_role_anywhere_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    targets = [tmp_path / "plan.json", tmp_path / "plan.md"]
    code, out, err = cli("export", "--json", str(targets[0]), "--markdown", str(targets[1]))
    assert (code, out, err) == (1, "", NO_ROLE)
    assert not any(t.exists() for t in targets)
