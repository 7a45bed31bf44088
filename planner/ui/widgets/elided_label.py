"""A one-line label that elides what does not fit and shows the whole text in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from planner.ui.text import tooltip


class ElidedLabel(QLabel):
    """Always exactly one line high, whatever its text: a label that wraps grows a line when
    its text gets longer, and the widgets below it jump while the learner is aiming at them."""

    def __init__(
        self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        # Its width comes from the layout, never from the text (a long text would widen the
        # dialog instead of being elided).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.fontMetrics().height())

    def full_text(self) -> str:
        """The text as given, before eliding."""
        return self._full

    def set_full_text(self, text: str) -> None:
        """Show `text`, elided to the label's width when it is too long."""
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self._full
        if width > 0:
            shown = self.fontMetrics().elidedText(self._full, self._mode, width)
        super().setText(shown)
        self.setToolTip(tooltip(self._full) if shown != self._full else "")
