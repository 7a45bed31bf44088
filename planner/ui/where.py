"""Where the app's data is: the learner's own SQLite file or a shared PostgreSQL database.

The one place the app decides which database to open, what it remembers of a shared one
between runs, and how the status bar names it. `--db` and PLANNER_DB come first (a path or a
URI, planner.db.location); without them the shared database chosen last with File → Connect
to a shared database… (remembered without its password), else the learner's own file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from planner.errors import DatabaseError
from planner.paths import database_path, default_database_path, looks_like_uri
from planner.service.location import Location, ServerAddress, locate, locate_text, server_address

SERVER_KEY = "database/server"
"""Settings key: the shared database chosen in the app, as a URI without a password."""


def chosen(explicit: Path | str | None, settings: QSettings) -> Location:
    """The database to open: `--db`, else PLANNER_DB, else the remembered shared database,
    else the learner's own file. DatabaseError for a URI that names no usable database."""
    given = locate_text(explicit)
    if given is None:
        remembered = str(settings.value(SERVER_KEY, "") or "")
        if remembered:
            try:
                return server_address(remembered)
            except DatabaseError:
                settings.remove(SERVER_KEY)  # unusable (written by hand): the own file
    return locate(given)


def own_file(explicit: Path | str | None) -> Path:
    """The learner's own database file: the one `--db` or PLANNER_DB names when that is a
    file, else planner.sqlite3 in the user data folder. `paths.database_path` resolves it."""
    given = locate_text(explicit)
    if given is not None and not looks_like_uri(str(given)):
        return database_path(given)
    return default_database_path()


def remember(settings: QSettings, location: Location) -> None:
    """Open this database next time: a shared one by its URI without any password, the own
    file by forgetting the shared one."""
    if isinstance(location, ServerAddress):
        settings.setValue(SERVER_KEY, location.remembered)
    else:
        settings.remove(SERVER_KEY)
    settings.sync()


@dataclass(frozen=True)
class Place:
    """How the status bar names where the data is: a short text and a tooltip."""

    text: str
    tooltip: str


def place(location: Location, login: str = "", reachable: bool = True) -> Place:
    """The status bar's words for `location`: the server, database and login of a shared
    database (never its password), or the own file's name."""
    if isinstance(location, ServerAddress):
        who = login or location.login
        text = f"Shared database {location.database} on {location.server} as {who}"
        if not reachable:
            text += " — cannot be reached"
        return Place(text, f"Shared PostgreSQL database: {location.shown}")
    return Place(f"Your own database: {location.name}", f"Your own database file: {location}")
