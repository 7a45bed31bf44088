"""A plain-text note editor that says when it loses focus, so a note is saved as one moves on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit


class NoteEdit(QPlainTextEdit):
    """A note editor that reports losing focus, so a note is saved when the learner moves on."""

    focusLost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.focusLost.emit()
        super().focusOutEvent(event)
