"""The progress charts: real pixels on light and dark palettes, empty data, tooltips that name
what is under the mouse, axes whose labels never collide, and painting into a PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPageSize, QPainter, QPalette, QPdfWriter

from planner.core.graph import build_graph
from planner.core.plan import Plan, make_plan
from planner.core.progress import Progress, summarise
from planner.core.status import Status
from planner.core.units import format_hours
from planner.render import chart_axes
from planner.render.charts import (
    ChartStyle,
    StudyDays,
    burnup_tooltip,
    chart_style,
    heatmap_tooltip,
    paint_burnup,
    paint_heatmap,
    paint_weekly_hours,
    weekly_hours_tooltip,
)
from tests.conftest import TODAY
from tests.core.libraries import small_library
from tests.render.plans import RecordingPainter, dark_palette, light_palette

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

RECT = QRectF(0, 0, 720, 260)


def history(studied: bool = True) -> tuple[Plan, Progress]:
    """Three weeks on the small library: web done (with python and git implied), sessions on
    most days, one day with two of them."""
    lib = small_library()
    graph = build_graph(lib.skills)
    statuses = {"web": Status.DONE} if studied else {}
    plan = make_plan(lib, graph, "role", statuses=statuses, start=TODAY, hours_per_week=10)
    events = [(TODAY - timedelta(days=5), "web", Status.DONE)] if studied else []
    sessions = (
        [(TODAY - timedelta(days=d), 30 + 15 * (d % 4)) for d in range(20) if d % 6 != 3]
        + [(TODAY - timedelta(days=2), 90)]
        if studied
        else []
    )
    return plan, summarise(plan, graph, events, sessions, TODAY)


def paint(
    draw: Any, palette: QPalette, size: QRectF = RECT
) -> tuple[QImage, ChartStyle, list[str]]:
    style = chart_style(palette)
    image = QImage(int(size.width()), int(size.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ff00ff"))  # a colour no chart uses: every pixel must be painted over
    painter = RecordingPainter(image)
    draw(painter, size, style)
    painter.end()
    return image, style, painter.texts


def colours(image: QImage) -> set[str]:
    step = 3
    return {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


PALETTES = {"light": light_palette(), "dark": dark_palette()}


@pytest.mark.parametrize("scheme", PALETTES)
def test_the_style_follows_the_palette(scheme: str) -> None:
    style = chart_style(PALETTES[scheme])
    assert style.dark is (scheme == "dark")
    assert (style.background.lightness() < 128) is style.dark
    # Text and lines stand out from the background; heat shades darken (or light up) in order.
    assert abs(style.text.lightness() - style.background.lightness()) > 150
    distances = [abs(c.lightness() - style.background.lightness()) for c in style.heat[1:]]
    assert distances == sorted(distances)
    assert distances[0] > 12


@pytest.mark.parametrize("scheme", PALETTES)
def test_every_chart_paints_its_data_on_both_palettes(scheme: str) -> None:
    plan, progress = history()
    palette = PALETTES[scheme]

    image, style, texts = paint(lambda p, r, s: paint_burnup(p, r, s, plan, progress), palette)
    found = colours(image)
    assert "#ff00ff" not in found
    assert style.background.name() in found
    assert "today" in texts
    assert "plan, 10 h/week" in texts
    assert "80 h" in texts  # the hours axis reaches the plan's total (82 h)
    assert any(t in texts for t in ("2 Mar", "Mar 2026", "9 Mar"))  # dated axis

    image, style, texts = paint(lambda p, r, s: paint_weekly_hours(p, r, s, progress), palette)
    assert style.studied.name() in colours(image)  # the bars
    assert "plan 10 h" in texts
    assert "9 Mar" in texts  # this week's Monday, always labelled

    image, style, texts = paint(
        lambda p, r, s: paint_heatmap(p, r, s, StudyDays(progress.minutes_by_day, TODAY)),
        palette,
        QRectF(0, 0, 900, 170),
    )
    assert {c.name() for c in style.heat} <= colours(image)
    assert "17 study days in the last year" in texts
    assert {"Less", "More", "Mar"} <= set(texts)


@pytest.mark.parametrize("scheme", PALETTES)
def test_empty_data_shows_a_message(scheme: str) -> None:
    plan, progress = history(studied=False)
    palette = PALETTES[scheme]
    _, _, texts = paint(lambda p, r, s: paint_burnup(p, r, s, plan, progress), palette)
    assert "Mark a skill done: your burn-up starts there." in texts
    _, _, texts = paint(lambda p, r, s: paint_weekly_hours(p, r, s, progress), palette)
    assert texts == ["No study time logged yet: log time on a skill (Ctrl+L)."]
    _, _, texts = paint(lambda p, r, s: paint_heatmap(p, r, s, StudyDays({}, TODAY)), palette)
    assert "No study days in the last year yet: logged time shows here." in texts
    no_plan = Plan("role", (), "foundations-first", 10, TODAY, ())
    _, _, texts = paint(lambda p, r, s: paint_burnup(p, r, s, no_plan, progress), palette)
    assert texts == ["Choose a role to see your burn-up."]


def test_tiny_rectangles_do_not_break_anything() -> None:
    plan, progress = history()
    for size in (QRectF(0, 0, 1, 1), QRectF(0, 0, 40, 30)):
        paint(lambda p, r, s: paint_burnup(p, r, s, plan, progress), light_palette(), size)
        paint(lambda p, r, s: paint_weekly_hours(p, r, s, progress), light_palette(), size)
        paint(lambda p, r, s: paint_heatmap(p, r, s, StudyDays({}, TODAY)), light_palette(), size)


def test_tooltips_name_the_value_under_the_mouse() -> None:
    plan, progress = history()
    style = chart_style(light_palette())
    # Weekly hours: the bars share the plot's width; the last bar is this week, so far.
    tips = [weekly_hours_tooltip(RECT, style, progress, QPointF(x, 150)) for x in range(60, 720, 4)]
    shown = [t for t in dict.fromkeys(tips) if t]
    assert len(shown) == len(progress.weekly_hours)
    hours = progress.weekly_hours[-1][1]
    assert shown[-1] == f"Week 11 (9 Mar – 15 Mar 2026): {format_hours(hours)} so far"
    assert weekly_hours_tooltip(RECT, style, progress, QPointF(5, 5)) == ""
    # Heatmap: today's cell, and a day without study.
    rect = QRectF(0, 0, 900, 170)
    days = StudyDays(progress.minutes_by_day, TODAY)
    cells = {}
    for x in range(0, 900, 3):
        for y in range(0, 170, 3):
            tip = heatmap_tooltip(rect, style, days, QPointF(x, y))
            if tip:
                cells[tip.split(":")[0]] = tip
    assert len(cells) == 52 * 7 + TODAY.weekday() + 1  # 52 full weeks and this one so far
    assert cells["Tue 10 Mar 2026"] == "Tue 10 Mar 2026: 30 min studied"
    assert cells["Sun 8 Mar 2026"] == "Sun 8 Mar 2026: 2 h 30 min studied"  # two sessions
    assert cells["Sat 7 Mar 2026"] == "Sat 7 Mar 2026: no study"
    # Burn-up: history on the left of today, the plan and the pace to its right.
    tips = [burnup_tooltip(RECT, style, plan, progress, QPointF(x, 130)) for x in range(720)]
    assert "Thu 5 Mar 2026: 22 h done (27 %)" in tips
    assert "Wed 4 Mar 2026: 0 h done (0 %)" in tips
    future = [t for t in tips if "plan: " in t]
    assert future and all(" · at your recent rate: " in t for t in future)


def test_date_labels_never_touch() -> None:
    metrics = QFontMetricsF(chart_style(light_palette()).small_font)
    for days in (3, 20, 75, 200, 500, 1500, 4000):
        for width in (200.0, 600.0, 1400.0):
            ticks = chart_axes.date_ticks(
                date(2026, 1, 7), date(2026, 1, 7) + timedelta(days), width, metrics
            )
            assert ticks, (days, width)
            xs = [(d - date(2026, 1, 7)).days / days * width for d, _ in ticks]
            ends = [
                x + metrics.horizontalAdvance(label)
                for x, (_, label) in zip(xs, ticks, strict=True)
            ]
            assert all(nxt - end > 4 for end, nxt in zip(ends, xs[1:], strict=False)), (days, width)


def test_the_charts_paint_into_a_pdf(tmp_path: Path) -> None:
    """The PDF export's path: QtGui only, a high-resolution device, sizes that scale."""
    plan, progress = history()
    path = tmp_path / "charts.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(600)
    painter = QPainter(writer)
    style = chart_style(light_palette())
    page = QRectF(0, 0, writer.width(), writer.height() / 3)
    paint_burnup(painter, page, style, plan, progress)
    paint_weekly_hours(painter, page.translated(0, page.height()), style, progress)
    days = StudyDays(progress.minutes_by_day, TODAY)
    paint_heatmap(painter, page.translated(0, 2 * page.height()), style, days)
    painter.end()
    assert path.read_bytes().startswith(b"%PDF")
    assert path.stat().st_size > 5000


def test_a_slow_pace_in_the_burnup_legend_is_in_minutes_as_on_the_cards() -> None:
    from dataclasses import replace

    plan, progress = history()
    slow = replace(progress, velocity=0.4, forecast_finish=date(2031, 1, 6))
    _image, _style, texts = paint(
        lambda p, r, s: paint_burnup(p, r, s, plan, slow), PALETTES["light"]
    )
    assert "at your recent rate, 24 min/week" in texts  # not "0.4 h/week"
