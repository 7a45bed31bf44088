"""Roadmap files dropped on the main window are imported."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from planner.ui.window.base import WindowBase

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent


class DropsPart(WindowBase):
    """Drag and drop of roadmap files onto the main window."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.attached and _dropped_files(event.mimeData()):  # not while opening
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.attached and _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # After the drop returns: a modal dialog inside a drop handler stalls the source.
            QTimer.singleShot(0, partial(self.import_files, paths))


def _dropped_files(mime: QMimeData) -> list[str]:
    """The local files being dragged (anything else, such as web links, is not taken)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
