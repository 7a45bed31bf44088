"""Errors a user can cause and should see as one clear message each, never as a traceback."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import NamedTuple


class PlannerError(Exception):
    """A problem the user can fix: shown as a message, exit status 1, nothing changed."""


# A NamedTuple, not a dataclass: every command imports this module, and a frozen, ordered
# dataclass took ten times as long to create (about 0.6 ms). Sorted by file, line, message.
class Problem(NamedTuple):
    """One problem in a roadmap file, located by file and line (line 0: the file as a whole)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.message}"


class RoadmapError(PlannerError):
    """One or more roadmap files are invalid; every problem found is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(PlannerError):
    """An id (skill, role, track, profile) that does not exist."""


class UsageError(PlannerError):
    """A value given on the command line or in a dialog that cannot be understood."""


class DatabaseProblem(StrEnum):
    """What is wrong with a database, as found where it was detected: each face (a dialog in
    the app, a line from the command line) offers what helps with that kind of problem."""

    CORRUPT = "corrupt"  # an SQLite file, damaged
    NOT_SQLITE = "not_sqlite"  # something else entirely: a text file, a picture, ...
    NOT_PLANNER = "not_planner"  # an SQLite database of another program
    NEWER = "newer"  # written by a newer version of the app
    UNWRITABLE = "unwritable"  # the file or its folder refuses writes
    DISK_FULL = "disk_full"  # no space left on the disk holding the database
    LOCKED = "locked"  # held by another program, or another window of the app
    UNREACHABLE = "unreachable"  # a database server that cannot be reached, or dropped
    LOGIN = "login"  # the server refused the login (no such login, wrong password)
    MISSING = "missing"  # the server has no database of that name
    OTHER = "other"


class DatabaseError(PlannerError):
    """The database cannot be opened or used safely (corrupt, too new, locked, unwritable).

    `kind` says which problem it is and `path` which file (or folder) it concerns, when known.
    """

    def __init__(
        self,
        message: str,
        kind: DatabaseProblem = DatabaseProblem.OTHER,
        path: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path


class PermissionRefused(PlannerError):
    """The login may not do this in a shared database (team mode): one line saying who may
    ("only editors can change the library"), nothing changed. The database itself refuses
    (grants, row-level security); the db layer turns its refusal into this error."""
