"""`planner skill delete` and `planner role delete`: the editor's deletions from a script."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Cli


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    return Cli(db_location, capsys)


def test_deleting_a_skill_says_what_it_was_taken_out_of_and_keeps_the_history(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("status", "numpy", "done")
    out = cli.ok("skill", "delete", "numpy")
    assert out.startswith("deleted skill 'numpy'; taken out of: requires of ")
    assert "requires of pandas" in out
    skills = {s["id"]: s for s in cli.json("skills")}
    assert "numpy" not in skills
    assert "numpy" not in skills["pandas"]["requires"]

    code, _out, err = cli("status", "numpy", "todo")
    assert code == 1 and "unknown skill 'numpy'" in err

    # Importing it again brings it back with its history.
    path = tmp_path / "numpy.yaml"
    path.write_text("format: 1\nskills:\n  - {id: numpy, name: NumPy, area: Data, hours: 10}\n")
    cli.ok("import", str(path))
    assert {s["id"]: s for s in cli.json("skills")}["numpy"]["status"] == "done"


def test_deleting_an_unknown_skill_or_a_roles_only_goal_is_refused(
    cli: Cli, tmp_path: Path
) -> None:
    code, out, err = cli("skill", "delete", "nunpy")
    assert (code, out) == (1, "")
    assert err == "planner: unknown skill 'nunpy' (did you mean 'numpy'?)\n"
    path = tmp_path / "tiny.yaml"
    path.write_text(
        "format: 1\nskills:\n  - {id: lonely, name: Lonely, area: X, hours: 1}\n"
        "roles:\n  - {id: tiny, name: Tiny, goals: [lonely]}\n"
    )
    cli.ok("import", str(path))
    code, _out, err = cli("skill", "delete", "lonely")
    assert code == 1
    assert "'lonely' is the only goal of role tiny: give the role another goal first" in err
    assert "lonely" in {s["id"] for s in cli.json("skills")}


def test_deleting_a_role_leaves_its_learners_without_one(cli: Cli) -> None:
    cli.ok("profile", "set", "--role", "ai-engineer")
    out = cli.ok("role", "delete", "ai-engineer")
    assert out == "deleted role 'ai-engineer'; profiles without a role now: default\n"
    assert [r["id"] for r in cli.json("roles")] == ["ml-engineer"]
    code, _out, err = cli("role", "delete", "ai-engineer")
    assert code == 1 and "unknown role 'ai-engineer'" in err
