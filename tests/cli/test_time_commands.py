"""`planner timer …` and `planner goal …` through the real entry point."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from planner.service import Planner
from tests.cli.runner import Cli


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    run = Cli(db_location, capsys)
    run.ok("profile", "set", "--role", "ml-engineer")
    return run


def test_timer_start_show_and_stop_logs_a_session(cli: Cli) -> None:
    assert cli.ok("timer") == "no timer is running\n"
    assert cli.ok("timer", "start", "clustering").startswith("clustering: timer started at ")
    # Time passes: put the stored start 50 minutes back instead of waiting.
    planner = Planner.open(cli.db)
    planner.timer.cancel()
    planner.timer.start("clustering", datetime.now(UTC) - timedelta(minutes=50, seconds=5))
    planner.close()
    shown = cli.ok("timer")
    assert shown.startswith("clustering: timing Clustering since ") and "(50 min)" in shown
    out = cli.ok("timer", "stop")
    assert out.splitlines()[0].startswith("clustering: logged 50 min on ")
    assert "clustering: todo -> in-progress" in out
    assert cli.ok("timer") == "no timer is running\n"
    history = cli.json("history")
    assert [(h["skill"], h["minutes"]) for h in history if h["kind"] == "logged"] == [
        ("clustering", 50)
    ]


def test_timer_mistakes_are_one_line_and_change_nothing(cli: Cli) -> None:
    cli.ok("timer", "start", "git")
    code, out, err = cli("timer", "start", "numpy")
    assert (code, out) == (1, "")
    assert (
        err == "planner: a timer is already running on 'Git': stop it first (planner timer stop)\n"
    )
    code, _out, err = cli("timer", "start", "gti")
    assert code == 1 and err.startswith("planner: unknown skill 'gti'") and "Traceback" not in err
    assert cli.ok("timer").startswith("git: timing Git since ")
    assert cli.ok("timer", "cancel") == "git: timer cancelled; nothing logged\n"
    code, _out, err = cli("timer", "stop")
    assert (code, err) == (
        1,
        "planner: no timer is running (start one: planner timer start SKILL)\n",
    )
    assert cli.json("history") == []


def test_goal_add_list_remove_and_the_roadmap_json_marks_it(cli: Cli) -> None:
    assert cli.ok("goal", "list") == "no personal goals (add one: planner goal add SKILL)\n"
    assert cli.ok("goal", "add", "rust") == "rust: added to your plan as a goal\n"
    assert cli.ok("goal", "list") == "rust  Rust for ML systems\n"
    assert cli.json("goal", "list") == [{"skill": "rust", "name": "Rust for ML systems"}]
    plan = cli.json("roadmap", "--role", "ml-engineer")
    steps = {s["skill"]: s for s in plan["steps"]}
    assert plan["personal_goals"] == ["rust"]
    assert steps["rust"]["goal"] and steps["rust"]["personal_goal"]
    assert not steps["python-basics"]["personal_goal"]
    code, _out, err = cli("goal", "add", "rust")
    assert (code, err) == (1, "planner: 'rust' is one of your goals already\n")
    assert cli.ok("goal", "remove", "rust") == "rust: no longer one of your goals\n"
    assert "rust" not in {s["skill"] for s in cli.json("roadmap", "--role", "ml-engineer")["steps"]}
    code, _out, err = cli("goal", "remove", "rust")
    assert (code, err) == (1, "planner: 'rust' is not one of your goals\n")
    code, _out, err = cli("goal", "add", "nope")
    assert code == 1 and err.startswith("planner: unknown skill 'nope'")


def test_log_accepts_hours_then_bare_minutes_and_says_minutes(cli: Cli) -> None:
    assert cli.ok("log", "git", "45m").startswith("git: logged 45 min on ")
    assert cli.ok("log", "git", "1h30").startswith("git: logged 1 h 30 min on ")
    code, _out, err = cli("log", "git", "90")
    assert code == 1 and err.startswith("planner: bad duration '90'")


def test_progress_text_says_minutes_under_an_hour(cli: Cli) -> None:
    cli.ok("log", "git", "45m")
    out = cli.ok("progress")
    assert "studied: 45 min" in out and "0.8 h" not in out
