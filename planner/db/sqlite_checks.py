"""What is wrong with an SQLite file, in one line: a full disk, a file that is not a planner
database (or is damaged, or newer), a folder that cannot be written — found before any write,
so that a problem is said precisely and the file left untouched."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from planner.db.engine import known_revisions
from planner.errors import DatabaseError, DatabaseProblem

SQLITE_HEADER = b"SQLite format 3\x00"

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


def advised(error: DatabaseError) -> DatabaseError:
    """The error with what the learner can do about it, as one line."""
    if error.kind is DatabaseProblem.DISK_FULL and error.path is not None:
        return DatabaseError(disk_full_message(error.path), error.kind, error.path)
    advice = ADVICE.get(error.kind)
    if advice is None:
        return error
    return DatabaseError(f"{error}; nothing was changed — {advice}", error.kind, error.path)


def check_writable(path: Path) -> None:
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
