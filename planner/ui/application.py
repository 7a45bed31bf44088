"""Start the Qt application: settings, theme, the service and the main window."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.service import DEFAULT_PROFILE
from planner.ui import theme
from planner.ui.main_window import MainWindow
from planner.ui.startup import (
    Ask,
    Inform,
    Opened,
    OutsideChanges,
    ask_user,
    inform_user,
    open_planner,
)


def launch(db_path: Path | str | None, profile: str | None) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    QApplication.setApplicationName("Roadmap planner")
    QApplication.setOrganizationName("roadmap-planner")
    QApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("roadmap-planner")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(theme.app_icon())
    settings = QSettings()
    theme.apply_scheme(app, str(settings.value("appearance/scheme", "system")))

    started = start(db_path, profile, settings)
    if started is None:
        return 1
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(
        lambda _scheme: theme.apply_scheme(app, str(settings.value("appearance/scheme", "system")))
    )
    try:
        return app.exec()
    finally:
        started.opened.close()


@dataclass
class Started:
    """The app's main window, open on its database."""

    window: MainWindow
    opened: Opened
    outside: OutsideChanges  # reloads the window after changes made elsewhere


def start(
    db_path: Path | str | None,
    profile: str | None,
    settings: QSettings,
    ask: Ask = ask_user,
    inform: Inform = inform_user,
) -> Started | None:
    """Open the database (through the open-problem dialog while it cannot be), then show the
    main window; None when the learner chose Quit or nothing could be opened."""
    remembered = str(settings.value("profile", DEFAULT_PROFILE))
    opened = open_planner(db_path, profile, remembered, ask, inform)
    if opened is None:
        return None
    window = MainWindow(opened.planner, settings)
    outside = OutsideChanges(window)
    window.show()
    if opened.note:
        window.statusBar().showMessage(opened.note, 20000)
    if opened.planner.profile().role is None:
        QTimer.singleShot(0, window.run_onboarding)
    return Started(window, opened, outside)
