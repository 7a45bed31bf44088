"""`planner review`, `planner agenda`, `profile set --slots/--plan-by-pace` and the pace in
`planner progress`, through the real entry point on both engines: the JSON of docs/cli.md,
and refusals in one line with exit 1 that leave the database untouched."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.runner import Cli

SLOTS = "Mon 19:00-21:00, Wed 19:00-21:00, Sat 10:00-13:00"


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A learner on ml-engineer who finished python-basics 200 days ago, after logging 72 h
    on it (the library says 40)."""
    c = Cli(db_location, capsys)
    c.ok("profile", "set", "--role", "ml-engineer", "--track", "nlp-llm")
    for k in range(6):
        c.ok("log", "python-basics", "12h", "--date", ago(260 - 7 * k))
    c.ok("status", "python-basics", "done", "--date", ago(200))
    return c


def test_review_due_json_lists_each_due_skill_with_its_dates(cli: Cli) -> None:
    (due,) = cli.json("review", "--due")
    assert due["skill"] == "python-basics" and due["name"] == "Python programming"
    assert due["finished"] == ago(200) and due["last_reviewed"] is None
    assert date.fromisoformat(due["due"]) <= date.today() and due["overdue_days"] > 0
    assert {"reviews", "rusty_in_a_row", "suggest_reopening"} <= set(due)
    assert cli.json("review") == [due]  # every finished skill, due or not


def test_an_answer_moves_the_review_and_rusty_brings_it_closer(cli: Cli) -> None:
    out = cli.ok("review", "python-basics", "solid", "--date", ago(3))
    assert out.startswith(f"python-basics: solid ({ago(3)}) · next review ")
    (solid,) = cli.json("review")
    assert solid["last_reviewed"] == ago(3) and solid["reviews"] == 1
    assert cli.json("review", "--due") == []
    ahead = (date.fromisoformat(solid["due"]) - date.today()).days
    assert [r["skill"] for r in cli.json("review", "--due", "--within", str(ahead))] == [
        "python-basics"
    ]
    rusty = cli.json("review", "python-basics", "rusty")
    assert rusty["last_reviewed"] == date.today().isoformat()
    assert date.fromisoformat(rusty["due"]) < date.fromisoformat(solid["due"])
    text = cli.ok("review")
    assert "Python programming (python-basics) · " in text and "last reviewed" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("review", "no-such-skill", "solid"), "planner: unknown skill 'no-such-skill'"),
        (("review", "python-basics", "meh"), "unknown answer 'meh' (answer solid or rusty)"),
        (("review", "python-basics"), "answer solid or rusty"),
        (("review", "sql", "solid"), "'sql' is not finished (it is to do)"),
        (("review", "python-basics", "solid", "--date", "2999-01-01"), "is in the future"),
        (("review", "python-basics", "solid", "--date", ago(201)), "before 'python-basics' was"),
        (("review", "python-basics", "solid", "--date", "yesterday"), "yesterday"),
        (("review", "--date", ago(1)), "--date goes with an answer"),
        (("agenda", "--week", "2026-W60"), "'2026-W60' is not a week: write it YYYY-Www"),
        (("agenda", "--week", "next"), "'next' is not a week"),
        (("profile", "set", "--slots", "Mon 21:00-19:00"), "the slot ends before it starts"),
        (("profile", "set", "--slots", "Funday 10:00-12:00"), "is not a study slot"),
    ],
)
def test_refusals_are_one_line_exit_1_and_change_nothing(
    cli: Cli, argv: tuple[str, ...], message: str
) -> None:
    before = (cli.ok("review", "--format", "json"), cli.ok("profile", "show", "--format", "json"))
    code, out, err = cli(*argv)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and message in err and err.startswith("planner: "), err
    after = (cli.ok("review", "--format", "json"), cli.ok("profile", "show", "--format", "json"))
    assert after == before


def test_bad_within_is_bad_usage(cli: Cli) -> None:
    with pytest.raises(SystemExit) as raised:
        cli("review", "--due", "--within", "soon")
    assert raised.value.code == 2


