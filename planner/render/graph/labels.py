"""Names at any zoom: those that matter most, at a readable size on screen, never overlapping."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from planner.core.plan_steps import Step
from planner.core.status import Status
from planner.render.graph.boxes import box_rect, overview_fill, wrap_text
from planner.render.graph.geometry import GraphLayout, Related
from planner.render.style import (
    CHAIN,
    DIM,
    SELECTED,
    UNLOCK,
    GraphStyle,
    StatusColors,
    paint_goal_star,
)

LABEL_PX = 12
"""The names' size on screen, whatever the zoom (like a map's place names)."""
MAX_LABELS = 100
"""At most this many names in one frame: past that the view is a texture, not a map."""
MAX_TRIED = 300
"""At most this many skills are tried per frame, however big the plan: a frame's cost stays
bounded at 10,000 skills (those tried first are the ones on screen that matter most)."""
MAX_MISSES = 60
"""After this many skills in a row found no room for their name, the view is full."""
MAX_WIDTH = 240.0  # longer names are elided; the tooltip and the skill panel show them whole
FAR_TRIES = 40
FAR_ROWS = 8
"""How many rows of names above or below its box a name moved out may go: at Fit a plan's
goals crowd the last columns, and the last of them needs a few rows to find room."""
"""Only the first this many skills tried may have their name moved away from the box."""
_PAD_X = 6.0
_PAD_Y = 2.0
_STAR = 12.0
_CELL = 64.0  # side of the grid cells that find overlapping names quickly


_Candidate = tuple[int, str, float, float, float, float]  # rank, skill, box: x0, y0, x1, y1


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """A name drawn in a frame: its skill, where it went on screen and its pixel size."""

    node: str
    rect: QRectF
    pixel_size: float


def label_order(
    steps: Iterable[Step],
    selected: str | None,
    related: Related | None,
    matches: AbstractSet[str] | None,
) -> list[str]:
    """The order in which skills get a name when not all can have one: the selection, the
    role's goals, what is in progress, the selection's prerequisites, the search's matches,
    what the selection unlocks, then the rest in the plan's order (what comes next first)."""
    ordered = list(steps)
    chain = related.ancestors if related is not None and selected is not None else frozenset()
    unlocks = related.descendants if related is not None and selected is not None else frozenset()
    tiers: list[list[str]] = [[] for _ in range(7)]
    in_progress = Status.IN_PROGRESS
    for step in ordered:
        node = step.skill.id
        if node == selected:
            tier = 0
        elif step.goal:
            tier = 1
        elif step.status == in_progress:
            tier = 2
        elif node in chain:
            tier = 3
        elif matches is not None and node in matches:
            tier = 4
        elif node in unlocks:
            tier = 5
        else:
            tier = 6
        tiers[tier].append(node)
    return [node for tier in tiers for node in tier]


