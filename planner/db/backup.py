"""Backups of the learner's database, taken and restored with SQLite's online backup API."""

from __future__ import annotations

import contextlib
import errno
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.core.backups import backups_to_keep
from planner.db.engine import SERVER_BACKUPS
from planner.db.location import ServerAddress, locate
from planner.db.sqlite_checks import disk_full_message, inspect_file, problem_of
from planner.errors import DatabaseError, DatabaseProblem

BACKUP_FOLDER = "backups"
STAMP_FORMAT = "%Y-%m-%d-%H%M%S"
TIMEOUT_S = 5


@dataclass(frozen=True)
class Backup:
    """One backup file and when it was taken."""

    path: Path
    taken: datetime
    size: int


def database_file(given: str | Path | None) -> Path:
    """The SQLite file `--db` (or PLANNER_DB, or the default) names; DatabaseError pointing to
    pg_dump and pg_restore for a shared PostgreSQL database, which has no backups of ours."""
    location = locate(given)
    if isinstance(location, ServerAddress):
        raise DatabaseError(f"{location.shown}: {SERVER_BACKUPS}")
    return location


def backups_dir(db_path: Path) -> Path:
    """The folder of backups, beside the database."""
    return db_path.parent / BACKUP_FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(db_path.stem)}-(\d{{4}}-\d{{2}}-\d{{2}}-\d{{6}})(?:-(\d+))?\.sqlite3"
    )


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of this database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found: list[tuple[datetime, int, Backup]] = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        try:
            taken = datetime.strptime(match[1], STAMP_FORMAT)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue  # not ours after all, or deleted meanwhile
        found.append((taken, int(match[2] or 0), Backup(path, taken, size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [backup for _taken, _n, backup in found]


def _copy(source: Path, target: Path) -> None:
    """Copy a database page by page; each side sees a consistent state (WAL included)."""
    src = sqlite3.connect(source, timeout=TIMEOUT_S)
    try:
        dst = sqlite3.connect(target, timeout=TIMEOUT_S)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _single_file(path: Path) -> None:
    # A copy of a WAL database is marked WAL too, and a WAL file cannot be read from a
    # read-only place (a USB stick, a mail attachment); a backup should be one plain file.
    connection = sqlite3.connect(path, timeout=TIMEOUT_S)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def create_backup(db_path: Path, now: datetime | None = None) -> Path:
    """A new backup of the database in the backups folder; returns its path."""
    if not db_path.is_file():
        raise DatabaseError(f"{db_path}: there is no database to back up")
    folder = backups_dir(db_path)
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"{folder}: cannot create the backups folder: {error}") from None
    target = folder / f"{db_path.stem}-{stamp}.sqlite3"
    n = 1
    while target.exists():  # two backups in one second keep both
        n += 1
        target = folder / f"{db_path.stem}-{stamp}-{n}.sqlite3"
    # Written under a temporary name first: a backup cut short never looks like a backup.
    partial = folder / f".{target.name}.partial"
    try:
        partial.unlink(missing_ok=True)
        _copy(db_path, partial)
        _single_file(partial)
        partial.replace(target)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        full = isinstance(error, OSError) and error.errno == errno.ENOSPC
        if full or problem_of(error, folder) is DatabaseProblem.DISK_FULL:
            raise DatabaseError(
                disk_full_message(folder), DatabaseProblem.DISK_FULL, folder
            ) from None
        raise DatabaseError(f"{db_path}: cannot back up the database: {error}") from None
    return target


def thin_backups(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups that `backups_to_keep` lets go; returns the deleted files."""
    backups = list_backups(db_path)
    keep = backups_to_keep((b.taken for b in backups), now or datetime.now())
    # Several backups within one second share a time: keep only the newest of them.
    seen: set[datetime] = set()
    deleted: list[Path] = []
    for backup in backups:  # newest first
        if backup.taken in keep and backup.taken not in seen:
            seen.add(backup.taken)
            continue
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            deleted.append(backup.path)
    return deleted


def validate_backup(path: Path) -> str:
    """Check that a file can replace the database; returns its schema revision.

    Refuses (DatabaseError) a missing or empty file, one that is not SQLite, a corrupt one, one
    that is not a planner database, or one written by a newer version of the app.
    """
    if not path.is_file():
        raise DatabaseError(f"{path}: no such backup file")
    revision = inspect_file(path)
    if revision is None:
        raise DatabaseError(f"{path}: not a planner database (it is empty)")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: the backup cannot be read ({error})") from None
    if [tuple(r) for r in rows] != [("ok",)]:
        raise DatabaseError(f"{path}: the backup is damaged ({rows[0][0]})")
    return revision


def restore(db_path: Path, backup_file: Path, now: datetime | None = None) -> Path | None:
    """Replace the database with a backup, after checking it and keeping the current one.

    The database must not be open in this process. Returns the backup of the replaced database
    (None when there was none). The copy goes through SQLite's backup API into the live file, so
    a failure half-way is rolled back by SQLite and never leaves a half-written database.
    """
    validate_backup(backup_file)
    damaged = False
    if db_path.is_file():
        try:
            inspect_file(db_path)
            kept: Path | None = create_backup(db_path, now)
        except DatabaseError:
            # A damaged database is exactly when a learner restores: keep its bytes as they are.
            damaged = True
            kept = _keep_damaged(db_path, now)
    else:
        kept = None
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        if damaged:
            _replace_damaged(db_path, backup_file)
        else:
            _copy(backup_file, db_path)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(f"{db_path}: cannot restore the backup: {error}") from None
    return kept


def _damaged_name(db_path: Path, now: datetime | None) -> Path:
    folder = backups_dir(db_path)
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    # Named so that list_backups never offers it for restoring.
    target = folder / f"{db_path.stem}-damaged-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{db_path.stem}-damaged-{stamp}-{n}.sqlite3"
    return target


_JOURNALS = ("-wal", "-shm")  # SQLite's files beside a WAL database, part of its content


def _keep_damaged(db_path: Path, now: datetime | None) -> Path:
    target = _damaged_name(db_path, now)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_path, target)
        for suffix in _JOURNALS:  # what they hold may be what someone can still rescue
            journal = db_path.with_name(db_path.name + suffix)
            if journal.is_file():
                shutil.copy2(journal, target.with_name(target.name + suffix))
    except OSError as error:
        raise DatabaseError(f"{db_path}: cannot keep a copy of the database: {error}") from None
    return target


def set_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Move a database that cannot be used (damaged, not SQLite) into the backups folder with
    its journal files, so that a new one can be started; nothing is deleted. Returns its new
    path (a name `list_backups` never offers for restoring). The database must not be open."""
    if not db_path.is_file():
        raise DatabaseError(f"{db_path}: there is no database to set aside", path=db_path)
    target = _damaged_name(db_path, now)
    moved: list[tuple[Path, Path]] = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The journals first: a -wal left beside a new database would be replayed into it.
        for suffix in (*_JOURNALS, ""):
            source = db_path.with_name(db_path.name + suffix)
            if source.is_file():
                destination = target.with_name(target.name + suffix)
                source.replace(destination)
                moved.append((destination, source))
    except OSError as error:
        for destination, source in reversed(moved):  # put back what was moved
            with contextlib.suppress(OSError):
                destination.replace(source)
        raise DatabaseError(
            f"{db_path}: cannot move the database aside: {error.strerror}",
            DatabaseProblem.UNWRITABLE,
            db_path,
        ) from None
    return target


def _replace_damaged(db_path: Path, backup_file: Path) -> None:
    """SQLite cannot write into a file it cannot read: swap in a complete copy instead."""
    partial = db_path.with_name(f".{db_path.name}.restoring")
    partial.unlink(missing_ok=True)
    _copy(backup_file, partial)
    for suffix in _JOURNALS:  # they belong to the damaged file (kept with its copy)
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    partial.replace(db_path)
