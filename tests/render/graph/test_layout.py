"""The graph layout: columns by prerequisite depth, no overlaps, edges around the boxes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from planner.render.graph.geometry import LAYER_GAP, MARGIN, NODE_WIDTH, GraphLayout
from planner.render.graph.layout import layout_graph, layout_plan, plan_edges
from tests.core.libraries import small_library
from tests.render.plans import (
    chain_library,
    plan_of,
    small_plan,
    synthetic_library,
)

REPO = Path(__file__).resolve().parents[3]


def assert_well_formed(layout: GraphLayout) -> None:
    """Every edge goes rightwards, no two boxes overlap, everything lies inside the size."""
    for edge in layout.edges:
        src, dst = layout.nodes[edge.src], layout.nodes[edge.dst]
        assert src.layer < dst.layer, edge
        xs = [x for x, _ in edge.points]
        assert xs == sorted(xs), edge
        assert edge.points[0][0] == src.x + src.w
        assert edge.points[-1][0] == dst.x
    for layer, column in enumerate(layout.columns):
        boxes = [layout.nodes[node] for node in column]
        assert all(box.layer == layer for box in boxes)
        assert len({box.x for box in boxes}) <= 1
        for upper, lower in pairwise(boxes):
            assert upper.y + upper.h <= lower.y, (upper, lower)
    assert sorted(n for column in layout.columns for n in column) == sorted(layout.nodes)
    for box in layout.nodes.values():
        assert box.x >= MARGIN and box.x + box.w <= layout.width - MARGIN + 1e-6
        assert box.y >= MARGIN - 1e-6 and box.y + box.h <= layout.height - MARGIN + 1e-6


def test_columns_follow_prerequisite_depth() -> None:
    layout = layout_plan(small_plan())
    layer = {node: box.layer for node, box in layout.nodes.items()}
    assert layer == {
        "git": 0,
        "maths": 0,
        "python": 0,
        "stats": 0,
        "numpy": 1,
        "web": 1,
        "pandas": 2,
        "ml": 3,
    }
    assert_well_formed(layout)


def test_edges_are_the_plans_own_hard_and_soft_prerequisites() -> None:
    plan = small_plan()
    edges = {(src, dst): hard for src, dst, hard in plan_edges(plan)}
    assert edges[("pandas", "ml")] is True
    assert edges[("stats", "ml")] is False  # recommended, not required
    assert len(edges) == 7
    # Without the track, stats is not in the plan, and neither is its edge.
    assert all("stats" not in e for e in plan_edges(plan_of(small_library())))
    layout = layout_plan(plan)
    assert {(e.src, e.dst): e.hard for e in layout.edges} == edges


def test_a_chain_reads_left_to_right_on_one_line() -> None:
    layout = layout_plan(plan_of(chain_library(["d", "c", "b", "a", "e"])))
    boxes = [layout.nodes[n] for n in ["d", "c", "b", "a", "e"]]
    assert [b.layer for b in boxes] == [0, 1, 2, 3, 4]
    assert [b.x for b in boxes] == sorted(b.x for b in boxes)
    assert {b.y for b in boxes} == {boxes[0].y}
    for edge in layout.edges:  # straight arrows
        assert {y for _, y in edge.points} == {boxes[0].y + boxes[0].h / 2}


def test_size_holds_every_column_and_box() -> None:
    layout = layout_plan(small_plan())
    columns = 4
    assert layout.width == 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * LAYER_GAP
    lowest = max(box.y + box.h for box in layout.nodes.values())
    assert layout.height == pytest.approx(lowest + MARGIN)
    assert all(box.w == NODE_WIDTH for box in layout.nodes.values())


def test_crossings_are_undone_when_the_id_order_twists_the_edges() -> None:
    # By id, a-b-c sit above x-y-z, but a leads to z and c to x: sorting by id alone would
    # cross all three edges.
    edges = [("a", "z", True), ("b", "y", True), ("c", "x", True)]
    layout = layout_graph(["a", "b", "c", "x", "y", "z"], edges)
    assert layout.crossings == 0
    order = [n for column in layout.columns for n in column]
    left, right = order[:3], order[3:]
    assert [dst for src in left for s, dst, _ in edges if s == src] == right


def test_long_edges_pass_between_boxes_not_through_them() -> None:
    layout = layout_plan(plan_of(synthetic_library(150)))
    assert_well_formed(layout)
    boxes = list(layout.nodes.values())
    long_edges = [e for e in layout.edges if len(e.points) > 2]
    assert long_edges, "the synthetic plan has edges spanning several columns"
    for edge in long_edges:
        for x, y in edge.points[1:-1]:
            assert not any(b.x < x < b.x + b.w and b.y < y < b.y + b.h for b in boxes), edge


def test_layout_is_the_same_whatever_the_input_order() -> None:
    plan = plan_of(synthetic_library(120))
    ids = [s.skill.id for s in plan.steps]
    edges = plan_edges(plan)
    first = layout_graph(ids, edges)
    assert layout_graph(list(reversed(ids)), list(reversed(edges))) == first
    assert layout_plan(plan) == first


def _digest() -> str:
    layout = layout_plan(plan_of(synthetic_library(300)))
    text = repr(
        (sorted(layout.nodes.items()), layout.edges, layout.width, layout.height, layout.columns)
    )
    return hashlib.sha256(text.encode()).hexdigest()


def test_layout_is_the_same_in_every_run() -> None:
    """String hashing changes between runs; a layout that depended on set order would too."""
    code = "from tests.render.graph.test_layout import _digest; print(_digest())"
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(result.stdout.strip())
    assert digests == {_digest()}


def test_a_thousand_skills_lay_out() -> None:
    plan = plan_of(synthetic_library(1000))
    layout = layout_plan(plan)
    assert len(layout.nodes) == len(plan.steps) == 1000
    assert_well_formed(layout)
    assert layout.height < 1000 * 84  # columns share the height, not stacked end to end


def test_finding_boxes_by_point_and_by_area() -> None:
    layout = layout_plan(small_plan())
    for node, box in layout.nodes.items():
        cx, cy = box.center
        assert layout.node_at(cx, cy) == node
    python = layout.nodes["python"]
    assert layout.node_at(python.x + python.w + LAYER_GAP / 2, python.y + 5) is None
    assert layout.node_at(-10, -10) is None
    first_column = layout.nodes_in(0, 0, MARGIN + NODE_WIDTH / 2, layout.height)
    assert sorted(first_column) == ["git", "maths", "python", "stats"]
    assert layout.nodes_in(0, 0, 1, 1) == []


def test_related_skills_are_all_prerequisites_and_all_unlocks() -> None:
    layout = layout_plan(small_plan())
    related = layout.related("numpy")
    assert related.ancestors == {"python"}
    assert related.descendants == {"pandas", "ml"}
    assert layout.related("ml").ancestors == {"pandas", "numpy", "python", "maths", "stats"}


def test_a_cycle_still_lays_out_every_skill() -> None:
    layout = layout_graph(["a", "b", "c"], [("a", "b", True), ("b", "c", True), ("c", "a", True)])
    assert sorted(layout.nodes) == ["a", "b", "c"]
    assert len(layout.edges) == 3


def test_an_empty_graph_has_only_margins() -> None:
    layout = layout_graph([], [])
    assert (layout.width, layout.height) == (2 * MARGIN, 2 * MARGIN)
    assert layout.node_at(MARGIN, MARGIN) is None
