"""`planner profile ...` and `planner note`: what the app's profile menu and notes do, scripted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main


def run(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_profiles_from_creation_to_deletion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite3"
    assert run(db, capsys, "profile", "create", "Sam")[0] == 0
    code, out, _ = run(
        db,
        capsys,
        "--profile",
        "Sam",
        "profile",
        "set",
        "--role",
        "ai-engineer",
        "--track",
        "agents",
        "--hours-per-week",
        "6",
        "--start",
        "2026-01-05",
    )
    assert code == 0
    assert (
        out
        == "Sam: ai-engineer · tracks: agents · 6 h/week · from 2026-01-05 · foundations-first\n"
    )
    code, out, _ = run(db, capsys, "profile", "list", "--format", "json")
    profiles = {p["name"]: p for p in json.loads(out)}
    assert profiles["Sam"]["tracks"] == ["agents"]
    assert profiles["default"]["current"] is True
    # The settings are what `roadmap` and `progress` use for that learner.
    code, out, _ = run(db, capsys, "--profile", "Sam", "progress", "--format", "json")
    assert json.loads(out)["role"] == "ai-engineer"

    assert run(db, capsys, "profile", "rename", "Sam", "Samira")[0] == 0
    code, _, err = run(db, capsys, "profile", "delete", "Samira")
    assert code == 1
    assert "add --yes" in err
    assert run(db, capsys, "profile", "delete", "Samira", "--yes")[0] == 0
    code, out, _ = run(db, capsys, "profile", "list")
    assert (
        out
        == "* default  (no role yet · tracks: none · 10 h/week · from today · foundations-first)\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["profile", "create", "default"], "a profile named 'default' already exists"),
        (["profile", "create", "  "], "a profile needs a name"),
        (["profile", "rename", "ghost", "x"], "unknown profile 'ghost'"),
        (["profile", "delete", "default", "--yes"], "this is the only profile"),
        (["profile", "set"], "nothing to change"),
        (["profile", "set", "--role", "chef"], "unknown role 'chef'"),
        (["profile", "set", "--track", "agents"], "choose a role before its tracks"),
        (["profile", "set", "--start", "soon"], "bad date 'soon'"),
        (["note", "nope", "text"], "unknown skill 'nope'"),
    ],
)
def test_profile_errors_are_one_line_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = tmp_path / "p.sqlite3"
    _, before, _ = run(db, capsys, "profile", "list", "--format", "json")
    code, out, err = run(db, capsys, *argv)
    assert code == 1
    assert out == ""
    assert err.startswith(f"planner: {message}")
    assert len(err.splitlines()) == 1
    assert run(db, capsys, "profile", "list", "--format", "json")[1] == before


def test_notes_are_written_read_and_cleared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite3"
    assert run(db, capsys, "note", "rag", "<b>literal</b> & kept")[1] == "rag: note saved\n"
    assert run(db, capsys, "note", "rag")[1] == "<b>literal</b> & kept\n"
    assert run(db, capsys, "note", "rag", "")[1] == "rag: note cleared\n"
    assert run(db, capsys, "note", "rag")[1] == ""


def test_a_target_date_is_set_shown_and_forgotten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite3"
    run(db, capsys, "profile", "set", "--role", "ml-engineer")
    code, out, _ = run(db, capsys, "profile", "set", "--target", "2027-06-30")
    assert code == 0
    assert out.endswith(" · target 2027-06-30\n")
    progress = json.loads(run(db, capsys, "progress", "--format", "json")[1])
    assert progress["target_date"] == "2027-06-30"
    assert progress["hours_per_week_needed"] > 0
    run(db, capsys, "profile", "set", "--no-target")
    shown = json.loads(run(db, capsys, "profile", "show", "--format", "json")[1])
    assert shown["target"] is None


def test_an_ml_engineer_without_a_specialisation_is_warned_with_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Accepted (the role is often set first, its tracks next) but never silently.
    db = tmp_path / "p.sqlite3"
    code, out, err = run(db, capsys, "profile", "set", "--role", "ml-engineer")
    assert code == 0
    assert out.startswith("default: ml-engineer · tracks: none")
    assert err == (
        "warning: role 'ml-engineer' asks for at least 1 entry specialisation track: "
        "forecasting, recommendation-systems, computer-vision, nlp-llm (add --track ID)\n"
    )
    # A later-career track is not a specialisation; the warning stays.
    _, _, err = run(db, capsys, "profile", "set", "--track", "ml-hardware")
    assert err.startswith("warning: role 'ml-engineer' asks for at least 1")
    code, out, err = run(db, capsys, "profile", "set", "--track", "nlp-llm")
    assert (code, err) == (0, "")
    assert "tracks: nlp-llm" in out
    # A role without a choice never warns.
    assert run(db, capsys, "profile", "set", "--role", "ai-engineer")[2] == ""


def test_a_plan_with_the_nlp_track_holds_post_training_and_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite3"
    run(db, capsys, "profile", "set", "--role", "ml-engineer", "--track", "nlp-llm")
    code, out, _ = run(db, capsys, "roadmap", "--role", "ml-engineer", "--format", "json")
    assert code == 0
    ids = [step["skill"] for step in json.loads(out)["steps"]]
    for skill in ("llm-post-training", "fine-tuning", "llm-serving", "embeddings", "pytorch"):
        assert skill in ids
    assert ids.index("pytorch") < ids.index("fine-tuning") < ids.index("llm-post-training")


def test_roles_show_the_specialisation_choice_and_later_career_tracks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite3"
    code, out, _ = run(db, capsys, "roles")
    assert code == 0
    ml = out[out.index("ml-engineer  ") :].splitlines()
    assert ml[1] == "  Entry specialisation: choose at least 1 of the tracks marked *"
    assert "  * --track nlp-llm  NLP and language models" in ml
    assert "    --track ml-hardware  ML hardware engineer  (later career)" in ml
    assert "    --track agents  Agents and tool use (MCP)" in out  # no choice, no marks
    _, out, _ = run(db, capsys, "roles", "--format", "json")
    roles = {r["id"]: r for r in json.loads(out)}
    assert roles["ai-engineer"]["track_choice"] is None
    assert roles["ml-engineer"]["track_choice"] == {
        "name": "Entry specialisation",
        "choose_at_least": 1,
        "tracks": ["forecasting", "recommendation-systems", "computer-vision", "nlp-llm"],
    }
    later = [t["id"] for t in roles["ml-engineer"]["tracks"] if t["later_career"]]
    assert later == ["ml-platform", "ml-hardware", "ml-solutions"]


def test_after_the_first_start_names_the_profile_the_command_line_finds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app's first-start wizard renames `default` to the learner's name: `planner` without
    --profile goes on showing that learner's plan instead of starting an empty `default`."""
    db = tmp_path / "p.sqlite3"
    assert (
        run(db, capsys, "profile", "set", "--role", "ai-engineer", "--hours-per-week", "6")[0] == 0
    )
    assert run(db, capsys, "log", "python-basics", "45m", "--date", "2026-01-05")[0] == 0
    assert run(db, capsys, "profile", "rename", "default", "Ana")[0] == 0  # as the wizard does
    assert run(db, capsys, "profile", "create", "Ben")[0] == 0  # made later: not the first

    code, out, _ = run(db, capsys, "profile", "show")
    assert code == 0 and out.startswith("Ana: ai-engineer")
    code, out, _ = run(db, capsys, "history")
    assert code == 0 and "45 min" in out
    code, out, _ = run(db, capsys, "profile", "list")
    assert [line.split()[:2] for line in out.splitlines()] == [["*", "Ana"], ["Ben", "(no"]]
    assert "default" not in out  # no empty profile was made on the way
