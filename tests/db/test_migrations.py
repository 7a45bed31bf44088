"""Upgrading a database that holds a learner's history keeps every row, and backs it up first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from planner.db.engine import Database, _alembic_config, head_revision
from planner.db.sqlite import make_engine
from planner.service import Planner

FIRST_RELEASE = "0001"


def make_old_database(path: Path) -> None:
    """A database at the first released schema, with progress, sessions and a note in it."""
    engine = make_engine(path)
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, FIRST_RELEASE)
    engine.dispose()
    with sqlite3.connect(path) as c:
        c.execute(
            "INSERT INTO skill (id, name, area, hours, summary, position) "
            "VALUES ('git', 'Git', 'Tools', 8, '', 0)"
        )
        c.execute(
            "INSERT INTO profile (id, name, hours_per_week, strategy, created_at) "
            "VALUES (1, 'default', 10, 'foundations-first', '2026-01-01 00:00:00')"
        )
        c.execute(
            "INSERT INTO progress_event (id, profile_id, skill_id, status, day, recorded_at) "
            "VALUES (1, 1, 'git', 'done', '2026-01-10', '2026-01-10 10:00:00')"
        )
        c.execute("INSERT INTO skill_state VALUES (1, 'git', 'done', '2026-01-10', 1)")
        c.execute(
            "INSERT INTO study_session (id, profile_id, skill_id, day, minutes, note, "
            "recorded_at) VALUES (1, 1, 'git', '2026-01-09', 90, 'rebase', "
            "'2026-01-09 20:00:00')"
        )
        c.execute("INSERT INTO note VALUES (1, 'git', 'learn reflog', '2026-01-09 20:00:00')")


def test_the_first_schema_upgrades_with_the_history_intact(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite3"
    make_old_database(path)
    db = Database.open(path)
    db.close()
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    planner = Planner.open(path)
    try:
        assert planner.progress.statuses() == {"git": "done"}
        assert [(s.minutes, s.note) for s in planner.progress.study_sessions()] == [(90, "rebase")]
        assert planner.progress.note("git") == "learn reflog"
    finally:
        planner.close()


def test_an_upgrade_is_preceded_by_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite3"
    make_old_database(path)
    Database.open(path).close()
    backups = list(tmp_path.glob("planner.sqlite3.before-migration-0001-*"))
    if head_revision() == FIRST_RELEASE:
        assert backups == []  # nothing to migrate, nothing to back up
        return
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert c.execute("SELECT count(*) FROM progress_event").fetchone() == (1,)


def test_the_models_match_the_migrations(tmp_path: Path) -> None:
    """A model changed without a migration would work in tests and fail on users' databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from planner.db.tables import Base

    db = Database.open(tmp_path / "planner.sqlite3")
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()
