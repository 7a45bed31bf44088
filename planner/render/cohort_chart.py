"""The cohort's burn-up: the hours of finished skills of all its learners together, day by day,
against the hours their plans counted on by then (the hours of their plans in all are written,
not drawn: a cohort's first months would be a sliver under them). Painted
with QPainter alone, for the Cohort view and the cohort's PDF page alike, on light and dark
palettes (see planner/render/charts.py for the learner's own burn-up, whose axes, legend and
labels it shares).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath

from planner.core.team import CohortDay
from planner.core.units import format_hours
from planner.render.chart_axes import (
    LEFT,
    RIGHT,
    ChartStyle,
    ChartText,
    LegendEntry,
    Texts,
    centred_labels,
    date_ticks,
    day_text,
    fill,
    hour_label_width,
    hour_ticks,
    legend_rows,
    message,
    nice_step,
    paint_legend,
    pen,
    unit,
    y_axis,
)

COHORT_BURNUP_LINES = 14.0  # the least height, in lines of the small font (min_height)
EMPTY = "No learner of this cohort has a plan yet: the burn-up starts with the first."


@dataclass(frozen=True)
class _Layout:
    plot: QRectF
    start: date
    end: date
    top: float
    legend: QPointF
    legend_rows: list[list[tuple[LegendEntry, float]]]

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.plot.left() + (day - self.start).days / span * self.plot.width()

    def y(self, hours: float) -> float:
        return self.plot.bottom() - hours / self.top * self.plot.height()

    def day_at(self, x: float) -> date:
        span = max((self.end - self.start).days, 1)
        offset = round((x - self.plot.left()) / max(self.plot.width(), 1) * span)
        return self.start + timedelta(days=min(max(offset, 0), span))


def _legend(style: ChartStyle, u: float) -> list[LegendEntry]:
    return [
        LegendEntry(pen(style.done, 2.2 * u), "done, all learners (hours of finished skills)"),
        LegendEntry(pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine), "planned by then"),
    ]


def _layout(
    rect: QRectF, style: ChartStyle, days: Sequence[CohortDay], today: date, fm: QFontMetricsF
) -> _Layout:
    u = unit(fm)
    start = min(days[0].day, today)
    end = max(days[-1].day, today, start + timedelta(days=14))
    highest = max(max(d.planned_hours, d.done_hours) for d in days) * 1.1
    top_hours = max(highest, 1.0)
    step = nice_step(top_hours, 5)
    top = math.ceil(top_hours / step - 1e-9) * step
    left = rect.left() + hour_label_width(top, fm) + 14 * u
    rows = legend_rows(_legend(style, u), rect.right() - 6 * u - left, fm)
    legend = QPointF(left, rect.top() + 6 * u)
    plot = QRectF(left, legend.y() + max(len(rows), 1) * fm.height() + 10 * u, 0, 0)
    plot.setRight(rect.right() - 18 * u)
    plot.setBottom(rect.bottom() - fm.height() - 14 * u)
    return _Layout(plot, start, end, top, legend, rows)


def paint_cohort_burnup(
    painter: QPainter, rect: QRectF, style: ChartStyle, days: Sequence[CohortDay], today: date
) -> list[ChartText]:
    """The cohort's done hours up to today, and its planned hours over every day given."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill(painter, rect, style)
    texts = Texts(painter, style.small_font)
    if not days:
        message(texts, rect, style, EMPTY)
        painter.restore()
        return texts.drawn
    fm = texts.metrics
    u = unit(fm)
    lay = _layout(rect, style, days, today, fm)
    plot = lay.plot
    y_axis(texts, rect, plot, style, hour_ticks(lay.top, plot.height(), fm), lay.top)
    ticks = date_ticks(lay.start, lay.end, plot.width(), fm)
    painter.setPen(pen(style.axis, u))
    for day, _ in ticks:
        x = lay.x(day)
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4 * u))
    labels = centred_labels(
        [(lay.x(d), t) for d, t in ticks], plot.left() - 4 * u, rect.right(), fm
    )
    baseline = plot.bottom() + 6 * u + fm.ascent()
    for x, label in labels:
        texts.draw(texts.line_box(x, baseline, texts.width(label) + 0.5), label, LEFT, style.muted)
    _paint_lines(painter, lay, style, days, today, u)
    paint_legend(texts, lay.legend, style, lay.legend_rows)
    texts.set_font(style.small_font)
    line_one = plot.top() + fm.ascent()
    line_two = line_one + fm.height()
    words = f"their plans in all: {format_hours(days[-1].scope_hours)}"
    texts.draw(
        texts.line_box(plot.left(), line_one, plot.width() - 4 * u), words, RIGHT, style.muted
    )
    width = texts.width("today") + 0.5
    x = lay.x(today)
    boxes = [
        texts.line_box(s, line, width)
        for line in (line_one, line_two)
        for s in (x + 4 * u, max(x - 4 * u - width, plot.left()))
    ]
    texts.draw_clear([b for b in boxes if b.right() <= plot.right()], "today", LEFT, style.muted)
    painter.restore()
    return texts.drawn


def _paint_lines(
    painter: QPainter,
    lay: _Layout,
    style: ChartStyle,
    days: Sequence[CohortDay],
    today: date,
    u: float,
) -> None:
    plot = lay.plot
    painter.save()
    painter.setClipRect(plot.adjusted(-2 * u, -2 * u, 2 * u, 2 * u))
    painter.setPen(pen(style.axis, u, Qt.PenStyle.DotLine))
    painter.drawLine(QPointF(lay.x(today), plot.top()), QPointF(lay.x(today), plot.bottom()))
    planned = QPainterPath(QPointF(lay.x(days[0].day), lay.y(days[0].planned_hours)))
    for d in days[1:]:
        planned.lineTo(QPointF(lay.x(d.day), lay.y(d.planned_hours)))
    painter.setPen(pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(planned)
    past = [d for d in days if d.day <= today]
    if past:
        done = QPainterPath(QPointF(lay.x(past[0].day), lay.y(0)))
        for d in past:
            done.lineTo(QPointF(lay.x(d.day), done.currentPosition().y()))
            done.lineTo(QPointF(lay.x(d.day), lay.y(d.done_hours)))
        done.lineTo(QPointF(lay.x(today), lay.y(past[-1].done_hours)))
        area = QPainterPath(done)
        area.lineTo(QPointF(area.currentPosition().x(), lay.y(0)))
        area.closeSubpath()
        painter.fillPath(area, QBrush(style.done_fill))
        painter.setPen(pen(style.done, 2.2 * u))
        painter.drawPath(done)
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
