"""What painting one layout of one plan needs frame after frame, worked out once and kept."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from planner.core.plan_steps import Plan
from planner.core.status import Status
from planner.render.graph.boxes import STRIPE, BoxFonts, box_rect, box_shapes, box_text
from planner.render.graph.edges import ARROW, arrowhead, edge_path
from planner.render.graph.geometry import GraphLayout
from planner.render.graph.labels import OverviewLabels
from planner.render.style import PLAIN, GraphStyle, area_colors

STATUSES = tuple(Status)
"""The statuses in the order of their slots in a box's look (see `GraphCache.looks`)."""
_STATUS_SLOT = {status: k for k, status in enumerate(STATUSES)}


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
        self._bands: dict[int, Band] = {}
        self.names = OverviewLabels(layout, self.steps)

    def fits(self, layout: GraphLayout, plan: Plan) -> bool:
        """Whether this cache was made for this layout and this plan."""
        return self.layout is layout and self.plan is plan

    def rect(self, node: str) -> QRectF:
        """A box, in layout coordinates."""
        rect = self._rects.get(node)
        if rect is None:
            box = self.layout.nodes[node]
            rect = self._rects[node] = box_rect(box)
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
            shapes = self._shapes[node] = box_shapes(self.rect(node))
        return shapes

    def label(self, node: str, fonts: BoxFonts) -> tuple[list[str], str]:
        """A box's name broken into lines, and its hours and status line, fitted."""
        if fonts.key != self._labels_font:
            self._labels.clear()
            self._labels_font = fonts.key
        label = self._labels.get(node)
        if label is None:
            label = self._labels[node] = box_text(self.rect(node), self.steps[node], fonts)
        return label

    def band(self, column: int, style: GraphStyle) -> Band:
        """What the plain overview draws of one column's band, grouped by look: the edges
        starting in it and its boxes."""
        looks = self.looks(style)  # a new style drops the bands made for the last one
        band = self._bands.get(column)
        if band is None:
            band = self._bands[column] = Band()
            routes = self.layout.edges
            if self.layout.edge_index:
                for i in self.layout.edge_index[column][0]:
                    (band.hard if routes[i].hard else band.soft).extend(self.lines(i))
            statuses = len(STATUSES)
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


class Band:
    """A column band of the plain overview: segments by kind, boxes by look (see `looks`)."""

    def __init__(self) -> None:
        self.hard: list[QLineF] = []
        self.soft: list[QLineF] = []
        self.fills: list[list[QRectF]] = []
        self.stripes: list[list[QRectF]] = []
        self.borders: list[list[QRectF]] = []
