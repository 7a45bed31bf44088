"""A laid-out graph: the boxes, the edge routes, the sizes, and what a view asks of them."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

NODE_WIDTH = 180.0
NODE_HEIGHT = 62.0
LAYER_GAP = 84.0  # room between columns for the edges to bend
NODE_GAP = 22.0  # between two boxes of a column
LANE_GAP = 9.0  # between an edge passing through a column and its neighbours
MARGIN = 32.0
PITCH = NODE_WIDTH + LAYER_GAP
"""From one column's left side to the next one's."""

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class NodeBox:
    """Where one skill is drawn, in layout units (the painter's scene coordinates)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    layer: int

    def contains(self, px: float, py: float) -> bool:
        """Whether the point lies inside the box."""
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h

    @property
    def center(self) -> Point:
        """The middle of the box."""
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True, slots=True)
class EdgePath:
    """One prerequisite edge `src -> dst` ("src before dst") and the route it takes.

    `points` run from the right side of `src` to the left side of `dst`; within a column the
    route is horizontal (it passes through a lane kept free between the boxes), and a painter
    may bend the stretches between columns.
    """

    src: str
    dst: str
    hard: bool
    points: tuple[Point, ...]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1 of the points


@dataclass(frozen=True, slots=True)
class Related:
    """What a selected skill needs (all its prerequisites) and what it unlocks."""

    ancestors: frozenset[str]
    descendants: frozenset[str]


@dataclass(frozen=True)
class GraphLayout:
    """A laid-out graph: node boxes by id, routed edges, the total size and the columns."""

    nodes: Mapping[str, NodeBox]
    edges: tuple[EdgePath, ...]
    width: float
    height: float
    columns: tuple[tuple[str, ...], ...]  # ids of each layer, top to bottom
    preds: Mapping[str, tuple[str, ...]]
    succs: Mapping[str, tuple[str, ...]]
    crossings: int = 0
    edge_index: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = field(
        default=(), compare=False, repr=False
    )
    """For each column's band (the column and the gap after it), the positions in `edges` of
    the edges that start in it and of those that come into it from further left: a view finds
    what it shows without going through every edge."""

    def node_at(self, x: float, y: float) -> str | None:
        """The id of the box under a point, if any."""
        layer = math.floor((x - MARGIN) / PITCH)
        if not 0 <= layer < len(self.columns):
            return None
        column = self.columns[layer]
        i = bisect_right(column, y, key=lambda node: self.nodes[node].y) - 1
        if i >= 0 and self.nodes[column[i]].contains(x, y):
            return column[i]
        return None

    def nodes_in(self, x0: float, y0: float, x1: float, y1: float) -> list[str]:
        """The ids of the boxes meeting a rectangle, column by column: cheap on big graphs."""
        first = max(0, math.floor((x0 - MARGIN - NODE_WIDTH) / PITCH))
        last = min(len(self.columns) - 1, math.floor((x1 - MARGIN) / PITCH) + 1)
        found: list[str] = []
        for layer in range(first, last + 1):
            column = self.columns[layer]
            start = bisect_left(
                column, y0, key=lambda node: self.nodes[node].y + self.nodes[node].h
            )
            for node in column[start:]:
                box = self.nodes[node]
                if box.y > y1:
                    break
                if box.x <= x1 and box.x + box.w >= x0:
                    found.append(node)
        return found

    def columns_in(self, x0: float, x1: float) -> range:
        """The columns whose bands (a column and the gap to its right) meet x0 to x1."""
        return range(max(0, _band(x0)), min(len(self.columns) - 1, _band(x1)) + 1)

    def edges_in(self, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        """The positions in `edges` of the edges whose bounds meet a rectangle (in no
        particular order)."""
        edges = self.edges
        if not self.edge_index:
            return [i for i, e in enumerate(edges) if _meets(e.bounds, x0, y0, x1, y1)]
        bands = self.edge_index
        first = max(0, _band(x0))
        last = min(len(bands) - 1, _band(x1))
        if first > last:
            return []
        # Each edge once: those coming in from the left, and those starting in the range. The
        # boundary bands are checked edge by edge; the ones between them meet the rectangle
        # across, so only their height is.
        edge_range = [*bands[first][1], *bands[first][0]]
        if last > first:
            edge_range += bands[last][0]
        found = [i for i in edge_range if _meets(edges[i].bounds, x0, y0, x1, y1)]
        whole_height = y0 <= 0 and y1 >= self.height
        for band in range(first + 1, last):
            if whole_height:
                found += bands[band][0]
            else:
                found += [i for i in bands[band][0] if _meets(edges[i].bounds, x0, y0, x1, y1)]
        return found

    def related(self, skill_id: str) -> Related:
        """All prerequisites (hard and soft) of a skill and everything it leads to."""
        return Related(
            frozenset(_reach(skill_id, self.preds)), frozenset(_reach(skill_id, self.succs))
        )


def column_left(layer: int) -> float:
    """The x of a column's left side (of its boxes' left sides)."""
    return MARGIN + layer * PITCH


def _meets(
    bounds: tuple[float, float, float, float], x0: float, y0: float, x1: float, y1: float
) -> bool:
    return bounds[0] <= x1 and bounds[2] >= x0 and bounds[1] <= y1 and bounds[3] >= y0


def _band(x: float) -> int:
    """The column band holding x: a column and the gap to its right."""
    return math.floor((x - MARGIN) / PITCH)


def index_edges(
    edges: Sequence[EdgePath], depth: int
) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """`GraphLayout.edge_index` for edges laid out in `depth` columns."""
    starts: list[list[int]] = [[] for _ in range(depth)]
    entering: list[list[int]] = [[] for _ in range(depth)]
    for i, edge in enumerate(edges):
        x0, _y0, x1, _y1 = edge.bounds
        first = min(max(0, _band(x0)), depth - 1)
        starts[first].append(i)
        for band in range(first + 1, min(depth - 1, _band(x1)) + 1):
            entering[band].append(i)
    return tuple((tuple(s), tuple(e)) for s, e in zip(starts, entering, strict=True))


def _reach(start: str, adjacency: Mapping[str, tuple[str, ...]]) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        for nxt in adjacency.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    seen.discard(start)
    return seen
