"""Draws a laid-out plan graph and its legend with QPainter, for the screen and the PDF alike."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from planner.core.plan import Plan, Step
from planner.core.units import format_hours
from planner.render.graph_layout import EdgePath, GraphLayout, NodeBox, Related
from planner.render.style import (
    GraphStyle,
    area_colors,
    mix,
    paint_goal_star,
    paint_status_mark,
    status_label,
)

LOW_DETAIL = 0.45
"""Below this scale labels would be unreadable: boxes are drawn plain, without text."""

NAME_PX = 13
SMALL_PX = 11
STRIPE = 5.0
RADIUS = 7.0
PAD = 9.0
MARK = 14.0
ARROW = 8.0

# Emphasis of a node or an edge, from least to most important (the painting order).
DIM, PLAIN, UNLOCK, CHAIN, SELECTED = range(5)


def paint_graph(
    painter: QPainter,
    layout: GraphLayout,
    plan: Plan,
    style: GraphStyle,
    *,
    selected: str | None = None,
    related: Related | None = None,
    matches: AbstractSet[str] | None = None,
    visible: QRectF | None = None,
    detail: float = 1.0,
) -> None:
    """Paint the graph in layout coordinates (the caller sets the transform).

    With `selected`, its prerequisite chain is drawn in the accent colour, what it unlocks in
    a second tone and the rest dimmed (`related` saves recomputing both). With `matches`, the
    skills outside it are dimmed. `visible` limits the work to what meets that rectangle;
    `detail` is the scale on screen, below `LOW_DETAIL` boxes are drawn without text.
    """
    steps = {step.skill.id: step for step in plan.steps}
    areas = area_colors(step.skill.area for step in plan.steps)
    if selected is not None and selected not in layout.nodes:
        selected = None
    if selected is not None and related is None:
        related = layout.related(selected)
    chain = related.ancestors if selected is not None and related is not None else frozenset()
    unlocks = related.descendants if selected is not None and related is not None else frozenset()

    def node_emphasis(node: str) -> int:
        if node == selected:
            return SELECTED
        if matches is not None and node not in matches:
            return DIM
        if selected is None:
            return PLAIN
        return CHAIN if node in chain else UNLOCK if node in unlocks else DIM

    def edge_emphasis(edge: EdgePath) -> int:
        outside = matches is not None and (edge.src not in matches or edge.dst not in matches)
        if outside and selected not in (edge.src, edge.dst):
            return DIM
        if selected is None:
            return PLAIN
        if edge.src in chain and (edge.dst in chain or edge.dst == selected):
            return CHAIN
        if edge.dst in unlocks and (edge.src in unlocks or edge.src == selected):
            return UNLOCK
        return DIM

    if visible is not None:
        margin = ARROW + 4
        x0, y0 = visible.left() - margin, visible.top() - margin
        x1, y1 = visible.right() + margin, visible.bottom() + margin
        node_ids: Sequence[str] = layout.nodes_in(x0, y0, x1, y1)
        edges = [
            e
            for e in layout.edges
            if e.bounds[0] <= x1 and e.bounds[2] >= x0 and e.bounds[1] <= y1 and e.bounds[3] >= y0
        ]
    else:
        node_ids = list(layout.nodes)
        edges = list(layout.edges)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    ranked_edges = sorted(((edge_emphasis(e), i) for i, e in enumerate(edges)))
    for emphasis, i in ranked_edges:
        _paint_edge(painter, edges[i], emphasis, style)
    text = detail >= LOW_DETAIL
    fonts = _Fonts(painter.font()) if text else None
    for emphasis, node in sorted((node_emphasis(n), n) for n in node_ids):
        step = steps.get(node)
        if step is not None:
            area = areas.get(step.skill.area, style.muted)
            _paint_node(painter, layout.nodes[node], step, area, emphasis, style, fonts)
    painter.restore()


def _edge_path(points: Sequence[tuple[float, float]], end_inset: float) -> QPainterPath:
    """Straight within a column, an S-curve with level ends between columns, so that every
    edge leaves and enters its boxes horizontally."""
    path = QPainterPath(QPointF(*points[0]))
    last = len(points) - 1
    for k in range(1, len(points)):
        ax, ay = points[k - 1]
        bx, by = points[k]
        if k == last:
            bx -= end_inset if bx >= ax else -end_inset
        if abs(by - ay) < 0.5:
            path.lineTo(bx, by)
        else:
            half = (bx - ax) / 2
            path.cubicTo(QPointF(ax + half, ay), QPointF(bx - half, by), QPointF(bx, by))
    return path


def _paint_edge(painter: QPainter, edge: EdgePath, emphasis: int, style: GraphStyle) -> None:
    color = {CHAIN: style.accent, UNLOCK: style.unlock}.get(emphasis, style.edge)
    width = 2.4 if emphasis in (CHAIN, UNLOCK) else 1.3
    painter.setOpacity(style.dim_opacity if emphasis == DIM else 1.0)
    pen = QPen(color, width)
    if not edge.hard:
        pen.setDashPattern([4.0, 3.0])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_edge_path(edge.points, ARROW - 1))
    # The arrowhead points the way the edge enters its box: rightwards, unless it goes back.
    (ax, _), (bx, by) = edge.points[-2], edge.points[-1]
    direction = 1.0 if bx >= ax else -1.0
    half = ARROW * 0.5 + (0.6 if emphasis in (CHAIN, UNLOCK) else 0.0)
    head = QPolygonF(
        [
            QPointF(bx, by),
            QPointF(bx - direction * ARROW, by - half),
            QPointF(bx - direction * ARROW, by + half),
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(head)
    painter.setOpacity(1.0)


class _Fonts:
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


def _paint_node(
    painter: QPainter,
    box: NodeBox,
    step: Step,
    area: QColor,
    emphasis: int,
    style: GraphStyle,
    fonts: _Fonts | None,
) -> None:
    look = style.status(step.status)
    rect = QRectF(box.x, box.y, box.w, box.h)
    shape = QPainterPath()
    shape.addRoundedRect(rect, RADIUS, RADIUS)
    painter.setOpacity(style.dim_opacity if emphasis == DIM else 1.0)

    fill = look.fill if fonts is not None else _overview_fill(step.status, style)
    painter.fillPath(shape, fill)
    painter.save()
    painter.setClipPath(shape)
    painter.fillRect(QRectF(rect.x(), rect.y(), STRIPE, rect.height()), area)
    painter.restore()

    border = {CHAIN: style.accent, UNLOCK: style.unlock, SELECTED: style.accent}.get(
        emphasis, look.border
    )
    width = 2.6 if step.goal else 1.2
    if emphasis in (CHAIN, UNLOCK, SELECTED):
        width = max(width, 2.2)
    if fonts is None:
        width *= 2.5  # an overview is seen at a third of the size or less
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
        _paint_label(painter, rect, step, look.text, style, fonts)
    painter.setOpacity(1.0)


def _overview_fill(status: str, style: GraphStyle) -> QColor:
    """Stronger fills for the overview, where the status mark is too small to see."""
    tint = {
        "in-progress": (style.accent, 0.5),
        "done": (style.green, 0.5),
        "implied": (style.green, 0.22),
        "skipped": (style.canvas, 0.7),
    }.get(status)
    return mix(style.card, tint[0], tint[1]) if tint else style.card


def _paint_label(
    painter: QPainter,
    rect: QRectF,
    step: Step,
    color: QColor,
    style: GraphStyle,
    fonts: _Fonts,
) -> None:
    left = rect.x() + STRIPE + PAD
    right = rect.right() - PAD
    mark = QRectF(right - MARK, rect.y() + PAD - 1, MARK, MARK)
    paint_status_mark(painter, mark, step.status, style)

    font = fonts.struck if step.status == "skipped" else fonts.goal if step.goal else fonts.name
    metrics = QFontMetricsF(font)
    widths = (mark.left() - 5 - left, right - left)
    lines = wrap_text(step.skill.name, metrics, widths)
    painter.setFont(font)
    painter.setPen(color)
    baseline = rect.y() + PAD + metrics.ascent() - 1
    for line in lines:
        painter.drawText(QPointF(left, baseline), line)  # plain text: names are never markup
        baseline += metrics.lineSpacing()

    small = QFontMetricsF(fonts.small)
    info = format_hours(step.skill.hours)
    if step.status != "todo":
        info += " · " + status_label(step.status)
    bottom = rect.bottom() - PAD + 1
    star_room = 16.0 if step.goal else 0.0
    painter.setFont(fonts.small)
    painter.setPen(style.muted if step.status != "in-progress" else style.accent)
    painter.drawText(
        QPointF(left, bottom - small.descent()),
        small.elidedText(info, Qt.TextElideMode.ElideRight, right - left - star_room),
    )
    if step.goal:
        star = QRectF(right - 13, bottom - 13, 13, 13)
        paint_goal_star(painter, star, style)


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


# ---------------------------------------------------------------------------- legend
_LEGEND_ITEMS = (
    ("todo", "to do"),
    ("in-progress", "in progress"),
    ("done", "done"),
    ("skipped", "skipped"),
    ("implied", "implied"),
    ("goal", "goal"),
    ("hard", "needed first"),
    ("soft", "recommended first"),
)
_ROWS = 4
_ROW = 20.0
_SAMPLE = 26.0  # room for a mark or an edge sample before each label
_LEGEND_PAD = 10.0
_COLUMN_GAP = 18.0


def legend_size(font: QFont) -> QSizeF:
    """The size `paint_legend` needs with this font."""
    metrics = QFontMetricsF(font)
    columns = [_LEGEND_ITEMS[k : k + _ROWS] for k in range(0, len(_LEGEND_ITEMS), _ROWS)]
    widths = [max(metrics.horizontalAdvance(label) for _, label in col) for col in columns]
    width = sum(_SAMPLE + w for w in widths) + _COLUMN_GAP * (len(columns) - 1)
    row = max(_ROW, metrics.height() + 4)
    return QSizeF(width + 2 * _LEGEND_PAD, row * _ROWS + 2 * _LEGEND_PAD)


def paint_legend(painter: QPainter, rect: QRectF, style: GraphStyle) -> None:
    """The key to the graph: status marks, the goal star and the two kinds of edge."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    panel = QColor(style.card)
    panel.setAlphaF(0.94)
    painter.setPen(QPen(mix(style.card, style.text, 0.2), 1))
    painter.setBrush(panel)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

    metrics = QFontMetricsF(painter.font())
    row = max(_ROW, metrics.height() + 4)
    x = rect.x() + _LEGEND_PAD
    for k in range(0, len(_LEGEND_ITEMS), _ROWS):
        column = _LEGEND_ITEMS[k : k + _ROWS]
        y = rect.y() + _LEGEND_PAD
        for key, label in column:
            middle = y + row / 2
            sample = QRectF(x, middle - 6, 12, 12)
            if key == "goal":
                paint_goal_star(painter, sample.adjusted(-1, -1, 1, 1), style)
            elif key in ("hard", "soft"):
                _legend_edge(painter, x, middle, key == "hard", style)
            else:
                paint_status_mark(painter, sample, key, style)
            painter.setPen(style.text)
            baseline = middle + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(x + _SAMPLE, baseline), label)
            y += row
        x += _SAMPLE + max(metrics.horizontalAdvance(label) for _, label in column)
        x += _COLUMN_GAP
    painter.restore()


def _legend_edge(painter: QPainter, x: float, y: float, hard: bool, style: GraphStyle) -> None:
    pen = QPen(style.edge, 1.3)
    if not hard:
        pen.setDashPattern([4.0, 3.0])
    painter.setPen(pen)
    painter.drawLine(QPointF(x - 2, y), QPointF(x + 14, y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.edge)
    painter.drawPolygon(
        QPolygonF([QPointF(x + 20, y), QPointF(x + 13, y - 4), QPointF(x + 13, y + 4)])
    )
