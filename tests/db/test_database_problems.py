"""Each problem with a database has its kind, set where it is found; two programs on one
database never damage it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event

from planner.db import backup
from planner.db import sqlite as engine
from planner.db import sqlite_checks as checks
from planner.db.engine import Database
from planner.errors import DatabaseError, DatabaseProblem
from planner.service import Planner
from planner.service.files import restore_database, set_aside_database
from tests.broken_files import KINDS, break_database, integrity
from tests.conftest import TODAY

KIND_OF = {
    "corrupt-header": DatabaseProblem.CORRUPT,
    "corrupt-page": DatabaseProblem.CORRUPT,
    "truncated": DatabaseProblem.CORRUPT,
    "not-sqlite": DatabaseProblem.NOT_SQLITE,
    "not-planner": DatabaseProblem.NOT_PLANNER,
    "newer": DatabaseProblem.NEWER,
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "planner.sqlite3"
    planner = Planner.open(path, today=lambda: TODAY)
    planner.progress.set_status("git", "done")
    planner.close()
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_each_bad_file_has_its_kind_and_path(db: Path, kind: str) -> None:
    break_database(db, kind)
    before = db.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        Database.open(db)
    assert caught.value.kind is KIND_OF[kind]
    assert caught.value.path == db
    assert str(caught.value).startswith(f"{db}: ")
    assert "\n" not in str(caught.value)
    assert db.read_bytes() == before


def test_damage_deep_inside_is_found_before_anything_is_written(db: Path) -> None:
    break_database(db, "corrupt-page")
    with pytest.raises(DatabaseError, match="damaged"):
        Planner.open(db)


def test_sqlite_result_codes_become_kinds() -> None:
    def error(name: str) -> sqlite3.Error:
        e = sqlite3.OperationalError("x")
        e.sqlite_errorname = name
        return e

    assert checks.problem_of(error("SQLITE_BUSY")) is DatabaseProblem.LOCKED
    assert checks.problem_of(error("SQLITE_READONLY_DBMOVED")) is DatabaseProblem.UNWRITABLE
    assert checks.problem_of(error("SQLITE_IOERR_WRITE")) is DatabaseProblem.UNWRITABLE
    assert checks.problem_of(error("SQLITE_FULL")) is DatabaseProblem.DISK_FULL
    assert checks.problem_of(error("SQLITE_CORRUPT")) is DatabaseProblem.CORRUPT
    assert checks.problem_of(error("SQLITE_CONSTRAINT_FOREIGNKEY")) is None  # a program's bug
    assert checks.problem_of(ValueError("not from SQLite")) is None


def test_a_write_sqlite_refuses_is_one_error_of_its_kind_and_nothing_changes(db: Path) -> None:
    planner = Planner.open(db, today=lambda: TODAY)
    try:
        # What a file that turned read-only under a running program gives.
        event.listen(planner.db.engine, "connect", lambda c, _r: c.execute("PRAGMA query_only=1"))
        planner.db.engine.dispose()
        with pytest.raises(DatabaseError) as caught:
            planner.progress.set_status("pandas", "done")
        assert caught.value.kind is DatabaseProblem.UNWRITABLE
        assert str(caught.value).startswith(f"{db}: the database cannot be used right now (")
        assert "nothing was changed — make it writable" in str(caught.value)
    finally:
        planner.close()
    assert Planner.open(db).progress.statuses() == {"git": "done"}


def test_a_database_held_by_another_program_is_locked(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseError) as caught:
            Planner.open(db)
        assert caught.value.kind is DatabaseProblem.LOCKED
        assert caught.value.path == db
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_an_unwritable_folder_is_found_before_the_file_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setattr(checks, "_can_write", lambda path: path != folder)
    with pytest.raises(DatabaseError) as caught:
        Database.open(folder / "planner.sqlite3")
    assert caught.value.kind is DatabaseProblem.UNWRITABLE
    assert caught.value.path == folder
    assert list(folder.iterdir()) == []


def test_setting_aside_moves_the_file_and_its_journals_and_deletes_nothing(db: Path) -> None:
    break_database(db, "corrupt-header")
    broken = db.read_bytes()
    wal = db.with_name(db.name + "-wal")
    wal.write_bytes(b"frames someone may rescue")
    kept = set_aside_database(db)
    assert not db.exists() and not wal.exists()
    assert kept.parent == db.parent / "backups" and kept.read_bytes() == broken
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"frames someone may rescue"
    assert backup.list_backups(db) == []  # never offered for restoring
    planner = Planner.open(db)  # a new database, where the old one was
    assert planner.db.created and planner.progress.statuses() == {}
    planner.close()


def test_restoring_over_a_damaged_file_keeps_its_journal_too(db: Path) -> None:
    saved = backup.create_backup(db)
    break_database(db, "corrupt-page")
    db.with_name(db.name + "-wal").write_bytes(b"wal")
    kept = restore_database(db, saved)
    assert kept is not None
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"wal"
    assert integrity(db) == "ok"


def test_two_planners_writing_in_turn_on_one_file_keep_it_sound(db: Path) -> None:
    a = Planner.open(db, today=lambda: TODAY)
    b = Planner.open(db, today=lambda: TODAY)
    try:
        a.progress.set_status("pandas", "done")
        b.progress.set_status("numpy", "done")
        a.progress.log_study("pandas", 30)
        b.progress.log_study("numpy", 45)
        a.progress.set_note("pandas", "from A")
        b.progress.set_note("numpy", "from B")
        for planner in (a, b):  # each sees both
            assert {"git", "pandas", "numpy"} <= set(planner.progress.statuses())
            assert planner.progress.minutes_studied("pandas") == 30
            assert planner.progress.minutes_studied("numpy") == 45
    finally:
        a.close()
        b.close()
    assert integrity(db) == "ok"
    again = Planner.open(db)
    assert (again.progress.note("pandas"), again.progress.note("numpy")) == ("from A", "from B")
    again.close()


WRITER = textwrap.dedent(
    """
    import sys
    from planner.service import Planner

    planner = Planner.open(sys.argv[1])
    for n in range(int(sys.argv[3])):
        planner.progress.log_study(sys.argv[2], 1 + n)
    planner.close()
    """
)


def test_two_programs_writing_at_the_same_time_keep_the_file_sound(db: Path) -> None:
    n = 40
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), skill, str(n)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for skill in ("pandas", "numpy")
    ]
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert integrity(db) == "ok"
    planner = Planner.open(db)
    expected = n * (n + 1) // 2
    assert (
        planner.progress.minutes_studied("pandas")
        == planner.progress.minutes_studied("numpy")
        == expected
    )
    planner.close()
