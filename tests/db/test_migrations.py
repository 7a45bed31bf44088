"""Upgrading a database that holds a learner's history keeps every row, and backs it up first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from planner.db.engine import Database, _alembic_config, head_revision
from planner.db.sqlite import make_engine
from planner.service import Planner

FIRST_RELEASE = "0001"


def migrate(path: Path, revision: str) -> None:
    """Run the migrations on the database at `path` up to `revision` ("head": every one)."""
    engine = make_engine(path)
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def schema(path: Path) -> dict[str, dict[str, object]]:
    """Each table's definition as SQLite holds it, the order of declaration of its keys and
    indexes aside: columns in order (type, NOT NULL, default, key), foreign keys (columns,
    referred table, actions), indexes with their columns, and the constraints of its CREATE
    statement (names, checks, uniques, keys) as a set."""
    found: dict[str, dict[str, object]] = {}
    with sqlite3.connect(path) as c:
        tables = c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        for name, sql in tables:
            body = " ".join(sql.split()).split("(", 1)[1].rsplit(")", 1)[0]
            keys: dict[int, list[tuple[object, ...]]] = {}
            for key, _, *rest in c.execute(f"PRAGMA foreign_key_list('{name}')"):
                keys.setdefault(key, []).append(tuple(rest))
            found[name] = {
                "columns": c.execute(f"PRAGMA table_xinfo('{name}')").fetchall(),
                "foreign keys": {tuple(parts) for parts in keys.values()},
                "indexes": {
                    (index, unique, tuple(r[2] for r in c.execute(f"PRAGMA index_info('{index}')")))
                    for _, index, unique, _, _ in c.execute(f"PRAGMA index_list('{name}')")
                },
                "constraints": {part.strip() for part in body.split(", CONSTRAINT ")[1:]},
            }
    return found


def test_a_new_file_gets_the_schema_the_migrations_make(tmp_path: Path) -> None:
    """A new SQLite file is given the models' schema at once, stamped with the newest revision
    (no Alembic on a first start): it must be the very schema the migrations build."""
    created, migrated = tmp_path / "created.sqlite3", tmp_path / "migrated.sqlite3"
    Database.open(created).close()
    migrate(migrated, "head")
    assert schema(created) == schema(migrated)
    with sqlite3.connect(created) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]


def make_old_database(path: Path) -> None:
    """A database at the first released schema, with progress, sessions and a note in it."""
    migrate(path, FIRST_RELEASE)
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

    from planner.db.tables import metadata

    path = tmp_path / "planner.sqlite3"
    migrate(path, "head")  # (a new file the app opens gets the models' schema without them)
    db = Database.open(path)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        db.close()
