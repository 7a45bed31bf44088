"""Progress charts (burn-up, weekly hours, a year of study days) painted with QPainter alone, so
the Progress view and the PDF export draw them with the same code, on light and dark palettes.

Each `paint_*` function fills its rectangle; each `*_tooltip` function answers what lies under a
point of that rectangle, from the same layout. Sizes derive from the font's height on the
painting device, so a chart keeps its proportions on a screen and in a high-resolution PDF.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)

from planner.core.plan import Plan
from planner.core.progress import Progress, week_monday
from planner.core.units import format_hours
from planner.render.style import mix, style_for

HEAT_LIMITS = (30, 60, 120)  # minutes: below 30 is the lightest shade, 2 h and more the darkest
HEATMAP_WEEKS = 53


@dataclass(frozen=True, eq=False)
class ChartStyle:
    """Colours and fonts of the charts, derived from a palette."""

    dark: bool
    background: QColor
    text: QColor
    muted: QColor  # axis labels, legends, messages
    grid: QColor
    axis: QColor
    done: QColor  # hours of finished skills: the green of "done" everywhere
    done_fill: QColor
    studied: QColor  # time studied: the palette's accent, as "in progress" is
    plan: QColor
    forecast: QColor
    heat: tuple[QColor, ...]  # no study, then four shades from a little to a lot
    font: QFont
    small_font: QFont


def chart_style(palette: QPalette) -> ChartStyle:
    """The charts' look for a palette, in the colours the plan and the graph use."""
    look = style_for(palette)
    background = look.card
    text = look.text
    heat_start = 0.42 if look.dark else 0.3
    done_fill = QColor(look.green)
    done_fill.setAlphaF(0.18 if look.dark else 0.14)
    font = QFont()
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * 0.88)
    return ChartStyle(
        dark=look.dark,
        background=background,
        text=text,
        muted=mix(background, text, 0.62),
        grid=mix(background, text, 0.09),
        axis=mix(background, text, 0.3),
        done=look.green,
        done_fill=done_fill,
        studied=look.accent,
        plan=mix(background, text, 0.5),
        forecast=QColor("#ffb74d") if look.dark else QColor("#e67e00"),
        # On dark, a faint shade of the accent barely leaves the background: start brighter.
        heat=(
            mix(background, text, 0.08),
            *(
                mix(background, look.accent, heat_start + (1 - heat_start) * k / 3)
                for k in range(3)
            ),
            look.accent,
        ),
        font=font,
        small_font=small,
    )


# ---------------------------------------------------------------------------- shared pieces
def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day_text(day: date, pattern: str = "ddd d MMM yyyy") -> str:
    return QLocale().toString(_qdate(day), pattern)


def _unit(metrics: QFontMetricsF) -> float:
    """One 'pixel' at the size of the text: 1 on a screen, more on a fine printer."""
    return max(metrics.height() / 16, 0.5)


def _nice_step(span: float, ticks: int) -> float:
    """A step of 1, 2, 2.5 or 5 times a power of ten giving about `ticks` intervals."""
    raw = max(span / max(ticks, 1), 1e-9)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _hour_ticks(top: float, height: float, metrics: QFontMetricsF) -> list[float]:
    step = _nice_step(top, max(2, min(6, int(height / (metrics.height() * 2.2)))))
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _fill(painter: QPainter, rect: QRectF, style: ChartStyle) -> None:
    painter.fillRect(rect, style.background)


def _message(painter: QPainter, rect: QRectF, style: ChartStyle, text: str) -> None:
    painter.setFont(style.font)
    painter.setPen(style.muted)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


def _pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _y_axis(
    painter: QPainter, plot: QRectF, style: ChartStyle, ticks: Sequence[float], top: float
) -> None:
    """Horizontal grid lines with hour labels on the left."""
    metrics = QFontMetricsF(style.small_font, painter.device())
    u = _unit(metrics)
    painter.setFont(style.small_font)
    for value in ticks:
        y = plot.bottom() - value / top * plot.height()
        painter.setPen(_pen(style.axis if value == 0 else style.grid, u))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(style.muted)
        label = QRectF(plot.left() - 60 * u, y - metrics.height() / 2, 54 * u, metrics.height())
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(label, align, format_hours(value))


