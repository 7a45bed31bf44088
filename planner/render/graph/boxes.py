"""One skill's box drawn in full: its outline, area stripe, status mark, name, hours and star."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from planner.core.plan_steps import Step
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours
from planner.render.graph.geometry import NodeBox
from planner.render.style import (
    CHAIN,
    DIM,
    SELECTED,
    UNLOCK,
    GraphStyle,
    mix,
    paint_goal_star,
    paint_status_mark,
)

NAME_PX = 13
SMALL_PX = 11
STRIPE = 5.0
RADIUS = 7.0
PAD = 9.0
MARK = 14.0

OVERVIEW_PEN = 2.5
"""Borders are this much wider in an overview, which is seen at a third of the size or less."""


class BoxFonts:
    """The fonts of a box's text, sized in layout units so text fits the fixed-size boxes."""

    def __init__(self, base: QFont) -> None:
        self.name = QFont(base)
        self.name.setPixelSize(NAME_PX)
        self.goal = QFont(self.name)
        self.goal.setWeight(QFont.Weight.DemiBold)
        self.struck = QFont(self.name)
        self.struck.setStrikeOut(True)
        self.small = QFont(base)
        self.small.setPixelSize(SMALL_PX)
        self.key = base.key()


class BoxParts(Protocol):
    """What a view keeps of its boxes between frames (a `GraphCache`)."""

    def shape(self, node: str) -> tuple[QPainterPath, QPainterPath]:
        """A box's rounded outline and its area stripe."""
        ...

    def label(self, node: str, fonts: BoxFonts) -> tuple[list[str], str]:
        """A box's name in lines, and its hours and status line."""
        ...


def paint_box(
    painter: QPainter,
    box: NodeBox,
    step: Step,
    area: QColor,
    emphasis: int,
    style: GraphStyle,
    fonts: BoxFonts | None,
    cache: BoxParts | None = None,
) -> None:
    """Draw a box in full (with `fonts`) or plain, as its emphasis wants; `cache` keeps its
    shapes and texts from frame to frame."""
    look = style.status(step.status)
    rect = box_rect(box)
    shape, stripe = cache.shape(box.id) if cache is not None else box_shapes(rect)
    painter.setOpacity(style.dim_opacity if emphasis == DIM else 1.0)

    fill = look.fill if fonts is not None else overview_fill(step.status, style)
    painter.fillPath(shape, fill)
    painter.fillPath(stripe, area)

    border = {CHAIN: style.accent, UNLOCK: style.unlock, SELECTED: style.accent}.get(
        emphasis, look.border
    )
    width = 2.6 if step.goal else 1.2
    if emphasis in (CHAIN, UNLOCK, SELECTED):
        width = max(width, 2.2)
    if fonts is None:
        width *= OVERVIEW_PEN
    pen = QPen(border, width)
    if look.dotted and emphasis not in (CHAIN, UNLOCK, SELECTED):
        pen.setStyle(Qt.PenStyle.DotLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape)
    if emphasis == SELECTED:
        ring = QPainterPath()
        grow = 4.5 if fonts is not None else 10.0
        ring.addRoundedRect(rect.adjusted(-grow, -grow, grow, grow), RADIUS + grow, RADIUS + grow)
        painter.setPen(QPen(style.accent, 2.5 if fonts is not None else 7.0))
        painter.drawPath(ring)

    if fonts is not None:
        lines, info = (
            cache.label(box.id, fonts) if cache is not None else box_text(rect, step, fonts)
        )
        _paint_label(painter, rect, step, emphasis == DIM, style, fonts, lines, info)
    painter.setOpacity(1.0)


def box_shapes(rect: QRectF) -> tuple[QPainterPath, QPainterPath]:
    """A box's rounded outline, and the area stripe along its left side within it."""
    shape = QPainterPath()
    shape.addRoundedRect(rect, RADIUS, RADIUS)
    band = QPainterPath()
    band.addRect(QRectF(rect.x(), rect.y(), STRIPE, rect.height()))
    return shape, shape.intersected(band)


