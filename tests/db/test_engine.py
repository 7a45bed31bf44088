"""Opening the database: created and migrated on first use, refused safely when it is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from planner.db.engine import Database, head_revision
from planner.errors import DatabaseError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_created_and_migrated_from_empty(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "planner.sqlite3"
    db = Database.open(path)
    try:
        assert db.created
        with db.engine.connect() as c:
            assert (
                c.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == head_revision()
            )
            tables = {
                r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
            }
        assert {
            "skill",
            "prerequisite",
            "role",
            "profile",
            "progress_event",
            "study_session",
            "note",
        } <= tables
    finally:
        db.close()
    again = Database.open(path)
    assert not again.created
    again.close()


def test_every_connection_enforces_foreign_keys_with_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "p.sqlite3")
    try:
        with db.engine.connect() as c:
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        with pytest.raises(Exception, match="FOREIGN KEY"), db.session() as s:
            s.execute(text("INSERT INTO prerequisite VALUES ('a', 'b', 1, 0)"))
    finally:
        db.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(path)
    with pytest.raises(DatabaseError, match="newer version of the planner"):
        Database.open(path)
    assert digest(path) == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my shopping list\n", encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a planner database"):
        Database.open(path)
    assert path.read_text(encoding="utf-8") == "my shopping list\n"


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE photos (id INTEGER)")
    before = digest(path)
    with pytest.raises(DatabaseError, match="unknown tables"):
        Database.open(path)
    assert digest(path) == before


def test_a_corrupt_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    Database.open(path).close()
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page after the header
    path.write_bytes(bytes(raw))
    with pytest.raises(DatabaseError):
        Database.open(path)


def test_a_database_locked_by_another_program_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.db import sqlite as engine_module
    from planner.service import Planner

    path = tmp_path / "p.sqlite3"
    Planner.open(path).close()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)  # do not wait long in a test
    planner = Planner.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another program writing, and not letting go
        with pytest.raises(DatabaseError, match=r"cannot be used right now .*nothing was changed"):
            planner.progress.set_status("git", "done")
        other.execute("ROLLBACK")
        assert planner.progress.statuses() == {}
    finally:
        other.close()
        planner.close()


def test_the_revisions_known_without_alembic_are_alembics_own() -> None:
    # Opening an up-to-date database skips Alembic; it must agree with Alembic on what is
    # "up to date" and on which revisions are older rather than from a newer app.
    from alembic.script import ScriptDirectory

    from planner.db.engine import _alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(_alembic_config())
    oldest_first = [rev.revision for rev in scripts.walk_revisions()][::-1]
    assert list(known_revisions()) == oldest_first
    assert known_revisions()[-1] == head_revision()


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "planner.sqlite3"
    Database.open(path).close()
    script = (
        "import sys; from pathlib import Path; from planner.db.engine import Database; "
        f"Database.open(Path({str(path)!r})).close(); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
