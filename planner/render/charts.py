"""Progress charts (burn-up, weekly hours, a year of study days) painted with QPainter alone, so
the Progress view and the PDF export draw them with the same code, on light and dark palettes.

Each `paint_*` function fills its rectangle and returns the texts it drew with their boxes; each
`*_tooltip` function answers what lies under a point of that rectangle, from the same layout.
Sizes derive from the font's height on the painting device, so a chart keeps its proportions on
a screen and in a high-resolution PDF; labels are placed from font metrics, and one that cannot
fit is elided or left out (every other date, say) rather than clipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from planner.core.forecast import AT_RECENT_RATE, per_week
from planner.core.plan_steps import Plan
from planner.core.progress import Progress, week_monday
from planner.core.units import format_hours
from planner.render import burnup
from planner.render.chart_axes import (
    LEFT,
    RIGHT,
    ChartStyle,
    ChartText,
    LegendEntry,
    centred_labels,
    chart,
    day_text,
    empty_chart,
    hour_label_width,
    hour_ticks,
    message,
    nice_step,
    paint_legend,
    pen,
    unit,
    y_axis,
)
from planner.render.chart_axes import chart_style as chart_style
from planner.render.chart_axes import min_height as min_height
from planner.render.heatmap import HEATMAP_LINES as HEATMAP_LINES
from planner.render.heatmap import StudyDays as StudyDays
from planner.render.heatmap import heatmap_tooltip as heatmap_tooltip
from planner.render.heatmap import paint_heatmap as paint_heatmap
from planner.render.style import mix

BURNUP_LINES = 14.0  # the least height of each chart, in lines of its small font (min_height)
WEEKLY_LINES = 8.5

__all__ = [
    "BURNUP_LINES",
    "HEATMAP_LINES",
    "WEEKLY_LINES",
    "ChartStyle",
    "ChartText",
    "StudyDays",
    "burnup_tooltip",
    "chart_style",
    "heatmap_tooltip",
    "min_height",
    "paint_burnup",
    "paint_heatmap",
    "paint_weekly_hours",
    "weekly_hours_tooltip",
]


# ---------------------------------------------------------------------------- burn-up
def _burnup_legend(
    style: ChartStyle, plan: Plan, progress: Progress, u: float
) -> list[LegendEntry]:
    entries = [LegendEntry(pen(style.done, 2.2 * u), "done (estimated hours of finished skills)")]
    if plan.finish is not None:
        entries.append(
            LegendEntry(
                pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine),
                f"plan, {plan.hours_per_week:g} h/week",
            )
        )
    if progress.forecast_finish is not None:
        entries.append(
            LegendEntry(
                pen(style.forecast, 1.8 * u, Qt.PenStyle.DotLine),
                f"{AT_RECENT_RATE}, {per_week(progress.velocity)}",
            )
        )
    return entries


def _burnup_layout(
    rect: QRectF, style: ChartStyle, plan: Plan, progress: Progress, fm: QFontMetricsF
) -> burnup.BurnupLayout:
    today = progress.as_of or plan.start
    firsts = [d for d, _ in progress.burnup[:1]] + [d for d, _ in progress.daily_minutes[:1]]
    start = min([plan.start, today, *firsts])
    end = max(today, plan.finish or today)
    forecast = progress.forecast_finish
    if forecast is not None and forecast > end:
        # A forecast years away would squeeze the learner's history into a sliver: show at most
        # half as much again and let the line leave the chart, with its date written there.
        end = min(forecast, end + timedelta(days=max((end - start).days // 2, 14)))
    if (end - start).days < 14:
        end = start + timedelta(days=14)
    legend = _burnup_legend(style, plan, progress, unit(fm))
    return burnup.lay_out(rect, fm, start, end, max(progress.hours_total, 1.0), legend)


def paint_burnup(
    painter: QPainter, rect: QRectF, style: ChartStyle, plan: Plan, progress: Progress
) -> list[ChartText]:
    """Estimated hours of finished skills over time, with the plan's line from its start at its
    hours per week to the planned finish, and the forecast at the learner's own pace."""
    if not plan.steps:
        return empty_chart(painter, rect, style, "Choose a role to see your burn-up.")
    lay_out = partial(_burnup_layout, rect, style, plan, progress)
    with burnup.chart_with_axes(painter, rect, style, lay_out) as (texts, lay):
        fm = texts.metrics
        u = unit(fm)
        plot = lay.plot

        today = progress.as_of or plan.start
        # The scope: every hour of the plan, the level the done line climbs to.
        scope = lay.y(progress.hours_total)
        painter.setPen(pen(style.plan, u))
        painter.drawLine(QPointF(plot.left(), scope), QPointF(plot.right(), scope))
        _paint_lines(painter, lay, style, plan, progress, u)
        paint_legend(texts, lay.legend, style, lay.legend_rows)

        # Words on the plot, each where it meets no other: the pace's date at the top right,
        # "today" beside its line, the plan's total above (or under) its line.
        texts.set_font(style.small_font)
        forecast = progress.forecast_finish
        if forecast is not None and forecast > lay.end:
            words = f"{AT_RECENT_RATE}: {day_text(forecast, 'd MMM yyyy')} →"
            box = texts.line_box(plot.left(), plot.top() + fm.ascent(), plot.width())
            texts.draw(box, words, RIGHT, style.forecast)
        burnup.paint_today_word(texts, lay, style, today)
        words = f"the whole plan: {format_hours(progress.hours_total)}"
        width = min(texts.width(words) + 0.5, plot.width() - 6 * u)
        baselines = (scope - 3 * u - fm.descent(), scope + 3 * u + fm.ascent())
        boxes = [
            texts.line_box(plot.left() + 6 * u, b, width)
            for b in baselines
            if b - fm.ascent() >= plot.top() - 0.5  # not over the legend
        ]
        texts.draw_clear(boxes, words, LEFT, style.muted)
        if not progress.burnup:
            message(texts, plot, style, "Mark a skill done: your burn-up starts there.")
    return texts.drawn


