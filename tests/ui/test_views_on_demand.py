"""The views other than the one the window opens on are made when the learner first goes to
them (issue 16: the complete window): each must then show what the window shows — the plan as
it is now, the skill selected, the search typed — and answer its keys and signals as if it had
always been there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.window.view import View
from tests.ui.conftest import WindowFactory

HIDDEN = [view for view in View if view is not View.PLAN]


def learner(planner: Planner) -> None:
    planner.profiles.update(role="ml-engineer", hours_per_week=10)


def test_a_returning_learner_window_makes_only_the_view_it_opens_on(
    open_window: WindowFactory,
) -> None:
    window = open_window(learner)
    assert window.is_made(View.PLAN)
    assert [view for view in HIDDEN if window.is_made(view)] == []
    # Every place in the stack is there, at its view's index, with nothing in it yet.
    assert window.views.count() == len(View)


def test_a_view_first_shown_is_made_at_its_place_and_shown(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(learner, active=True)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # View → Progress
    assert window.is_made(View.PROGRESS)
    assert window.views.currentWidget() is window.progress_view
    assert window.views.indexOf(window.progress_view) == View.PROGRESS
    assert window.sidebar.currentRow() == View.PROGRESS
    assert window.progress_view.done_card.value.text() == "0 %"  # filled from the data
    window.sidebar.setCurrentRow(View.COMPARE)  # a click in the sidebar makes one too
    assert window.views.currentWidget() is window.compare_view
    assert window.views.indexOf(window.compare_view) == View.COMPARE
    assert window.is_made(View.PROGRESS)  # still there, not made again
    assert window.views.indexOf(window.progress_view) == View.PROGRESS


def test_the_graph_first_shown_shows_the_plan_the_selection_and_the_search_as_they_are(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(learner, active=True)
    window.set_status("numpy", "done")
    window.state.select("pandas")
    qtbot.keyClicks(window.search, "pandas")
    assert not window.is_made(View.GRAPH)

    window.show_view(View.GRAPH)
    graph = window.graph_view
    plan = graph.plan()
    assert plan is not None
    assert {s.skill.id: s.status for s in plan.steps}["numpy"] == "done"
    assert graph.selected_skill() == "pandas"
    matches = graph.filter_matches()
    assert matches is not None and "pandas" in matches and "numpy" not in matches
    # From now on it follows the window like any view.
    window.state.select("numpy")
    assert graph.selected_skill() == "numpy"


def test_zoom_keys_and_a_double_click_reach_a_graph_made_late(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(learner, active=True)
    window.show_view(View.GRAPH)
    graph = window.graph_view
    qtbot.waitUntil(lambda: graph.graph_layout() is not None)
    before = graph.zoom()
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomIn))
    assert graph.zoom() > before
    graph.skillActivated.emit("numpy")  # a double-click on a skill: shown in the plan
    assert window.views.currentWidget() is window.plan_view
    assert window.state.selected == "numpy"


def test_the_zoom_keys_before_the_graph_was_ever_shown_show_it_zoomed(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    """The graph is made when first shown, and laid out then: the View menu's zoom keys,
    pressed on another view, had no graph to zoom and did nothing."""
    window = open_window(learner, active=True)
    assert not window.is_made(View.GRAPH)
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomIn))
    assert window.views.currentWidget() is window.graph_view
    graph = window.graph_view
    qtbot.waitUntil(lambda: graph.graph_layout() is not None)
    first = graph.zoom()  # how it frames the plan when shown
    window.show_view(View.PLAN)
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomIn))
    assert window.views.currentWidget() is graph and graph.zoom() > first
    window.show_view(View.PLAN)
    qtbot.keySequence(window, QKeySequence("Ctrl+0"))  # View → Fit the graph
    fitted = graph.zoom()
    assert window.views.currentWidget() is graph and fitted < first  # the whole plan in view
    graph.zoom_in()
    graph.fit()
    assert graph.zoom() == fitted


def test_the_agenda_made_late_still_opens_the_study_times(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(learner, active=True)
    window.show_view(View.AGENDA)
    qtbot.mouseClick(window.agenda_view.set_slots_button, Qt.MouseButton.LeftButton)
    assert window.study_settings.isVisible()
    window.study_settings.reject()
