"""What the progress charts share: their style, axes, legends, and text laid out from font
metrics so that no label is clipped (a label that cannot fit is elided or left out)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from planner.core.units import format_hours
from planner.render.style import mix, style_for

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True, eq=False)
class ChartStyle:
    """Colours and fonts of the charts, derived from a palette."""

    dark: bool
    background: QColor
    text: QColor
    muted: QColor  # axis labels, legends, messages
    grid: QColor
    axis: QColor
    done: QColor  # hours of finished skills: the green of Status.DONE everywhere
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


@dataclass(frozen=True)
class ChartText:
    """A text a chart drew, the box it was given, the box its letters cover and the font: the
    painters return these so that a test can check every label fits its box and its chart."""

    text: str
    box: QRectF
    ink: QRectF
    font: QFont
    wrapped: bool = False  # a sentence on several lines (each fits; the whole is wider)


class Texts:
    """Draws texts into boxes, eliding what does not fit, and remembers them."""

    def __init__(self, painter: QPainter, font: QFont) -> None:
        self.painter = painter
        self.drawn: list[ChartText] = []
        self.font = font
        self.metrics = QFontMetricsF(font, painter.device())

    def set_font(self, font: QFont) -> None:
        """Write the following texts in this font."""
        self.font = font
        self.metrics = QFontMetricsF(font, self.painter.device())
        self.painter.setFont(font)

    def width(self, text: str) -> float:
        """The room a text needs on this painter, in this font."""
        return self.metrics.horizontalAdvance(text)

    def draw(
        self,
        box: QRectF,
        text: str,
        align: Qt.AlignmentFlag = LEFT,
        color: QColor | None = None,
        wrap: bool = False,
    ) -> None:
        """Write `text` in `box`; one line of it is elided with "…" when it is too wide."""
        if box.width() <= 0 or not text:
            return
        if color is not None:
            self.painter.setPen(color)
        self.painter.setFont(self.font)
        flags = int(align)
        if wrap:
            flags |= int(Qt.TextFlag.TextWordWrap)
            needed = self.metrics.boundingRect(box, flags, text)
            if needed.height() > box.height() + 0.5 or needed.width() > box.width() + 0.5:
                wrap = False
                flags = int(align)
        if not wrap:
            # Some room for the font's rounding: an elided text is a tiny bit narrower still.
            text = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width() - 0.5)
            if not text:
                return
        self.painter.drawText(box, flags, text)
        ink = self.metrics.boundingRect(box, flags, text)
        self.drawn.append(ChartText(text, QRectF(box), ink, QFont(self.font), wrap))

    def free(self, box: QRectF, text: str, align: Qt.AlignmentFlag = LEFT) -> bool:
        """Whether `text` written in `box` would stay clear of every text drawn so far."""
        ink = self.metrics.boundingRect(box, int(align), text)
        return not any(ink.intersects(other.ink) for other in self.drawn)

    def draw_clear(
        self, boxes: Sequence[QRectF], text: str, align: Qt.AlignmentFlag, color: QColor
    ) -> None:
        """Write `text` in the first of `boxes` where it meets no other text (none if none)."""
        box = next((b for b in boxes if self.free(b, text, align)), None)
        if box is not None:
            self.draw(box, text, align, color)

    def line_box(self, x: float, baseline: float, width: float) -> QRectF:
        """The box of one line of text whose baseline is at `baseline`."""
        return QRectF(x, baseline - self.metrics.ascent(), width, self.metrics.height())


# ---------------------------------------------------------------------------- shared pieces
def qdate(day: date) -> QDate:
    """A Python date as Qt's."""
    return QDate(day.year, day.month, day.day)


def day_text(day: date, pattern: str = "ddd d MMM yyyy") -> str:
    """A day in the learner's locale."""
    return QLocale().toString(qdate(day), pattern)


def min_height(lines: float, style: ChartStyle) -> int:
    """The least height a chart needs for its labels: so many lines of its small font."""
    return math.ceil(lines * QFontMetricsF(style.small_font).height())


def unit(metrics: QFontMetricsF) -> float:
    """One 'pixel' at the size of the text: 1 on a screen, more on a fine printer."""
    return max(metrics.height() / 16, 0.5)


def nice_step(span: float, ticks: int) -> float:
    """A step of 1, 2, 2.5 or 5 times a power of ten giving about `ticks` intervals."""
    raw = max(span / max(ticks, 1), 1e-9)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def hour_ticks(top: float, height: float, metrics: QFontMetricsF) -> list[float]:
    """Hours to label up an axis `height` high, at least two line heights apart."""
    step = nice_step(top, max(2, min(6, int(height / (metrics.height() * 2.2)))))
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def hour_label_width(top: float, metrics: QFontMetricsF) -> float:
    """The room the widest hour label of an axis up to `top` needs."""
    return metrics.horizontalAdvance(format_hours(top) + "0")


def fill(painter: QPainter, rect: QRectF, style: ChartStyle) -> None:
    """The chart's background."""
    painter.fillRect(rect, style.background)


@contextmanager
def chart(painter: QPainter, rect: QRectF, style: ChartStyle) -> Iterator[Texts]:
    """Paint one chart: antialiased, on its background, with the painter's state given back
    after. Yields the `Texts` its words are drawn with (`texts.drawn` is what a `paint_*`
    function returns)."""
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill(painter, rect, style)
        yield Texts(painter, style.small_font)
    finally:
        painter.restore()


