"""What the two burn-ups share — the learner's (planner/render/charts.py) and the cohort's
(planner/render/cohort_chart.py): the plot laid out from days and hours under a wrapping
legend, the axes with their dates, the "today" line and its word, and the stepped line of done
hours with its area."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath

from planner.render.chart_axes import (
    LEFT,
    ChartStyle,
    LegendEntry,
    Texts,
    centred_labels,
    chart,
    date_ticks,
    hour_label_width,
    hour_ticks,
    legend_rows,
    nice_step,
    pen,
    unit,
    y_axis,
)


@dataclass(frozen=True)
class BurnupLayout:
    """Where a burn-up's plot and legend go, and how days and hours map onto the plot."""

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


def lay_out(
    rect: QRectF,
    fm: QFontMetricsF,
    start: date,
    end: date,
    top_hours: float,
    legend: Sequence[LegendEntry],
) -> BurnupLayout:
    """The plot from `start` to `end` and from 0 up to a round number of hours over
    `top_hours`, under the legend wrapped onto as many rows as the width needs."""
    u = unit(fm)
    step = nice_step(top_hours, 5)
    top = math.ceil(top_hours / step - 1e-9) * step
    left = rect.left() + hour_label_width(top, fm) + 14 * u
    rows = legend_rows(list(legend), rect.right() - 6 * u - left, fm)
    corner = QPointF(left, rect.top() + 6 * u)
    plot = QRectF(left, corner.y() + max(len(rows), 1) * fm.height() + 10 * u, 0, 0)
    plot.setRight(rect.right() - 18 * u)
    plot.setBottom(rect.bottom() - fm.height() - 14 * u)
    return BurnupLayout(plot, start, end, top, corner, rows)


@contextmanager
def chart_with_axes(
    painter: QPainter,
    rect: QRectF,
    style: ChartStyle,
    lay_out_for: Callable[[QFontMetricsF], BurnupLayout],
) -> Iterator[tuple[Texts, BurnupLayout]]:
    """Paint one burn-up (as `chart_axes.chart`): laid out by `lay_out_for` from the chart's
    font metrics, its axes drawn; yields the texts and the layout its lines are drawn with."""
    with chart(painter, rect, style) as texts:
        lay = lay_out_for(texts.metrics)
        paint_axes(texts, rect, lay, style)
        yield texts, lay


def paint_axes(texts: Texts, rect: QRectF, lay: BurnupLayout, style: ChartStyle) -> None:
    """The hours' grid and labels, and the dates' ticks and labels under the plot."""
    painter = texts.painter
    fm = texts.metrics
    u = unit(fm)
    plot = lay.plot
    y_axis(texts, rect, plot, style, hour_ticks(lay.top, plot.height(), fm), lay.top)
    ticks = date_ticks(lay.start, lay.end, plot.width(), fm)
    painter.setPen(pen(style.axis, u))
    for day, _ in ticks:
        x = lay.x(day)
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4 * u))
    # Dates may reach left under the hour labels' column, not into it: "0 h" sits there.
    left = plot.left() - 4 * u
    labels = centred_labels([(lay.x(d), t) for d, t in ticks], left, rect.right(), fm)
    baseline = plot.bottom() + 6 * u + fm.ascent()
    for x, label in labels:
        texts.draw(texts.line_box(x, baseline, texts.width(label) + 0.5), label, LEFT, style.muted)


def paint_today_line(
    painter: QPainter, lay: BurnupLayout, style: ChartStyle, today: date, u: float
) -> None:
    """Today's dotted line: where history ends and the lines into the future begin."""
    plot = lay.plot
    painter.setPen(pen(style.axis, u, Qt.PenStyle.DotLine))
    painter.drawLine(QPointF(lay.x(today), plot.top()), QPointF(lay.x(today), plot.bottom()))


def paint_today_word(texts: Texts, lay: BurnupLayout, style: ChartStyle, today: date) -> None:
    """ "today" beside its line, on the plot's first or second line, where it meets no other
    text (the font is the one set before)."""
    fm = texts.metrics
    u = unit(fm)
    plot = lay.plot
    line_one, line_two = plot.top() + fm.ascent(), plot.top() + fm.height() + fm.ascent()
    width = texts.width("today") + 0.5
    x = lay.x(today)
    right, left = x + 4 * u, max(x - 4 * u - width, plot.left())
    boxes = [texts.line_box(s, line, width) for line in (line_one, line_two) for s in (right, left)]
    texts.draw_clear([b for b in boxes if b.right() <= plot.right()], "today", LEFT, style.muted)


def paint_done(
    painter: QPainter,
    lay: BurnupLayout,
    style: ChartStyle,
    done: Sequence[tuple[date, float]],
    today: date,
    u: float,
) -> None:
    """The done hours (day, hours so far; none after today) as steps up to today, with the
    area under them filled; nothing when there are none."""
    if not done:
        return
    path = QPainterPath(QPointF(lay.x(done[0][0]), lay.y(0)))
    for day, hours in done:
        path.lineTo(QPointF(lay.x(day), path.currentPosition().y()))
        path.lineTo(QPointF(lay.x(day), lay.y(hours)))
    path.lineTo(QPointF(max(lay.x(today), path.currentPosition().x()), lay.y(done[-1][1])))
    area = QPainterPath(path)
    area.lineTo(QPointF(area.currentPosition().x(), lay.y(0)))
    area.closeSubpath()
    painter.fillPath(area, QBrush(style.done_fill))
    painter.setPen(pen(style.done, 2.2 * u))
    painter.drawPath(path)
