"""The command line per docs/cli.md, through the real entry point, on a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.cli.runner import Cli


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    return Cli(db_location, capsys)


def test_roles_json_has_the_contract_keys(cli: Cli) -> None:
    roles = cli.json("roles")
    assert [r["id"] for r in roles] == ["ai-engineer", "ml-engineer"]
    for role in roles:
        assert {"id", "name", "summary", "goals", "tracks"} <= set(role)
        for track in role["tracks"]:
            assert {"id", "name", "goals"} <= set(track)


def test_skills_json_of_a_role_with_statuses(cli: Cli) -> None:
    assert cli("status", "rag", "done")[0] == 0
    skills = cli.json("skills", "--role", "ai-engineer")
    keys = {"id", "name", "area", "hours", "level", "requires", "recommends", "status"}
    assert all(keys <= set(s) for s in skills)
    status = {s["id"]: s["status"] for s in skills}
    assert status["rag"] == "done"
    assert status["llm-fundamentals"] == "implied"
    assert "calculus" not in status


def test_roadmap_json_respects_every_prerequisite_with_dates(cli: Cli) -> None:
    plan = cli.json(
        "roadmap", "--role", "ml-engineer", "--hours-per-week", "10", "--start", "2026-01-05"
    )
    keys = {"role", "tracks", "strategy", "hours_per_week", "start", "total_hours"}
    assert keys | {"remaining_hours", "finish", "steps"} <= set(plan)
    skills = {s["id"]: s for s in cli.json("skills")}
    position = {s["skill"]: i for i, s in enumerate(plan["steps"])}
    for step in plan["steps"]:
        assert {"skill", "name", "area", "hours", "status", "phase", "goal", "start", "end"} <= set(
            step
        )
        for prereq in skills[step["skill"]]["requires"]:
            assert position[prereq] < position[step["skill"]]
    assert plan["steps"][0]["start"] == "2026-01-05"
    finish = date.fromisoformat(plan["finish"])
    weeks = plan["remaining_hours"] / 10
    assert abs((finish - date(2026, 1, 5)).days - weeks * 7) <= 1


def test_status_done_moves_prerequisites_to_implied(cli: Cli) -> None:
    args = ("roadmap", "--role", "ml-engineer", "--start", "2026-01-05")
    before = cli.json(*args)
    code, out, _ = cli("status", "gradient-boosted-trees", "done", "--date", "2026-01-20")
    assert code == 0
    assert out == "gradient-boosted-trees: todo -> done (2026-01-20)\n"
    after = cli.json(*args)
    implied = [s for s in after["steps"] if s["status"] == "implied"]
    assert implied
    assert all(s["start"] is None and s["end"] is None for s in implied)
    gbt = next(s for s in after["steps"] if s["skill"] == "gradient-boosted-trees")
    freed = gbt["hours"] + sum(s["hours"] for s in implied)
    assert before["remaining_hours"] - after["remaining_hours"] == freed


def test_roadmap_text_and_markdown(cli: Cli) -> None:
    cli("status", "git", "done")
    code, text, _ = cli("roadmap", "--role", "ai-engineer", "--track", "agents")
    assert code == 0
    assert text.startswith("AI engineer + Agents and tool use (MCP)\n")
    assert "Phase 1 · " in text
    code, md, _ = cli("roadmap", "--role", "ai-engineer", "--format", "markdown")
    assert code == 0
    assert md.startswith("# AI engineer\n")
    assert "- [x] **Git**" in md
    assert "- [ ] **Retrieval-augmented generation \\(RAG\\)** ★" in md


def test_log_and_progress_json(cli: Cli) -> None:
    today = date.today().isoformat()
    assert cli("log", "python-basics", "1h30m", "--note", "loops")[0] == 0
    assert cli("status", "sql", "done")[0] == 0
    progress = cli.json("progress", "--role", "ml-engineer")
    keys = {"profile", "role", "skills_total", "skills_done", "percent_done_hours"}
    keys |= {"hours_logged", "streak_days", "longest_streak_days", "planned_finish"}
    keys |= {"forecast_finish", "weekly_hours", "burnup"}
    assert keys <= set(progress)
    assert progress["profile"] == "default"
    assert progress["hours_logged"] == 1.5
    assert progress["streak_days"] == 1
    assert progress["skills_done"] == 1
    assert progress["burnup"] == [{"date": today, "done_hours": 20.0}]
    assert progress["weekly_hours"][-1]["hours"] == 1.5


def test_compare_json(cli: Cli) -> None:
    c = cli.json("compare", "ai-engineer", "ml-engineer")
    assert c["a"] == "ai-engineer"
    assert "python-basics" in c["shared"]
    assert "rag" in c["only_a"]
    assert "calculus" in c["only_b"]
    assert c["total_hours_a"] == c["remaining_hours_a"]
    assert c["tracks_a"] == c["tracks_b"] == []  # no role chosen: no tracks counted


def test_compare_counts_the_learners_tracks_and_says_so(cli: Cli) -> None:
    code, _, _ = cli("profile", "set", "--role", "ml-engineer", "--track", "computer-vision")
    assert code == 0
    plan = cli.json("roadmap", "--role", "ml-engineer", "--track", "computer-vision")
    c = cli.json("compare", "ml-engineer", "ai-engineer")
    assert c["tracks_a"] == ["computer-vision"] and c["tracks_b"] == []
    assert c["total_hours_a"] == plan["total_hours"]  # the same figure as the plan's
    code, out, _ = cli("compare", "ml-engineer", "ai-engineer")
    assert code == 0
    assert (
        "counts: Machine-learning engineer with your track Computer vision; "
        "AI engineer without tracks" in out
    )


def test_import_a_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "format: 1\nskills:\n  - {id: kaggle, name: A Kaggle competition, area: Practice, "
        "hours: 20, requires: [gradient-boosted-trees]}\nroles:\n  - id: kaggler\n"
        "    name: Kaggler\n    goals: [kaggle]\n",
        encoding="utf-8",
    )
    code, out, _ = cli("import", str(path))
    assert code == 0
    assert out == "imported: 1 new skill, 0 updated skills, 1 new role, 0 updated roles\n"
    plan = cli.json("roadmap", "--role", "kaggler")
    assert plan["steps"][-1]["skill"] == "kaggle"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "nope", "done"], "planner: unknown skill 'nope'\n"),
        (["status", "git", "done", "--date", "2026-13-01"], "planner: bad date '2026-13-01'"),
        (["log", "git", "lots"], "planner: bad duration 'lots'"),
        (["roadmap", "--role", "astronaut"], "planner: unknown role 'astronaut'"),
        (
            ["roadmap", "--role", "ml-engineer", "--track", "agents"],
            "planner: role 'ml-engineer' has no track",
        ),
        (["roadmap", "--role", "ml-engineer", "--strategy", "random"], "planner: unknown strategy"),
        (["roadmap", "--role", "ml-engineer", "--hours-per-week", "0"], "planner: hours per week"),
        (
            [
                "roadmap",
                "--role",
                "ml-engineer",
                "--hours-per-week",
                "0.5",
                "--start",
                "9999-01-01",
            ],
            "planner: at this pace the plan would end after the year 9999",
        ),
        (["--profile", "bob", "roles"], "planner: unknown profile 'bob'"),
        (["progress"], "planner: no role chosen"),
        (["roadmap"], "planner: no role chosen: pass --role ID, or give your profile one with"),
        (["compare", "ml-engineer"], "planner: no role chosen"),
        (["compare", "ai-engineer", "chef"], "planner: unknown role 'chef'"),
    ],
)
def test_user_errors_exit_1_with_one_line_and_change_nothing(
    cli: Cli, argv: list[str], message: str
) -> None:
    assert cli("status", "git", "done")[0] == 0
    before = cli.json("skills")
    code, out, err = cli(*argv)
    assert code == 1
    assert out == ""
    assert err.startswith(message)
    assert len(err.splitlines()) == 1
    assert cli.json("skills") == before


def test_bad_usage_exits_2(cli: Cli) -> None:
    with pytest.raises(SystemExit) as caught:
        cli("status", "git", "finished")
    assert caught.value.code == 2


def test_a_newer_database_is_refused_through_the_real_entry_point(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "p.sqlite3"
    env = {**os.environ, "PLANNER_DB": str(db)}
    run = [sys.executable, "-m", "planner"]
    first = subprocess.run([*run, "roles"], env=env, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(db) as c:
        c.execute("UPDATE alembic_version SET version_num = 'ffff'")
    before = db.read_bytes()
    second = subprocess.run([*run, "roles"], env=env, capture_output=True, text=True, check=False)
    assert second.returncode == 1
    assert "newer version of the planner" in second.stderr
    assert "Traceback" not in second.stderr
    assert len(second.stderr.splitlines()) == 1
    assert db.read_bytes() == before


def test_gui_without_a_display_exits_1_with_a_hint(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PLANNER_DB"] = str(tmp_path / "p.sqlite3")
    for argv in ([], ["gui"]):
        result = subprocess.run(
            [sys.executable, "-m", "planner", *argv],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 1
        assert result.stderr.startswith("planner: no display to open the desktop app on")
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "p.sqlite3").exists()  # nothing was created either
