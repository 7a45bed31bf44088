"""Every label of every chart fits: each text lies inside its box and inside the chart, and no
two texts meet, at the sizes the Progress view gives the charts at 1280×800, at 200 % scaling
(half the width; the view scrolls rather than shrink a chart below its minimum height), with
twice the font, and on a page of the PDF."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)

from planner.core.progress import Progress
from planner.render.chart_axes import ChartStyle, ChartText
from planner.render.charts import (
    BURNUP_LINES,
    HEATMAP_LINES,
    WEEKLY_LINES,
    StudyDays,
    chart_style,
    min_height,
    paint_burnup,
    paint_heatmap,
    paint_weekly_hours,
)
from tests.conftest import TODAY
from tests.render.plans import dark_palette, light_palette
from tests.render.test_charts import history

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

Painter = Callable[[QPainter, QRectF, ChartStyle], list[ChartText]]

# (burn-up, weekly hours, heatmap) as the Progress view lays them out at 1280×800 with the skill
# panel open; below their least heights (in lines of text) the view scrolls instead.
VIEW_SIZES = ((470, 190), (470, 125), (810, 120))
LINES = (BURNUP_LINES, WEEKLY_LINES, HEATMAP_LINES)


def painters(long_forecast: bool = False) -> list[Painter]:
    plan, progress = history()
    if long_forecast:  # a pace that puts the finish years beyond the plan's: the "→" label
        progress = dataclasses.replace(
            progress, forecast_finish=TODAY + timedelta(days=3000), velocity=0.4
        )
    return [
        lambda p, r, s: paint_burnup(p, r, s, plan, progress),
        lambda p, r, s: paint_weekly_hours(p, r, s, progress),
        lambda p, r, s: paint_heatmap(p, r, s, StudyDays(progress.minutes_by_day, TODAY)),
    ]


def assert_fits(texts: list[ChartText], rect: QRectF, device: QPaintDevice) -> None:
    assert texts, "the chart drew no text at all"
    slack = 0.75
    for t in texts:
        width = QFontMetricsF(t.font, device).horizontalAdvance(t.text)
        assert t.wrapped or width <= t.box.width() + slack, f"{t.text!r} is wider than its box"
        assert t.ink.width() <= t.box.width() + slack, t.text
        inside = rect.adjusted(-slack, -slack, slack, slack)
        assert inside.contains(t.ink), f"{t.text!r} at {t.ink} leaves the chart {rect}"
        assert t.box.adjusted(-slack, -slack, slack, slack).contains(t.ink), t.text
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            overlap = a.ink.intersected(b.ink)
            assert overlap.width() < slack or overlap.height() < slack, (a.text, b.text)


def paint_on_image(draw: Painter, size: tuple[float, float], style: ChartStyle) -> None:
    image = QImage(int(size[0]), int(size[1]), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    rect = QRectF(0, 0, *size)
    texts = draw(painter, rect, style)
    painter.end()
    assert_fits(texts, rect, image)


def doubled(style: ChartStyle) -> ChartStyle:
    def twice(font: QFont) -> QFont:
        bigger = QFont(font)
        bigger.setPointSizeF(font.pointSizeF() * 2)
        return bigger

    return dataclasses.replace(style, font=twice(style.font), small_font=twice(style.small_font))


@pytest.mark.parametrize("long_forecast", [False, True])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_labels_fit_at_the_view_sizes(scheme: str, long_forecast: bool) -> None:
    style = chart_style(light_palette() if scheme == "light" else dark_palette())
    for draw, size in zip(painters(long_forecast), VIEW_SIZES, strict=True):
        paint_on_image(draw, size, style)


@pytest.mark.parametrize("long_forecast", [False, True])
def test_labels_fit_at_200_percent(long_forecast: bool) -> None:
    """Half the logical width at the least heights; twice the font at the view's width."""
    style = chart_style(light_palette())
    for draw, (width, _), lines in zip(painters(long_forecast), VIEW_SIZES, LINES, strict=True):
        paint_on_image(draw, (width / 2, min_height(lines, style)), style)
        paint_on_image(draw, (width, min_height(lines, doubled(style))), doubled(style))


def test_a_narrow_chart_thins_its_labels_rather_than_clipping_them() -> None:
    _, progress = history()
    style = chart_style(light_palette())

    def months(width: int) -> list[str]:
        image = QImage(width, 110, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        rect = QRectF(0, 0, width, 110)
        texts = paint_heatmap(painter, rect, style, StudyDays(progress.minutes_by_day, TODAY))
        painter.end()
        assert_fits(texts, rect, image)
        names = QLocale().monthName  # the labels above the grid are the months
        known = {names(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)}
        return [t.text for t in texts if t.text.split()[0] in known]

    assert len(months(810)) == 12  # the whole year, one label a month
    narrow = months(240)
    assert 3 <= len(narrow) <= 6  # every other month or fewer, not twelve squeezed together


def test_labels_fit_on_a_pdf_page(tmp_path: Path) -> None:
    """The PDF's charts: fonts in points on a 600 dpi device, the page's width."""
    from planner.export.pdf.ink import font

    writer = QPdfWriter(str(tmp_path / "charts.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(600)
    style = dataclasses.replace(chart_style(light_palette()), font=font(8.5), small_font=font(7.5))
    painter = QPainter(writer)
    width = writer.width() * 0.8
    for draw, points in zip(painters(long_forecast=True), (230, 170, 120), strict=True):
        rect = QRectF(0, 0, width, points * 600 / 72)
        texts = draw(painter, rect, style)
        assert_fits(texts, rect, writer)
        writer.newPage()
    painter.end()


def test_an_empty_progress_still_fits() -> None:
    plan, progress = history(studied=False)
    assert isinstance(progress, Progress)
    style = chart_style(light_palette())
    for draw, size in zip(
        [
            lambda p, r, s: paint_burnup(p, r, s, plan, progress),
            lambda p, r, s: paint_weekly_hours(p, r, s, progress),
            lambda p, r, s: paint_heatmap(p, r, s, StudyDays({}, TODAY)),
        ],
        VIEW_SIZES,
        strict=True,
    ):
        paint_on_image(draw, (size[0] / 2, size[1]), style)
