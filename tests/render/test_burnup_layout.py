"""The burn-ups' shared layout (planner/render/burnup.py): days and hours onto the plot and
back, the top rounded up, and the done steps painted inside the plot."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPalette

from planner.render.burnup import lay_out, paint_done
from planner.render.chart_axes import chart_style

START = date(2026, 1, 1)
END = date(2026, 1, 31)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


def test_days_and_hours_map_onto_the_plot_and_back() -> None:
    style = chart_style(QPalette())
    rect = QRectF(0, 0, 600, 300)
    lay = lay_out(rect, QFontMetricsF(style.small_font), START, END, 37.0, [])
    assert lay.top >= 37.0
    assert rect.contains(lay.plot)
    assert lay.x(START) == lay.plot.left()
    assert lay.x(END) == lay.plot.right()
    assert lay.y(0) == lay.plot.bottom()
    assert lay.y(lay.top) == lay.plot.top()
    assert lay.day_at(lay.x(date(2026, 1, 10))) == date(2026, 1, 10)
    assert lay.day_at(lay.plot.left() - 50) == START
    assert lay.day_at(lay.plot.right() + 50) == END


def test_done_steps_fill_the_plot_up_to_today() -> None:
    style = chart_style(QPalette())
    image = QImage(600, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    rect = QRectF(0, 0, 600, 300)
    lay = lay_out(rect, QFontMetricsF(style.small_font), START, END, 10.0, [])
    painter = QPainter(image)
    paint_done(painter, lay, style, [(date(2026, 1, 2), 4.0), (date(2026, 1, 5), 8.0)], END, 2)
    paint_done(painter, lay, style, [], END, 2)  # nothing done: nothing painted
    painter.end()
    inside = image.pixelColor(int(lay.x(date(2026, 1, 20))), int(lay.y(2.0)))
    outside = image.pixelColor(int(lay.x(date(2026, 1, 20))), int(lay.y(9.5)))
    assert inside != QColor("white")
    assert outside == QColor("white")
