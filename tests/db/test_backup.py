"""Backups: taken with SQLite's backup API, listed, thinned, and restored only when sound."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from planner.db import backup
from planner.errors import DatabaseError
from planner.service import Planner
from planner.service.files import restore_database
from tests.conftest import TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "planner.sqlite3"
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer")
    planner.progress.set_status("python-async", "done")
    planner.close()
    return path


def statuses(path: Path) -> dict[str, str]:
    planner = Planner.open(path, today=lambda: TODAY)
    try:
        return planner.progress.skill_statuses()
    finally:
        planner.close()


def test_a_backup_lands_in_the_backups_folder_and_is_listed(db_path: Path) -> None:
    made = backup.create_backup(db_path, datetime(2026, 3, 10, 9, 30, 0))
    again = backup.create_backup(db_path, datetime(2026, 3, 10, 9, 30, 0))
    assert made.parent == db_path.parent / "backups"
    assert made.name == "planner-2026-03-10-093000.sqlite3"
    assert again != made
    assert [b.path for b in backup.list_backups(db_path)] == [again, made]
    assert not list((db_path.parent / "backups").glob(".*"))  # no partial file left behind


def test_backup_and_restore_round_trip_keeps_the_data(db_path: Path) -> None:
    planner = Planner.open(db_path, today=lambda: TODAY)
    saved = planner.files.backup()
    planner.progress.set_status("python-async", "todo")
    planner.progress.set_note("python-async", "after the backup")
    kept = planner.files.restore(saved).value
    assert planner.progress.skill_statuses()["python-async"] == "done"
    assert planner.progress.note("python-async") == ""
    planner.close()
    assert kept is not None and kept.exists()
    assert "python-async" not in statuses(kept)  # the replaced state was kept: back to todo
    assert statuses(db_path)["python-async"] == "done"


@pytest.mark.parametrize("kind", ["text", "empty", "corrupt", "newer", "foreign"])
def test_a_bad_file_is_refused_and_the_database_is_byte_identical(
    db_path: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        bad.write_text("hello, I am not a database\n")
    elif kind == "empty":
        bad.touch()
    elif kind == "corrupt":
        good = backup.create_backup(db_path)
        data = bytearray(good.read_bytes())
        data[4096 * 2 : 4096 * 4] = b"\xff" * (4096 * 2)  # wreck pages past the header
        bad.write_bytes(bytes(data))
    elif kind == "newer":
        good = backup.create_backup(db_path)
        connection = sqlite3.connect(good)
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
        connection.commit()
        connection.close()
        bad = good
    else:
        connection = sqlite3.connect(bad)
        connection.execute("CREATE TABLE other (x)")
        connection.commit()
        connection.close()
    before = db_path.read_bytes()
    backups_before = backup.list_backups(db_path)
    planner = Planner.open(db_path, today=lambda: TODAY)
    with pytest.raises(DatabaseError):
        planner.files.restore(bad)
    assert planner.progress.skill_statuses()["python-async"] == "done"  # still open and usable
    planner.close()
    with pytest.raises(DatabaseError):
        restore_database(db_path, bad)
    assert db_path.read_bytes() == before
    assert backup.list_backups(db_path) == backups_before  # nothing kept: nothing replaced


def test_a_damaged_database_can_be_replaced_by_a_backup(db_path: Path) -> None:
    saved = backup.create_backup(db_path)
    db_path.write_bytes(b"garbage" * 1000)
    kept = restore_database(db_path, saved)
    assert kept is not None and kept.read_bytes() == b"garbage" * 1000
    assert kept not in [b.path for b in backup.list_backups(db_path)]  # never offered back
    assert statuses(db_path)["python-async"] == "done"


def test_thinning_deletes_the_files_the_rule_lets_go(db_path: Path) -> None:
    now = datetime(2026, 3, 10, 12, 0)
    for days in (0, 1, 5, 5.1, 40, 200):
        backup.create_backup(db_path, now - timedelta(days=days))
    deleted = backup.thin_backups(db_path, now)
    assert len(deleted) == 2  # the older of the two five days ago, and the one of 200 days ago
    left = [b.taken for b in backup.list_backups(db_path)]
    assert left == [now - timedelta(days=d) for d in (0, 1, 5, 40)]
