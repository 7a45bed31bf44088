"""Fixtures for GUI tests: a planner on a fresh database with a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QWidget

from planner.service import Planner

TODAY = date(2026, 3, 10)


@pytest.fixture
def planner(tmp_path: Path) -> Iterator[Planner]:
    """The service on a new database holding the built-in roadmaps; today is 10 March 2026."""
    p = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    yield p
    p.close()


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
