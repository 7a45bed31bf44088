"""Guard against a Qt binding that would crash the app while it paints."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_painting_does_not_leak_references_to_none() -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on almost every call that
    returns nothing; the app aborted ("none_dealloc") after a few seconds of panning the graph.
    pyproject.toml keeps that release out; this fails if such a binding is installed again."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(5000):
        painter.setPen(QPen(QColor(10, 20, 30)))
    painter.end()
    assert sys.getrefcount(None) > before - 500
