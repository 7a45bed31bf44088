"""Where things live: the built-in roadmaps and the user's database."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

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


def names_server(explicit: Path | str | None = None) -> bool:
    """Whether `--db` (else `PLANNER_DB`) is a URI: a database on a server, not a file."""
    chosen = str(explicit) if explicit is not None else os.environ.get("PLANNER_DB")
    return bool(chosen) and looks_like_uri(str(chosen))


def database_path(explicit: Path | str | None = None) -> Path:
    """The database file to open: `--db` if given, else `PLANNER_DB`, else planner.sqlite3 in
    the user data directory. Resolved now: a relative --db must name the same file whatever
    the working folder later is. The one place that decides which file is the database.

    A URI is refused, never made a file: planner.db.location reads the ones it can use."""
    chosen = str(explicit) if explicit is not None else None
    chosen = chosen or os.environ.get("PLANNER_DB")
    if chosen:
        if looks_like_uri(chosen):
            raise PlannerError(f"{chosen.split('://', 1)[0]}://…: a URI, not a database file")
        return Path(chosen).expanduser().resolve()
    return default_database_path()


def default_database_path() -> Path:
    """planner.sqlite3 in the user data directory: the learner's own database when nothing
    names another one."""
    import platformdirs  # here: a command given --db (or PLANNER_DB) does not load it

    return (Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME).resolve()


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


def write_atomically(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file or none: each is written beside its target, then all are renamed over
    their targets. A failure leaves neither a half-written file nor a mix of old and new ones,
    and a symbolic link in a target's place is replaced, not written through."""
    temporary: list[tuple[Path, Path]] = []
    current = files[0][0] if files else Path()
    try:
        for path, blob in files:
            current = path
            refuse_special_target(path)
            handle, name = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".part"
            )
            temporary.append((Path(name), path))
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            # mkstemp makes a private file; an export is an ordinary document.
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            Path(name).chmod(mode)
        for part, path in temporary:
            current = path
            part.replace(path)
    except OSError as error:
        for part, _ in temporary:
            part.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise PlannerError(f"{current}: cannot write: {reason}") from None
