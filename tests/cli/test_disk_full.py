"""A write on a full disk: named as such (not as an unreadable or read-only database), one line,
exit status 1, and the database as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.db import sqlite as engine
from tests.broken_files import integrity
from tests.cli.runner import Cli

LONG_NOTE = "Worked through the exercises, then the proofs again. " * 400  # needs new pages


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A learner's database with one skill done and one note."""
    path = tmp_path / "planner.sqlite3"
    assert main(["--db", str(path), "status", "git", "done"]) == 0
    assert main(["--db", str(path), "note", "git", "Branches at last."]) == 0
    capsys.readouterr()
    return path


def fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up: every connection the planner opens may read, and rewrite the pages
    the database has, but not add one (SQLite's max_page_count gives the error a full disk
    gives, SQLITE_FULL, without a tiny file system to mount)."""
    connect = engine._on_connect

    def on_connect(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        connect(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    monkeypatch.setattr(engine, "_on_connect", on_connect)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    fill_disk(monkeypatch)


def test_a_write_on_a_full_disk_says_the_disk_is_full_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], full_disk: None
) -> None:
    cli = Cli(db, capsys)
    before = sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()
    code, out, err = cli("note", "pandas", LONG_NOTE)
    assert code == 1
    assert out == ""
    assert err == (
        f"planner: {db}: the disk is full: free some space on the disk holding {db.parent}, "
        "then try again — nothing was lost\n"
    )
    assert "Traceback" not in err and "writable" not in err and "cannot be read" not in err
    assert integrity(db) == "ok"
    after = sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert after == before


def test_after_a_full_disk_everything_is_there_and_the_write_works_with_room_again(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(db, capsys)
    fill_disk(monkeypatch)
    assert cli("note", "pandas", LONG_NOTE)[0] == 1
    assert cli("log", "pandas", "45m", "--note", LONG_NOTE)[0] == 1
    monkeypatch.undo()  # space was freed
    assert cli.ok("note", "git").strip() == "Branches at last."
    assert cli.ok("note", "pandas").strip() == ""
    assert [s["status"] for s in cli.json("skills") if s["id"] == "git"] == ["done"]
    assert [h["skill"] for h in cli.json("history")] == ["git"]  # the session was not logged
    cli.ok("note", "pandas", LONG_NOTE)
    assert cli.ok("note", "pandas").strip() == LONG_NOTE.strip()


def test_a_backup_on_a_full_disk_says_the_disk_is_full(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(db, capsys)
    # The backup is a new file: a disk with no room refuses it (ENOSPC) as it is written.
    monkeypatch.setattr("planner.db.backup._copy", _no_space)
    code, out, err = cli("db", "backup")
    assert code == 1
    assert out == ""
    folder = db.parent / "backups"
    assert err == (
        f"planner: {folder}: the disk is full: free some space on the disk holding {folder}, "
        "then try again — nothing was lost\n"
    )
    assert [p.name for p in folder.iterdir()] == []  # no half-written backup left behind
    assert integrity(db) == "ok"


def _no_space(_source: Path, target: Path) -> None:
    target.write_bytes(b"SQLite format 3\x00")  # a start, then the disk is full
    raise OSError(28, "No space left on device", str(target))