class OverviewLabels:
    """What the names of an overview need from frame to frame, for one layout of one plan:
    the order of the skills (per selection and search) and each name fitted to its width."""

    def __init__(self, layout: GraphLayout, steps: Mapping[str, Step]) -> None:
        self.layout = layout
        self.steps = steps
        self._order_key: tuple[object, ...] | None = None
        self._order: list[list[_Candidate]] = []
        self._texts: dict[str, tuple[str, float]] = {}
        self._font_key = ""
        self.placed: list[PlacedLabel] = []
        """The names drawn by the last frame (for the view's tests and its tooltips)."""

    def order(
        self, selected: str | None, related: Related | None, matches: AbstractSet[str] | None
    ) -> list[list[_Candidate]]:
        """`label_order` split by column, each skill with its rank and its box's corners;
        worked out again only when the selection or the search changes. A frame then merges
        the columns on screen and goes down them, not through every skill of the plan."""
        key = (selected, id(related), id(matches))
        if key != self._order_key:
            nodes = self.layout.nodes
            columns: list[list[_Candidate]] = [[] for _ in self.layout.columns]
            ranked = label_order(self.steps.values(), selected, related, matches)
            for rank, node in enumerate(ranked):
                box = nodes.get(node)
                if box is not None:
                    columns[box.layer].append(
                        (rank, node, box.x, box.y, box.x + box.w, box.y + box.h)
                    )
            self._order = columns
            self._order_key = key
        return self._order

    def paint(
        self,
        painter: QPainter,
        style: GraphStyle,
        areas: Mapping[str, QColor],
        visible: QRectF,
        order: list[list[_Candidate]],
        emphasis: Callable[[str], int],
        fonts: tuple[QFont, QFont],
        every: bool = False,
        reserved: Sequence[QRectF] = (),
    ) -> None:
        """Draw the names of the visible skills in `order`, each centred on its box, skipping
        one that would cover a name already drawn and any dimmed skill. With `every` (a view
        of one path, a few dozen skills) any name may be moved out to find room. `reserved`
        (device pixels) is kept free: what the view draws over the graph, such as its legend."""
        self.placed = []
        transform = painter.worldTransform()
        plain_font, goal_font = fonts
        if plain_font.key() != self._font_key:
            self._texts.clear()
            self._font_key = plain_font.key()
        metrics = (QFontMetricsF(plain_font), QFontMetricsF(goal_font))
        height = metrics[0].height() + 2 * _PAD_Y
        grid: _Grid = {}
        for rect in reserved:
            _claim(grid, rect)
        nodes = self.layout.nodes
        x0, y0, x1, y1 = visible.left(), visible.top(), visible.right(), visible.bottom()
        device = painter.device()
        bounds = QRectF(0, 0, device.width(), device.height()) if device else QRectF()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # Places are chosen first, then every leader line is drawn, then the names over them.
        leaders: list[Callable[[], None]] = []
        names: list[Callable[[], None]] = []
        tried = misses = 0
        shown = self.layout.columns_in(x0, x1)
        for _rank, node, left, top, right, bottom in heapq.merge(*(order[c] for c in shown)):
            if left > x1 or right < x0 or top > y1 or bottom < y0:
                continue  # off screen: costs a comparison or four
            tried += 1
            if tried > MAX_TRIED or len(self.placed) >= MAX_LABELS:
                break
            box = nodes[node]
            level = emphasis(node)
            if level == DIM:
                continue
            step = self.steps[node]
            text, width = self._text(node, step, metrics[step.goal])
            room = width + 2 * _PAD_X + (_STAR if step.goal else 0.0)
            on_screen = transform.mapRect(box_rect(box))
            font = goal_font if step.goal else plain_font
            lines = _in_box(step, on_screen, room, height, metrics[step.goal])
            if lines:
                # The box is big enough: the name goes across it, on its own status fill.
                _claim(grid, on_screen)
                wide = max(metrics[step.goal].horizontalAdvance(line) for line in lines)
                wide += 2 * _PAD_X + (_STAR if step.goal else 0.0)
                block = QRectF(0, 0, wide, height * len(lines))
                block.moveCenter(on_screen.center() + QPointF(2, 0))  # clear of the stripe
                color = look_of(step, style).text
                for k, line in enumerate(lines):
                    rect = QRectF(block.x(), block.y() + k * height, wide, height)
                    names.append(
                        partial(_paint_name, painter, rect, step, style, font, line, color, k == 0)
                    )
                rect = block
            else:
                # Goals, what is in progress and the selection may go further from their box, on
                # a leader line, when the space beside it is taken: a plan has a few dozen of
                # them at most. Its chain may too, for the first few tried in a frame.
                far = (
                    every
                    or step.goal
                    or step.status == Status.IN_PROGRESS
                    or level == SELECTED
                    or (tried < FAR_TRIES and level == CHAIN)
                )
                spot = _free_spot(grid, on_screen, room, height, bounds, far)
                if spot is None:
                    misses += 1
                    if misses >= MAX_MISSES:
                        break
                    continue
                rect = spot
                _claim(grid, rect)
                if not rect.intersects(on_screen.adjusted(-2, -2, 2, 2)):
                    leaders.append(partial(_paint_leader, painter, rect, on_screen, style))
                names.append(
                    partial(_paint_pill, painter, rect, step, level, style, areas, font, text)
                )
            misses = 0
            self.placed.append(PlacedLabel(node, rect, float(plain_font.pixelSize())))
        for draw in (*leaders, *names):
            draw()
        painter.restore()

    def _text(self, node: str, step: Step, metrics: QFontMetricsF) -> tuple[str, float]:
        """A name elided to MAX_WIDTH and its width, measured once per font."""
        found = self._texts.get(node)
        if found is None:
            text = metrics.elidedText(step.skill.name, Qt.TextElideMode.ElideRight, MAX_WIDTH)
            found = self._texts[node] = (text, metrics.horizontalAdvance(text))
        return found


def label_fonts(base: QFont) -> tuple[QFont, QFont]:
    """The overview's fonts for names: plain, and semi-bold for goals (as in the boxes)."""
    plain = QFont(base)
    plain.setPixelSize(LABEL_PX)
    plain.setStrikeOut(False)
    goal = QFont(plain)
    goal.setWeight(QFont.Weight.DemiBold)
    return plain, goal


def _free_spot(
    grid: _Grid,
    box: QRectF,
    width: float,
    height: float,
    bounds: QRectF,
    far: bool = False,
) -> QRectF | None:
    """Where a name goes on screen: across its box, else just above or below it (as a map
    puts a place's name beside its dot), or with `far` up to FAR_ROWS rows further out and half
    its width to either side; kept inside the view; None if all are taken."""
    centre = box.center()
    near = (box.height() + height) / 2 + 1
    offsets = [(0.0, 0.0), (0.0, -near), (0.0, near)]
    if far:
        row = height + 3
        offsets += [
            (dx, sign * (near + k * row))
            for k in range(1, FAR_ROWS + 1)
            for sign in (-1, 1)
            for dx in (0.0, -width / 2, width / 2)
        ]
    for dx, dy in offsets:
        rect = QRectF(centre.x() + dx - width / 2, centre.y() + dy - height / 2, width, height)
        if not bounds.isEmpty():
            # A name at the view's edge slides in rather than being cut.
            rect.moveLeft(max(bounds.left() + 2, min(rect.left(), bounds.right() - 2 - width)))
            rect.moveTop(max(bounds.top() + 2, min(rect.top(), bounds.bottom() - 2 - height)))
        if not _overlaps(grid, rect):
            return rect
    return None


