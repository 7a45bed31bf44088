"""Lays out a plan's graph in layers: columns by depth, boxes placed, edges routed between."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from planner.core.perf import paused_gc
from planner.core.plan_steps import Plan
from planner.render.graph.geometry import (
    LANE_GAP,
    LAYER_GAP,
    MARGIN,
    NODE_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    EdgePath,
    GraphLayout,
    NodeBox,
    Point,
    column_left,
    index_edges,
)
from planner.render.graph.ordering import order_columns


def plan_edges(plan: Plan) -> list[tuple[str, str, bool]]:
    """The plan's edges `(before, after, hard)`, only where both ends are in the plan; a
    skill both required and recommended counts as required."""
    ids = {step.skill.id for step in plan.steps}
    edges: dict[tuple[str, str], bool] = {}
    for step in plan.steps:
        skill = step.skill
        for prereq in skill.requires:
            if prereq in ids and prereq != skill.id:
                edges[(prereq, skill.id)] = True
        for prereq in skill.recommends:
            if prereq in ids and prereq != skill.id:
                edges.setdefault((prereq, skill.id), False)
    return sorted((src, dst, hard) for (src, dst), hard in edges.items())


def layout_plan(plan: Plan) -> GraphLayout:
    """The layout of a plan's prerequisite graph."""
    return layout_graph([step.skill.id for step in plan.steps], plan_edges(plan))


def layout_graph(ids: Iterable[str], edges: Iterable[tuple[str, str, bool]]) -> GraphLayout:
    """Lay out a graph left to right: a column per prerequisite depth, boxes ordered within
    their column to cut crossings, edges routed through lanes between the boxes.

    Deterministic: every tie is broken by id, never by set or dict iteration order. An edge
    to an unknown id is ignored; a cycle (never in a validated library) still lays out, with
    its closing edge drawn backwards.

    The cyclic garbage collector is paused meanwhile: a big layout builds millions of objects
    that all stay alive, and the full collections they set off found nothing to free, each
    holding up every thread (the GUI's too, when the layout runs on a worker) for 0.1 s.
    """
    with paused_gc():
        return _layout_graph(ids, edges)


