"""A graph read at a glance: names after Fit, the path to one skill, and leaving it again.

Driven as a learner would, through the view's own buttons, keys and context menu, on the
graph's share of a 1280x800 window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from planner.core.plan import Plan
from planner.render.graph.labels import LABEL_PX
from planner.render.graph.legend import legend_size
from planner.render.graph.painter import LOW_DETAIL
from planner.render.style import contrast_ratio
from planner.service import Planner
from planner.ui.views.graph.view import GraphView
from planner.ui.views.graph.viewport import EDGE
from tests.render.plans import dark_palette, light_palette

GRAPH_AREA = (854, 728)  # what the graph gets of a 1280x800 window beside the skill panel


@pytest.fixture
def plan(planner: Planner) -> Plan:
    return planner.planning.plan("ml-engineer")


@pytest.fixture
def view(qtbot: QtBot, plan: Plan) -> Iterator[GraphView]:
    widget = GraphView()
    widget.setPalette(light_palette())
    qtbot.addWidget(widget)
    widget.resize(*GRAPH_AREA)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.layoutReady):
        widget.set_plan(plan)
    yield widget
    widget.close()


def button(view: GraphView, name: str) -> QToolButton:
    found = [b for b in view.findChildren(QToolButton) if b.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def click(view: GraphView, name: str) -> None:
    QTest.mouseClick(button(view, name), Qt.MouseButton.LeftButton)


def ancestors(plan: Plan, skill_id: str) -> set[str]:
    """Everything a skill needs first, hard or soft, worked out from the plan's skills."""
    skills = {step.skill.id: step.skill for step in plan.steps}
    seen: set[str] = set()
    todo = [skill_id]
    while todo:
        skill = skills[todo.pop()]
        for prereq in (*skill.requires, *skill.recommends):
            if prereq in skills and prereq not in seen:
                seen.add(prereq)
                todo.append(prereq)
    return seen


def ink_in(image: QImage, rect: QRectF) -> int:
    """Pixels in a rectangle dark enough to be text on the light palette."""
    r = rect.toRect()
    return sum(
        1
        for y in range(max(r.top(), 0), min(r.bottom(), image.height()))
        for x in range(max(r.left(), 0), min(r.right(), image.width()))
        if image.pixelColor(x, y).lightness() < 110
    )


def drawn_names(view: GraphView) -> dict[str, QRectF]:
    view.grab()  # a frame painted now
    return {label.node: label.rect for label in view.names_shown()}


# ---------------------------------------------------------------------------- Fit
def test_after_fit_every_goal_is_named_at_a_readable_size(
    qtbot: QtBot, view: GraphView, plan: Plan
) -> None:
    click(view, "Fit plan to view")
    assert view.zoom() < LOW_DETAIL  # boxes too small for their own text: the case to solve
    layout = view.graph_layout()
    assert layout is not None
    inside = QRectF(view.rect())
    assert all(inside.contains(view.skill_rect(n) or QRectF()) for n in layout.nodes)

    image = view.grab().toImage()
    names = {label.node: label for label in view.names_shown()}
    goals = [step.skill.id for step in plan.steps if step.goal]
    assert len(goals) >= 5
    for goal in goals:
        label = names[goal]
        assert label.pixel_size >= LABEL_PX >= 11  # the size on screen, whatever the zoom
        assert inside.contains(label.rect)  # nothing cut at the view's edge
        assert ink_in(image, label.rect) > 40, goal  # and text really is there
    # No name covers another, nor hides under the legend or the buttons.
    size = legend_size(view.font())
    legend = QRectF(EDGE, view.height() - EDGE - size.height(), size.width(), size.height())
    row = button(view, "Fit plan to view").parentWidget()
    assert row is not None
    buttons = QRectF(row.geometry())
    assert not any(n.rect.intersects(legend) or n.rect.intersects(buttons) for n in names.values())
    rects = list(names.values())
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.rect.intersects(b.rect), (a.node, b.node)


def test_after_fit_the_selection_and_what_is_in_progress_are_named(
    qtbot: QtBot, planner: Planner, view: GraphView
) -> None:
    planner.progress.set_status("numpy", "in-progress")
    view.set_plan(planner.planning.plan("ml-engineer"))
    view.select_skill("pandas")
    click(view, "Fit plan to view")
    names = drawn_names(view)
    assert {"pandas", "numpy"} <= names.keys()
    # The skills the selection dims are not named over it; its prerequisites may be.
    related = view.related()
    assert related is not None
    lit = related.ancestors | related.descendants | {"pandas"}
    assert set(names) <= lit


def test_clicking_a_name_selects_its_skill(qtbot: QtBot, view: GraphView) -> None:
    click(view, "Fit plan to view")
    names = drawn_names(view)
    target = "ml-system-design"
    where = names[target].center().toPoint()
    with qtbot.waitSignal(view.skillSelected) as blocker:
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert blocker.args == [target]


def test_zoomed_in_the_boxes_carry_their_own_text(qtbot: QtBot, view: GraphView) -> None:
    click(view, "Fit plan to view")
    while view.zoom() < LOW_DETAIL:
        click(view, "Zoom in")
    assert drawn_names(view) == {}


