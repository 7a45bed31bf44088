"""A label that shows its text literally: names and summaries from roadmap files are no markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel


def plain_label(
    text: str = "", *, wrap: bool = True, muted: bool = False, selectable: bool = False
) -> QLabel:
    """A plain-text label, word-wrapped unless `wrap` is False; `muted` in the placeholder
    colour; `selectable` by the mouse (to copy a name or a summary)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
