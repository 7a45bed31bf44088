"""Fixtures for GUI tests: the app's window opened on a fresh database with a fixed today, its
settings file, the windows the app's own start opened, and drags of files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.application import Started
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY

Prepare = Callable[[Planner], object]


class WindowFactory(Protocol):
    """Opens the app; see the `open_window` fixture."""

    def __call__(
        self,
        prepare: Prepare | None = None,
        *,
        today: date = TODAY,
        size: tuple[int, int] | None = None,
        active: bool = False,
    ) -> MainWindow: ...


@pytest.fixture
def started() -> Iterator[list[Started]]:
    """Closes every window `start` opened, and the database under it."""
    opened: list[Started] = []
    yield opened
    for s in opened:
        s.window.close()
        s.opened.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The app's settings, in a file of the test's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path) -> Iterator[WindowFactory]:
    """Opens the app on one database and one settings file, as often as a test likes: the
    service first (`prepare` gets it: choose a role, mark skills…), then the window, resized
    when asked, shown and, when `active`, activated (shortcuts only reach the active window).
    Every window and its service are closed after the test."""
    opened: list[tuple[MainWindow, Planner]] = []

    def factory(
        prepare: Prepare | None = None,
        *,
        today: date = TODAY,
        size: tuple[int, int] | None = None,
        active: bool = False,
    ) -> MainWindow:
        planner = Planner.open(tmp_path / "planner.sqlite3", today=lambda: today)
        if prepare is not None:
            prepare(planner)
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(planner, settings)
        qtbot.addWidget(window)
        opened.append((window, planner))
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if active:  # activation comes after exposure
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    yield factory
    for window, planner in opened:
        window.close()
        planner.close()


def files_mime(*paths: Path) -> QMimeData:
    """What a file manager puts in a drag of these files (keep it while its events are used)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_enter(widget: QWidget, mime: QMimeData) -> QDragEnterEvent:
    """A drag of `mime` entering `widget`; the event after the widget saw it (accepted when it
    would take the drop)."""
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    return enter
