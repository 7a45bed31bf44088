"""A database the command line cannot open: one line on stderr, exit status 1, the file
byte-identical — and the way out (the backup to restore) named when there is one."""

from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path

import pytest

from planner.cli import main
from planner.db import sqlite as engine
from planner.db import sqlite_checks as checks
from planner.service import Planner
from tests.broken_files import KINDS, break_database, integrity
from tests.cli.runner import Cli

# What each kind of file is called in the one line.
SAYS = {
    "corrupt-header": "the database is damaged (database disk image is malformed)",
    "corrupt-page": "the database is damaged",
    "truncated": "the database is damaged",
    "not-sqlite": "not a planner database (the file is not SQLite)",
    "not-planner": "not a planner database (unknown tables: photos)",
    "newer": "this database was written by a newer version of the planner",
}
ADVICE = {
    "corrupt-header": "nothing was changed — restore a backup, or move the file away",
    "corrupt-page": "nothing was changed — restore a backup, or move the file away",
    "truncated": "nothing was changed — restore a backup, or move the file away",
    "not-sqlite": "nothing was changed — restore a backup, or move the file away",
    "not-planner": "nothing was changed — choose another database file, or move this one away",
    "newer": "update the app to open it. The file was left untouched.",
}


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A learner's database with one skill done."""
    path = tmp_path / "planner.sqlite3"
    assert main(["--db", str(path), "status", "git", "done"]) == 0
    capsys.readouterr()
    return path


def one_line_failure(cli: Cli, *argv: str) -> str:
    code, out, err = cli(*argv)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and "internal error" not in err
    return err.rstrip("\n")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [("status", "pandas", "done"), ("skills",), ("db", "backup")])
def test_a_file_that_cannot_be_opened_gives_one_line_and_stays_byte_identical(
    db: Path, capsys: pytest.CaptureFixture[str], kind: str, command: tuple[str, ...]
) -> None:
    break_database(db, kind)
    before = db.read_bytes()
    line = one_line_failure(Cli(db, capsys), *command)
    assert line.startswith(f"planner: {db}: {SAYS[kind]}")
    assert ADVICE[kind] in line
    assert db.read_bytes() == before
    assert not (db.parent / "backups").exists()  # nothing taken, nothing moved


@pytest.mark.parametrize("kind", ["corrupt-header", "not-sqlite", "not-planner"])
def test_the_line_names_the_backup_to_restore_and_that_command_works(
    db: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    cli = Cli(db, capsys)
    saved = Path(cli.ok("db", "backup").strip())
    break_database(db, kind)
    broken = db.read_bytes()
    line = one_line_failure(cli, "status", "pandas", "done")
    command = f"planner --db {shlex.quote(str(db))} db restore {shlex.quote(str(saved))}"
    assert line.endswith(f"is restored by: {command}")
    assert db.read_bytes() == broken

    assert main(shlex.split(command)[1:]) == 0  # exactly what the line says
    out = capsys.readouterr().out
    assert out.startswith(f"restored {saved}; the previous database was kept as ")
    kept = Path(out.strip().rsplit(" ", 1)[1])
    assert kept.read_bytes() == broken  # set aside, never deleted
    assert cli.json("skills")  # opens again
    statuses = {s["id"]: s["status"] for s in cli.json("skills")}
    assert statuses["git"] == "done"
    assert integrity(db) == "ok"


def test_a_bad_file_given_to_restore_gets_no_hint_about_the_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(db, capsys)
    cli.ok("db", "backup")
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    line = one_line_failure(cli, "db", "restore", str(bad))
    assert line == f"planner: {bad}: not a planner database (the file is not SQLite)"


def test_a_database_held_by_another_program_gives_one_line_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # do not wait long in a test
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another program writing, and not letting go
        line = one_line_failure(Cli(db, capsys), "status", "pandas", "done")
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert line.startswith(f"planner: {db}: ")
    assert "locked" in line and "nothing was changed" in line
    assert "another program (perhaps the planner, in another window)" in line
    statuses = {s["id"]: s["status"] for s in Cli(db, capsys).json("skills")}
    assert statuses["pandas"] == "todo" and statuses["git"] == "done"


def test_the_cli_writes_while_the_app_has_the_database_open(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Planner.open(db)  # as the app holds it: open, between two of its transactions
    try:
        Cli(db, capsys).ok("status", "pandas", "done")
        assert app.progress.statuses()["pandas"] == "done"  # the app reads what the CLI wrote
        app.progress.set_status("numpy", "done")  # and its next write works
        statuses = {s["id"]: s["status"] for s in Cli(db, capsys).json("skills")}
        assert (statuses["git"], statuses["pandas"], statuses["numpy"]) == ("done",) * 3
    finally:
        app.close()
    assert integrity(db) == "ok"


def test_a_folder_that_cannot_be_created_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    line = one_line_failure(Cli(blocker / "planner.sqlite3", capsys), "skills")
    assert line == (
        f"planner: {blocker}: cannot create the data folder (File exists), so the planner "
        "cannot keep planner.sqlite3 there; nothing was changed — make it writable, or choose "
        "another database file"
    )
    assert blocker.read_text() == "a file where the folder should be"


def test_a_folder_that_refuses_writes_is_named_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    monkeypatch.setattr(checks, "_can_write", lambda path: path != folder)
    line = one_line_failure(Cli(folder / "planner.sqlite3", capsys), "status", "git", "done")
    assert line == (
        f"planner: {folder}: the planner may not write in this folder, so it cannot keep "
        "planner.sqlite3 there; nothing was changed — make it writable, or choose another "
        "database file"
    )
    assert list(folder.iterdir()) == []


def test_a_read_only_database_file_is_refused_before_any_write(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db.read_bytes()
    monkeypatch.setattr(checks, "_can_write", lambda path: path != db)
    line = one_line_failure(Cli(db, capsys), "status", "pandas", "done")
    assert line == (
        f"planner: {db}: the database file is read-only; nothing was changed — make it "
        "writable, or choose another database file"
    )
    assert db.read_bytes() == before


def test_missing_built_in_roadmaps_are_named_not_an_empty_planner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A broken installation (the wheel once shipped without roadmaps/): a new database would
    # have opened on an empty library, with no role to choose and nothing said.
    empty = tmp_path / "site" / "roadmaps"
    empty.mkdir(parents=True)
    monkeypatch.setattr("planner.paths.builtin_roadmaps_dir", lambda: empty)
    monkeypatch.setattr("planner.service.facade.builtin_roadmaps_dir", lambda: empty)
    code, out, err = Cli(tmp_path / "planner.sqlite3", capsys)("roles")
    assert code == 1
    assert out == ""
    assert err.strip().endswith(
        f"the built-in roadmaps are missing (no roadmap files in {empty}); reinstall the planner"
    )
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