def _legend(
    painter: QPainter, at: QPointF, style: ChartStyle, entries: Sequence[tuple[QPen, str]]
) -> None:
    """A row of line samples with their words."""
    metrics = QFontMetricsF(style.small_font, painter.device())
    u = _unit(metrics)
    painter.setFont(style.small_font)
    x = at.x()
    y = at.y() + metrics.height() / 2
    for pen, words in entries:
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + 22 * u, y))
        painter.setPen(style.muted)
        painter.drawText(QPointF(x + 28 * u, y + metrics.ascent() / 2 - u), words)
        x += 28 * u + metrics.horizontalAdvance(words) + 18 * u


# ---------------------------------------------------------------------------- burn-up
@dataclass(frozen=True)
class _Burnup:
    plot: QRectF
    start: date
    end: date
    top: float
    legend: QPointF

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.plot.left() + (day - self.start).days / span * self.plot.width()

    def y(self, hours: float) -> float:
        return self.plot.bottom() - hours / self.top * self.plot.height()

    def day_at(self, x: float) -> date:
        span = max((self.end - self.start).days, 1)
        offset = round((x - self.plot.left()) / max(self.plot.width(), 1) * span)
        return self.start + timedelta(days=min(max(offset, 0), span))


def _burnup_layout(rect: QRectF, plan: Plan, progress: Progress, fm: QFontMetricsF) -> _Burnup:
    u = _unit(fm)
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
    label_width = fm.horizontalAdvance(format_hours(max(progress.hours_total, 1)) + "0")
    plot = QRectF(
        rect.left() + label_width + 14 * u,
        rect.top() + fm.height() + 16 * u,
        0,
        0,
    )
    plot.setRight(rect.right() - 18 * u)
    plot.setBottom(rect.bottom() - fm.height() - 14 * u)
    top_hours = max(progress.hours_total, 1.0)
    step = _nice_step(top_hours, 5)
    top = math.ceil(top_hours / step - 1e-9) * step
    return _Burnup(plot, start, end, top, QPointF(plot.left(), rect.top() + 6 * u))


