"""Draws a laid-out plan graph and its legend with QPainter, for the screen and the PDF alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
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
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours
from planner.render.graph_edges import ARROW, arrowhead, edge_path, edge_pen
from planner.render.graph_labels import OverviewLabels, label_fonts, overview_fill, wrap_text
from planner.render.graph_layout import EdgePath, GraphLayout, NodeBox, Related
from planner.render.style import (
    CHAIN,
    DIM,
    PLAIN,
    SELECTED,
    UNLOCK,
    GraphStyle,
    area_colors,
    mix,
    paint_goal_star,
    paint_status_mark,
)

LOW_DETAIL = 0.7
"""Below this scale the text in the boxes would be under 9 pixels: boxes are drawn plain, and
on screen the names that matter most are drawn at a fixed readable size (graph_labels)."""
SMOOTH_DETAIL = 0.15
"""Below this scale a view's overview draws its edges without antialiasing."""
HAIRLINE_PX = 1.5
"""On screen, plain edges this thin or thinner are drawn one pixel wide."""

NAME_PX = 13
SMALL_PX = 11
STRIPE = 5.0
RADIUS = 7.0
PAD = 9.0
MARK = 14.0


_NOTHING = Related(frozenset(), frozenset())


class GraphCache:
    """What painting one layout of one plan needs frame after frame, worked out once and kept
    by a view between frames: the steps by id, the area colours, each box as a QRectF, each
    edge as straight segments and each box's look in the overview. Plans and layouts never
    change, so a cache stays valid for as long as both are the same objects (`fits`); the
    looks are worked out again when the style changes (light and dark)."""

    def __init__(self, layout: GraphLayout, plan: Plan) -> None:
        self.layout = layout
        self.plan = plan
        self.steps = {step.skill.id: step for step in plan.steps}
        self.areas = area_colors(step.skill.area for step in plan.steps)
        self._rects: dict[str, QRectF] = {}
        self._lines: list[list[QLineF] | None] = [None] * len(layout.edges)
        self._paths: list[QPainterPath | None] = [None] * len(layout.edges)
        self._heads: list[QPolygonF | None] = [None] * len(layout.edges)
        self._shapes: dict[str, tuple[QPainterPath, QPainterPath]] = {}
        self._labels: dict[str, tuple[list[str], str]] = {}
        self._labels_font = ""
        self._looks_style: GraphStyle | None = None
        self._looks: dict[str, tuple[int, int, int]] = {}
        self._area_slot = {area: k for k, area in enumerate(self.areas)}
        self._bands: dict[int, _Band] = {}
        self.names = OverviewLabels(layout, self.steps)

    def fits(self, layout: GraphLayout, plan: Plan) -> bool:
        """Whether this cache was made for this layout and this plan."""
        return self.layout is layout and self.plan is plan

    def rect(self, node: str) -> QRectF:
        """A box, in layout coordinates."""
        rect = self._rects.get(node)
        if rect is None:
            box = self.layout.nodes[node]
            rect = self._rects[node] = QRectF(box.x, box.y, box.w, box.h)
        return rect

    def lines(self, edge: int) -> list[QLineF]:
        """An edge's route as straight segments (made the first time it is on screen)."""
        lines = self._lines[edge]
        if lines is None:
            points = self.layout.edges[edge].points
            lines = self._lines[edge] = [
                QLineF(ax, ay, bx, by) for (ax, ay), (bx, by) in pairwise(points)
            ]
        return lines

    def path(self, edge: int) -> QPainterPath:
        """An edge's whole route, with its curves."""
        path = self._paths[edge]
        if path is None:
            path = self._paths[edge] = edge_path(self.layout.edges[edge].points, ARROW - 1)
        return path

    def head(self, edge: int) -> QPolygonF:
        """The arrowhead of a plain edge."""
        head = self._heads[edge]
        if head is None:
            head = self._heads[edge] = arrowhead(self.layout.edges[edge], PLAIN)
        return head

    def shape(self, node: str) -> tuple[QPainterPath, QPainterPath]:
        """A box's rounded outline and its area stripe (the outline's left edge)."""
        shapes = self._shapes.get(node)
        if shapes is None:
            shapes = self._shapes[node] = _box_shapes(self.rect(node))
        return shapes

    def label(self, node: str, fonts: _Fonts) -> tuple[list[str], str]:
        """A box's name broken into lines, and its hours and status line, fitted."""
        if fonts.key != self._labels_font:
            self._labels.clear()
            self._labels_font = fonts.key
        label = self._labels.get(node)
        if label is None:
            label = self._labels[node] = _label_text(self.rect(node), self.steps[node], fonts)
        return label

    def band(self, column: int, style: GraphStyle) -> _Band:
        """What the plain overview draws of one column's band, grouped by look: the edges
        starting in it and its boxes."""
        looks = self.looks(style)  # a new style drops the bands made for the last one
        band = self._bands.get(column)
        if band is None:
            band = self._bands[column] = _Band()
            routes = self.layout.edges
            if self.layout.edge_index:
                for i in self.layout.edge_index[column][0]:
                    (band.hard if routes[i].hard else band.soft).extend(self.lines(i))
            statuses = len(_STATUSES)
            band.fills = [[] for _ in range(statuses)]
            band.stripes = [[] for _ in range(len(self.areas))]
            band.borders = [[] for _ in range(2 * statuses)]
            for node in self.layout.columns[column]:
                look = looks.get(node)
                if look is not None:
                    fill, area, border = look
                    rect = self.rect(node)
                    band.fills[fill].append(rect)
                    band.stripes[area].append(QRectF(rect.x(), rect.y(), STRIPE, rect.height()))
                    band.borders[border].append(rect)
        return band

    def looks(self, style: GraphStyle) -> dict[str, tuple[int, int, int]]:
        """Each box's look in the overview as small numbers: its fill (a status), its area
        stripe (an area) and its plain border (a status, and whether it is a goal)."""
        if self._looks_style is not style:
            slot = self._area_slot
            self._looks = {
                node: (
                    _STATUS_SLOT.get(step.status, 0),
                    slot[step.skill.area],
                    2 * _STATUS_SLOT.get(step.status, 0) + step.goal,
                )
                for node, step in self.steps.items()
            }
            self._looks_style = style
            self._bands.clear()
        return self._looks