def _paint_lines(
    painter: QPainter,
    lay: burnup.BurnupLayout,
    style: ChartStyle,
    plan: Plan,
    progress: Progress,
    u: float,
) -> None:
    """Today's line, the plan's, the pace's and the learner's history, inside the plot."""
    plot = lay.plot
    today = progress.as_of or plan.start
    painter.save()
    painter.setClipRect(plot.adjusted(-2 * u, -2 * u, 2 * u, 2 * u))
    burnup.paint_today_line(painter, lay, style, today, u)
    if plan.finish is not None:
        painter.setPen(pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine))
        painter.drawLine(
            QPointF(lay.x(plan.start), lay.y(progress.hours_done)),
            QPointF(lay.x(plan.finish), lay.y(progress.hours_total)),
        )
    forecast = progress.forecast_finish
    if forecast is not None:
        painter.setPen(pen(style.forecast, 1.8 * u, Qt.PenStyle.DotLine))
        painter.drawLine(
            QPointF(lay.x(today), lay.y(progress.hours_done)),
            QPointF(lay.x(forecast), lay.y(progress.hours_total)),
        )
    burnup.paint_done(painter, lay, style, progress.burnup, today, u)
    painter.restore()


def burnup_tooltip(
    rect: QRectF, style: ChartStyle, plan: Plan, progress: Progress, pos: QPointF
) -> str:
    """What the burn-up shows at a point: done hours up to today, plan and pace after it."""
    if not plan.steps:
        return ""
    lay = _burnup_layout(rect, style, plan, progress, QFontMetricsF(style.small_font))
    if not lay.plot.adjusted(-4, -4, 4, 4).contains(pos):
        return ""
    day = lay.day_at(pos.x())
    today = progress.as_of or plan.start
    total = progress.hours_total
    if day <= today:
        done = 0.0
        for when, hours in progress.burnup:
            if when > day:
                break
            done = hours
        share = f" ({100 * done / total:.0f} %)" if total else ""
        return f"{day_text(day)}: {format_hours(done)} done{share}"
    parts = [day_text(day)]
    if plan.finish is not None:
        parts.append(f"plan: {format_hours(_along(plan.start, plan.finish, day, progress))}")
    if progress.forecast_finish is not None:
        line = _along(today, progress.forecast_finish, day, progress)
        parts.append(f"{AT_RECENT_RATE}: {format_hours(line)}")
    return " · ".join(parts)


def _along(start: date, finish: date, day: date, progress: Progress) -> float:
    """Hours on a straight line from (start, done now) to (finish, all of them)."""
    span = max((finish - start).days, 1)
    share = min(max((day - start).days / span, 0.0), 1.0)
    return progress.hours_done + share * (progress.hours_total - progress.hours_done)