def _layout_graph(ids: Iterable[str], edges: Iterable[tuple[str, str, bool]]) -> GraphLayout:
    names = sorted(set(ids))
    index = {name: i for i, name in enumerate(names)}
    kinds: dict[tuple[int, int], bool] = {}
    for src, dst, hard in edges:
        if src in index and dst in index and src != dst:
            key = (index[src], index[dst])
            kinds[key] = kinds.get(key, False) or hard
    edge_list = sorted(kinds)
    n = len(names)
    preds: list[list[int]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    for u, v in edge_list:
        succs[u].append(v)
        preds[v].append(u)

    layer = _layers(n, preds, succs)
    builder = _Builder(layer, edge_list)
    builder.order()
    builder.place()
    return builder.result(names, kinds, preds, succs)


def _layers(n: int, preds: list[list[int]], succs: list[list[int]]) -> list[int]:
    """Topological generations: each node one column right of its deepest prerequisite."""
    waiting = [len(p) for p in preds]
    layer = [-1] * n
    ready = [i for i in range(n) if waiting[i] == 0]
    forced = 0  # nodes of a cycle, placed to break it (smallest index first)
    while True:
        while ready:
            node = ready.pop()
            deepest = max((layer[p] for p in preds[node] if layer[p] >= 0), default=-1)
            layer[node] = deepest + 1
            for succ in succs[node]:
                waiting[succ] -= 1
                if waiting[succ] == 0 and layer[succ] < 0:
                    ready.append(succ)
        while forced < n and layer[forced] >= 0:
            forced += 1
        if forced == n:
            return layer
        waiting[forced] = 0
        ready.append(forced)


class _Builder:
    """The working state of one layout: real nodes and the dummy nodes of long edges."""

    def __init__(self, layer: list[int], edge_list: list[tuple[int, int]]) -> None:
        n = len(layer)
        self.n = n
        self.layer = list(layer)
        self.up: list[list[int]] = [[] for _ in range(n)]  # neighbours one column left
        self.down: list[list[int]] = [[] for _ in range(n)]  # neighbours one column right
        self.chains: dict[tuple[int, int], list[int]] = {}  # long edge -> its dummy nodes
        forward = [(u, v) for u, v in edge_list if layer[u] < layer[v]]
        # Dummy nodes keep long edges off the boxes, but cost time; a huge graph gets them
        # for its shorter edges only, and draws the longest ones straight.
        budget = 4 * n + 2000
        for u, v in sorted(forward, key=lambda e: (layer[e[1]] - layer[e[0]], e)):
            span = layer[v] - layer[u]
            if span == 1:
                self._link(u, v)
            elif span - 1 <= budget:
                budget -= span - 1
                chain = [self._dummy(layer[u] + k) for k in range(1, span)]
                for a, b in zip([u, *chain], [*chain, v], strict=True):
                    self._link(a, b)
                self.chains[(u, v)] = chain
        depth = max(self.layer, default=-1) + 1
        self.columns: list[list[int]] = [[] for _ in range(depth)]
        for node in range(len(self.layer)):
            self.columns[self.layer[node]].append(node)  # ascending: real by id, then dummies
        self.y: list[float] = [0.0] * len(self.layer)
        self.crossings = 0

    def _dummy(self, layer: int) -> int:
        self.layer.append(layer)
        self.up.append([])
        self.down.append([])
        return len(self.layer) - 1

    def _link(self, a: int, b: int) -> None:
        self.down[a].append(b)
        self.up[b].append(a)

    def order(self) -> None:
        """Order each column's nodes to cut crossings (see `ordering`)."""
        self.columns, self.crossings = order_columns(self.columns, self.up, self.down)

    # ------------------------------------------------------------------ placement
    def _gap(self, a: int, b: int) -> float:
        """Least distance between the centres of two neighbours in a column."""
        half_a = NODE_HEIGHT / 2 if a < self.n else 0.0
        half_b = NODE_HEIGHT / 2 if b < self.n else 0.0
        gap = NODE_GAP if a < self.n and b < self.n else LANE_GAP
        return half_a + half_b + gap

    def place(self) -> None:
        """Vertical positions: each box pulled toward its neighbours, order and gaps kept."""
        for col in self.columns:
            y = 0.0
            for i, node in enumerate(col):
                if i:
                    y += self._gap(col[i - 1], node)
                self.y[node] = y
        for col in self.columns:  # start with every column centred on the same line
            if col:
                shift = (self.y[col[0]] + self.y[col[-1]]) / 2
                for node in col:
                    self.y[node] -= shift
        both = [a + b for a, b in zip(self.up, self.down, strict=True)]
        k_range = range(len(self.columns))
        for side, layers in (
            (self.up, k_range),
            (self.down, reversed(k_range)),
            (self.up, k_range),
            (self.down, reversed(k_range)),
            (both, k_range),
        ):
            for k in layers:
                self._align(self.columns[k], side)

    def _align(self, col: list[int], side: list[list[int]]) -> None:
        """Move a column's nodes as close as possible (least squares) to where their
        neighbours want them, keeping their order and gaps (pool adjacent violators)."""
        if not col:
            return
        offsets = [0.0]
        for a, b in pairwise(col):
            offsets.append(offsets[-1] + self._gap(a, b))
        blocks: list[list[float]] = []  # [weight, weighted sum, count]
        for i, node in enumerate(col):
            neighbours = side[node]
            want = (
                sum(self.y[m] for m in neighbours) / len(neighbours) if neighbours else self.y[node]
            )
            weight = 1.0 if neighbours else 0.2  # unpulled nodes give way to pulled ones
            blocks.append([weight, weight * (want - offsets[i]), 1])
            while len(blocks) > 1 and (
                blocks[-2][1] / blocks[-2][0] > blocks[-1][1] / blocks[-1][0]
            ):
                w, s, c = blocks.pop()
                blocks[-1][0] += w
                blocks[-1][1] += s
                blocks[-1][2] += c
        i = 0
        for w, s, c in blocks:
            level = s / w
            for _ in range(int(c)):
                self.y[col[i]] = level + offsets[i]
                i += 1

    # ------------------------------------------------------------------ result
    def result(
        self,
        names: Sequence[str],
        kinds: Mapping[tuple[int, int], bool],
        preds: list[list[int]],
        succs: list[list[int]],
    ) -> GraphLayout:
        # The ordering's adjacency is done with: let it go before the routes are built, which
        # is when a big layout needs the most memory.
        self.up, self.down = [], []
        n = self.n
        half = [NODE_HEIGHT / 2 if i < n else 0.0 for i in range(len(self.y))]
        top = min((y - h for y, h in zip(self.y, half, strict=True)), default=0.0)
        bottom = max((y + h for y, h in zip(self.y, half, strict=True)), default=0.0)
        shift = MARGIN - top

        centre = [y + shift for y in self.y]
        boxes = {
            names[i]: NodeBox(
                names[i],
                column_left(self.layer[i]),
                centre[i] - NODE_HEIGHT / 2,
                NODE_WIDTH,
                NODE_HEIGHT,
                self.layer[i],
            )
            for i in range(n)
        }
        # Interior points first; ports are then spread over each box's side in the order of
        # the points they lead to, so that edges meeting one box do not overlap.
        interiors: dict[tuple[int, int], list[Point]] = {}
        for u, v in kinds:
            route: list[Point] = []
            for d in self.chains.get((u, v), ()):
                x = column_left(self.layer[d])
                route += [(x, centre[d]), (x + NODE_WIDTH, centre[d])]
            interiors[(u, v)] = route
        out_port = self._ports(kinds, interiors, centre, outgoing=True)
        in_port = self._ports(kinds, interiors, centre, outgoing=False)
        paths: list[EdgePath] = []
        for u, v in sorted(kinds, key=lambda e: (names[e[0]], names[e[1]])):
            start = (boxes[names[u]].x + NODE_WIDTH, out_port[(u, v)])
            end = (boxes[names[v]].x, in_port[(u, v)])
            points = (start, *interiors[(u, v)], end)
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            bounds = (min(xs), min(ys), max(xs), max(ys))
            paths.append(EdgePath(names[u], names[v], kinds[(u, v)], points, bounds))

        columns = tuple(tuple(names[i] for i in col if i < n) for col in self.columns)
        depth = len(self.columns)
        width = 2 * MARGIN + depth * NODE_WIDTH + max(depth - 1, 0) * LAYER_GAP
        height = 2 * MARGIN + bottom - top
        return GraphLayout(
            nodes=boxes,
            edges=tuple(paths),
            width=width,
            height=height,
            columns=columns,
            preds={names[i]: tuple(names[p] for p in preds[i]) for i in range(n)},
            succs={names[i]: tuple(names[s] for s in succs[i]) for i in range(n)},
            crossings=self.crossings,
            edge_index=index_edges(paths, depth),
        )

    def _ports(
        self,
        kinds: Mapping[tuple[int, int], bool],
        interiors: Mapping[tuple[int, int], list[Point]],
        centre: list[float],
        *,
        outgoing: bool,
    ) -> dict[tuple[int, int], float]:
        ends: dict[int, list[tuple[float, int, tuple[int, int]]]] = {}
        for (u, v), route in interiors.items():
            if outgoing:
                toward = route[0][1] if route else centre[v]
                ends.setdefault(u, []).append((toward, v, (u, v)))
            else:
                toward = route[-1][1] if route else centre[u]
                ends.setdefault(v, []).append((toward, u, (u, v)))
        ports: dict[tuple[int, int], float] = {}
        for node, group in ends.items():
            group.sort()
            count = len(group)
            step = min(7.0, NODE_HEIGHT * 0.6 / (count - 1)) if count > 1 else 0.0
            for i, (_toward, _other, edge) in enumerate(group):
                ports[edge] = centre[node] + (i - (count - 1) / 2) * step
        return ports


def path_layout(layout: GraphLayout, target: str) -> GraphLayout:
    """The layout of a skill's prerequisite chain alone: the skill, everything it needs (hard
    and soft, all the way back) and the edges between them, laid out afresh so that the chain
    reads on its own, without the gaps the rest of the plan left in it."""
    keep = layout.related(target).ancestors | {target}
    edges = [(e.src, e.dst, e.hard) for e in layout.edges if e.src in keep and e.dst in keep]
    return layout_graph(keep, edges)
