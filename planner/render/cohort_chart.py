"""The cohort's burn-up: the hours of finished skills of all its learners together, day by day,
against the hours their plans counted on by then (the hours of their plans in all are written,
not drawn: a cohort's first months would be a sliver under them). Painted
with QPainter alone, for the Cohort view and the cohort's PDF page alike, on light and dark
palettes (see planner/render/charts.py for the learner's own burn-up, whose axes, legend and
labels it shares).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath

from planner.core.team import CohortDay
from planner.core.units import format_hours
from planner.render import burnup
from planner.render.chart_axes import (
    RIGHT,
    ChartStyle,
    ChartText,
    LegendEntry,
    day_text,
    empty_chart,
    paint_legend,
    pen,
    unit,
)

COHORT_BURNUP_LINES = 14.0  # the least height, in lines of the small font (min_height)
EMPTY = "No learner of this cohort has a plan yet: the burn-up starts with the first."


def _legend(style: ChartStyle, u: float) -> list[LegendEntry]:
    return [
        LegendEntry(pen(style.done, 2.2 * u), "done, all learners (hours of finished skills)"),
        LegendEntry(pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine), "planned by then"),
    ]


def _layout(
    rect: QRectF, style: ChartStyle, days: Sequence[CohortDay], today: date, fm: QFontMetricsF
) -> burnup.BurnupLayout:
    start = min(days[0].day, today)
    end = max(days[-1].day, today, start + timedelta(days=14))
    highest = max(max(d.planned_hours, d.done_hours) for d in days) * 1.1
    legend = _legend(style, unit(fm))
    return burnup.lay_out(rect, fm, start, end, max(highest, 1.0), legend)


def paint_cohort_burnup(
    painter: QPainter, rect: QRectF, style: ChartStyle, days: Sequence[CohortDay], today: date
) -> list[ChartText]:
    """The cohort's done hours up to today, and its planned hours over every day given."""
    if not days:
        return empty_chart(painter, rect, style, EMPTY)
    lay_out = partial(_layout, rect, style, days, today)
    with burnup.chart_with_axes(painter, rect, style, lay_out) as (texts, lay):
        fm = texts.metrics
        u = unit(fm)
        plot = lay.plot
        _paint_lines(painter, lay, style, days, today, u)
        paint_legend(texts, lay.legend, style, lay.legend_rows)
        texts.set_font(style.small_font)
        words = f"their plans in all: {format_hours(days[-1].scope_hours)}"
        box = texts.line_box(plot.left(), plot.top() + fm.ascent(), plot.width() - 4 * u)
        texts.draw(box, words, RIGHT, style.muted)
        burnup.paint_today_word(texts, lay, style, today)
    return texts.drawn


def _paint_lines(
    painter: QPainter,
    lay: burnup.BurnupLayout,
    style: ChartStyle,
    days: Sequence[CohortDay],
    today: date,
    u: float,
) -> None:
    plot = lay.plot
    painter.save()
    painter.setClipRect(plot.adjusted(-2 * u, -2 * u, 2 * u, 2 * u))
    burnup.paint_today_line(painter, lay, style, today, u)
    planned = QPainterPath(QPointF(lay.x(days[0].day), lay.y(days[0].planned_hours)))
    for d in days[1:]:
        planned.lineTo(QPointF(lay.x(d.day), lay.y(d.planned_hours)))
    painter.setPen(pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(planned)
    done = [(d.day, d.done_hours) for d in days if d.day <= today]
    burnup.paint_done(painter, lay, style, done, today, u)
    painter.restore()


def cohort_burnup_tooltip(
    rect: QRectF, style: ChartStyle, days: Sequence[CohortDay], today: date, pos: QPointF
) -> str:
    """The day under a point: the cohort's done hours by then (up to today) and planned hours."""
    if not days:
        return ""
    lay = _layout(rect, style, days, today, QFontMetricsF(style.small_font))
    if not lay.plot.adjusted(-4, -4, 4, 4).contains(pos):
        return ""
    day = lay.day_at(pos.x())
    known = [d for d in days if d.day <= day]
    if not known:
        return f"{day_text(day)}: nothing planned yet"
    last = known[-1]
    parts = [day_text(day)]
    if day <= today:
        parts.append(f"{format_hours(last.done_hours)} done")
    parts.append(f"{format_hours(last.planned_hours)} planned")
    parts.append(f"{format_hours(last.scope_hours)} in all")
    return " · ".join(parts)