def _label_font(step: Step, fonts: BoxFonts) -> QFont:
    return (
        fonts.struck if step.status == Status.SKIPPED else fonts.goal if step.goal else fonts.name
    )


def box_text(rect: QRectF, step: Step, fonts: BoxFonts) -> tuple[list[str], str]:
    """The name broken into the lines of a box, and the hours and status line, elided."""
    left = rect.x() + STRIPE + PAD
    right = rect.right() - PAD
    mark_left = right - MARK
    metrics = QFontMetricsF(_label_font(step, fonts))
    lines = wrap_text(step.skill.name, metrics, (mark_left - 5 - left, right - left))
    info = format_hours(step.skill.hours)
    if step.status != Status.TODO:
        info += " · " + STATUS_WORDS[step.status]
    star_room = 16.0 if step.goal else 0.0
    small = QFontMetricsF(fonts.small)
    return lines, small.elidedText(info, Qt.TextElideMode.ElideRight, right - left - star_room)


def _paint_label(
    painter: QPainter,
    rect: QRectF,
    step: Step,
    dimmed: bool,
    style: GraphStyle,
    fonts: BoxFonts,
    lines: list[str],
    info: str,
) -> None:
    left = rect.x() + STRIPE + PAD
    right = rect.right() - PAD
    mark = QRectF(right - MARK, rect.y() + PAD - 1, MARK, MARK)
    paint_status_mark(painter, mark, step.status, style)

    font = _label_font(step, fonts)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    info_color = style.muted if step.status != Status.IN_PROGRESS else style.accent
    if dimmed:
        # The box is faded (drawn at the dimmed opacity); its text is drawn opaque, in a
        # colour that keeps a readable contrast with that faded box.
        dim = style.dim(step.status)
        painter.setOpacity(1.0)
        painter.setPen(dim.text)
        info_color = mix(dim.fill, dim.text, 0.8)
    else:
        painter.setPen(style.status(step.status).text)
    baseline = rect.y() + PAD + metrics.ascent() - 1
    for line in lines:
        painter.drawText(QPointF(left, baseline), line)  # plain text: names are never markup
        baseline += metrics.lineSpacing()

    small = QFontMetricsF(fonts.small)
    bottom = rect.bottom() - PAD + 1
    painter.setFont(fonts.small)
    painter.setPen(info_color)
    painter.drawText(QPointF(left, bottom - small.descent()), info)
    if step.goal:
        star = QRectF(right - 13, bottom - 13, 13, 13)
        painter.setOpacity(style.dim_opacity if dimmed else 1.0)
        paint_goal_star(painter, star, style)


def box_rect(box: NodeBox) -> QRectF:
    """A box as a QRectF, in layout coordinates."""
    return QRectF(box.x, box.y, box.w, box.h)


def overview_fill(status: Status, style: GraphStyle) -> QColor:
    """Stronger fills for the overview, where the status mark is too small to see."""
    tint = {
        Status.IN_PROGRESS: (style.accent, 0.5),
        Status.DONE: (style.green, 0.5),
        Status.IMPLIED: (style.green, 0.22),
        Status.SKIPPED: (style.canvas, 0.7),
    }.get(status)
    return mix(style.card, tint[0], tint[1]) if tint else style.card


def wrap_text(text: str, metrics: QFontMetricsF, widths: Sequence[float]) -> list[str]:
    """Break text into at most `len(widths)` lines of the given widths, at spaces, eliding
    the last line (or any word too long for its line) with an ellipsis."""
    words = text.split()
    lines: list[str] = []
    i = 0
    for n, width in enumerate(widths):
        if i >= len(words):
            break
        if n == len(widths) - 1:
            rest = " ".join(words[i:])
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        line = words[i]
        i += 1
        while i < len(words) and metrics.horizontalAdvance(line + " " + words[i]) <= width:
            line += " " + words[i]
            i += 1
        if metrics.horizontalAdvance(line) > width:
            line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
        lines.append(line)
    return lines
