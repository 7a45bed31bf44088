"""Cutting the prerequisite graph into pages: readable, whole boxes, nothing left out."""

from __future__ import annotations

import pytest

from planner.export.pdf.graph_pages import LARGEST, READABLE, plan_tiles
from planner.render.graph.layout import layout_plan
from tests.render.plans import plan_of, small_plan, synthetic_library

A4_LANDSCAPE = (742.0, 455.0)  # points inside the margins, below the caption


@pytest.mark.parametrize("n", [40, 300])
def test_every_box_is_whole_on_some_page_at_a_readable_size(n: int) -> None:
    layout = layout_plan(plan_of(synthetic_library(n)))
    width, height = A4_LANDSCAPE
    scale, tiles = plan_tiles(layout, width, height)
    assert READABLE <= scale <= LARGEST
    for tile in tiles:
        assert tile.rect.width() * scale <= width + 1e-6
        assert tile.rect.height() * scale <= height + 1e-6
    for box in layout.nodes.values():
        assert any(
            t.rect.left() <= box.x
            and box.x + box.w <= t.rect.right()
            and t.rect.top() <= box.y
            and box.y + box.h <= t.rect.bottom()
            for t in tiles
        ), box.id
    bands = sorted({(t.first_column, t.last_column) for t in tiles})
    sizes = [last - first + 1 for first, last in bands]
    assert max(sizes) - min(sizes) <= 1  # the columns shared evenly
    assert [first for first, _ in bands] == [0] + [last + 1 for _, last in bands[:-1]]
    assert bands[-1][1] == len(layout.columns) - 1


def test_a_tall_band_is_cut_into_pieces_from_the_top() -> None:
    layout = layout_plan(plan_of(synthetic_library(300)))
    _, tiles = plan_tiles(layout, *A4_LANDSCAPE)
    tall = [t for t in tiles if t.pieces > 1]
    assert tall
    first = tall[0]
    same = [
        t
        for t in tiles
        if (t.first_column, t.last_column) == (first.first_column, first.last_column)
    ]
    assert [t.piece for t in same] == list(range(1, first.pieces + 1))
    tops = [t.rect.top() for t in same]
    assert tops == sorted(tops)
    assert same[-1].rect.bottom() >= max(
        b.y + b.h
        for b in layout.nodes.values()
        if b.layer in range(first.first_column, first.last_column + 1)
    )


def test_a_small_graph_needs_one_page() -> None:
    layout = layout_plan(small_plan())
    scale, tiles = plan_tiles(layout, *A4_LANDSCAPE)
    assert len(tiles) == 1
    assert READABLE <= scale <= LARGEST
