"""The quick overview of a big graph: each kind of box and edge drawn in one call."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from planner.render.graph.boxes import OVERVIEW_PEN, STRIPE, overview_fill
from planner.render.graph.cache import STATUSES, GraphCache
from planner.render.graph.edges import edge_pen
from planner.render.graph.geometry import EdgePath
from planner.render.style import CHAIN, DIM, PLAIN, SELECTED, UNLOCK, GraphStyle, mix

SMOOTH_DETAIL = 0.15
"""Below this scale a view's overview draws its edges without antialiasing."""


def paint_plain_overview(
    painter: QPainter, cache: GraphCache, style: GraphStyle, columns: range, detail: float
) -> None:
    """The overview with nothing selected and no search: every edge and box of the columns
    on show, a few calls per column band, from lists kept in the cache. What lies above or
    below the view is left to Qt's clipping, which costs less than sorting it out."""
    if not columns:
        return
    hard: list[QLineF] = []
    soft: list[QLineF] = []
    for i in cache.layout.edge_index[columns.start][1]:  # edges coming in from the left
        (hard if cache.layout.edges[i].hard else soft).extend(cache.lines(i))
    bands = [cache.band(column, style) for column in columns]
    for band in bands:
        hard += band.hard
        soft += band.soft
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail >= SMOOTH_DETAIL)
    for is_hard, group in ((False, soft), (True, hard)):
        if group:
            painter.setPen(edge_pen(PLAIN, is_hard, style, detail))
            painter.drawLines(group)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for slot, status in enumerate(STATUSES):
        rects = [rect for band in bands for rect in band.fills[slot]]
        if rects:
            painter.setBrush(overview_fill(status, style))
            painter.drawRects(rects)
    for slot, color in enumerate(cache.areas.values()):
        rects = [rect for band in bands for rect in band.stripes[slot]]
        if rects:
            painter.setBrush(color)
            painter.drawRects(rects)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for slot in range(2 * len(STATUSES)):
        rects = [rect for band in bands for rect in band.borders[slot]]
        if rects:
            painter.setPen(_border_pen(slot, style, dim=False))
            painter.drawRects(rects)


def paint_overview(
    painter: QPainter,
    cache: GraphCache,
    style: GraphStyle,
    nodes: Sequence[str],
    edges: Sequence[int],
    node_emphasis: Callable[[str], int] | None,
    edge_emphasis: Callable[[EdgePath], int] | None,
    detail: float,
) -> None:
    """The quick overview: edges, then box fills, area stripes and borders, one call for
    each look (colour, width, dashes, opacity), least emphasis first. Without emphasis
    functions everything is plain (nothing selected, no search): the common case is kept to
    a few list appends per box and edge."""
    routes = cache.layout.edges
    line_groups: dict[tuple[int, bool], list[QLineF]] = {}
    if edge_emphasis is None:
        hard: list[QLineF] = []
        soft: list[QLineF] = []
        for i in edges:
            (hard if routes[i].hard else soft).extend(cache.lines(i))
        line_groups = {(PLAIN, True): hard, (PLAIN, False): soft}
    else:
        for i in edges:
            route = routes[i]
            key = (edge_emphasis(route), route.hard)
            line_groups.setdefault(key, []).extend(cache.lines(i))
    # Far out, edges are a texture of hairlines: smoothing them would cost more than it shows.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail >= SMOOTH_DETAIL)
    # Dimmed things are drawn opaque, in their colour faded into the canvas: on the canvas
    # that looks the same as drawing them translucent, which Qt does three times slower.
    for (emphasis, is_hard), group in sorted(line_groups.items()):
        if group:
            pen = edge_pen(emphasis, is_hard, style, detail)
            if emphasis == DIM:
                pen.setColor(faded(pen.color(), style))
            painter.setPen(pen)
            painter.drawLines(group)

    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    looks = cache.looks(style)
    statuses = len(STATUSES)
    # Groups by look; dimmed boxes have groups of their own, after (above) the plain ones.
    fills: list[list[QRectF]] = [[] for _ in range(2 * statuses)]
    stripes: list[list[QRectF]] = [[] for _ in range(2 * len(cache.areas))]
    borders: list[list[QRectF]] = [[] for _ in range(4 * statuses)]
    lit: dict[tuple[int, float], list[QRectF]] = {}  # the chain, what it unlocks, the selection
    rings: list[QRectF] = []
    steps = cache.steps
    for node in nodes:
        look = looks.get(node)
        if look is None:
            continue
        fill, area, border = look
        rect = cache.rect(node)
        emphasis = PLAIN if node_emphasis is None else node_emphasis(node)
        dim = emphasis == DIM
        fills[fill + statuses * dim].append(rect)
        stripes[2 * area + dim].append(QRectF(rect.x(), rect.y(), STRIPE, rect.height()))
        if emphasis in (CHAIN, UNLOCK, SELECTED):
            width = max(2.6 if steps[node].goal else 1.2, 2.2)
            lit.setdefault((emphasis, width), []).append(rect)
            if emphasis == SELECTED:
                rings.append(rect.adjusted(-10, -10, 10, 10))
        else:
            borders[border + 2 * statuses * dim].append(rect)

    painter.setPen(Qt.PenStyle.NoPen)
    for k, rects in enumerate(fills):
        if rects:
            brush = overview_fill(STATUSES[k % statuses], style)
            painter.setBrush(faded(brush, style) if k >= statuses else brush)
            painter.drawRects(rects)
    colors = list(cache.areas.values())
    for k, rects in enumerate(stripes):
        if rects:
            color = colors[k // 2]
            painter.setBrush(faded(color, style) if k % 2 else color)
            painter.drawRects(rects)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for k, rects in enumerate(borders):
        if rects:
            painter.setPen(_border_pen(k % (2 * statuses), style, dim=k >= 2 * statuses))
            painter.drawRects(rects)
    for (emphasis, width), rects in sorted(lit.items()):
        color = style.unlock if emphasis == UNLOCK else style.accent
        painter.setPen(QPen(color, width * OVERVIEW_PEN))
        painter.drawRects(rects)
    if rings:
        painter.setPen(QPen(style.accent, 7.0))
        painter.drawRects(rings)


def faded(color: QColor, style: GraphStyle) -> QColor:
    """A colour as it shows at the dimmed opacity on the canvas, made opaque."""
    return mix(style.canvas, color, style.dim_opacity * color.alphaF())


def _border_pen(slot: int, style: GraphStyle, *, dim: bool) -> QPen:
    """The pen of a plain box's border in the overview, by its border slot (a status, and
    whether it is a goal: see `GraphCache.looks`), faded when the box is dimmed."""
    status, goal = divmod(slot, 2)
    look = style.status(STATUSES[status])
    color = faded(look.border, style) if dim else look.border
    pen = QPen(color, (2.6 if goal else 1.2) * OVERVIEW_PEN)
    if look.dotted:
        pen.setStyle(Qt.PenStyle.DotLine)
    return pen
