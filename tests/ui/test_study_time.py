"""The skill panel's study time as a learner uses it: a duration field that says what it
read, a timer that outlives the window, the sessions list with edit, delete and undo, and a
skill added to the plan as a personal goal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from planner.core.domain import Skill
from planner.service import Planner
from planner.ui.dialogs.study_session import SessionDialog
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory


@pytest.fixture
def open_window(open_window: WindowFactory, tmp_path: Path) -> WindowFactory:
    """Opens the app on one database (ML engineer, 10 h a week) as often as a test likes."""
    planner = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.close()
    return open_window


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window()


def test_the_duration_field_is_readable_and_says_what_it_read(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.state.select("sql")
    panel = window.skill_panel
    field = panel.duration
    # The placeholder and a typed duration fit in the box (it used to show "1…").
    room = field.contentsRect().width()
    assert field.fontMetrics().horizontalAdvance(field.placeholderText()) < room
    assert field.fontMetrics().horizontalAdvance("2h30m") * 2 < room
    qtbot.keyClicks(field, "1h30")
    assert panel.duration_field.reading.text() == "= 1 h 30 min"
    field.clear()
    qtbot.keyClicks(field, "soon")
    assert panel.duration_field.reading.text().startswith("?")
    field.clear()
    qtbot.keyClicks(field, "45m")
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert panel.log_message.text() == "Logged 45 min on 10 Mar 2026."
    assert panel.time_total.text() == "Studied so far: 45 min"  # not "0.8 h"
    assert window.progress_view.studied_card.value.text() == "45 min"


def test_the_timer_runs_on_after_a_restart_and_stop_logs_the_session(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    window.state.select("sql")
    timer = window.skill_panel.timer
    assert timer.start_button.isVisible() and not timer.stop_button.isVisible()
    qtbot.mouseClick(timer.start_button, Qt.MouseButton.LeftButton)
    assert timer.stop_button.isVisible()
    running = window.state.planner.timer.running()
    assert running is not None and running.skill == "sql"
    # Time passes while the app is closed: the stored start is put 45 minutes back.
    window.state.planner.timer.cancel()
    window.state.planner.timer.start("sql", datetime.now(UTC) - timedelta(minutes=45, seconds=3))
    window.close()

    again = open_window()
    again.state.select("sql")
    timer = again.skill_panel.timer
    assert timer.stop_button.isVisible()
    qtbot.waitUntil(lambda: timer.clock.text().startswith("Studying for 0:45:"))
    # Another skill shown: the running timer is named, no second one can start.
    again.state.select("git")
    assert timer.clock.text() == "A timer is running on SQL."
    assert not timer.start_button.isVisible()
    again.state.select("sql")
    with qtbot.waitSignal(again.state.sessionsChanged):
        qtbot.mouseClick(timer.stop_button, Qt.MouseButton.LeftButton)
    assert [(s.skill, s.minutes) for s in again.state.planner.progress.study_sessions()] == [
        ("sql", 45)
    ]
    assert again.state.planner.timer.running() is None
    assert timer.start_button.isVisible() and timer.clock.text() == ""
    assert again.skill_panel.time_total.text() == "Studied so far: 45 min"
    again.undo_stack.undo()
    assert again.state.planner.progress.study_sessions() == []
    assert again.skill_panel.time_total.text() == "No time logged yet."
    again.undo_stack.redo()
    assert [s.minutes for s in again.state.planner.progress.study_sessions()] == [45]


def test_discard_stops_the_timer_without_logging(qtbot: QtBot, window: MainWindow) -> None:
    window.state.select("sql")
    timer = window.skill_panel.timer
    qtbot.mouseClick(timer.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(timer.discard_button, Qt.MouseButton.LeftButton)
    assert window.state.planner.timer.running() is None
    assert window.state.planner.progress.study_sessions() == []
    assert timer.start_button.isVisible()


def test_sessions_are_listed_and_can_be_corrected_or_deleted_with_undo(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.state.planner.progress.log_study("sql", 30, note="joins")
    window.state.planner.progress.log_study("sql", 90, note="window functions")
    window.state.planner.progress.log_study("git", 20)
    window.state.select("sql")
    sessions = window.skill_panel.sessions
    tree = sessions.tree
    qtbot.waitUntil(lambda: sessions.delete_button.height() > 0)  # laid out, as on screen

    def item(row: int) -> QTreeWidgetItem:
        found = tree.topLevelItem(row)
        assert found is not None
        return found

    def rows() -> list[tuple[str, str, str]]:
        return [
            (item(i).text(0), item(i).text(1), item(i).text(2))
            for i in range(tree.topLevelItemCount())
        ]

    assert rows() == [
        ("10 Mar 2026", "1 h 30 min", "window functions"),
        ("10 Mar 2026", "30 min", "joins"),
    ]
    assert not sessions.delete_button.isEnabled()
    tree.setCurrentItem(item(1))
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.mouseClick(sessions.delete_button, Qt.MouseButton.LeftButton)
    assert rows() == [("10 Mar 2026", "1 h 30 min", "window functions")]
    window.undo_stack.undo()
    assert [r[2] for r in rows()] == ["window functions", "joins"]

    tree.setCurrentItem(item(0))
    qtbot.mouseClick(sessions.edit_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SessionDialog))
    qtbot.waitExposed(dialog)
    assert dialog.duration.text() == "1h30m"
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "1h15")
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    assert rows()[0] == ("10 Mar 2026", "1 h 15 min", "window functions")
    assert window.skill_panel.time_total.text() == "Studied so far: 1 h 45 min"
    window.undo_stack.undo()
    assert rows()[0][1] == "1 h 30 min"


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")
def test_any_skill_can_join_the_plan_as_a_personal_goal_and_leave_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    own = Skill(
        id="my-kaggle", name="My Kaggle entry", area="Practice", hours=12, requires=("pandas",)
    )
    edit = window.state.planner.editing.add_skill(own)
    window.state.changed(edit.change)
    assert window.state.step("my-kaggle") is None
    window.state.select("my-kaggle")
    panel = window.skill_panel
    assert panel.implied.text() == "Not in your current plan."
    assert panel.goal_button.text() == "Add to my plan as a goal"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(panel.goal_button, Qt.MouseButton.LeftButton)
    step = window.state.step("my-kaggle")
    assert step is not None and step.goal
    assert window.plan_view.model.index_of("my-kaggle").isValid()
    assert panel.goal_button.text() == "Remove from my goals"
    assert panel.implied.text().startswith("Planned ")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(panel.goal_button, Qt.MouseButton.LeftButton)
    assert window.state.step("my-kaggle") is None
    assert window.state.planner.progress.personal_goals() == []
    window.undo_stack.undo()  # back in the plan
    assert window.state.step("my-kaggle") is not None
    assert window.state.planner.progress.personal_goals() == ["my-kaggle"]

    # The plan's context menu offers the same on a personal goal.
    view = window.plan_view
    index = view.proxy.mapFromSource(view.model.index_of("my-kaggle")).siblingAtColumn(0)
    view.tree.scrollTo(index)
    view._context_menu(view.tree.visualRect(index).center())
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    remove = next(a for a in menu.actions() if a.text() == "Remove from my goals")
    with qtbot.waitSignal(window.state.planChanged):
        remove.trigger()
    menu.close()
    assert window.state.step("my-kaggle") is None