class _Band:
    """A column band of the plain overview: segments by kind, boxes by look (see `looks`)."""

    def __init__(self) -> None:
        self.hard: list[QLineF] = []
        self.soft: list[QLineF] = []
        self.fills: list[list[QRectF]] = []
        self.stripes: list[list[QRectF]] = []
        self.borders: list[list[QRectF]] = []


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
    cache: GraphCache | None = None,
    lit: bool = True,
    reserved: Sequence[QRectF] = (),
) -> None:
    """Paint the graph in layout coordinates (the caller sets the transform).

    With `selected`, its prerequisite chain is drawn in the accent colour, what it unlocks in
    a second tone and the rest dimmed (`related` saves recomputing both). With `matches`, the
    skills outside it are dimmed. `visible` limits the work to what meets that rectangle;
    `detail` is the scale on screen, below `LOW_DETAIL` boxes are drawn without text.

    A view passes a `cache` kept between frames (made for this layout and plan). Below
    `LOW_DETAIL` it then draws the quick overview of a big graph: each kind of box and edge
    in one call, boxes square, edges as straight segments without arrowheads (at that scale
    the corners, curves and heads are a few pixels). Without a cache, as for the PDF, every
    box and edge is drawn in full whatever the detail.

    With `lit` false the selection only gets its ring: a view showing nothing but its chain
    (path mode) has nothing to light or dim. `reserved` lists what a view draws over the
    graph (in device pixels), where no name goes.
    """
    if cache is not None and not cache.fits(layout, plan):
        cache = None
    steps = cache.steps if cache else {step.skill.id: step for step in plan.steps}
    areas = cache.areas if cache else area_colors(step.skill.area for step in plan.steps)
    if selected is not None and selected not in layout.nodes:
        selected = None
    if selected is not None and not lit:
        related = _NOTHING
    if selected is not None and related is None:
        related = layout.related(selected)
    chain = related.ancestors if selected is not None and related is not None else frozenset()
    unlocks = related.descendants if selected is not None and related is not None else frozenset()

    def node_emphasis(node: str) -> int:
        if node == selected:
            return SELECTED
        if matches is not None and node not in matches:
            return DIM
        if selected is None or not lit:
            return PLAIN
        return CHAIN if node in chain else UNLOCK if node in unlocks else DIM

    def edge_emphasis(edge: EdgePath) -> int:
        outside = matches is not None and (edge.src not in matches or edge.dst not in matches)
        if outside and selected not in (edge.src, edge.dst):
            return DIM
        if selected is None or not lit:
            return PLAIN
        if edge.src in chain and (edge.dst in chain or edge.dst == selected):
            return CHAIN
        if edge.dst in unlocks and (edge.src in unlocks or edge.src == selected):
            return UNLOCK
        return DIM

    text = detail >= LOW_DETAIL
    plain = selected is None and matches is None

    def names() -> None:
        """The overview's names, on top of everything (on screen: the PDF draws in full)."""
        if cache is not None and visible is not None:
            order = cache.names.order(selected, related, matches)
            fonts = label_fonts(painter.font())
            every = not lit  # a path alone: every name matters
            cache.names.paint(
                painter, style, areas, visible, order, node_emphasis, fonts, every, reserved
            )

    if cache is not None and not text and visible is not None and plain and layout.edge_index:
        # Nothing selected, no search: the common overview, drawn band by band.
        columns = layout.columns_in(visible.left() - ARROW, visible.right() + ARROW)
        painter.save()
        _paint_plain_overview(painter, cache, style, columns, detail)
        painter.restore()
        names()
        return

    span: tuple[float, float] | None = None
    if visible is not None:
        margin = ARROW + 4
        x0, y0 = visible.left() - margin, visible.top() - margin
        x1, y1 = visible.right() + margin, visible.bottom() + margin
        node_ids: Sequence[str] = layout.nodes_in(x0, y0, x1, y1)
        edge_ids: Sequence[int] = layout.edges_in(x0, y0, x1, y1)
        span = (x0, x1)
    else:
        node_ids = list(layout.nodes)
        edge_ids = range(len(layout.edges))

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if cache is not None and not text:
        _paint_overview(
            painter,
            cache,
            style,
            node_ids,
            edge_ids,
            None if plain else node_emphasis,
            None if plain else edge_emphasis,
            detail,
        )
        painter.restore()
        names()
        return
    _paint_edges(painter, layout, style, edge_ids, edge_emphasis, span, detail, cache)
    fonts = _Fonts(painter.font()) if text else None
    for emphasis, node in sorted((node_emphasis(n), n) for n in node_ids):
        step = steps.get(node)
        if step is not None:
            area = areas.get(step.skill.area, style.muted)
            _paint_node(painter, layout.nodes[node], step, area, emphasis, style, fonts, cache)
    painter.restore()


