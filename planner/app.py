"""The desktop entry point: checks for a display, then starts the Qt application (planner.ui)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY_HINT = (
    "planner: no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY are unset); "
    "run it in a desktop session, or use the command line: planner --help"
)


def has_display() -> bool:
    """Whether a window can be shown: a display server, or a platform that needs none."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # the user (or a test) chose a platform, offscreen included
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have one


def run(db_path: Path | str | None, profile: str | None) -> int:
    """Open the main window and run until it closes; returns the exit status."""
    if not has_display():
        sys.stderr.write(NO_DISPLAY_HINT + "\n")
        return 1
    # The window's frame paints before the database opens (planner.ui.application). The few
    # pure modules it needs load before Qt: once PySide6 is loaded it reads the source of every
    # module imported later (looking for "PySide6", for `from __feature__ import`).
    import planner.core.pace
    import planner.core.units
    import planner.ui.text  # noqa: F401
    from planner.ui import feature_check

    feature_check.install()  # that reading made quick (planner/ui/feature_check.py)
    from planner.ui.application import launch  # Qt loads only when there is a screen for it

    return launch(db_path, profile)


def main() -> int:
    """The `roadmap-planner` launcher (the desktop entry point): the app on the default database."""
    return run(None, None)
