"""The learner's own database, an SQLite file, opened safely: pragmas on every connection,
checks before any write, a backup before Alembic migrates it."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, event

from planner.db.engine import Database, _alembic_config, head_revision, known_revisions
from planner.db.sqlite_checks import (
    ADVICE,
    advised,
    check_writable,
    disk_full_message,
    inspect_file,
    problem_of,
)
from planner.errors import DatabaseError, DatabaseProblem

BUSY_TIMEOUT_MS = 5000


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


def backup_before_migration(path: Path, revision: str) -> Path:
    """A consistent copy of the database, taken with SQLite's online backup API.

    The copy is written under a hidden name and renamed once complete: a run killed half-way
    (reliability/crash_test.py does that) never leaves a file that looks like a backup but is
    empty or half-written, and what such a run left is removed by the next one. The copy is one
    plain file (journal mode DELETE, no -wal beside it), like the backups in backups/.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-migration-{revision}-{stamp}")
    hidden = f".{path.name}.before-migration-"
    for stale in path.parent.iterdir():
        if stale.name.startswith(hidden):
            stale.unlink(missing_ok=True)
    partial = path.with_name(f".{target.name}.partial")
    try:
        source = sqlite3.connect(path, timeout=5)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        # The copy of a WAL database is marked WAL too: make it a single file.
        single = sqlite3.connect(partial)
        try:
            single.execute("PRAGMA journal_mode=DELETE")
        finally:
            single.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _migrate(engine: Engine, path: Path, revision: str | None) -> None:
    """Bring the schema to the newest revision, safely.

    Alembic's batch mode rebuilds a table by copying it and dropping the old one; with foreign
    keys on, that drop would cascade and delete every learner's history. So migrations run with
    foreign keys off (the pragma only takes effect outside a transaction), are checked with
    `foreign_key_check` before they commit, and an existing database is backed up first.
    """
    if revision == known_revisions()[-1]:
        return  # up to date when inspected a moment ago: the common case, without Alembic
    if revision is None and _create(engine):
        return  # a new file: the newest schema made at once, without Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext

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


# What Alembic's `stamp` creates to hold the schema's revision (see `_create`).
_VERSION_TABLE = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def _create(engine: Engine) -> bool:
    """Give a new, empty file the newest schema: the models' tables (`create_all`) and the
    newest revision stamped, in one transaction; False, touching nothing, when another program
    gave the file its tables first (it is then migrated as any existing file).

    A first start pays neither Alembic's import nor a run of every migration (a third of its
    cost above a returning start). tests/db/test_migrations.py holds the schema made so to the
    one the migrations make, table by table: columns, keys, indexes, checks."""
    from planner.db.tables import metadata

    with engine.begin() as connection:  # BEGIN IMMEDIATE: one creator at a time
        if connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table'").first():
            return False
        metadata.create_all(connection, checkfirst=False)
        connection.exec_driver_sql(_VERSION_TABLE)
        connection.exec_driver_sql(
            "INSERT INTO alembic_version (version_num) VALUES (?)", (known_revisions()[-1],)
        )
    return True


class SqliteChangeWatch:
    """Notices commits made to the database by anyone but this program (the command line
    while the app is open, say), through SQLite's `data_version` on a connection of its own.

    The version is read again after each of this program's commits; a commit elsewhere in the
    same instant goes unnoticed until the next one (the data itself is never wrong: every
    transaction reads the file afresh).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # sessions may commit on a worker thread
        self._connection: sqlite3.Connection | None = None
        self._seen = 0
        self._stopped = False

    def _version(self) -> int:
        assert self._connection is not None
        try:
            row = self._connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return self._seen  # cannot tell: say nothing changed
        return int(row[0])

    def start(self) -> None:
        """Begin watching (nothing happens when already watching, or once stopped)."""
        with self._lock:
            if self._connection is None and not self._stopped:
                self._connection = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                )
                self._connection.isolation_level = None  # never holds a transaction open
                self._seen = self._version()

    def own_commit(self) -> None:
        """This program committed: what is there now is known."""
        with self._lock:
            if self._connection is not None:
                self._seen = self._version()

    def changed(self) -> bool:
        """Whether someone else committed since the last look (or this program's last commit)."""
        with self._lock:
            if self._connection is None:
                return False
            version = self._version()
            changed, self._seen = version != self._seen, version
            return changed

    def stop(self) -> None:
        """Stop for good (the database is closed)."""
        with self._lock:
            self._stopped = True
            if self._connection is not None:
                self._connection.close()
                self._connection = None


class SqliteDatabase(Database):
    """An open SQLite file."""

    def __init__(self, path: Path, engine: Engine, created: bool) -> None:
        self.location = path
        self.path = path
        self.engine = engine
        self.created = created
        self.watch = SqliteChangeWatch(path)  # started by the app; the CLI has no need

    def __repr__(self) -> str:
        return f"SqliteDatabase({str(self.path)!r})"

    @classmethod
    def open_file(cls, path: Path) -> SqliteDatabase:
        """Open (creating and migrating as needed) the database at `path`."""
        try:
            revision = inspect_file(path)
            check_writable(path)
        except DatabaseError as error:
            raise advised(error) from None
        engine = make_engine(path)
        try:
            _migrate(engine, path, revision)
        except Exception as error:
            engine.dispose()
            if isinstance(error, DatabaseError):
                raise
            kind = problem_of(error, path) or DatabaseProblem.OTHER
            message = str(getattr(error, "orig", error))
            raise advised(
                DatabaseError(f"{path}: cannot open the database ({message})", kind, path)
            ) from None
        return cls(path, engine, revision is None)

    def _problem(self, error: sqlalchemy.exc.DatabaseError) -> DatabaseError | None:
        # A database another program holds locked past the busy timeout, a disk that refuses
        # the write, or a file found damaged: one line of that kind.
        path = self.file()
        kind = problem_of(error, path)
        if kind is None and not isinstance(error, sqlalchemy.exc.OperationalError):
            return None
        kind = kind or DatabaseProblem.OTHER
        if kind is DatabaseProblem.DISK_FULL:  # the transaction was rolled back whole
            return DatabaseError(disk_full_message(path), kind, path)
        advice = ADVICE.get(kind)
        return DatabaseError(
            f"{path}: the database cannot be used right now ({error.orig}); "
            "nothing was changed" + (f" — {advice}" if advice else ""),
            kind,
            path,
        )
