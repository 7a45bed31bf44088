"""Start the Qt application: settings, theme, the main window, then the service under it.

The window's frame is shown first and the database opened once it has been painted: a learner
sees the app at once, and the storage layer (SQLAlchemy, the migrations, the library) loads
behind an "Opening your planner…" page instead of before any window.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.ui.collector import GuiThreadCollector
from planner.ui.theme import look
from planner.ui.window.main_window import MainWindow

if TYPE_CHECKING:
    from planner.ui.startup import Ask, Inform, Opened, OutsideChanges


def launch(db_path: Path | str | None, profile: str | None) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    QApplication.setApplicationName("Roadmap planner")
    QApplication.setOrganizationName("roadmap-planner")
    QApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("roadmap-planner")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(look.app_icon())
    GuiThreadCollector(app)  # reference cycles are freed on this thread only
    settings = QSettings()
    look.apply_scheme(app, str(settings.value("appearance/scheme", "system")))

    window = MainWindow(None, settings)
    window.show()
    opened: list[Started] = []
    _report_lost_server(window)

    def open_database() -> None:
        started = start(db_path, profile, settings, window=window)
        if started is None:
            app.exit(1)  # the learner chose Quit, or nothing could be opened (and was told)
            return
        opened.append(started)

    window.firstPainted.connect(open_database)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(
        lambda _scheme: look.apply_scheme(app, str(settings.value("appearance/scheme", "system")))
    )
    try:
        return app.exec()
    finally:
        for started in opened:
            started.opened.close()


def _report_lost_server(window: MainWindow) -> None:
    """A use case that fails on a database that went away (a shared server) inside a view's
    own slot reaches the window as the one "cannot be reached" message, not a traceback."""
    from planner.errors import PlannerError

    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if isinstance(error, PlannerError) and window.attached:
            window.state.report(error)
            return
        previous(kind, error, trace)  # type: ignore[arg-type]

    sys.excepthook = hook


@dataclass
class Started:
    """The app's main window, open on its database (which File → Connect to a shared
    database… and Use my own database change: `opened` is always the current one)."""

    window: MainWindow
    outside: OutsideChanges  # reloads the window after changes made elsewhere

    @property
    def opened(self) -> Opened:
        opened = self.window.db_opened
        assert opened is not None
        return opened


def start(
    db_path: Path | str | None,
    profile: str | None,
    settings: QSettings,
    ask: Ask | None = None,
    inform: Inform | None = None,
    window: MainWindow | None = None,
) -> Started | None:
    """Open the database (through the open-problem dialog while it cannot be) under the main
    window, shown first unless `window` is given; None, with the window closed, when the
    learner chose Quit or nothing could be opened."""
    from planner.errors import DatabaseError
    from planner.service import DEFAULT_PROFILE  # the storage layer loads here, after the paint
    from planner.ui import where
    from planner.ui.startup import OutsideChanges, ask_user, inform_user, open_planner

    if window is None:
        window = MainWindow(None, settings)
        window.show()
    remembered = str(settings.value("profile", DEFAULT_PROFILE))
    try:
        location = where.chosen(db_path, settings)
        own = where.own_file(db_path)
    except DatabaseError as error:  # a URI of another engine, or one that cannot be read
        (inform or inform_user)(f"{error}\n\nNothing was changed. The app will close.")
        window.close()
        return None
    opened = open_planner(
        location, profile, remembered, ask or ask_user, inform or inform_user, own=own
    )
    if opened is None:
        window.close()
        return None
    if opened.location != location:  # the learner chose their own file over the server
        where.remember(settings, opened.location)
    window.own_database = own
    window.db_opened = opened
    window.attach(opened.planner)
    outside = OutsideChanges(window)
    if opened.note:
        window.statusBar().showMessage(opened.note, 20000)
    if opened.planner.profile().role is None:
        QTimer.singleShot(0, window.run_onboarding)
    return Started(window, outside)