# ---------------------------------------------------------------------------- weekly hours
@dataclass(frozen=True)
class _Weekly:
    plot: QRectF
    weeks: tuple[tuple[str, float], ...]  # those shown: the most recent that fit
    top: float

    @property
    def pitch(self) -> float:
        return self.plot.width() / max(len(self.weeks), 1)

    def bar(self, index: int, hours: float) -> QRectF:
        x = self.plot.left() + index * self.pitch + self.pitch * 0.15
        y = self.plot.bottom() - hours / self.top * self.plot.height()
        return QRectF(x, y, self.pitch * 0.7, self.plot.bottom() - y)


def _weekly_layout(rect: QRectF, progress: Progress, fm: QFontMetricsF) -> _Weekly:
    u = unit(fm)
    highest = max([h for _, h in progress.weekly_hours] + [progress.planned_hours_per_week or 0])
    step = nice_step(max(highest * 1.08, 1), 4)
    top = math.ceil(max(highest * 1.08, 1) / step - 1e-9) * step
    left = rect.left() + hour_label_width(top, fm) + 14 * u
    # Room above the plot for the top hour label, which is centred on its grid line.
    plot = QRectF(left, rect.top() + max(10 * u, fm.height() / 2 + 2 * u), 0, 0)
    plot.setRight(rect.right() - 14 * u)
    plot.setBottom(rect.bottom() - fm.height() - 14 * u)
    fits = max(1, int(plot.width() / (14 * u)))
    return _Weekly(plot, tuple(progress.weekly_hours[-fits:]), top)


def paint_weekly_hours(
    painter: QPainter, rect: QRectF, style: ChartStyle, progress: Progress
) -> list[ChartText]:
    """Hours studied per ISO week as bars, with the plan's hours per week as a line."""
    if not progress.weekly_hours:
        return empty_chart(
            painter, rect, style, "No study time logged yet: log time on a skill (Ctrl+L)."
        )
    with chart(painter, rect, style) as texts:
        fm = texts.metrics
        u = unit(fm)
        lay = _weekly_layout(rect, progress, fm)
        plot = lay.plot
        y_axis(texts, rect, plot, style, hour_ticks(lay.top, plot.height(), fm), lay.top)
        this_week = _this_week(progress)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, (week, hours) in enumerate(lay.weeks):
            color = (
                style.studied if week != this_week else mix(style.background, style.studied, 0.5)
            )
            painter.setBrush(color)
            painter.drawRoundedRect(lay.bar(i, hours), 1.5 * u, 1.5 * u)
        planned = progress.planned_hours_per_week
        if planned:
            y = plot.bottom() - planned / lay.top * plot.height()
            painter.setPen(pen(style.plan, 1.4 * u, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            words = f"plan {planned:g} h"
            baseline = y - 3 * u - fm.descent()
            if baseline - fm.ascent() < rect.top():  # no room above the line: write it below
                baseline = y + 3 * u + fm.ascent()
            box = texts.line_box(plot.left(), baseline, plot.width())
            texts.draw(box, words, RIGHT, style.muted)
        # Label every k-th week by its Monday, k as small as keeps the labels apart.
        every = max(1, math.ceil(texts.width("30 Sep ") * 1.2 / lay.pitch))
        labels = [
            (plot.left() + (i + 0.5) * lay.pitch, day_text(week_monday(week), "d MMM"))
            for i, (week, _) in enumerate(lay.weeks)
            if not (len(lay.weeks) - 1 - i) % every  # counted from the newest week, always labelled
        ]
        baseline = plot.bottom() + 6 * u + fm.ascent()
        left = plot.left() - 4 * u
        for x, label in centred_labels(labels, left, rect.right(), fm, keep_last=True):
            texts.draw(
                texts.line_box(x, baseline, texts.width(label) + 0.5), label, LEFT, style.muted
            )
    return texts.drawn


def _this_week(progress: Progress) -> str | None:
    if progress.as_of is None:
        return None
    year, week, _ = progress.as_of.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_hours_tooltip(rect: QRectF, style: ChartStyle, progress: Progress, pos: QPointF) -> str:
    """The week under a point and its hours."""
    if not progress.weekly_hours:
        return ""
    lay = _weekly_layout(rect, progress, QFontMetricsF(style.small_font))
    if not lay.plot.adjusted(0, -4, 0, 4).contains(pos):
        return ""
    index = min(int((pos.x() - lay.plot.left()) / lay.pitch), len(lay.weeks) - 1)
    week, hours = lay.weeks[index]
    monday = week_monday(week)
    span = f"{day_text(monday, 'd MMM')} – {day_text(monday + timedelta(days=6), 'd MMM yyyy')}"
    so_far = " so far" if week == _this_week(progress) else ""
    return f"Week {week.split('-W')[1].lstrip('0')} ({span}): {format_hours(hours)}{so_far}"