def _paint_edges(
    painter: QPainter,
    layout: GraphLayout,
    style: GraphStyle,
    edge_ids: Sequence[int],
    edge_emphasis: Callable[[EdgePath], int],
    span: tuple[float, float] | None,
    detail: float,
    cache: GraphCache | None,
) -> None:
    """Edges in full, least emphasis first, each look (pen) set once for all its edges."""
    edges = layout.edges
    looks: dict[tuple[int, bool], list[int]] = {}
    for i in edge_ids:
        edge = edges[i]
        looks.setdefault((edge_emphasis(edge), edge.hard), []).append(i)
    # On screen, plain edges up to about a pixel and a half wide are drawn as hairlines: Qt
    # draws those several times faster, whole routes included (kept from frame to frame).
    hairline = cache is not None and detail * 1.3 <= HAIRLINE_PX
    for (emphasis, hard), group in sorted(looks.items()):
        lit = emphasis in (CHAIN, UNLOCK)
        pen = edge_pen(emphasis, hard, style, detail if hairline else 0.0)
        if emphasis == DIM and cache is not None:  # on screen: see _paint_overview
            pen.setColor(_faded(pen.color(), style))
        else:
            painter.setOpacity(style.dim_opacity if emphasis == DIM else 1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for i in group:
            if cache is not None and hairline and not lit:
                painter.drawPath(cache.path(i))
            else:
                painter.drawPath(edge_path(edges[i].points, ARROW - 1, span))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        for i in group:
            end = edges[i].points[-1][0]
            if span is None or span[0] - ARROW <= end <= span[1] + ARROW:
                head = cache.head(i) if cache is not None and not lit else None
                painter.drawPolygon(head or arrowhead(edges[i], emphasis))
    painter.setOpacity(1.0)


def _paint_plain_overview(
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
    for slot, status in enumerate(_STATUSES):
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
    for slot in range(2 * len(_STATUSES)):
        rects = [rect for band in bands for rect in band.borders[slot]]
        if rects:
            status_slot, goal = divmod(slot, 2)
            look = style.status(_STATUSES[status_slot])
            pen = QPen(look.border, (2.6 if goal else 1.2) * OVERVIEW_PEN)
            if look.dotted:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRects(rects)


def _paint_overview(
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
                pen.setColor(_faded(pen.color(), style))
            painter.setPen(pen)
            painter.drawLines(group)

    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    looks = cache.looks(style)
    statuses = len(_STATUSES)
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
            brush = overview_fill(_STATUSES[k % statuses], style)
            painter.setBrush(_faded(brush, style) if k >= statuses else brush)
            painter.drawRects(rects)
    colors = list(cache.areas.values())
    for k, rects in enumerate(stripes):
        if rects:
            color = colors[k // 2]
            painter.setBrush(_faded(color, style) if k % 2 else color)
            painter.drawRects(rects)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for k, rects in enumerate(borders):
        if rects:
            slot, goal = divmod(k % (2 * statuses), 2)
            look_of = style.status(_STATUSES[slot])
            color = _faded(look_of.border, style) if k >= 2 * statuses else look_of.border
            pen = QPen(color, (2.6 if goal else 1.2) * OVERVIEW_PEN)
            if look_of.dotted:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRects(rects)
    for (emphasis, width), rects in sorted(lit.items()):
        color = style.unlock if emphasis == UNLOCK else style.accent
        painter.setPen(QPen(color, width * OVERVIEW_PEN))
        painter.drawRects(rects)
    if rings:
        painter.setPen(QPen(style.accent, 7.0))
        painter.drawRects(rings)


def _faded(color: QColor, style: GraphStyle) -> QColor:
    """A colour as it shows at the dimmed opacity on the canvas, made opaque."""
    return mix(style.canvas, color, style.dim_opacity * color.alphaF())


_STATUSES = tuple(Status)
_STATUS_SLOT = {status: k for k, status in enumerate(_STATUSES)}
OVERVIEW_PEN = 2.5
"""Borders are this much wider in an overview, which is seen at a third of the size or less."""


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
        self.key = base.key()


def _paint_node(
    painter: QPainter,
    box: NodeBox,
    step: Step,
    area: QColor,
    emphasis: int,
    style: GraphStyle,
    fonts: _Fonts | None,
    cache: GraphCache | None = None,
) -> None:
    look = style.status(step.status)
    rect = QRectF(box.x, box.y, box.w, box.h)
    shape, stripe = cache.shape(box.id) if cache is not None else _box_shapes(rect)
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
            cache.label(box.id, fonts) if cache is not None else _label_text(rect, step, fonts)
        )
        _paint_label(painter, rect, step, emphasis == DIM, style, fonts, lines, info)
    painter.setOpacity(1.0)


def _box_shapes(rect: QRectF) -> tuple[QPainterPath, QPainterPath]:
    """A box's rounded outline, and the area stripe along its left side within it."""
    shape = QPainterPath()
    shape.addRoundedRect(rect, RADIUS, RADIUS)
    band = QPainterPath()
    band.addRect(QRectF(rect.x(), rect.y(), STRIPE, rect.height()))
    return shape, shape.intersected(band)


def _label_font(step: Step, fonts: _Fonts) -> QFont:
    return (
        fonts.struck if step.status == Status.SKIPPED else fonts.goal if step.goal else fonts.name
    )


def _label_text(rect: QRectF, step: Step, fonts: _Fonts) -> tuple[list[str], str]:
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
    fonts: _Fonts,
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
