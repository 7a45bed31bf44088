"""`planner progress`, `planner history` and `planner session` on a history recorded with
--date, through the real entry point."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.service import Planner
from tests.cli.runner import Cli

CONTRACT_KEYS = {
    "profile",
    "role",
    "skills_total",
    "skills_done",
    "percent_done_hours",
    "hours_logged",
    "streak_days",
    "longest_streak_days",
    "planned_finish",
    "forecast_finish",
    "weekly_hours",
    "burnup",
}


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    run = Cli(db_location, capsys)
    run.ok("roles")  # creates the database
    planner = Planner.open(run.db)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.close()
    return run


def test_progress_json_of_a_back_dated_history(cli: Cli) -> None:
    cli.ok("log", "python-basics", "2h", "--date", ago(9))
    cli.ok("log", "python-basics", "1h", "--date", ago(8))
    cli.ok("log", "python-basics", "30m", "--date", ago(8))  # the same day again
    cli.ok("status", "python-basics", "done", "--date", ago(8))
    cli.ok("log", "numpy", "1h30m", "--date", ago(1))
    cli.ok("log", "numpy", "1h", "--date", ago(0))
    cli.ok("status", "sql", "done", "--date", ago(20))  # back-dated, entered last
    data = cli.json("progress")
    assert set(data) >= CONTRACT_KEYS
    assert data["hours_logged"] == 6
    assert data["streak_days"] == 2
    assert data["longest_streak_days"] == 2
    assert data["skills_done"] == 2
    # A point per day a status changed; logging time on a skill to do starts it.
    assert [p["date"] for p in data["burnup"]] == [ago(20), ago(9), ago(8), ago(1)]
    assert data["burnup"][-1]["done_hours"] == data["hours_done"]
    assert data["daily_hours"][1] == {"date": ago(8), "hours": 1.5}
    assert sum(w["hours"] for w in data["weekly_hours"]) == 6
    # The pace counts from the first entry, 20 days ago: 6 h in 3 weeks.
    assert (data["pace_since"], data["pace_days"]) == (ago(20), 21)
    assert data["velocity_hours_per_week"] == 2.0
    assert data["forecast_state"] == "forecast"
    assert (data["more_days_needed"], data["more_hours_needed"]) == (0, 0)
    assert data["forecast_finish"] is not None
    assert (
        data["days_ahead"]
        == (
            date.fromisoformat(data["planned_finish"]) - date.fromisoformat(data["forecast_finish"])
        ).days
    )
    assert data["target_date"] is None and data["target_fits"] is None


def test_progress_text_says_ahead_or_behind_and_what_a_target_needs(cli: Cli) -> None:
    cli.ok("log", "python-basics", "10h", "--date", ago(27))
    cli.ok("log", "python-basics", "10h", "--date", ago(0))  # 20 h in four weeks
    target = (date.today() + timedelta(days=600)).isoformat()  # 955 h: 11.2 h a week
    planner = Planner.open(cli.db)
    planner.profiles.set_target_date(date.fromisoformat(target))
    planner.close()
    text = cli.ok("progress")
    assert "studied: 20 h · 5.0 h/week over the last 4 weeks" in text
    assert "days behind plan)" in text  # 5 h/week against a plan of 10
    assert f"target: {target} · needs " in text
    assert "the plan does not fit at 10 h/week" in text
    data = cli.json("progress")
    assert data["target_date"] == target
    assert data["target_fits"] is False
    assert data["hours_per_week_needed"] > 10


def test_ninety_minutes_before_the_start_give_no_forecast(cli: Cli) -> None:
    # Issue 14: from 90 minutes logged before the chosen start, a finish in 2075.
    today = date.today()
    monday = today + timedelta(days=7 - today.weekday())
    cli.ok("profile", "set", "--hours-per-week", "12", "--start", monday.isoformat())
    cli.ok("log", "clustering", "90m")
    data = cli.json("progress")
    assert data["forecast_finish"] is None and data["days_ahead"] is None
    assert data["velocity_hours_per_week"] is None
    assert data["forecast_state"] == "too-early"
    assert data["pace_since"] == monday.isoformat()
    assert data["more_days_needed"] == 14 + (monday - today).days - 1
    assert data["more_hours_needed"] == 3
    assert data["hours_logged"] == 1.5 and data["planned_finish"] is not None
    text = cli.ok("progress")
    assert "studied: 1.5 h · no pace yet" in text
    assert text.rstrip().endswith(
        "forecast at your recent rate: too early to tell — "
        f"14 days and 3 h of study from your start on {monday.isoformat()}"
    )
    assert "behind" not in text and "ahead" not in text


def test_a_forecast_once_two_weeks_hold_three_hours(cli: Cli) -> None:
    cli.ok("log", "python-basics", "2h", "--date", ago(15))
    text = cli.ok("progress")
    assert "forecast at your recent rate: too early to tell — 1 h more of study" in text
    assert cli.json("progress")["more_hours_needed"] == 1
    cli.ok("log", "python-basics", "10h")
    data = cli.json("progress")
    assert data["forecast_state"] == "forecast" and data["days_ahead"] is not None
    assert data["velocity_hours_per_week"] == 5.25  # 12 h in 16 days
    assert f"forecast at your recent rate: {data['forecast_finish']} (" in cli.ok("progress")


def test_a_pace_of_minutes_gives_no_date_decades_away(cli: Cli) -> None:
    cli.ok("log", "python-basics", "4h", "--date", ago(100))
    cli.ok("log", "python-basics", "12m", "--date", ago(3))  # 12 minutes in four weeks
    data = cli.json("progress")
    assert data["forecast_state"] == "too-slow"
    assert data["forecast_finish"] is None and data["days_ahead"] is None
    assert "forecast at your recent rate: more than 10 years at 3 min/week" in cli.ok("progress")
    cli.ok("session", "delete", "2")
    assert cli.json("progress")["forecast_state"] == "no-recent-study"
    assert "forecast at your recent rate: no study logged in the last 4 weeks" in cli.ok("progress")


def test_history_lists_every_kind_of_entry_newest_first(cli: Cli) -> None:
    cli.ok("log", "git", "45m", "--date", ago(2), "--note", "branches")
    cli.ok("session", "edit", "1", "--duration", "1h")
    cli.ok("session", "delete", "1")
    cli.ok("session", "restore", "1")
    history = cli.json("history")
    assert [h["kind"] for h in history] == ["restored", "deleted", "edited", "status", "logged"]
    edited = history[2]
    assert (edited["old_minutes"], edited["minutes"], edited["session"]) == (45, 60, 1)
    assert history[3] | {"recorded_at": ""} == {
        "kind": "status",
        "id": 1,
        "recorded_at": "",
        "skill": "git",
        "date": ago(2),
        "status": "in-progress",
        "previous": "todo",
        "latest": True,
    }
    text = cli.ok("history", "--limit", "2")
    lines = text.splitlines()
    assert len(lines) == 2
    assert "restored #1 git: 1 h on " in lines[0]


def test_session_commands_report_and_refuse(cli: Cli) -> None:
    cli.ok("log", "git", "45m", "--date", ago(2))
    out = cli.ok("session", "edit", "1", "--date", ago(3), "--note", "rebase")
    assert out == f"session #1 (git, {ago(3)}): 45 min\n"
    assert cli.ok("session", "delete", "1") == f"session #1 (git, {ago(3)}): deleted\n"
    for argv, message in [
        (("session", "delete", "1"), "planner: no study session 1"),
        (("session", "restore", "7"), "planner: no deleted study session 7"),
        (("session", "edit", "1", "--duration", "1h"), "planner: study session 1 is deleted"),
        (("session", "delete", "1", "--note", "x"), "planner: --duration, --date and --note"),
        (("session", "restore", "1", "--date", "2026-13-01"), "planner: --duration"),
    ]:
        code, stdout, err = cli(*argv)
        assert (code, stdout) == (1, "")
        assert err.startswith(message), err
    assert cli.ok("session", "restore", "1") == f"session #1 (git, {ago(3)}): 45 min\n"
    code, _, err = cli("session", "edit", "1", "--duration", "lots")
    assert code == 1 and err.startswith("planner: bad duration 'lots'")
