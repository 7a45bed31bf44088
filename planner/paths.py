"""Where things live: the built-in roadmaps and the user's database."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

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


def default_db_path(explicit: str | None = None) -> Path:
    """`--db` if given, else `PLANNER_DB`, else planner.sqlite3 in the user data directory."""
    chosen = explicit or os.environ.get("PLANNER_DB")
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME
