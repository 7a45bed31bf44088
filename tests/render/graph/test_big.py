"""What keeps big graphs quick (issue 9) draws what the plain way draws: the edge index, the
clipping of long edges to the view, and the overview a view paints from its cache."""

from __future__ import annotations

import math
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

from planner.core.plan import Plan
from planner.core.status import Status
from planner.render.graph.cache import GraphCache
from planner.render.graph.edges import _cubic_part, _s_inverse, edge_path
from planner.render.graph.geometry import GraphLayout
from planner.render.graph.layout import layout_plan
from planner.render.graph.painter import LOW_DETAIL, PaintOptions, paint_graph
from planner.render.style import style_for
from tests.render.plans import light_palette, plan_of, small_plan, synthetic_library

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

STATUSES = {"python": Status.DONE, "numpy": Status.IN_PROGRESS, "git": Status.SKIPPED}


def meets(layout: GraphLayout, i: int, x0: float, y0: float, x1: float, y1: float) -> bool:
    bx0, by0, bx1, by1 = layout.edges[i].bounds
    return bx0 <= x1 and bx1 >= x0 and by0 <= y1 and by1 >= y0


def test_the_edge_index_finds_what_a_full_scan_finds_once_each() -> None:
    layout = layout_plan(plan_of(synthetic_library(400)))
    assert layout.edge_index
    w, h = layout.width, layout.height
    rectangles = [
        (0, 0, w, h),  # everything
        (-500, -500, w + 500, h + 500),
        (w / 3, -10, w / 2, h + 10),  # every row of some columns
        (w / 3, h / 3, w / 3 + 300, h / 3 + 200),  # a window in the middle
        (w - 100, 0, w + 100, 50),
        (-300, -300, -1, -1),  # nothing
    ]
    for x0, y0, x1, y1 in rectangles:
        found = layout.edges_in(x0, y0, x1, y1)
        assert len(found) == len(set(found))
        expected = {i for i in range(len(layout.edges)) if meets(layout, i, x0, y0, x1, y1)}
        assert set(found) == expected, (x0, y0, x1, y1)


def test_columns_in_covers_the_bands_of_a_span() -> None:
    layout = layout_plan(plan_of(synthetic_library(200)))
    columns = len(layout.columns)
    assert layout.columns_in(-1e9, 1e9) == range(columns)
    assert not layout.columns_in(-100, -50)  # left of the first column
    first = layout.nodes[layout.columns[2][0]]
    assert 2 in layout.columns_in(first.x + 1, first.x + 2)


def test_a_sub_curve_follows_the_curve() -> None:
    p = [(0.0, 0.0), (50.0, 0.0), (50.0, 80.0), (100.0, 80.0)]

    def at(points: Any, t: float) -> tuple[float, float]:
        a, b, c, d = points
        u = 1 - t
        return (
            u**3 * a[0] + 3 * u * u * t * b[0] + 3 * u * t * t * c[0] + t**3 * d[0],
            u**3 * a[1] + 3 * u * u * t * b[1] + 3 * u * t * t * c[1] + t**3 * d[1],
        )

    for t0, t1 in ((0.0, 1.0), (0.2, 0.7), (0.5, 0.55), (0.0, 0.3), (0.9, 1.0)):
        part = _cubic_part(p[0], p[1], p[2], p[3], t0, t1)
        for u in (0.0, 0.25, 0.5, 1.0):
            expected = at(p, t0 + u * (t1 - t0))
            assert at(part, u) == pytest.approx(expected, abs=1e-9)
    for u in (0.0, 0.1, 0.5, 0.93, 1.0):
        t = _s_inverse(u)
        assert t**3 - 1.5 * t * t + 1.5 * t == pytest.approx(u, abs=1e-9)


def paint(
    plan: Plan,
    layout: GraphLayout,
    detail: float,
    cache: GraphCache | None = None,
    **options: Any,
) -> QImage:
    """The plan painted at `detail` (the scale), the whole layout in view."""
    style = style_for(light_palette())
    size = (math.ceil(layout.width * detail), math.ceil(layout.height * detail))
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(style.canvas)
    painter = QPainter(image)
    painter.setTransform(QTransform.fromScale(detail, detail))
    whole = QRectF(0, 0, layout.width, layout.height)
    whole_view = PaintOptions(visible=whole, detail=detail, cache=cache, **options)
    paint_graph(painter, layout, plan, style, whole_view)
    painter.end()
    return image


def greenish(c: QColor) -> bool:
    return c.green() > c.red() + 30 and c.green() > c.blue() + 20


def box_pixels(image: QImage, layout: GraphLayout, node: str, scale: float) -> list[QColor]:
    box = layout.nodes[node]
    x0, y0 = int(box.x * scale) + 3, int(box.y * scale) + 3
    x1, y1 = int((box.x + box.w) * scale) - 2, int((box.y + box.h) * scale) - 2
    return [image.pixelColor(x, y) for y in range(y0, y1) for x in range(x0, x1)]


def test_the_overview_from_a_cache_shows_statuses_and_dims_the_search() -> None:
    plan = small_plan(STATUSES)
    layout = layout_plan(plan)
    scale = LOW_DETAIL - 0.1
    image = paint(plan, layout, scale, GraphCache(layout, plan))
    done = box_pixels(image, layout, "python", scale)
    assert sum(map(greenish, done)) > len(done) / 2
    searched = paint(plan, layout, scale, GraphCache(layout, plan), matches={"python"})
    git_plain = box_pixels(image, layout, "git", scale)
    git_dim = box_pixels(searched, layout, "git", scale)
    canvas = style_for(light_palette()).canvas

    def distance(colors: list[QColor]) -> int:
        return sum(abs(c.lightness() - canvas.lightness()) for c in colors)

    assert distance(git_dim) < distance(git_plain)  # faded toward the canvas
    assert box_pixels(searched, layout, "python", scale) == done


def test_the_plain_overview_draws_what_the_general_one_draws() -> None:
    plan = plan_of(synthetic_library(300), {"s00010": Status.DONE, "s00020": Status.SKIPPED})
    layout = layout_plan(plan)
    scale = 0.3
    # Band by band (nothing selected, no search)...
    plain = paint(plan, layout, scale, GraphCache(layout, plan))
    # ...and item by item: a search that every skill matches draws everything plain too.
    everything = frozenset(layout.nodes)
    general = paint(plan, layout, scale, GraphCache(layout, plan), matches=everything)
    assert plain == general


def test_a_cache_serves_only_the_layout_and_plan_it_was_made_for() -> None:
    before = small_plan()
    after = small_plan({"python": Status.DONE})
    layout = layout_plan(before)
    cache = GraphCache(layout, before)
    assert cache.fits(layout, before)
    assert not cache.fits(layout, after) and not cache.fits(layout_plan(before), before)
    scale = LOW_DETAIL - 0.1
    image = paint(after, layout, scale, cache)  # the stale cache is not used
    done = box_pixels(image, layout, "python", scale)
    assert sum(map(greenish, done)) > len(done) / 2


def test_a_long_edge_clipped_to_the_view_draws_what_the_whole_edge_draws_there() -> None:
    points = [(100.0, 40.0), (2100.0, 700.0)]  # one S-curve across many columns
    span = (800.0, 1200.0)
    images = []
    for clipped in (None, span):
        image = QImage(2200, 760, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("black"), 4))
        painter.drawPath(edge_path(points, 7, clipped))
        painter.end()
        images.append(image)
    whole, part = images

    def ink(image: QImage, x: int) -> tuple[float, float]:
        """How much a column of pixels is drawn on, and where (the mean y of the ink)."""
        weights = [(255 - image.pixelColor(x, y).lightness(), y) for y in range(760)]
        total = sum(w for w, _ in weights)
        return total, sum(w * y for w, y in weights) / total if total else -1.0

    for x in range(805, 1195, 5):  # the same line inside the span (flattened a bit apart)
        (ink_whole, y_whole), (ink_part, y_part) = ink(whole, x), ink(part, x)
        assert ink_whole > 0
        assert ink_part == pytest.approx(ink_whole, rel=0.1)
        assert y_part == pytest.approx(y_whole, abs=0.5)
    for x in (300, 1800):  # and nothing outside it
        assert ink(part, x)[0] == 0
