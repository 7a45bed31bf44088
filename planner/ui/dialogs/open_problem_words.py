"""What the opening-problem dialog says: the problem, the ways out, and the words for both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from planner import __version__
from planner.errors import DatabaseError, DatabaseProblem
from planner.service import Backup
from planner.service.location import Location, ServerAddress

APP_NAME = "Roadmap planner"

# A backup puts these right: the content of the file is lost, not the way to it.
RESTORABLE = frozenset(
    {DatabaseProblem.CORRUPT, DatabaseProblem.NOT_SQLITE, DatabaseProblem.NOT_PLANNER}
)
# These may go away by themselves or by the learner's hand (close the other window, fix rights).
RETRYABLE = frozenset(
    {
        DatabaseProblem.LOCKED,
        DatabaseProblem.UNWRITABLE,
        DatabaseProblem.DISK_FULL,
        DatabaseProblem.OTHER,
        DatabaseProblem.UNREACHABLE,
        DatabaseProblem.LOGIN,
        DatabaseProblem.MISSING,
    }
)


class Choice(Enum):
    """What the learner chose in the dialog."""

    RESTORE = "restore"  # replace the database with the latest backup, keeping it aside
    START_AFRESH = "start_afresh"  # move the file aside and begin a new database
    RETRY = "retry"
    USE_OWN = "use_own"  # a shared database: open the learner's own file instead
    QUIT = "quit"


@dataclass(frozen=True)
class OpenProblem:
    """Why the database could not be opened, and what there is to help."""

    error: DatabaseError
    where: Location  # the database file, or a shared database's address
    latest: Backup | None  # the newest backup, when one exists
    backups_folder: Path

    @property
    def kind(self) -> DatabaseProblem:
        return self.error.kind

    @property
    def on_server(self) -> bool:
        """Whether the database is a shared one on a server (no file, no backups)."""
        return isinstance(self.where, ServerAddress)

    @property
    def db_path(self) -> Path:
        """The database file (a shared database's address stands in its place)."""
        return self.where if isinstance(self.where, Path) else Path(str(self.where))

    @property
    def folder(self) -> Path:
        """The folder the problem is in: the one named by the error, or the database's."""
        path = self.error.path
        if path is None or path == self.db_path:
            return self.db_path.parent
        return path  # the error is about a folder: one that refuses writes, or cannot be made


def when(taken: datetime, now: datetime | None = None) -> str:
    """A backup's time as the dialog shows it: the date, and how long ago."""
    days = ((now or datetime.now()).date() - taken.date()).days
    ago = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago" if days > 1 else "")
    text = taken.strftime("%a %d %b %Y, %H:%M")
    return f"{text} ({ago})" if ago else text


def server_wording(problem: OpenProblem) -> tuple[str, str, str]:
    """The words for a shared database on a server."""
    kind = problem.kind
    where = problem.where
    login = where.login if isinstance(where, ServerAddress) else ""
    name = where.database if isinstance(where, ServerAddress) else ""
    if kind is DatabaseProblem.UNREACHABLE:
        return (
            "The shared database cannot be reached",
            "The planner could not connect to the server below: it may be down, or this "
            "computer may be offline. Nothing was changed.",
            "Check the address and your connection, then press Retry — or use your own "
            "database on this computer meanwhile.",
        )
    if kind is DatabaseProblem.LOGIN:
        return (
            "The server refused the login",
            f"The server below did not let “{login}” in: the login does not exist there, or "
            "the password is wrong or missing. Nothing was changed.",
            "Put the password in ~/.pgpass or PGPASSWORD (never in the address), or ask the "
            "server's owner for a login, then press Retry.",
        )
    if kind is DatabaseProblem.MISSING:
        return (
            "The shared database does not exist",
            f"The server below has no database named “{name}”. Nothing was changed.",
            "Check the name, or ask the server's owner to create it (createdb), then press Retry.",
        )
    if kind is DatabaseProblem.NOT_PLANNER:
        return (
            "This database belongs to another program",
            "The shared database holds another program's tables, so the planner leaves it "
            "alone. Nothing was changed.",
            "Ask the server's owner for a database of the planner's own.",
        )
    if kind is DatabaseProblem.NEWER:
        return (
            "This database is from a newer version of the planner",
            "A newer version of Roadmap planner has set up this shared database, and this "
            f"version ({__version__}) cannot use it safely. Nothing was changed.",
            "Install the newer version of the planner to open it.",
        )
    return (
        "The planner cannot open the shared database",
        "Nothing was changed. The details below say what went wrong.",
        "",
    )


def wording(problem: OpenProblem) -> tuple[str, str, str]:
    """The headline, what happened and what the learner can do, in plain words."""
    kind = problem.kind
    if problem.on_server:
        return server_wording(problem)
    if kind is DatabaseProblem.NEWER:
        return (
            "This database is from a newer version of the planner",
            "A newer version of Roadmap planner has written this file, and this version "
            f"({__version__}) cannot read it safely. Nothing was changed.",
            "Install the newer version of the planner to open it.",
        )
    if kind is DatabaseProblem.UNWRITABLE:
        return (
            "The planner cannot save your progress here",
            "It is not allowed to write in the folder below, or the database file in it is "
            "read-only. Nothing was changed.",
            "Make the folder and the file writable, then press Retry.",
        )
    if kind is DatabaseProblem.DISK_FULL:
        return (
            "The disk is full",
            "There is no space left on the disk holding the folder below. Nothing was lost.",
            "Free some space on that disk, then press Retry.",
        )
    if kind is DatabaseProblem.LOCKED:
        return (
            "The planner seems to be open already",
            "Another window of Roadmap planner, or another program, is using your database.",
            "Switch to that window, or close it and press Retry.",
        )
    if kind not in RESTORABLE:
        return (
            "The planner cannot open its database",
            "Nothing was changed. The details below say what went wrong.",
            "",
        )
    if kind is DatabaseProblem.CORRUPT:
        headline = "Your planner data cannot be read"
        body = (
            "The database file is damaged, so the planner cannot open it. "
            "Nothing was changed: the file is left as it is."
        )
    elif kind is DatabaseProblem.NOT_SQLITE:
        headline = "This file is not a planner database"
        body = (
            "The file where the planner keeps your progress holds something else: it is not "
            "a database at all. Nothing was changed."
        )
    else:
        headline = "This database belongs to another program"
        body = (
            "The file is a database, but not one the planner wrote: it holds another "
            "program's tables. Nothing was changed."
        )
    if problem.latest is not None:
        offer = (
            "You can go back to your latest backup. The file as it is now is kept in the "
            "backups folder, not deleted."
        )
    else:
        offer = (
            "There is no backup of it. You can start with a new, empty database; the file is "
            "moved to the backups folder, not deleted."
        )
    return headline, body, offer


def details(error: DatabaseError, where: Location | None = None) -> str:
    """The technical reason, without the file or server (shown above it) and the advice (the
    buttons)."""
    text = str(error)
    if error.path is not None and text.startswith(f"{error.path}: "):
        text = text[len(f"{error.path}: ") :]
    if isinstance(where, ServerAddress) and text.startswith(f"{where.shown}: "):
        text = text[len(f"{where.shown}: ") :]
    text = text.split("; nothing was changed")[0].split(" — ")[0].rstrip(".")
    return f"Details: {text[:1].upper()}{text[1:]}."