def _date_ticks(start: date, end: date, width: float, fm: QFontMetricsF) -> list[tuple[date, str]]:
    """Dates to label along a time axis, spaced so their labels never touch."""
    days = max((end - start).days, 1)
    room = max(2, int(width / (fm.horizontalAdvance("Sep 2026") * 1.5)))
    if days < 14:
        step = next((k for k in (1, 2, 3, 7) if days / k <= room), 14)
        short = [start + timedelta(days=i) for i in range(0, days + 1, step)]
        return [(d, _day_text(d, "d MMM")) for d in short]
    if days <= 7 * room * 2 and days <= 120:
        step = next(k for k in (1, 2, 4, 8, 16) if days / (7 * k) <= room)
        first = start + timedelta(days=(7 - start.weekday()) % 7)  # the first Monday
        mondays = [first + timedelta(weeks=i) for i in range(0, days // 7 + 2, step)]
        return [(d, _day_text(d, "d MMM")) for d in mondays if d <= end]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((k for k in (1, 2, 3, 6) if months / k <= room), 0)
    if not step:  # years then, every one, two, five, ... of them: labelled by the year alone
        years = next(k for k in (1, 2, 5, 10, 20, 50, 100, 10**4) if months / 12 / k < room)
        firsts = [date(y, 1, 1) for y in range(start.year + 1, end.year + 1) if y % years == 0]
        return [(d, str(d.year)) for d in firsts]
    ticks: list[tuple[date, str]] = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > end:
            return ticks
        if (month - 1) % step == 0:
            show_year = month == 1 or not ticks
            ticks.append((day, _day_text(day, "MMM yyyy" if show_year else "MMM")))


def paint_burnup(
    painter: QPainter, rect: QRectF, style: ChartStyle, plan: Plan, progress: Progress
) -> None:
    """Estimated hours of finished skills over time, with the plan's line from its start at its
    hours per week to the planned finish, and the forecast at the learner's own pace."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _fill(painter, rect, style)
    if not plan.steps:
        _message(painter, rect, style, "Choose a role to see your burn-up.")
        painter.restore()
        return
    fm = QFontMetricsF(style.small_font, painter.device())
    u = _unit(fm)
    lay = _burnup_layout(rect, plan, progress, fm)
    plot = lay.plot
    _y_axis(painter, plot, style, _hour_ticks(lay.top, plot.height(), fm), lay.top)
    painter.setFont(style.small_font)
    for day, label in _date_ticks(lay.start, lay.end, plot.width(), fm):
        x = lay.x(day)
        painter.setPen(_pen(style.axis, u))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4 * u))
        painter.setPen(style.muted)
        width = fm.horizontalAdvance(label)
        painter.drawText(QPointF(x - width / 2, plot.bottom() + 6 * u + fm.ascent()), label)

    today = progress.as_of or plan.start
    # The scope: every hour of the plan, the level "done" climbs to.
    scope = lay.y(progress.hours_total)
    painter.setPen(_pen(style.plan, u))
    painter.drawLine(QPointF(plot.left(), scope), QPointF(plot.right(), scope))
    words = f"the whole plan: {format_hours(progress.hours_total)}"
    painter.setPen(style.muted)
    painter.drawText(QPointF(plot.left() + 6 * u, scope - 3 * u - fm.descent()), words)
    painter.setClipRect(plot.adjusted(-2 * u, -2 * u, 2 * u, 2 * u))
    # Today: where history ends and the lines into the future begin.
    painter.setPen(_pen(style.axis, u, Qt.PenStyle.DotLine))
    painter.drawLine(QPointF(lay.x(today), plot.top()), QPointF(lay.x(today), plot.bottom()))
    if plan.finish is not None:
        planned = _pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine)
        painter.setPen(planned)
        painter.drawLine(
            QPointF(lay.x(plan.start), lay.y(progress.hours_done)),
            QPointF(lay.x(plan.finish), lay.y(progress.hours_total)),
        )
    forecast = progress.forecast_finish
    if forecast is not None:
        painter.setPen(_pen(style.forecast, 1.8 * u, Qt.PenStyle.DotLine))
        painter.drawLine(
            QPointF(lay.x(today), lay.y(progress.hours_done)),
            QPointF(lay.x(forecast), lay.y(progress.hours_total)),
        )
    if progress.burnup:
        path = QPainterPath(QPointF(lay.x(progress.burnup[0][0]), lay.y(0)))
        for day, hours in progress.burnup:
            path.lineTo(QPointF(lay.x(day), path.currentPosition().y()))
            path.lineTo(QPointF(lay.x(day), lay.y(hours)))
        path.lineTo(
            QPointF(max(lay.x(today), path.currentPosition().x()), lay.y(progress.burnup[-1][1]))
        )
        area = QPainterPath(path)
        area.lineTo(QPointF(area.currentPosition().x(), lay.y(0)))
        area.closeSubpath()
        painter.fillPath(area, QBrush(style.done_fill))
        painter.setPen(_pen(style.done, 2.2 * u))
        painter.drawPath(path)
    painter.setClipping(False)

    painter.setFont(style.small_font)
    painter.setPen(style.muted)
    painter.drawText(QPointF(lay.x(today) + 4 * u, plot.top() + fm.ascent()), "today")
    if forecast is not None and forecast > lay.end:
        words = f"at your pace: {_day_text(forecast, 'd MMM yyyy')} →"
        width = fm.horizontalAdvance(words)
        painter.setPen(style.forecast)
        painter.drawText(QPointF(plot.right() - width, plot.top() + fm.ascent()), words)
    entries = [(_pen(style.done, 2.2 * u), "done (estimated hours of finished skills)")]
    if plan.finish is not None:
        entries.append(
            (
                _pen(style.plan, 1.6 * u, Qt.PenStyle.DashLine),
                f"plan, {plan.hours_per_week:g} h/week",
            )
        )
    if forecast is not None:
        entries.append(
            (
                _pen(style.forecast, 1.8 * u, Qt.PenStyle.DotLine),
                f"at your pace, {progress.velocity:.1f} h/week",
            )
        )
    _legend(painter, lay.legend, style, entries)
    if not progress.burnup:
        _message(painter, plot, style, "Mark a skill done: your burn-up starts there.")
    painter.restore()


def burnup_tooltip(
    rect: QRectF, style: ChartStyle, plan: Plan, progress: Progress, pos: QPointF
) -> str:
    """What the burn-up shows at a point: done hours up to today, plan and pace after it."""
    if not plan.steps:
        return ""
    lay = _burnup_layout(rect, plan, progress, QFontMetricsF(style.small_font))
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
        return f"{_day_text(day)}: {format_hours(done)} done{share}"
    parts = [_day_text(day)]
    if plan.finish is not None:
        parts.append(f"plan: {format_hours(_along(plan.start, plan.finish, day, progress))}")
    if progress.forecast_finish is not None:
        line = _along(today, progress.forecast_finish, day, progress)
        parts.append(f"at your pace: {format_hours(line)}")
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
    u = _unit(fm)
    highest = max([h for _, h in progress.weekly_hours] + [progress.planned_hours_per_week or 0])
    step = _nice_step(max(highest * 1.08, 1), 4)
    top = math.ceil(max(highest * 1.08, 1) / step - 1e-9) * step
    left = rect.left() + fm.horizontalAdvance(format_hours(top) + "0") + 14 * u
    plot = QRectF(left, rect.top() + 10 * u, 0, 0)
    plot.setRight(rect.right() - 14 * u)
    plot.setBottom(rect.bottom() - fm.height() - 14 * u)
    fits = max(1, int(plot.width() / (14 * u)))
    return _Weekly(plot, tuple(progress.weekly_hours[-fits:]), top)


def paint_weekly_hours(
    painter: QPainter, rect: QRectF, style: ChartStyle, progress: Progress
) -> None:
    """Hours studied per ISO week as bars, with the plan's hours per week as a line."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _fill(painter, rect, style)
    if not progress.weekly_hours:
        _message(painter, rect, style, "No study time logged yet: log time on a skill (Ctrl+L).")
        painter.restore()
        return
    fm = QFontMetricsF(style.small_font, painter.device())
    u = _unit(fm)
    lay = _weekly_layout(rect, progress, fm)
    plot = lay.plot
    _y_axis(painter, plot, style, _hour_ticks(lay.top, plot.height(), fm), lay.top)
    this_week = _this_week(progress)
    painter.setPen(Qt.PenStyle.NoPen)
    for i, (week, hours) in enumerate(lay.weeks):
        color = style.studied if week != this_week else mix(style.background, style.studied, 0.5)
        painter.setBrush(color)
        painter.drawRoundedRect(lay.bar(i, hours), 1.5 * u, 1.5 * u)
    planned = progress.planned_hours_per_week
    if planned:
        y = plot.bottom() - planned / lay.top * plot.height()
        painter.setPen(_pen(style.plan, 1.4 * u, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setFont(style.small_font)
        painter.setPen(style.muted)
        words = f"plan {planned:g} h"
        painter.drawText(
            QPointF(plot.right() - fm.horizontalAdvance(words), y - 3 * u - fm.descent()), words
        )
    # Label every k-th week by its Monday, k as small as keeps the labels apart.
    painter.setFont(style.small_font)
    painter.setPen(style.muted)
    every = max(1, math.ceil(fm.horizontalAdvance("30 Sep ") * 1.2 / lay.pitch))
    for i, (week, _) in enumerate(lay.weeks):
        if (len(lay.weeks) - 1 - i) % every:
            continue  # counted from the newest week, which is always labelled
        label = _day_text(week_monday(week), "d MMM")
        x = plot.left() + (i + 0.5) * lay.pitch - fm.horizontalAdvance(label) / 2
        painter.drawText(QPointF(x, plot.bottom() + 6 * u + fm.ascent()), label)
    painter.restore()


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
    span = f"{_day_text(monday, 'd MMM')} – {_day_text(monday + timedelta(days=6), 'd MMM yyyy')}"
    so_far = " so far" if week == _this_week(progress) else ""
    return f"Week {week.split('-W')[1].lstrip('0')} ({span}): {format_hours(hours)}{so_far}"


# ---------------------------------------------------------------------------- heatmap
@dataclass(frozen=True)
class _Heatmap:
    origin: QPointF  # top left of the first cell
    pitch: float
    cell: float
    first: date  # the Monday of the first column
    today: date
    legend_y: float

    def cell_rect(self, day: date) -> QRectF:
        offset = (day - self.first).days
        column, row = divmod(offset, 7)
        x = self.origin.x() + column * self.pitch
        return QRectF(x, self.origin.y() + row * self.pitch, self.cell, self.cell)

    def day_at(self, pos: QPointF) -> date | None:
        column = math.floor((pos.x() - self.origin.x()) / self.pitch)
        row = math.floor((pos.y() - self.origin.y()) / self.pitch)
        if not (0 <= column < HEATMAP_WEEKS and 0 <= row < 7):
            return None
        day = self.first + timedelta(days=column * 7 + row)
        return day if day <= self.today else None


def _heatmap_layout(rect: QRectF, today: date, fm: QFontMetricsF) -> _Heatmap:
    u = _unit(fm)
    left = max(fm.horizontalAdvance(_weekday(i)) for i in (1, 3, 5)) + 8 * u
    top = fm.height() + 6 * u
    bottom = fm.height() + 12 * u
    pitch = min((rect.width() - left - 4 * u) / HEATMAP_WEEKS, (rect.height() - top - bottom) / 7)
    pitch = max(min(pitch, 18 * u), 2 * u)
    gap = max(pitch * 0.18, 1 * u)
    first = today - timedelta(days=today.weekday(), weeks=HEATMAP_WEEKS - 1)
    spare = rect.width() - left - HEATMAP_WEEKS * pitch
    origin = QPointF(rect.left() + left + max(spare / 2, 0), rect.top() + top)
    return _Heatmap(origin, pitch, pitch - gap, first, today, origin.y() + 7 * pitch + 8 * u)


def _weekday(iso_day: int) -> str:
    return QLocale().dayName(iso_day, QLocale.FormatType.ShortFormat)


def _level(minutes: int) -> int:
    return 0 if minutes <= 0 else 1 + sum(1 for limit in HEAT_LIMITS if minutes >= limit)


def paint_heatmap(
    painter: QPainter,
    rect: QRectF,
    style: ChartStyle,
    minutes_by_day: Mapping[date, int],
    today: date,
) -> None:
    """The year up to today as a calendar of study days, one column per week, darker for more
    time studied, with the months above and a legend below."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _fill(painter, rect, style)
    fm = QFontMetricsF(style.small_font, painter.device())
    u = _unit(fm)
    lay = _heatmap_layout(rect, today, fm)
    painter.setFont(style.small_font)
    painter.setPen(style.muted)
    for row in (0, 2, 4):  # Monday, Wednesday, Friday, as calendars do
        y = lay.origin.y() + row * lay.pitch + lay.cell / 2 + fm.ascent() / 2 - u
        label = _weekday(row + 1)
        x = lay.origin.x() - 6 * u - fm.horizontalAdvance(label)
        painter.drawText(QPointF(x, y), label)
    last_label_end = -math.inf
    studied_days = 0
    painter.setPen(Qt.PenStyle.NoPen)
    radius = max(lay.cell * 0.2, 0.5 * u)
    for offset in range((today - lay.first).days + 1):
        day = lay.first + timedelta(days=offset)
        minutes = minutes_by_day.get(day, 0)
        studied_days += minutes > 0
        painter.setBrush(style.heat[_level(minutes)])
        painter.drawRoundedRect(lay.cell_rect(day), radius, radius)
        if day.day == 1:
            x = lay.cell_rect(day - timedelta(days=day.weekday())).left()
            if x > last_label_end:
                label = _day_text(day, "MMM yyyy" if day.month == 1 else "MMM")
                painter.setPen(style.muted)
                painter.drawText(QPointF(x, lay.origin.y() - 6 * u - fm.descent()), label)
                painter.setPen(Qt.PenStyle.NoPen)
                last_label_end = x + fm.horizontalAdvance(label) + 6 * u
    painter.setPen(style.muted)
    baseline = lay.legend_y + fm.ascent()
    words = (
        f"{studied_days} study day{'' if studied_days == 1 else 's'} in the last year"
        if studied_days
        else "No study days in the last year yet: logged time shows here."
    )
    painter.drawText(QPointF(lay.origin.x(), baseline), words)
    right = lay.origin.x() + HEATMAP_WEEKS * lay.pitch
    more_width = fm.horizontalAdvance("More")
    x = right - more_width
    painter.drawText(QPointF(x, baseline), "More")
    size = min(lay.cell, fm.height() * 0.8)
    x -= 6 * u + len(style.heat) * (size + 3 * u)
    painter.drawText(QPointF(x - fm.horizontalAdvance("Less ") - 3 * u, baseline), "Less")
    painter.setPen(Qt.PenStyle.NoPen)
    for color in style.heat:
        painter.setBrush(color)
        swatch = QRectF(x, lay.legend_y + (fm.height() - size) / 2, size, size)
        painter.drawRoundedRect(swatch, radius, radius)
        x += size + 3 * u
    painter.restore()


def heatmap_tooltip(
    rect: QRectF,
    style: ChartStyle,
    minutes_by_day: Mapping[date, int],
    today: date,
    pos: QPointF,
) -> str:
    """The day under a point and the time studied on it."""
    day = _heatmap_layout(rect, today, QFontMetricsF(style.small_font)).day_at(pos)
    if day is None:
        return ""
    minutes = minutes_by_day.get(day, 0)
    return f"{_day_text(day)}: " + (_duration(minutes) + " studied" if minutes else "no study")


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    return f"{hours} h" if hours else f"{mins} min"
