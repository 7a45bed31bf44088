"""Every command of docs/cli.md on both engines, with the same output for the same data; on
PostgreSQL `db backup` and `db restore` point to the server's tools in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.runner import Cli
from tests.conftest import ROADMAPS

ROADMAP = """\
format: 1
skills:
  - id: both-engines
    name: Both engines
    area: Testing
    hours: 3
    requires: [python-basics]
roles:
  - id: both-role
    name: Both role
    goals: [both-engines]
"""


def _session(cli: Cli, folder: Path) -> list[tuple[str, ...]]:
    """A learner's session at the command line: (command, output) for every command, then
    the files it exported (written into `folder`)."""
    folder.mkdir(parents=True)
    extra = folder / "extra.yaml"
    extra.write_text(ROADMAP, encoding="utf-8")
    runs: list[tuple[str, ...]] = []

    def ok(*argv: str) -> None:
        runs.append((*argv, cli.ok(*argv)))

    ok("check", str(extra), str(ROADMAPS / "ml-engineer.yaml"))
    ok("import", str(extra))
    ok("roles")
    ok("skills", "--role", "both-role", "--format", "json")
    ok("profile", "set", "--role", "ml-engineer", "--hours-per-week", "8", "--start", "2026-01-05")
    ok("profile", "create", "sam")
    ok("profile", "rename", "sam", "samira")
    ok("profile", "list")
    ok("profile", "show", "--format", "json")
    ok("roadmap", "--start", "2026-01-05")
    ok("roadmap", "--role", "ai-engineer", "--format", "markdown", "--start", "2026-01-05")
    ok("status", "python-basics", "done", "--date", "2026-01-10")
    ok("status", "git", "in-progress", "--date", "2026-01-12")
    ok("profile", "set", "--slots", "Mon 19:00-21:00, Sat 10:00-13:00", "--plan-by-pace")
    ok("review", "--due", "--format", "json")
    ok("review", "python-basics", "rusty", "--date", "2026-01-20")
    ok("review")
    ok("agenda")
    ok("agenda", "--week", "2026-W03", "--format", "json")
    ok("log", "numpy", "1h30m", "--date", "2026-01-13", "--note", "arrays")
    ok("log", "numpy", "45m", "--date", "2026-01-14")
    ok("session", "edit", "1", "--duration", "2h")
    ok("session", "delete", "2")
    ok("session", "restore", "2")
    ok("note", "numpy", "broadcasting")
    ok("note", "numpy")
    ok("goal", "add", "both-engines")
    ok("goal", "list", "--format", "json")
    ok("goal", "remove", "both-engines")
    ok("timer", "start", "pandas")
    ok("timer", "cancel")
    ok("compare", "ml-engineer", "ai-engineer", "--format", "json")
    ok("export", "--json", str(folder / "plan.json"), "--csv", str(folder / "history.csv"))
    ok("export", "--ics", str(folder / "plan.ics"))
    ok("export", "--library", str(folder / "library.yaml"))
    ok("export", "--yaml", str(folder / "role.yaml"), "--markdown", str(folder / "plan.md"))
    ok("role", "delete", "both-role")
    ok("skill", "delete", "both-engines")
    ok("profile", "delete", "samira", "--yes")
    ok("db", "check")
    for name in ("plan.json", "history.csv", "library.yaml", "role.yaml", "plan.md"):
        runs.append((name, (folder / name).read_text(encoding="utf-8")))
    return runs


def _same(text: str, folder: Path) -> str:
    """Output without what differs by nature between two runs: where the files are, and
    the moments things were recorded at."""
    text = text.replace(str(folder), "FOLDER")
    text = re.sub(r"timer started at \d\d:\d\d", "timer started at TIME", text)  # a new minute
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "TIME", text)


def test_every_command_gives_the_same_answers_on_both_engines(
    tmp_path: Path, pg_planner_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = []
    for name, db in (("lite", str(tmp_path / "lite" / "planner.sqlite3")), ("pg", pg_planner_url)):
        folder = tmp_path / name / "files"
        runs = _session(Cli(db, capsys), folder)
        answers.append([tuple(_same(part, folder) for part in run) for run in runs])
    lite, server = answers
    for a, b in zip(lite, server, strict=True):
        assert a == b


def test_db_backup_and_restore_on_a_server_point_to_its_tools(
    pg_planner_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(pg_planner_url, capsys)
    for argv in (("db", "backup"), ("db", "restore", str(tmp_path / "backup.sqlite3"))):
        code, out, err = cli(*argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "pg_dump" in err and "pg_restore" in err, err