def message(texts: Texts, rect: QRectF, style: ChartStyle, text: str) -> None:
    """A sentence in the middle of a chart with nothing to show yet."""
    texts.set_font(style.font)
    texts.draw(rect, text, CENTER, style.muted, wrap=True)


def empty_chart(painter: QPainter, rect: QRectF, style: ChartStyle, text: str) -> list[ChartText]:
    """A chart with nothing to show yet: its background and `text` in the middle."""
    with chart(painter, rect, style) as texts:
        message(texts, rect, style, text)
    return texts.drawn


def pen(color: QColor, width: float, line: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A line without rounded ends."""
    result = QPen(color, width, line)
    result.setCapStyle(Qt.PenCapStyle.FlatCap)
    return result


def y_axis(
    texts: Texts,
    rect: QRectF,
    plot: QRectF,
    style: ChartStyle,
    ticks: Sequence[float],
    top: float,
) -> None:
    """Horizontal grid lines with hour labels between the chart's left edge and the plot."""
    painter = texts.painter
    texts.set_font(style.small_font)
    u = unit(texts.metrics)
    height = texts.metrics.height()
    above = math.inf  # the top of the last label: a plot too short for all is labelled less
    for value in ticks:
        y = plot.bottom() - value / top * plot.height()
        painter.setPen(pen(style.axis if value == 0 else style.grid, u))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        box = QRectF(rect.left(), y - height / 2, plot.left() - 6 * u - rect.left(), height)
        if box.bottom() <= above and box.top() >= rect.top():
            texts.draw(box, format_hours(value), RIGHT, style.muted)
            above = box.top()


# ---------------------------------------------------------------------------- legend
@dataclass(frozen=True)
class LegendEntry:
    """A line sample and its words."""

    pen: QPen
    words: str


def legend_rows(
    entries: Sequence[LegendEntry], width: float, metrics: QFontMetricsF
) -> list[list[tuple[LegendEntry, float]]]:
    """The entries in rows that fit `width`, each with the width its words get (the full
    width, unless an entry is wider than a row on its own: then its words are elided)."""
    u = unit(metrics)
    sample, gap = 28 * u, 18 * u
    rows: list[list[tuple[LegendEntry, float]]] = [[]]
    used = 0.0
    for entry in entries:
        words = min(metrics.horizontalAdvance(entry.words), max(width - sample, 0))
        needed = sample + words
        if rows[-1] and used + gap + needed > width:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0) + needed
        rows[-1].append((entry, words))
    return rows if rows[0] else []


def paint_legend(
    texts: Texts,
    at: QPointF,
    style: ChartStyle,
    rows: Sequence[Sequence[tuple[LegendEntry, float]]],
) -> None:
    """Rows of line samples with their words, from `at` (top left) down."""
    painter = texts.painter
    texts.set_font(style.small_font)
    metrics = texts.metrics
    u = unit(metrics)
    for number, row in enumerate(rows):
        x = at.x()
        top = at.y() + number * metrics.height()
        y = top + metrics.height() / 2
        for entry, words in row:
            painter.setPen(entry.pen)
            painter.drawLine(QPointF(x, y), QPointF(x + 22 * u, y))
            box = QRectF(x + 28 * u, top, words + 0.5, metrics.height())
            texts.draw(box, entry.words, LEFT, style.muted)
            x += 28 * u + words + 18 * u


# ---------------------------------------------------------------------------- dates
def date_ticks(start: date, end: date, width: float, fm: QFontMetricsF) -> list[tuple[date, str]]:
    """Dates to label along a time axis, spaced so their labels never touch."""
    days = max((end - start).days, 1)
    room = max(2, int(width / (fm.horizontalAdvance("Sep 2026") * 1.5)))
    if days < 14:
        step = next((k for k in (1, 2, 3, 7) if days / k <= room), 14)
        short = [start + timedelta(days=i) for i in range(0, days + 1, step)]
        return [(d, day_text(d, "d MMM")) for d in short]
    if days <= 7 * room * 2 and days <= 120:
        step = next(k for k in (1, 2, 4, 8, 16) if days / (7 * k) <= room)
        first = start + timedelta(days=(7 - start.weekday()) % 7)  # the first Monday
        mondays = [first + timedelta(weeks=i) for i in range(0, days // 7 + 2, step)]
        return [(d, day_text(d, "d MMM")) for d in mondays if d <= end]
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
            ticks.append((day, day_text(day, "MMM yyyy" if show_year else "MMM")))


def centred_labels(
    labels: Sequence[tuple[float, str]],
    left: float,
    right: float,
    metrics: QFontMetricsF,
    keep_last: bool = False,
) -> list[tuple[float, str]]:
    """Labels centred on their x where they fit between `left` and `right`: one near an edge
    is pushed inside, and one that would then touch its neighbour is left out (the first
    one's neighbour, or with `keep_last` the last one's). Returns (left edge, text) pairs."""
    gap = metrics.height() / 3
    placed: list[tuple[float, str]] = []
    edge = math.inf if keep_last else -math.inf  # the side of the labels placed so far
    for x, text in reversed(labels) if keep_last else labels:
        width = metrics.horizontalAdvance(text)
        if width > right - left:
            continue
        start = min(max(x - width / 2, left), right - width)
        if (start + width > edge - gap) if keep_last else (start < edge + gap):
            continue
        placed.append((start, text))
        edge = start if keep_last else start + width
    return sorted(placed)
