"""The `planner db` commands: check the database, back it up, restore a backup."""

from __future__ import annotations

import argparse
import contextlib
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.common import action, group
from planner.cli.common import out as _out
from planner.cli.common import with_planner as run
from planner.errors import DatabaseError, DatabaseProblem

if TYPE_CHECKING:
    from planner.service import Planner


def register(sub: Any) -> None:
    """Add `planner db ...` to the `planner` parser."""
    actions = group(sub, "db", "check the database, back it up, restore a backup")
    # Each reaches the file by roads of its own (its own connections, SQLite's backup): not
    # from inside a transaction this program holds.
    action(
        actions, "check", run(_check, one_transaction=False), "look for damage and fix what is safe"
    )
    action(
        actions,
        "backup",
        run(_backup, one_transaction=False),
        "back up the database now; prints the file",
    )
    p = action(actions, "restore", _restore, "replace the database with a backup (a copy is kept)")
    p.add_argument("file", metavar="FILE")


def _check(planner: Planner, _args: argparse.Namespace) -> int:
    for line in planner.files.check_database().value.lines():
        _out(line)
    return 0


def _backup(planner: Planner, _args: argparse.Namespace) -> int:
    _out(str(planner.files.backup()))
    return 0


def _restore(args: argparse.Namespace) -> int:
    # Without opening the database first: a damaged one is what a backup is restored over.
    from planner.service.files import restore_database

    kept = restore_database(args.db, Path(args.file))
    previous = f"; the previous database was kept as {kept}" if kept else ""
    _out(f"restored {args.file}{previous}")
    return 0


# The problems a backup can put right: the file's content is lost, not the way to it.
RESTORABLE = (DatabaseProblem.CORRUPT, DatabaseProblem.NOT_SQLITE, DatabaseProblem.NOT_PLANNER)


def restore_hint(error: DatabaseError, db: str | None) -> str:
    """For a database that cannot be opened but a backup can replace: the command that
    restores the newest backup, to end the error's line with; "" when there is none."""
    if error.kind not in RESTORABLE or error.path is None:
        return ""
    from planner.paths import database_path
    from planner.service.files import backups_of

    backups = []
    with contextlib.suppress(OSError):
        if error.path == database_path(db):  # not a bad file given to `db restore`
            backups = backups_of(db)
    if not backups:
        return ""
    newest = backups[0]
    where = f"--db {shlex.quote(db)} " if db else ""
    return (
        f"; the latest backup ({newest.taken:%d %b %Y, %H:%M}) is restored by: "
        f"planner {where}db restore {shlex.quote(str(newest.path))}"
    )
