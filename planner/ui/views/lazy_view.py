"""A view that is laid out again when the data it shows changes — at once when it is visible,
else when it is next shown (a hidden view need not pay for work nobody sees)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyView(QWidget):
    """Subclasses connect the signals that matter to `_on_changed` and implement `_lay_out`;
    `refresh` lays the view out now. A new view is filled when first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True  # filled when first shown

    def _on_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Lay the view out again from the data, now."""
        self._stale = False
        self._lay_out()

    def _lay_out(self) -> None:
        """Fill the view from the data (subclasses)."""
        raise NotImplementedError
