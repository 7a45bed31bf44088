"""The graph view's viewport: zooming keeps the anchor still, clamping keeps the plan in view,
a saved view comes back as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QSizeF

from planner.ui.views.graph.viewport import EDGE, MAX_SCALE, MIN_SCALE, Viewport

VIEW = QSizeF(800, 600)
BIG = QSizeF(5000, 3000)
SMALL = QSizeF(300, 200)


def test_zooming_keeps_the_point_under_the_anchor() -> None:
    viewport = Viewport()
    viewport.center_on(QPointF(2500, 1500), VIEW, BIG)
    anchor = QPointF(200, 150)
    before = viewport.to_scene(anchor)
    assert viewport.zoom_by(1.25, anchor, VIEW, BIG)
    after = viewport.to_scene(anchor)
    assert after.x() == pytest.approx(before.x())
    assert after.y() == pytest.approx(before.y())
    assert viewport.scale == pytest.approx(1.25)
    assert not viewport.auto  # the learner chose a view: resizing keeps it


def test_zoom_stops_at_its_limits() -> None:
    viewport = Viewport()
    viewport.scale = MAX_SCALE
    assert not viewport.zoom_by(2.0, QPointF(0, 0), VIEW, BIG)
    assert viewport.auto  # nothing changed
    viewport.scale = MIN_SCALE
    assert not viewport.zoom_by(0.5, QPointF(0, 0), VIEW, BIG)


def test_a_small_plan_stays_inside_the_view_and_a_big_one_within_a_margin() -> None:
    viewport = Viewport()
    viewport.pan(-10_000, -10_000, VIEW, SMALL)
    assert (viewport.offset.x(), viewport.offset.y()) == (0, 0)
    viewport.pan(20_000, 20_000, VIEW, SMALL)
    assert viewport.offset.x() == VIEW.width() - SMALL.width()
    assert viewport.offset.y() == VIEW.height() - SMALL.height()
    viewport.pan(20_000, 20_000, VIEW, BIG)
    assert (viewport.offset.x(), viewport.offset.y()) == (EDGE, EDGE)
    viewport.pan(-20_000, -20_000, VIEW, BIG)
    assert viewport.offset.x() == VIEW.width() - BIG.width() - EDGE


def test_fitting_never_enlarges_and_leaves_room_for_the_buttons() -> None:
    viewport = Viewport()
    assert viewport.fit_scale(VIEW, SMALL, top=30) == 1.0
    fit = viewport.fit_scale(VIEW, BIG, top=30)
    assert BIG.width() * fit <= VIEW.width() - 2 * EDGE
    assert BIG.height() * fit <= VIEW.height() - 2 * EDGE - 30
    assert viewport.fit_scale(VIEW, QSizeF(10**7, 10), top=30) == MIN_SCALE


def test_a_saved_view_comes_back_unchanged_by_later_panning() -> None:
    viewport = Viewport()
    viewport.center_on(QPointF(1000, 1000), VIEW, BIG)
    saved = viewport.saved()
    where = QPointF(viewport.offset)
    viewport.pan(50, 50, VIEW, BIG)  # moves the offset in place
    viewport.scale = 0.3
    viewport.restore(saved)
    assert viewport.offset == where
    assert viewport.scale == 1.0
    assert viewport.auto
