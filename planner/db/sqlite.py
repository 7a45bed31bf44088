"""The learner's own database, an SQLite file, opened safely: pragmas on every connection,
checks before any write, a backup before Alembic migrates it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker

from planner.db.engine import Database, _alembic_config, head_revision, known_revisions
from planner.errors import DatabaseError, DatabaseProblem

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


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


# SQLite's own result codes, as the kind of problem a learner has.
_PROBLEM_OF_CODE = {
    "SQLITE_BUSY": DatabaseProblem.LOCKED,
    "SQLITE_LOCKED": DatabaseProblem.LOCKED,
    "SQLITE_READONLY": DatabaseProblem.UNWRITABLE,
    "SQLITE_PERM": DatabaseProblem.UNWRITABLE,
    "SQLITE_CANTOPEN": DatabaseProblem.UNWRITABLE,
    "SQLITE_FULL": DatabaseProblem.DISK_FULL,
    "SQLITE_IOERR": DatabaseProblem.UNWRITABLE,
    "SQLITE_CORRUPT": DatabaseProblem.CORRUPT,
    "SQLITE_NOTADB": DatabaseProblem.CORRUPT,  # the header was checked: the rest is damaged
}

# What a learner can do about each kind of problem, after "nothing was changed".
ADVICE = {
    DatabaseProblem.CORRUPT: "restore a backup, or move the file away to start afresh",
    DatabaseProblem.NOT_SQLITE: "restore a backup, or move the file away to start afresh",
    DatabaseProblem.NOT_PLANNER: "choose another database file, or move this one away",
    DatabaseProblem.UNWRITABLE: "make it writable, or choose another database file",
    DatabaseProblem.LOCKED: (
        "another program (perhaps the planner, in another window) is holding it: "
        "close it, or try again in a moment"
    ),
}


# Less free space than this where the database is, and a failed write is put down to a
# full disk: SQLite reports some writes cut short by it as a bare I/O error.
NEARLY_FULL_BYTES = 1 << 20


def problem_of(error: BaseException, path: Path | None = None) -> DatabaseProblem | None:
    """The kind of problem an sqlite3 error (or SQLAlchemy's wrapper of one) reports; None
    for the errors a program makes (a broken constraint, bad SQL), which are not the file's.

    Given the database's `path`, an I/O error or a refused write on a disk with (next to) no
    space left is said to be what it is: a full disk."""
    orig = getattr(error, "orig", error)
    name = str(getattr(orig, "sqlite_errorname", ""))
    for code, problem in _PROBLEM_OF_CODE.items():
        if name == code or name.startswith(code + "_"):  # SQLITE_IOERR_WRITE, ...
            if problem is DatabaseProblem.UNWRITABLE and path is not None and disk_full(path):
                return DatabaseProblem.DISK_FULL
            return problem
    return None


def disk_full(path: Path) -> bool:
    """Whether the disk holding `path` (a file or a folder) has no room left to write."""
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def disk_full_message(path: Path) -> str:
    """What a learner reads when a write found the disk full: where to make room."""
    folder = path if path.is_dir() else path.parent
    return (
        f"{path}: the disk is full: free some space on the disk holding {folder}, "
        "then try again — nothing was lost"
    )


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def inspect_file(path: Path) -> str | None:
    """Check an existing database file without changing a byte of it.

    Returns its schema revision (None for a fresh or empty file); raises DatabaseError, its
    `kind` saying which, for a file that is not SQLite, is damaged (SQLite's quick check reads
    every page: tens of milliseconds for years of data), is not a planner database, cannot be
    read, or is from a newer version.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        kind = (
            DatabaseProblem.UNWRITABLE
            if isinstance(error, PermissionError)
            else DatabaseProblem.OTHER
        )
        raise DatabaseError(
            f"{path}: cannot read the database: {error.strerror}", kind, path
        ) from None
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"{path}: not a planner database (the file is not SQLite)",
            DatabaseProblem.NOT_SQLITE,
            path,
        )
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            damage = [str(r[0]) for r in connection.execute("PRAGMA quick_check").fetchall()]
            if damage != ["ok"]:
                raise DatabaseError(
                    f"{path}: the database is damaged ({_one_line('; '.join(damage[:3]))})",
                    DatabaseProblem.CORRUPT,
                    path,
                )
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                names = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
                raise DatabaseError(
                    f"{path}: not a planner database (unknown tables: {names})",
                    DatabaseProblem.NOT_PLANNER,
                    path,
                )
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        kind = problem_of(error, path) or DatabaseProblem.CORRUPT
        if kind is DatabaseProblem.DISK_FULL:
            message = disk_full_message(path)
        elif kind is DatabaseProblem.CORRUPT:
            message = f"{path}: the database is damaged ({error})"
        elif kind is DatabaseProblem.LOCKED:
            message = f"{path}: the database is in use and stayed locked ({error})"
        else:
            message = f"{path}: the database cannot be read ({error})"
        raise DatabaseError(message, kind, path) from None
    revision = None if row is None else str(row[0])
    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            f"{path}: this database was written by a newer version of the planner "
            f"(schema {revision}); update the app to open it. The file was left untouched.",
            DatabaseProblem.NEWER,
            path,
        )
    return revision


def _can_write(path: Path) -> bool:
    """Whether this process may write `path` (a file, or a folder to create files in)."""
    return os.access(path, os.W_OK)


def _advised(error: DatabaseError) -> DatabaseError:
    """The error with what the learner can do about it, as one line."""
    if error.kind is DatabaseProblem.DISK_FULL and error.path is not None:
        return DatabaseError(disk_full_message(error.path), error.kind, error.path)
    advice = ADVICE.get(error.kind)
    if advice is None:
        return error
    return DatabaseError(f"{error}; nothing was changed — {advice}", error.kind, error.path)


def _check_writable(path: Path) -> None:
    """Refuse, before any write, a folder or a database file this process may not write."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            f"{folder}: cannot create the data folder ({error.strerror}), so the planner "
            f"cannot keep {path.name} there",
            DatabaseProblem.UNWRITABLE,
            folder,
        ) from None
    if not _can_write(folder):
        # SQLite writes its journal (-wal, -shm) beside the database: the folder must allow it.
        raise DatabaseError(
            f"{folder}: the planner may not write in this folder, so it cannot keep "
            f"{path.name} there",
            DatabaseProblem.UNWRITABLE,
            folder,
        )
    if path.exists() and not _can_write(path):
        raise DatabaseError(
            f"{path}: the database file is read-only", DatabaseProblem.UNWRITABLE, path
        )


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
    from planner.db.tables import Base

    with engine.begin() as connection:  # BEGIN IMMEDIATE: one creator at a time
        if connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table'").first():
            return False
        Base.metadata.create_all(connection, checkfirst=False)
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
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.created = created
        self.watch = SqliteChangeWatch(path)  # started by the app; the CLI has no need

    def __repr__(self) -> str:
        return f"SqliteDatabase({str(self.path)!r})"

    @classmethod
    def open_file(cls, path: Path) -> SqliteDatabase:
        """Open (creating and migrating as needed) the database at `path`."""
        try:
            revision = inspect_file(path)
            _check_writable(path)
        except DatabaseError as error:
            raise _advised(error) from None
        engine = make_engine(path)
        try:
            _migrate(engine, path, revision)
        except Exception as error:
            engine.dispose()
            if isinstance(error, DatabaseError):
                raise
            kind = problem_of(error, path) or DatabaseProblem.OTHER
            message = str(getattr(error, "orig", error))
            raise _advised(
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