def test_slots_and_plan_by_pace_are_profile_settings(cli: Cli) -> None:
    cli.ok("profile", "set", "--slots", "sat 10:00-13:00, Mon 19:00-21:00", "--plan-by-pace")
    shown = cli.json("profile", "show")
    assert shown["study_slots"] == "Mon 19:00-21:00, Sat 10:00-13:00"
    assert shown["plan_by_pace"] is True
    roadmap = cli.json("roadmap")
    assert roadmap["at_pace"] and roadmap["finish"] == roadmap["finish_at_pace"]
    assert roadmap["finish_at_pace"] > roadmap["finish_as_estimated"]
    step = next(s for s in roadmap["steps"] if s["status"] == "todo")
    assert step["personal_hours"] > step["hours"]
    cli.ok("profile", "set", "--no-plan-by-pace", "--slots", "")
    shown = cli.json("profile", "show")
    assert (shown["study_slots"], shown["plan_by_pace"]) == ("", False)


def test_progress_shows_the_pace_and_the_finish_at_it(cli: Cli) -> None:
    text = cli.ok("progress")
    assert "Your pace: skills take you about" in text and "longer than estimated" in text
    assert "(at your pace: " in text
    data = cli.json("progress")
    assert data["pace"]["known"] and data["pace"]["skills"] == 1
    assert data["pace"]["overall"] > 1 and "Programming" in data["pace"]["by_area"]
    assert data["finish_at_pace"] > data["finish_as_estimated"] == data["planned_finish"]


def test_agenda_without_slots_says_how_to_set_them(cli: Cli) -> None:
    text = cli.ok("agenda")
    assert "no study times set" in text and "planner profile set --slots" in text
    data = cli.json("agenda")
    assert data["slots"] == "" and len(data["weeks"]) == 2
    assert all(w["blocks"] == [] for w in data["weeks"])


def test_agenda_json_lays_blocks_into_the_slots(cli: Cli) -> None:
    cli.ok("profile", "set", "--slots", SLOTS)
    data = cli.json("agenda")
    this_week, next_week = data["weeks"]
    monday = date.today() - timedelta(days=date.today().weekday())
    assert this_week["monday"] == monday.isoformat()
    assert this_week["week"] == "{}-W{:02d}".format(*monday.isocalendar()[:2])
    blocks = [b for w in data["weeks"] for b in w["blocks"]]
    assert blocks and all(b["date"] >= date.today().isoformat() for b in blocks)
    assert {b["start"] for b in blocks} <= {"19:00", "19:20", "10:00", "10:20"}
    assert "review" in {b["kind"] for b in blocks}  # python-basics is overdue
    assert all(b["goal"] for b in blocks)
    assert next_week["minutes"] <= 10 * 60
    week = cli.json("agenda", "--week", next_week["week"])
    assert week["weeks"] == [next_week]
    text = cli.ok("agenda", "--week", next_week["week"])
    assert text.startswith(f"Week {next_week['week']} (")


def test_the_exports_carry_reviews_slots_and_the_agenda(cli: Cli, tmp_path: Path) -> None:
    import json

    from icalendar import Calendar

    cli.ok("profile", "set", "--slots", SLOTS, "--plan-by-pace")
    cli.ok("review", "python-basics", "rusty", "--date", ago(1))
    cli.ok("export", "--json", str(tmp_path / "p.json"), "--ics", str(tmp_path / "p.ics"))
    exported = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert exported["study_slots"] == SLOTS and exported["plan_by_pace"] is True
    assert exported["history"]["reviews"] == [
        {"date": ago(1), "skill": "python-basics", "answer": "rusty"}
    ]
    assert exported["reviews"][0]["skill"] == "python-basics"
    assert exported["pace"]["known"] and len(exported["agenda"]) == 2
    calendar = Calendar.from_ical((tmp_path / "p.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "Review: Python programming" in summaries
    timed = [e for e in calendar.walk("VEVENT") if isinstance(e.decoded("DTSTART"), datetime)]
    assert timed and len(timed) == sum(len(w["blocks"]) for w in exported["agenda"])
