"""Open the SQLite database safely: pragmas on every connection, checks before any write,
and Alembic migrations applied automatically."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from planner.errors import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would issue BEGIN late and COMMIT around DDL; we let
    # SQLAlchemy emit BEGIN itself (see _on_begin) so migrations are transactional.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """An engine whose every connection enforces foreign keys and uses WAL and a busy timeout."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def inspect_file(path: Path) -> str | None:
    """Check an existing database file without changing a byte of it.

    Returns its schema revision (None for a fresh or empty file); raises DatabaseError for a
    file that is not SQLite, is corrupt, is not a planner database, or is from a newer version.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"{path}: cannot read the database: {error.strerror}") from None
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path}: not a planner database (the file is not SQLite)")
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise DatabaseError(f"{path}: not a planner database (unknown tables)")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path}: the database cannot be read ({error})") from None
    revision = None if row is None else str(row[0])
    if revision is not None:
        try:
            ScriptDirectory.from_config(_alembic_config()).get_revision(revision)
        except Exception:  # alembic raises several types for an unknown revision
            raise DatabaseError(
                f"{path}: this database was written by a newer version of the planner "
                f"(schema {revision}); update the app to open it. The file was left untouched."
            ) from None
    return revision


def backup_before_migration(path: Path, revision: str) -> Path:
    """A consistent copy of the database, taken with SQLite's online backup API."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-migration-{revision}-{stamp}")
    source = sqlite3.connect(path, timeout=5)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def _migrate(engine: Engine, path: Path, revision: str | None) -> None:
    """Bring the schema to the newest revision, safely.

    Alembic's batch mode rebuilds a table by copying it and dropping the old one; with foreign
    keys on, that drop would cascade and delete every learner's history. So migrations run with
    foreign keys off (the pragma only takes effect outside a transaction), are checked with
    `foreign_key_check` before they commit, and an existing database is backed up first.
    """
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head_revision():
            connection.rollback()
            return
        connection.rollback()
        if revision is not None:
            backup_before_migration(path, revision)
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config = _alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"{path}: the migration would break {len(broken)} references; "
                        "nothing was changed"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


@dataclass
class Database:
    """An open database: the engine, a session factory, and whether it was just created."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    created: bool

    @classmethod
    def open(cls, path: Path) -> Database:
        """Open (creating and migrating as needed) the database at `path`."""
        revision = inspect_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                f"{path.parent}: cannot create the data folder: {error.strerror}"
            ) from None
        engine = make_engine(path)
        try:
            _migrate(engine, path, revision)
        except Exception as error:
            engine.dispose()
            if isinstance(error, DatabaseError):
                raise
            message = str(getattr(error, "orig", error))
            raise DatabaseError(f"{path}: cannot open the database: {message}") from None
        return cls(path, engine, sessionmaker(engine, expire_on_commit=False), revision is None)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.

        A database another program holds locked past the busy timeout, or a disk that refuses
        the write, becomes a DatabaseError: one clear message, and the transaction is rolled back.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except sqlalchemy.exc.OperationalError as error:
            raise DatabaseError(
                f"{self.path}: the database cannot be used right now ({error.orig}); "
                "nothing was changed"
            ) from None

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
