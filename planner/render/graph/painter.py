"""Draws a laid-out plan graph with QPainter, for the screen and the PDF alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from planner.core.plan_steps import Plan
from planner.render.graph.boxes import BoxFonts, paint_box
from planner.render.graph.cache import GraphCache
from planner.render.graph.edges import ARROW, arrowhead, edge_path, edge_pen
from planner.render.graph.geometry import EdgePath, GraphLayout, Related
from planner.render.graph.labels import label_fonts
from planner.render.graph.overview import faded, paint_overview, paint_plain_overview
from planner.render.style import CHAIN, DIM, PLAIN, SELECTED, UNLOCK, GraphStyle, area_colors

LOW_DETAIL = 0.7
"""Below this scale the text in the boxes would be under 9 pixels: boxes are drawn plain, and
on screen the names that matter most are drawn at a fixed readable size (labels.py)."""
HAIRLINE_PX = 1.5
"""On screen, plain edges this thin or thinner are drawn one pixel wide."""


_NOTHING = Related(frozenset(), frozenset())


@dataclass(frozen=True)
class PaintOptions:
    """What `paint_graph` singles out, and how much of the graph it draws, in what detail.

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

    selected: str | None = None
    related: Related | None = None
    matches: AbstractSet[str] | None = None
    visible: QRectF | None = None
    detail: float = 1.0
    cache: GraphCache | None = None
    lit: bool = True
    reserved: Sequence[QRectF] = ()


def paint_graph(
    painter: QPainter, layout: GraphLayout, plan: Plan, style: GraphStyle, options: PaintOptions
) -> None:
    """Paint the graph in layout coordinates (the caller sets the transform), as `options`
    say."""
    selected, related, matches = options.selected, options.related, options.matches
    visible, detail, cache = options.visible, options.detail, options.cache
    lit, reserved = options.lit, options.reserved
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
        paint_plain_overview(painter, cache, style, columns, detail)
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
        paint_overview(
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
    fonts = BoxFonts(painter.font()) if text else None
    for emphasis, node in sorted((node_emphasis(n), n) for n in node_ids):
        step = steps.get(node)
        if step is not None:
            area = areas.get(step.skill.area, style.muted)
            paint_box(painter, layout.nodes[node], step, area, emphasis, style, fonts, cache)
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
        if emphasis == DIM and cache is not None:  # on screen: see paint_overview
            pen.setColor(faded(pen.color(), style))
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