def _paint_leader(painter: QPainter, rect: QRectF, box: QRectF, style: GraphStyle) -> None:
    """A thin line from a name moved away from its box to the box."""
    end = box.center()
    start = QPointF(min(max(end.x(), rect.left() + 4), rect.right() - 4), rect.center().y())
    start.setY(rect.bottom() if end.y() > rect.bottom() else rect.top())
    painter.setPen(QPen(style.muted, 1.0))
    painter.drawLine(start, end)


_Grid = dict[tuple[int, int], list[tuple[float, float, float, float]]]
"""Taken rectangles (x0, y0, x1, y1) by the grid cells they meet: plain floats, as this is
the innermost loop of placing names."""


def _overlaps(grid: _Grid, rect: QRectF) -> bool:
    # A hair of canvas is kept between two names.
    x0, y0 = rect.left() - 2, rect.top() - 1
    x1, y1 = rect.right() + 2, rect.bottom() + 1
    for gx in range(int(x0 // _CELL), int(x1 // _CELL) + 1):
        for gy in range(int(y0 // _CELL), int(y1 // _CELL) + 1):
            for a0, b0, a1, b1 in grid.get((gx, gy), ()):
                if a0 < x1 and x0 < a1 and b0 < y1 and y0 < b1:
                    return True
    return False


def _claim(grid: _Grid, rect: QRectF) -> None:
    corners = (rect.left(), rect.top(), rect.right(), rect.bottom())
    for gx in range(int(corners[0] // _CELL), int(corners[2] // _CELL) + 1):
        for gy in range(int(corners[1] // _CELL), int(corners[3] // _CELL) + 1):
            grid.setdefault((gx, gy), []).append(corners)


def _paint_pill(
    painter: QPainter,
    rect: QRectF,
    step: Step,
    level: int,
    style: GraphStyle,
    areas: Mapping[str, QColor],
    font: QFont,
    text: str,
) -> None:
    """A name on a small card in the box's own look: its status fill and border (the accent
    for the selection and its chain, the second tone for what it unlocks), the area stripe."""
    look = look_of(step, style)
    border = {UNLOCK: style.unlock, CHAIN: style.accent, SELECTED: style.accent}.get(
        level, look.border
    )
    width = 3.0 if level == SELECTED else 2.0 if step.goal or level >= UNLOCK else 1.0
    painter.setPen(QPen(border, width))
    painter.setBrush(look.fill)
    painter.drawRoundedRect(rect, 4, 4)
    stripe = QRectF(rect.x() + width / 2, rect.y() + 3, 3, rect.height() - 6)
    painter.fillRect(stripe, areas.get(step.skill.area, style.muted))
    _paint_name(painter, rect, step, style, font, text, look.text)


def _in_box(
    step: Step, box: QRectF, room: float, height: float, metrics: QFontMetricsF
) -> list[str]:
    """The name's lines when it fits across its box on screen (one line, or two where the
    box is tall enough), else none: it then goes on a card of its own."""
    star = _STAR if step.goal else 0.0
    width = box.width() - 6 - 2 * _PAD_X - star
    if box.width() - 4 >= room and box.height() >= height:
        return [metrics.elidedText(step.skill.name, Qt.TextElideMode.ElideRight, MAX_WIDTH)]
    if box.height() < 2 * height + 2 or width < 40:
        return []
    lines = wrap_text(step.skill.name, metrics, (width, width))
    return lines if " ".join(lines) == step.skill.name else []  # only whole names


def look_of(step: Step, style: GraphStyle) -> StatusColors:
    """A status's look with the overview's stronger fill (its mark is too small to see)."""
    look = style.status(step.status)
    return replace(look, fill=overview_fill(step.status, style))


def _paint_name(
    painter: QPainter,
    rect: QRectF,
    step: Step,
    style: GraphStyle,
    font: QFont,
    text: str,
    color: QColor,
    star: bool = True,
) -> None:
    """The name (after a star for a goal), left in `rect` and centred on its height."""
    left = rect.x() + _PAD_X
    if step.goal and star:
        mark = QRectF(left, rect.center().y() - _STAR / 2 + 0.5, _STAR - 2, _STAR - 2)
        paint_goal_star(painter, mark, style)
        left += _STAR
    painter.setFont(font)
    painter.setPen(color)
    metrics = QFontMetricsF(font)
    baseline = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
    painter.drawText(QPointF(left, baseline), text)  # plain text: names are never markup