# ---------------------------------------------------------------------------- path mode
def test_path_mode_shows_exactly_the_chain_to_the_selected_skill(
    qtbot: QtBot, view: GraphView, plan: Plan
) -> None:
    path = button(view, "Show only the path to the selected skill")
    assert not path.isEnabled()  # nothing selected: no path to show
    whole = view.graph_layout()
    assert whole is not None
    view.select_skill("backpropagation")
    assert path.isEnabled() and not path.isChecked()

    with qtbot.waitSignal(view.pathChanged) as blocker:
        QTest.mouseClick(path, Qt.MouseButton.LeftButton)
    assert blocker.args == ["backpropagation"]
    assert path.isChecked()
    shown = view.graph_layout()
    assert shown is not None and shown is not whole
    expected = ancestors(plan, "backpropagation") | {"backpropagation"}
    assert set(shown.nodes) == expected
    assert {"linear-algebra", "calculus", "python-basics"} <= expected
    assert all(e.src in expected and e.dst in expected for e in shown.edges)
    # Laid out alone and fitted: every box of the chain on screen, and every name readable
    # (in the box, or beside it).
    inside = QRectF(view.rect())
    for node in expected:
        rect = view.skill_rect(node)
        assert rect is not None and inside.contains(rect), node
    if view.zoom() < LOW_DETAIL:
        assert set(drawn_names(view)) == expected


def test_escape_leaves_path_mode_and_restores_the_whole_plan_as_it_was(
    qtbot: QtBot, view: GraphView
) -> None:
    whole = view.graph_layout()
    view.select_skill("backpropagation")
    zoom_before = view.zoom()
    rect_before = view.skill_rect("backpropagation")
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_P)
    assert view.path_target() == "backpropagation"
    with qtbot.waitSignal(view.pathChanged) as blocker:
        QTest.keyClick(view, Qt.Key.Key_Escape)
    assert blocker.args == [""]
    assert view.path_target() is None
    assert view.graph_layout() is whole
    assert view.zoom() == zoom_before
    assert view.skill_rect("backpropagation") == rect_before
    assert view.selected_skill() == "backpropagation"
    assert not button(view, "Show only the path to the selected skill").isChecked()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen menus
def test_the_context_menu_shows_the_path_to_the_skill_under_the_pointer(
    qtbot: QtBot, view: GraphView, plan: Plan
) -> None:
    rect = view.skill_rect("numpy")
    assert rect is not None and QRectF(view.rect()).contains(rect)
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text().startswith("Show only the path"))
        chosen.append(action.text())
        action.trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    point = rect.center().toPoint()
    # What the platform sends on a right click (or the menu key) over the box.
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.mapToGlobal(point))
    with qtbot.waitSignal(view.skillSelected) as blocker:
        QApplication.sendEvent(view, event)
    assert chosen == ["Show only the path to NumPy"]
    assert blocker.args == ["numpy"]
    assert view.path_target() == "numpy"
    shown = view.graph_layout()
    assert shown is not None
    assert set(shown.nodes) == ancestors(plan, "numpy") | {"numpy"}


def test_choosing_a_skill_off_the_path_returns_to_the_whole_plan(
    qtbot: QtBot, view: GraphView
) -> None:
    view.select_skill("backpropagation")
    view.show_path(True)
    view.select_skill("python-basics")  # on the path: stays
    assert view.path_target() == "backpropagation"
    view.select_skill("sql")  # chosen in the plan view, not on the path
    assert view.path_target() is None
    assert view.selected_skill() == "sql"
    rect = view.skill_rect("sql")
    assert rect is not None and QRectF(view.rect()).contains(rect)


def test_path_mode_survives_a_status_change_and_ends_when_the_skill_leaves_the_plan(
    qtbot: QtBot, planner: Planner, view: GraphView
) -> None:
    view.select_skill("backpropagation")
    view.show_path(True)
    planner.progress.set_status("calculus", "done")
    view.set_plan(planner.planning.plan("ml-engineer"))
    assert view.path_target() == "backpropagation"
    plan = planner.planning.plan("ml-engineer")
    without = replace(plan, steps=tuple(s for s in plan.steps if s.skill.id != "backpropagation"))
    with qtbot.waitSignal(view.pathChanged) as blocker:
        view.set_plan(without)
    assert blocker.args == [""]
    layout = view.graph_layout()
    assert layout is not None and set(layout.nodes) == {s.skill.id for s in without.steps}
    assert view.path_target() is None


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_the_path_banner_names_the_skill_and_reads_on_both_palettes(
    qtbot: QtBot, view: GraphView, palette: Callable[[], QPalette]
) -> None:
    view.setPalette(palette())
    view.select_skill("backpropagation")
    view.show_path(True)
    image = view.grab().toImage()
    canvas = image.pixelColor(QPoint(view.width() // 2, view.height() - 3))
    # The banner's card sits top left, under the view's edge margin.
    card = image.pixelColor(QPoint(18, 20))
    assert card != canvas
    text = [
        image.pixelColor(x, y)
        for y in range(16, 40)
        for x in range(16, 300)
        if contrast_ratio(image.pixelColor(x, y), card) > 4.5
    ]
    assert len(text) > 100  # "Path to Backpropagation: 5 prerequisites …"
