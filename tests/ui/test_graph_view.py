"""The graph view driven as a learner would: click, double-click, zoom, pan, search, fit.

Input goes through QTest directly (what qtbot's helpers wrap) because its calls are typed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.views.graph.view import GraphView
from tests.render.plans import dark_palette, light_palette


@pytest.fixture
def view(qtbot: QtBot, planner: Planner) -> Iterator[GraphView]:
    """The ML-engineer plan in a graph view of 1000×700 on a light palette."""
    widget = GraphView()
    widget.setPalette(light_palette())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_plan(planner.planning.plan("ml-engineer"))
    yield widget
    widget.close()


def on_screen(view: GraphView, skill_id: str) -> bool:
    rect = view.skill_rect(skill_id)
    return rect is not None and QRectF(view.rect()).contains(rect)


def first_visible(view: GraphView) -> str:
    layout = view.graph_layout()
    assert layout is not None
    return next(n for column in layout.columns for n in column if on_screen(view, n))


def centre(view: GraphView, skill_id: str) -> QPoint:
    rect = view.skill_rect(skill_id)
    assert rect is not None
    return rect.center().toPoint()


def presence(image: QImage, rect: QRectF) -> int:
    """How much a rectangle of a grab stands out from the canvas (the colour at 0, 0)."""
    canvas = image.pixelColor(0, 0)
    r = rect.toRect()
    total = 0
    for y in range(max(r.top(), 0), min(r.bottom(), image.height())):
        for x in range(max(r.left(), 0), min(r.right(), image.width())):
            c = image.pixelColor(x, y)
            total += (
                abs(c.red() - canvas.red())
                + abs(c.green() - canvas.green())
                + abs(c.blue() - canvas.blue())
            )
    return total


def grab(view: GraphView) -> QImage:
    return view.grab().toImage()


def wheel(view: GraphView, at: QPointF, steps: int, modifiers: Qt.KeyboardModifier) -> None:
    event = QWheelEvent(
        at,
        view.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


# ---------------------------------------------------------------------------- choosing skills
def test_clicking_a_skill_selects_it(qtbot: QtBot, view: GraphView) -> None:
    skill = first_visible(view)
    with qtbot.waitSignal(view.skillSelected) as blocker:
        QTest.mouseClick(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(view, skill)
        )
    assert blocker.args == [skill]
    assert view.selected_skill() == skill


def test_double_clicking_a_skill_activates_it(qtbot: QtBot, view: GraphView) -> None:
    skill = first_visible(view)
    with qtbot.waitSignal(view.skillActivated) as blocker:
        QTest.mouseDClick(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(view, skill)
        )
    assert blocker.args == [skill]


def test_clicking_between_skills_selects_nothing(qtbot: QtBot, view: GraphView) -> None:
    skill = first_visible(view)
    rect = view.skill_rect(skill)
    assert rect is not None
    gap = QPoint(int(rect.right()) + 20, int(rect.center().y()))
    assert view.skill_at(gap) is None
    with qtbot.assertNotEmitted(view.skillSelected):
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, gap)
    assert view.selected_skill() is None


def test_selecting_from_elsewhere_lights_the_chain_without_echoing(
    qtbot: QtBot, view: GraphView
) -> None:
    before = grab(view)
    with qtbot.assertNotEmitted(view.skillSelected):
        view.select_skill("pandas")
    after = grab(view)
    related = view.related()
    assert related is not None
    assert {"numpy", "python-basics", "sql"} <= related.ancestors
    assert "ml-fundamentals" in related.descendants
    # An unrelated skill fades; pandas itself gets a ring in the highlight colour.
    unrelated = view.skill_rect("unix-shell")
    assert unrelated is not None and on_screen(view, "unix-shell")
    assert presence(after, unrelated) < presence(before, unrelated) * 0.5
    pandas = view.skill_rect("pandas")
    assert pandas is not None and on_screen(view, "pandas")
    accent = QColor("#308cc6")
    band = pandas.adjusted(-6, -6, 6, 6).toRect()
    ring = [
        after.pixelColor(x, y)
        for y in range(band.top(), band.bottom())
        for x in range(band.left(), band.right())
        if not pandas.contains(QPointF(x, y))
    ]
    assert sum(1 for c in ring if abs(c.hue() - accent.hue()) < 12 and c.saturation() > 100) > 200


def test_selecting_a_skill_off_screen_brings_it_into_view(view: GraphView) -> None:
    assert not on_screen(view, "ml-capstone")
    view.select_skill("ml-capstone")
    assert on_screen(view, "ml-capstone")


def test_an_unknown_skill_clears_the_selection(view: GraphView) -> None:
    view.select_skill("pandas")
    view.select_skill("no-such-skill")
    assert view.selected_skill() is None


def test_arrow_keys_move_along_the_graph(qtbot: QtBot, view: GraphView) -> None:
    view.setFocus()
    view.select_skill("numpy")
    with qtbot.waitSignal(view.skillSelected) as blocker:
        QTest.keyClick(view, Qt.Key.Key_Right)
    layout = view.graph_layout()
    assert layout is not None
    moved = blocker.args[0]
    assert layout.nodes[moved].layer == layout.nodes["numpy"].layer + 1
    with qtbot.waitSignal(view.skillActivated) as activated:
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == [moved]


# ---------------------------------------------------------------------------- zoom and pan
def test_ctrl_0_fits_the_whole_plan(qtbot: QtBot, view: GraphView) -> None:
    layout = view.graph_layout()
    assert layout is not None
    assert not all(on_screen(view, n) for n in layout.nodes)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert all(on_screen(view, n) for n in layout.nodes)


def test_the_fit_button_fits_and_says_what_it_does(qtbot: QtBot, view: GraphView) -> None:
    button = next(b for b in view.findChildren(QToolButton) if b.text() == "Fit")
    assert button.accessibleName() == "Fit plan to view"
    assert button.isVisible()
    assert "Ctrl+0" in button.toolTip()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    layout = view.graph_layout()
    assert layout is not None
    assert all(on_screen(view, n) for n in layout.nodes)


def test_ctrl_plus_and_minus_zoom(qtbot: QtBot, view: GraphView) -> None:
    view.setFocus()
    start = view.zoom()
    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > start
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() < start
    view.zoom_in()
    assert view.zoom() == pytest.approx(start)


def test_ctrl_wheel_zooms_around_the_pointer(view: GraphView) -> None:
    skill = first_visible(view)
    rect = view.skill_rect(skill)
    assert rect is not None
    at = rect.topLeft() + QPointF(10, 10)
    start = view.zoom()
    wheel(view, at, 2, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > start
    assert view.skill_at(at) == skill  # what was under the pointer still is
    zoomed = view.skill_rect(skill)
    assert zoomed is not None
    assert zoomed.width() > rect.width()


def test_the_wheel_alone_scrolls(view: GraphView) -> None:
    skill = first_visible(view)
    zoom = view.zoom()
    before = view.skill_rect(skill)
    wheel(view, QPointF(500, 350), -1, Qt.KeyboardModifier.NoModifier)
    after = view.skill_rect(skill)
    assert before is not None and after is not None
    assert after.top() < before.top()
    assert view.zoom() == zoom


def test_dragging_pans_and_does_not_select(qtbot: QtBot, view: GraphView) -> None:
    skill = first_visible(view)
    before = view.skill_rect(skill)
    assert before is not None
    start = before.center().toPoint()
    with qtbot.assertNotEmitted(view.skillSelected):
        QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(view, start - QPoint(40, 30))
        QTest.mouseMove(view, start - QPoint(120, 60))
        QTest.mouseRelease(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(120, 60)
        )
    after = view.skill_rect(skill)
    assert after is not None
    assert after.left() < before.left() - 60
    assert after.top() < before.top() - 20


# ---------------------------------------------------------------------------- search, plans, looks
def test_the_search_dims_skills_that_do_not_match(view: GraphView) -> None:
    before = grab(view)
    view.set_filter("  PYTHON ")
    after = grab(view)
    matches = view.filter_matches()
    assert matches is not None
    assert {"python-basics", "python-testing", "python-packaging"} <= matches
    assert "sql" not in matches
    sql = view.skill_rect("sql")
    python = view.skill_rect("python-basics")
    assert sql is not None and python is not None
    assert on_screen(view, "sql") and on_screen(view, "python-basics")
    assert presence(after, sql) < presence(before, sql) * 0.5
    assert presence(after, python) == presence(before, python)
    view.set_filter("")
    assert view.filter_matches() is None


def test_the_search_matches_areas_too(view: GraphView) -> None:
    view.set_filter("mlops")
    matches = view.filter_matches()
    assert matches is not None
    assert {"experiment-tracking", "mlops", "ml-pipelines"} <= matches


def test_a_status_change_keeps_the_layout_and_the_view(planner: Planner, view: GraphView) -> None:
    view.zoom_in()
    layout, zoom = view.graph_layout(), view.zoom()
    planner.progress.set_status("python-basics", "done")
    view.set_plan(planner.planning.plan("ml-engineer"))
    assert view.graph_layout() is layout
    assert view.zoom() == zoom
    plan = view.plan()
    assert plan is not None
    assert next(s for s in plan.steps if s.skill.id == "python-basics").status == "done"


def test_without_a_plan_it_says_what_to_do(qtbot: QtBot) -> None:
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    assert view.graph_layout() is None
    assert not any(b.isVisible() for b in view.findChildren(QToolButton))
    view.zoom_in()
    view.fit()  # nothing to zoom or fit: no error either
    view.set_plan(None)
    grab(view)


def test_a_big_plan_is_laid_out_in_the_background(
    qtbot: QtBot, planner: Planner, view: GraphView
) -> None:
    view.async_threshold = 10
    view.set_plan(None)
    with qtbot.waitSignal(view.layoutReady, timeout=10_000):
        view.set_plan(planner.planning.plan("ai-engineer"))
    layout = view.graph_layout()
    assert layout is not None
    assert "rag" in layout.nodes


def test_a_dark_palette_gives_a_dark_canvas(view: GraphView) -> None:
    corner = QPoint(view.width() // 2, 4)
    assert grab(view).pixelColor(corner).lightness() > 200
    view.setPalette(dark_palette())
    assert grab(view).pixelColor(corner).lightness() < 80
    view.setPalette(light_palette())
    assert grab(view).pixelColor(corner).lightness() > 200


def test_it_is_reachable_by_keyboard_and_named(view: GraphView) -> None:
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.accessibleName() == "Prerequisite graph"
    for button in view.findChildren(QToolButton):
        assert button.accessibleName() and button.toolTip()


# The offscreen platform cannot raise the tooltip's window, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_an_implied_skill_says_why_it_is_known(planner: Planner, view: GraphView) -> None:
    planner.progress.set_status("numpy", "done")
    view.set_plan(planner.planning.plan("ml-engineer"))
    at = centre(view, "python-basics")
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, at, view.mapToGlobal(at)))
    assert QToolTip.isVisible()
    assert "Python programming" in QToolTip.text()
    assert "· known<br>" in QToolTip.text()  # the word every view uses
    assert "Known because you finished NumPy" in QToolTip.text()
    QToolTip.hideText()
