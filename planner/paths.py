"""Where things live: the built-in roadmaps and the user's database."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import platformdirs

from planner.errors import PlannerError

APP_NAME = "roadmap-planner"
DB_FILENAME = "planner.sqlite3"


def builtin_roadmaps_dir() -> Path:
    """The folder of built-in roadmap files: `planner/roadmaps` in an installed package (the
    wheel carries them there), else `roadmaps/` beside the package in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "roadmaps"
    return installed if installed.is_dir() else package.parent / "roadmaps"


QUIZ_FILENAME = "quiz.yaml"


def builtin_roadmap_files() -> list[Path]:
    """The built-in roadmap files, in a stable order (the quiz beside them is not one)."""
    return sorted(p for p in builtin_roadmaps_dir().glob("*.yaml") if p.name != QUIZ_FILENAME)


def builtin_quiz_file() -> Path:
    """The questions of "Which role fits me?" and their weights."""
    return builtin_roadmaps_dir() / QUIZ_FILENAME


# `scheme://` (a single letter before the colon is a Windows drive, not a scheme).
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def looks_like_uri(text: str) -> bool:
    """Whether `text` is a URI (`postgresql://…`, `mysql://…`) rather than a file path."""
    return _URI.match(text) is not None


def default_db_path(explicit: str | None = None) -> Path:
    """`--db` if given, else `PLANNER_DB`, else planner.sqlite3 in the user data directory.

    A URI is refused, never made a file: planner.db.location reads the ones it can use."""
    chosen = explicit or os.environ.get("PLANNER_DB")
    if chosen:
        if looks_like_uri(chosen):
            raise PlannerError(f"{chosen.split('://', 1)[0]}://…: a URI, not a database file")
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def refuse_special_target(path: Path) -> None:
    """Refuse to write over a device, a pipe or a socket: an export is written beside its
    target and renamed over it, which would replace /dev/zero with an ordinary file (as root,
    for every program on the machine). A file or a link is replaced; a folder is left to the
    caller, which names it as such."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return  # nothing there yet (or unreachable: the write says why)
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode)):
        raise PlannerError(f"{path}: cannot write: the path is not a regular file")
