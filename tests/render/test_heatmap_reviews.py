"""Review answers on the heatmap: a green dot on the days a review was answered, readable on
every shade and on both palettes, named in the legend's words and in the tooltip."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage

from planner.render.charts import StudyDays, chart_style, heatmap_tooltip, paint_heatmap
from tests.conftest import TODAY
from tests.render.plans import RecordingPainter, dark_palette, light_palette

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

RECT = QRectF(0, 0, 900, 170)
STUDIED = {TODAY - timedelta(days=d): 30 * (1 + d % 4) for d in range(0, 30, 2)}
REVIEWS = {TODAY - timedelta(days=2): 1, TODAY - timedelta(days=9): 2}


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_review_days_carry_a_dot_named_in_the_words(palette: object) -> None:
    style = chart_style(palette)  # type: ignore[arg-type]
    image = QImage(int(RECT.width()), int(RECT.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ff00ff"))
    painter = RecordingPainter(image)
    paint_heatmap(painter, RECT, style, StudyDays(STUDIED, TODAY, REVIEWS))
    painter.end()
    assert "15 study days in the last year · 3 reviews (dots)" in painter.texts
    # The dot's colour is in the picture; without reviews it is not (nothing else is green).
    found = {image.pixelColor(x, y).name() for x in range(900) for y in range(170)}
    assert style.done.name() in found
    plain = QImage(image.size(), QImage.Format.Format_ARGB32)
    painter = RecordingPainter(plain)
    paint_heatmap(painter, RECT, style, StudyDays(STUDIED, TODAY))
    painter.end()
    assert style.done.name() not in {
        plain.pixelColor(x, y).name() for x in range(900) for y in range(170)
    }


def test_the_tooltip_counts_the_reviews_of_the_day() -> None:
    style = chart_style(light_palette())
    tips = {
        heatmap_tooltip(RECT, style, StudyDays(STUDIED, TODAY, REVIEWS), QPointF(x, y))
        for x in range(0, 900, 3)
        for y in range(0, 170, 3)
    }
    assert "Sun 1 Mar 2026: no study · 2 reviews answered" in tips
    assert "Sun 8 Mar 2026: 1 h 30 min studied · 1 review answered" in tips
