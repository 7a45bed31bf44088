"""The year of study days: one square a day, one column a week, darker for more time studied,
a dot on the days a review was answered; painted with QPainter alone for the Progress view and
the PDF (see charts.py)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from planner.core.units import format_minutes
from planner.render.chart_axes import (
    LEFT,
    RIGHT,
    ChartStyle,
    ChartText,
    Texts,
    chart,
    day_text,
    unit,
)

HEAT_LIMITS = (30, 60, 120)  # minutes: below 30 is the lightest shade, 2 h and more the darkest
HEATMAP_WEEKS = 53
HEATMAP_LINES = 8.5  # its least height in lines of the small font: see chart_axes.min_height


@dataclass(frozen=True)
class StudyDays:
    """What the heatmap shows: the minutes studied and the reviews answered, by day, up to
    `today`."""

    minutes: Mapping[date, int]
    today: date
    reviews: Mapping[date, int] = field(default_factory=dict)


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

    @property
    def right(self) -> float:
        return self.origin.x() + HEATMAP_WEEKS * self.pitch


def _heatmap_layout(rect: QRectF, today: date, fm: QFontMetricsF) -> _Heatmap:
    u = unit(fm)
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
    painter: QPainter, rect: QRectF, style: ChartStyle, days: StudyDays
) -> list[ChartText]:
    """The year up to today as a calendar of study days, one column per week, darker for more
    time studied, a dot on days with reviews answered, with the months above and a legend
    below."""
    minutes_by_day, today, reviews_by_day = days.minutes, days.today, days.reviews
    with chart(painter, rect, style) as texts:
        fm = texts.metrics
        u = unit(fm)
        lay = _heatmap_layout(rect, today, fm)
        _paint_days(painter, lay, style, minutes_by_day, today, u)
        _paint_reviews(painter, lay, style, reviews_by_day, today)
        _paint_months(texts, lay, rect, style, today, u)
        # Monday, Wednesday, Friday, as calendars do; fewer when the rows are lower than the text.
        every = next((k for k in (2, 3, 6) if k * lay.pitch >= fm.height()), 7)
        for row in range(0, 6, every):
            top = lay.origin.y() + row * lay.pitch + (lay.cell - fm.height()) / 2
            box = QRectF(rect.left(), top, lay.origin.x() - 6 * u - rect.left(), fm.height())
            if rect.top() <= top and box.bottom() <= rect.bottom():
                texts.draw_clear([box], _weekday(row + 1), RIGHT, style.muted)
        studied_days = sum(
            1
            for day, minutes in minutes_by_day.items()
            if minutes > 0 and lay.first <= day <= today
        )
        words = (
            f"{studied_days} study day{'' if studied_days == 1 else 's'} in the last year"
            if studied_days
            else "No study days in the last year yet: logged time shows here."
        )
        reviews = sum(n for day, n in reviews_by_day.items() if lay.first <= day <= today)
        if reviews:
            words += f" · {reviews} review{'' if reviews == 1 else 's'} (dots)"
        # The key (Less ▢▢▢▢▢ More) at the right under the grid, the count of days at the left in
        # what room is left; on a narrow chart the key moves under the words.
        size = min(lay.cell, fm.height() * 0.8)
        key_width = (
            texts.width("Less") + texts.width("More") + 6 * u + len(style.heat) * (size + 3 * u)
        )
        room_right = max(lay.right, min(rect.right(), lay.origin.x() + key_width))
        words_box = QRectF(lay.origin.x(), lay.legend_y, room_right - lay.origin.x(), fm.height())
        key_top = lay.legend_y
        if texts.width(words) + 12 * u + key_width > words_box.width():
            key_top += fm.height() + 2 * u
        else:
            words_box.setRight(words_box.right() - key_width - 12 * u)
        texts.draw(words_box, words, LEFT, style.muted)
        if key_top + fm.height() <= rect.bottom() + 0.5:
            _paint_key(texts, style, room_right, key_top, size, u)
    return texts.drawn


def _paint_days(
    painter: QPainter,
    lay: _Heatmap,
    style: ChartStyle,
    minutes_by_day: Mapping[date, int],
    today: date,
    u: float,
) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    radius = max(lay.cell * 0.2, 0.5 * u)
    for offset in range((today - lay.first).days + 1):
        day = lay.first + timedelta(days=offset)
        painter.setBrush(style.heat[_level(minutes_by_day.get(day, 0))])
        painter.drawRoundedRect(lay.cell_rect(day), radius, radius)


def _paint_reviews(
    painter: QPainter,
    lay: _Heatmap,
    style: ChartStyle,
    reviews_by_day: Mapping[date, int],
    today: date,
) -> None:
    """A green dot, ringed in the background colour, in each day with a review answered:
    it reads on every shade of the study days."""
    size = lay.cell * 0.62
    ring = max(lay.cell * 0.07, 0.5)
    painter.setPen(QPen(style.background, ring))
    painter.setBrush(style.done)
    for day, count in reviews_by_day.items():
        if count and lay.first <= day <= today:
            centre = lay.cell_rect(day).center()
            painter.drawEllipse(centre, size / 2, size / 2)


def _paint_months(
    texts: Texts, lay: _Heatmap, rect: QRectF, style: ChartStyle, today: date, u: float
) -> None:
    """Each month's name above the week it starts in, as many as fit without touching: on a
    narrow chart every other month (or fewer), always within the chart."""
    months: list[tuple[float, date]] = []
    day = date(lay.first.year, lay.first.month, 1)
    while day <= today:
        if day >= lay.first:
            months.append((lay.cell_rect(day - timedelta(days=day.weekday())).left(), day))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    # Thin to every k-th month by the short names; January carries its year when there is
    # room for it before the next month's name.
    widest = max((texts.width(day_text(d, "MMM")) for _, d in months), default=0.0) + 6 * u
    spacing = (months[1][0] - months[0][0]) if len(months) > 1 else widest
    every = max(1, math.ceil(widest / max(spacing, 1e-9)))
    baseline = lay.origin.y() - 6 * u - texts.metrics.descent()
    end = -math.inf
    for index, (x, day) in enumerate(months):
        if index % every or x < end:
            continue
        label = day_text(day, "MMM")
        following = months[index + every][0] if index + every < len(months) else rect.right()
        if day.month == 1 and x + texts.width(day_text(day, "MMM yyyy")) + 6 * u <= following:
            label = day_text(day, "MMM yyyy")
        width = texts.width(label)
        if x + width > rect.right():
            continue
        texts.draw(texts.line_box(x, baseline, width + 0.5), label, LEFT, style.muted)
        end = x + width + 6 * u


def _paint_key(
    texts: Texts, style: ChartStyle, right: float, top: float, size: float, u: float
) -> None:
    painter = texts.painter
    height = texts.metrics.height()
    more = texts.width("More")
    x = right - more
    texts.draw(QRectF(x, top, more + 0.5, height), "More", LEFT, style.muted)
    x -= 6 * u + len(style.heat) * (size + 3 * u)
    less = texts.width("Less")
    texts.draw(QRectF(x - less - 6 * u, top, less + 0.5, height), "Less", LEFT, style.muted)
    painter.setPen(Qt.PenStyle.NoPen)
    radius = max(size * 0.2, 0.5 * u)
    for color in style.heat:
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x, top + (height - size) / 2, size, size), radius, radius)
        x += size + 3 * u


def heatmap_tooltip(rect: QRectF, style: ChartStyle, days: StudyDays, pos: QPointF) -> str:
    """The day under a point, the time studied and the reviews answered on it."""
    day = _heatmap_layout(rect, days.today, QFontMetricsF(style.small_font)).day_at(pos)
    if day is None:
        return ""
    minutes = days.minutes.get(day, 0)
    text = f"{day_text(day)}: " + (format_minutes(minutes) + " studied" if minutes else "no study")
    reviews = days.reviews.get(day, 0)
    if reviews:
        text += f" · {reviews} review{'' if reviews == 1 else 's'} answered"
    return text
