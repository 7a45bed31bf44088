"""Start the Qt application: settings, theme, the service and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from planner import __version__
from planner.errors import PlannerError
from planner.service import Planner
from planner.ui import theme
from planner.ui.main_window import MainWindow


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

    chosen = profile or str(settings.value("profile", "default"))
    try:
        try:
            planner = Planner.open(db_path, chosen)
        except PlannerError:
            if profile is not None or chosen == "default":
                raise
            planner = Planner.open(db_path, "default")  # the remembered profile was deleted
    except PlannerError as error:
        box = QMessageBox(QMessageBox.Icon.Critical, "Roadmap planner", str(error))
        box.setInformativeText("Nothing was changed. The app will close.")
        box.exec()
        return 1

    window = MainWindow(planner, settings)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(
        lambda _scheme: theme.apply_scheme(app, str(settings.value("appearance/scheme", "system")))
    )
    window.show()
    if planner.profile().role is None:
        QTimer.singleShot(0, window.run_onboarding)
    try:
        return app.exec()
    finally:
        planner.close()
