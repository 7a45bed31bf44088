"""A frameless scroll area around a filled layout, for pages that may grow past the window."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget


def scroll_area(
    inner: QGridLayout | QVBoxLayout,
    *,
    margin: int | None = None,
    spacing: int | None = None,
    see_through: bool = False,
) -> QScrollArea:
    """The scroll area around `inner`, which must be filled first (the area sizes itself, and
    the views lay out their cards, from what is in it); `margin` around and `spacing` between
    its items when given; `see_through` lets the page's background show, as if there were no
    scroll area."""
    if margin is not None:
        inner.setContentsMargins(margin, margin, margin, margin)
    if spacing is not None:
        inner.setSpacing(spacing)
    content = QWidget()
    content.setLayout(inner)
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    if see_through:
        area.setBackgroundRole(QPalette.ColorRole.NoRole)
        area.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
    return area
