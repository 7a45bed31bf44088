"""The one visual language of statuses, goals and areas, derived from a palette (light or dark)."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from math import cos, pi, sin

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from planner.core.status import Status

# Emphasis of a skill or an edge, from least to most important (the painting order): dimmed,
# plain, what the selection unlocks, its prerequisite chain, the selection itself.
DIM, PLAIN, UNLOCK, CHAIN, SELECTED = range(5)

# Mid-tone colours that stay distinct and visible on both white and near-black backgrounds
# (after Tableau 10, with two more); areas pick from them by a stable checksum of their name.
AREA_PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
    "#bcbd22",
    "#8c8c8c",
)


@dataclass(frozen=True, eq=False)
class StatusColors:
    """How a skill with one status looks: box fill, border, text, mark, and line styles."""

    fill: QColor
    border: QColor
    text: QColor
    mark: QColor
    dotted: bool = False  # implied: known, but not by the learner's own say-so
    struck: bool = False  # skipped


@dataclass(frozen=True, eq=False)
class GraphStyle:
    """Every colour the graph, its legend and status marks use."""

    dark: bool
    canvas: QColor  # behind the graph
    card: QColor  # a box without status colour
    text: QColor
    muted: QColor
    edge: QColor
    accent: QColor  # the palette's highlight: selection, prerequisite chain, in progress
    unlock: QColor  # second tone: what the selected skill leads to
    green: QColor
    star: QColor
    statuses: Mapping[Status, StatusColors]
    dim_opacity: float = 0.22
    dimmed: Mapping[Status, StatusColors] | None = None
    """How a dimmed skill looks, as seen on the canvas (opaque colours): see `dimmed_look`."""

    def status(self, status: Status) -> StatusColors:
        """The look of a status (an unknown one looks like todo)."""
        return self.statuses.get(status) or self.statuses[Status.TODO]

    def dim(self, status: Status) -> StatusColors:
        """The look of a dimmed skill with this status (an unknown one looks like todo)."""
        looks = self.dimmed or {}
        return looks.get(status) or looks.get(Status.TODO) or dimmed_look(self, status)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """The colour `t` of the way from `a` to `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def luminance(color: QColor) -> float:
    """The relative luminance of a colour (WCAG 2)."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours: 1 (the same) to 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


DIM_TEXT_CONTRAST = 3.2
"""A dimmed skill's name keeps at least this contrast with its faded box (WCAG's 3:1 for
large text, with a little room): faded means "not part of this", never "unreadable"."""


def dimmed_look(style: GraphStyle, status: Status) -> StatusColors:
    """A dimmed skill's colours as they show on the canvas: the box, its border and its mark
    faded to `dim_opacity`, the name only as far as it stays readable on that faded box (the
    least fading that reaches DIM_TEXT_CONTRAST, or none if the undimmed text is lower)."""
    look = style.status(status)
    fill = mix(style.canvas, look.fill, style.dim_opacity)
    text = look.text
    for step in range(11):  # from faint to full strength, the first that reads
        candidate = mix(fill, look.text, 0.5 + step * 0.05)
        if contrast_ratio(candidate, fill) >= DIM_TEXT_CONTRAST:
            text = candidate
            break
    return StatusColors(
        fill,
        mix(style.canvas, look.border, style.dim_opacity),
        text,
        mix(style.canvas, look.mark, style.dim_opacity),
        dotted=look.dotted,
        struck=look.struck,
    )


def style_for(palette: QPalette) -> GraphStyle:
    """The graph's colours for a palette: green, amber and purple are fixed hues whose
    lightness is chosen for the background, the rest comes from the palette itself."""
    role = QPalette.ColorRole
    window = palette.color(role.Window)
    base = palette.color(role.Base)
    text = palette.color(role.Text)
    dark = window.lightnessF() < 0.5
    accent = QColor(palette.color(role.Highlight))
    if dark and accent.lightnessF() < 0.45:  # keep a dark highlight readable as a line colour
        accent = accent.lighter(135)
    # Boxes stand out from the canvas: lighter than it on a dark background, white on light.
    canvas = window
    card = mix(window, text, 0.07) if dark else base
    green = QColor("#66bb6a") if dark else QColor("#2e7d32")
    unlock = QColor("#ce93d8") if dark else QColor("#8e24aa")
    star = QColor("#ffca28") if dark else QColor("#e0a100")
    muted = mix(card, text, 0.5)
    statuses = {
        Status.TODO: StatusColors(card, mix(card, text, 0.42), text, mix(card, text, 0.55)),
        Status.IN_PROGRESS: StatusColors(mix(card, accent, 0.16), accent, text, accent),
        Status.DONE: StatusColors(mix(card, green, 0.16 if dark else 0.12), green, text, green),
        Status.SKIPPED: StatusColors(
            # Greyer than a name to do, yet readable (3:1) even when dimmed as well.
            mix(card, canvas, 0.6),
            mix(card, text, 0.22),
            mix(card, text, 0.65),
            muted,
            struck=True,
        ),
        Status.IMPLIED: StatusColors(
            mix(card, green, 0.07), mix(green, card, 0.35), mix(text, card, 0.2), green, dotted=True
        ),
    }
    style = GraphStyle(
        dark=dark,
        canvas=canvas,
        card=card,
        text=text,
        muted=muted,
        edge=mix(canvas, text, 0.42),
        accent=accent,
        unlock=unlock,
        green=green,
        star=star,
        statuses=statuses,
    )
    # The dimmed looks are worked out once per style, not per box and frame.
    return replace(style, dimmed={s: dimmed_look(style, s) for s in statuses})


def area_colors(areas: Iterable[str]) -> dict[str, QColor]:
    """A colour per area: by a checksum of the name (the same in every plan and every run),
    moving on to the next free colour when two areas collide."""
    colors: dict[str, QColor] = {}
    taken: set[int] = set()
    size = len(AREA_PALETTE)
    for area in sorted(set(areas)):
        slot = zlib.crc32(area.encode("utf-8")) % size
        if len(taken) < size:
            while slot in taken:
                slot = (slot + 1) % size
        taken.add(slot)
        colors[area] = QColor(AREA_PALETTE[slot])
    return colors


def paint_status_mark(painter: QPainter, rect: QRectF, status: Status, style: GraphStyle) -> None:
    """The status mark in a square: an empty ring (todo), a half-filled ring (in progress),
    a green disc with a tick (done), a struck ring (skipped), a dotted ring and tick (implied)."""
    look = style.status(status)
    side = min(rect.width(), rect.height())
    width = max(side / 9, 1.0)
    ring = QRectF(0, 0, side - width, side - width)
    ring.moveCenter(rect.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(look.mark, width)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if status == Status.DONE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.mark)
        painter.drawEllipse(ring)
        _tick(painter, ring, style.card, width * 1.3)
    elif status == Status.IN_PROGRESS:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.mark)
        painter.drawPie(ring, 90 * 16, 180 * 16)  # the left half: started, not finished
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(ring)
    elif status == Status.IMPLIED:
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawEllipse(ring)
        inner = ring.adjusted(side * 0.14, side * 0.14, -side * 0.14, -side * 0.14)
        _tick(painter, inner, look.mark, width)
    elif status == Status.SKIPPED:
        painter.setPen(pen)
        painter.drawEllipse(ring)
        c = ring.center()
        painter.drawLine(QPointF(ring.left(), c.y()), QPointF(ring.right(), c.y()))
    else:
        painter.setPen(pen)
        painter.drawEllipse(ring)
    painter.restore()


def _tick(painter: QPainter, rect: QRectF, color: QColor, width: float) -> None:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    path = QPainterPath(QPointF(x + w * 0.26, y + h * 0.52))
    path.lineTo(QPointF(x + w * 0.43, y + h * 0.69))
    path.lineTo(QPointF(x + w * 0.75, y + h * 0.34))
    painter.drawPath(path)


def paint_goal_star(painter: QPainter, rect: QRectF, style: GraphStyle) -> None:
    """The five-pointed star that marks a goal of the role."""
    c = rect.center()
    outer = min(rect.width(), rect.height()) / 2
    inner = outer * 0.45
    star = QPolygonF()
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -pi / 2 + k * pi / 5
        star.append(QPointF(c.x() + radius * cos(angle), c.y() + radius * sin(angle)))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(mix(style.star, style.text, 0.35), max(outer / 8, 0.6)))
    painter.setBrush(style.star)
    painter.drawPolygon(star)
    painter.restore()
