"""The graph's edges: their routes as curves, the arrowheads and the pens of each emphasis."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen, QPolygonF

from planner.render.graph.geometry import EdgePath
from planner.render.style import CHAIN, UNLOCK, GraphStyle

ARROW = 8.0
"""The length of an arrowhead, in layout units."""


def arrowhead(edge: EdgePath, emphasis: int) -> QPolygonF:
    """The arrowhead points the way the edge enters its box: rightwards, unless it goes back."""
    (ax, _), (bx, by) = edge.points[-2], edge.points[-1]
    direction = 1.0 if bx >= ax else -1.0
    half = ARROW * 0.5 + (0.6 if emphasis in (CHAIN, UNLOCK) else 0.0)
    return QPolygonF(
        [
            QPointF(bx, by),
            QPointF(bx - direction * ARROW, by - half),
            QPointF(bx - direction * ARROW, by + half),
        ]
    )


def edge_path(
    points: Sequence[tuple[float, float]],
    end_inset: float,
    span: tuple[float, float] | None = None,
) -> QPainterPath:
    """Straight within a column, an S-curve with level ends between columns, so that every
    edge leaves and enters its boxes horizontally. With `span` (x from, x to), only what lies
    within it is drawn: a long edge crossing the view costs what is seen, not its length."""
    path = QPainterPath(QPointF(*points[0]))
    last = len(points) - 1
    for k in range(1, len(points)):
        ax, ay = points[k - 1]
        bx, by = points[k]
        if k == last:
            bx -= end_inset if bx >= ax else -end_inset
        if span is not None and (max(ax, bx) < span[0] or min(ax, bx) > span[1]):
            path.moveTo(bx, by)
        elif span is not None and bx > ax and (ax < span[0] or bx > span[1]):
            _clipped_stretch(path, ax, ay, bx, by, span)
        elif abs(by - ay) < 0.5:
            path.lineTo(bx, by)
        else:
            half = (bx - ax) / 2
            path.cubicTo(QPointF(ax + half, ay), QPointF(bx - half, by), QPointF(bx, by))
    return path


def _clipped_stretch(
    path: QPainterPath, ax: float, ay: float, bx: float, by: float, span: tuple[float, float]
) -> None:
    """The part within `span` of the stretch from a to b (a left of b), then on to b unseen."""
    if abs(by - ay) < 0.5:
        path.moveTo(max(ax, span[0]), ay)
        path.lineTo(min(bx, span[1]), by)
        path.moveTo(bx, by)
        return
    # The S-curve's control points share the middle x, so x(t) = ax + (bx - ax) s(t) with
    # s(t) = t^3 - 1.5 t^2 + 1.5 t, which rises steadily: the t where the curve meets each
    # side of the span comes from a few Newton steps, then the curve is cut there.
    width = bx - ax
    t0 = _s_inverse((span[0] - ax) / width) if ax < span[0] else 0.0
    t1 = _s_inverse((span[1] - ax) / width) if bx > span[1] else 1.0
    mid = ax + width / 2
    p0, p1, p2, p3 = (ax, ay), (mid, ay), (mid, by), (bx, by)
    q0, q1, q2, q3 = _cubic_part(p0, p1, p2, p3, t0, t1)
    path.moveTo(*q0)
    path.cubicTo(QPointF(*q1), QPointF(*q2), QPointF(*q3))
    path.moveTo(bx, by)


def _s_inverse(u: float) -> float:
    """t in [0, 1] with t^3 - 1.5 t^2 + 1.5 t = u."""
    u = min(max(u, 0.0), 1.0)
    t = u
    for _ in range(6):
        t -= (t * t * t - 1.5 * t * t + 1.5 * t - u) / (3 * t * t - 3 * t + 1.5)
    return min(max(t, 0.0), 1.0)


_Point = tuple[float, float]


def _cubic_part(
    p0: _Point, p1: _Point, p2: _Point, p3: _Point, t0: float, t1: float
) -> tuple[_Point, _Point, _Point, _Point]:
    """The control points of a cubic Bézier curve between t0 and t1 (de Casteljau)."""

    def lerp(a: _Point, b: _Point, t: float) -> _Point:
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    def split(
        a: _Point, b: _Point, c: _Point, d: _Point, t: float
    ) -> tuple[tuple[_Point, _Point, _Point, _Point], tuple[_Point, _Point, _Point, _Point]]:
        ab, bc, cd = lerp(a, b, t), lerp(b, c, t), lerp(c, d, t)
        abc, bcd = lerp(ab, bc, t), lerp(bc, cd, t)
        m = lerp(abc, bcd, t)
        return (a, ab, abc, m), (m, bcd, cd, d)

    head, _ = split(p0, p1, p2, p3, t1)
    if t1 <= 0:
        return head
    _, part = split(*head, t0 / t1)
    return part


def edge_pen(emphasis: int, hard: bool, style: GraphStyle, hairline: float = 0.0) -> QPen:
    """The pen of an edge. `hairline` is the scale on screen when plain edges may be drawn
    one device pixel wide: Qt draws such lines several times faster, and does so by itself
    for pens under a pixel; between one and HAIRLINE_PX pixels the pen is made so."""
    color = {CHAIN: style.accent, UNLOCK: style.unlock}.get(emphasis, style.edge)
    lit = emphasis in (CHAIN, UNLOCK)
    pen = QPen(color, 2.4 if lit else 1.3)
    if hairline and not lit and 1.3 * hairline > 1:
        pen.setWidthF(1.0)
        pen.setCosmetic(True)
    if not hard:
        pen.setDashPattern([4.0, 3.0])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
