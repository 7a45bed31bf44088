"""The Progress view driven as a learner would: open it, study, correct the history, undo, set
a target; and the view shows the same figures as `planner progress --format json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QToolTip, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from planner.cli import main
from planner.core.units import format_hours
from planner.render.charts import chart_style
from planner.service import Activity, Planner
from planner.ui import commands
from planner.ui.dialogs.study_session import SessionDialog
from planner.ui.ops import run_change
from planner.ui.views.activity_list import ACTIVITY_ROLE
from planner.ui.views.progress_view import ProgressView
from planner.ui.widgets.dates import short_date
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory

Opener = Callable[..., MainWindow]
"""Opens the app at Progress's size and active: `today`, and `history` on the first opening."""


def back(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


def record_weeks(planner: Planner, today: date = TODAY) -> None:
    """Four weeks of a learner's history, several entries made days later (back-dated)."""
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    for days, skill, minutes in [
        (26, "python-basics", 90),
        (25, "python-basics", 60),
        (19, "python-basics", 120),
        (12, "numpy", 45),
        (12, "numpy", 45),  # two sessions on one day
        (5, "numpy", 60),
        (1, "pandas", 30),
        (0, "pandas", 60),
    ]:
        planner.progress.log_study(skill, minutes, back(days, today))
    planner.progress.set_status("python-basics", "done", back(18, today))
    planner.progress.set_status("git", "done", back(22, today))  # entered after later ones


@pytest.fixture
def open_window(open_window: WindowFactory) -> Opener:
    opened: list[MainWindow] = []

    def factory(today: date = TODAY, history: bool = True) -> MainWindow:
        def record(planner: Planner) -> None:
            record_weeks(planner, today)

        prepare = record if history and not opened else None
        window = open_window(prepare, today=today, size=(1400, 900), active=True)
        opened.append(window)
        return window

    return factory


@pytest.fixture
def window(open_window: Opener, qtbot: QtBot) -> MainWindow:
    w = open_window()
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    return w


def view_of(window: MainWindow) -> ProgressView:
    return window.progress_view


def item(view: ProgressView, row: int) -> QTreeWidgetItem:
    found = view.activity.topLevelItem(row)
    assert found is not None
    return found


def activity(view: ProgressView) -> list[Activity]:
    rows = range(view.activity.topLevelItemCount())
    return [item(view, i).data(0, ACTIVITY_ROLE) for i in rows]


def select_activity(qtbot: QtBot, view: ProgressView, match: Callable[[Activity], bool]) -> None:
    tree = view.activity
    row = next(i for i, entry in enumerate(activity(view)) if match(entry))
    found = item(view, row)
    tree.scrollToItem(found)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(found).center()
    )
    assert view.selected_activity() == activity(view)[row]


def test_ctrl_3_shows_the_progress_with_its_figures(window: MainWindow) -> None:
    view = view_of(window)
    assert window.views.currentWidget() is view
    assert window.sidebar.currentItem().text() == "Progress"
    assert [a.text() for a in window.view_actions][:3] == ["Plan", "Graph", "Progress"]
    progress = window.state.progress
    assert progress is not None
    assert view.studied_card.value.text() == "8.5 h"
    assert view.streak_card.value.text() == "2 days"
    assert view.streak_card.detail.text() == "longest 2 days"
    assert view.done_card.value.text() == f"{progress.percent_done_hours:.0f} %"
    skills = window.state.planner.library().skills
    known = skills["python-basics"].hours + skills["git"].hours
    assert view.done_card.detail.text().startswith(f"{format_hours(known)} of ")
    steps = len(
        window.state.planner.planning.plan().steps
    )  # the role's plan, as the library has it
    assert f"2 of {steps} skills" in view.done_card.detail.text()
    # 8.5 h since the first entry 27 days ago: 2.2 h a week, far behind a plan of 10.
    assert view.studied_card.detail.text() == "2.2 h/week over the last 27 days"
    assert view.finish_card.value.text().endswith("days behind")
    assert short_date(progress.planned_finish) in view.finish_card.detail.text()
    assert view.weekly.progress is progress and view.burnup.progress is progress
    assert view.heatmap.days.minutes == progress.minutes_by_day
    kinds = [a.kind for a in activity(view)]
    assert kinds[:2] == ["status", "status"] and kinds.count("logged") == 8


def test_studying_moves_the_figures_and_the_forecast(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    before = window.state.progress
    assert before is not None and before.forecast_finish is not None
    window.state.select("pandas")
    panel = window.skill_panel
    qtbot.keyClicks(panel.duration, "6h")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(panel.duration, Qt.Key.Key_Return)
    after = window.state.progress
    assert after is not None and after.forecast_finish is not None
    assert view.studied_card.value.text() == "14.5 h"
    assert after.forecast_finish < before.forecast_finish  # a faster pace ends sooner
    assert activity(view)[0].kind == "logged" and activity(view)[0].minutes == 360


def test_delete_a_session_then_undo_it(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    select_activity(qtbot, view, lambda a: a.kind == "logged" and a.minutes == 120)
    assert view.delete_button.isVisible() and view.edit_button.isVisible()
    assert not view.restore_button.isVisible()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert view.studied_card.value.text() == "6.5 h"
    assert activity(view)[0].kind == "deleted"
    struck = next(
        item(view, i)
        for i, a in enumerate(activity(view))
        if a.kind == "logged" and a.minutes == 120
    )
    assert struck.font(1).strikeOut()
    assert view.undo_button.isEnabled()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert view.studied_card.value.text() == "8.5 h"
    # Nothing was lost: the deletion and the restoration are both in the history.
    assert [a.kind for a in activity(view)[:2]] == ["restored", "deleted"]


def test_the_delete_key_deletes_the_selected_session(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    select_activity(qtbot, view, lambda a: a.kind == "logged" and a.minutes == 120)
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(view.activity, Qt.Key.Key_Delete)
    assert activity(view)[0].kind == "deleted"
    assert window.undo_stack.undoText() == "Delete 2 h on “Python programming”"


def test_restore_a_deleted_session_from_the_list(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    session = window.state.planner.progress.study_sessions()[0]
    window.state.planner.progress.delete_study_session(session.id)
    window.state.replan()
    select_activity(qtbot, view, lambda a: a.kind == "logged" and a.session_id == session.id)
    assert view.restore_button.isVisible() and not view.delete_button.isVisible()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert not window.state.planner.progress.study_session(session.id).deleted


def test_correct_a_session_in_the_dialog_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    select_activity(qtbot, view, lambda a: a.kind == "logged" and a.minutes == 30)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(SessionDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.duration.text() == "30m"
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "lots")
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("bad duration 'lots'")
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "1h15m")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = activity(view)[0]
    assert (entry.kind, entry.old_minutes, entry.minutes) == ("edited", 30, 75)
    assert "30 min → 1 h 15 min" in item(view, 0).text(1)
    assert view.studied_card.value.text() == "9.2 h"  # 8.5 h + 45 min
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.studied_card.value.text() == "8.5 h"
    assert [a.kind for a in activity(view)[:2]] == ["edited", "edited"]


def test_revert_a_status_change_then_redo(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    select_activity(qtbot, view, lambda a: a.kind == "status" and a.skill == "git")
    assert view.revert_button.isVisible()
    assert view.revert_button.text() == "Back to to do"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    assert "git" not in window.state.planner.progress.statuses()
    top = activity(view)[0]
    assert (top.skill, top.status, top.previous) == ("git", "todo", "done")
    # An earlier change of a skill that changed again since cannot be reverted on its own.
    select_activity(qtbot, view, lambda a: a.kind == "status" and a.skill == "git" and not a.latest)
    assert not view.revert_button.isVisible()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.state.planner.progress.statuses()["git"] == "done"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(
            window,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert "git" not in window.state.planner.progress.statuses()


def test_a_target_date_shows_the_hours_it_needs(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    card = view.target_card
    assert card.value.text() == "None"
    assert not view.target_edit.isEnabled()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.target_check, Qt.MouseButton.LeftButton)
    progress = window.state.progress
    assert progress is not None and progress.target_date is not None
    assert progress.target_date == progress.planned_finish  # proposed: the planned finish
    assert card.detail.text().startswith("Needs ")
    assert card.detail.text().endswith("your 10 h/week make it.")
    # A year from now: the plan of 10 h a week does not fit, and the card warns.
    view.target_edit.setFocus()
    with qtbot.waitSignal(window.state.planChanged):
        view.target_edit.setDate(view.target_edit.date().addDays(-400))
    progress = window.state.progress
    assert progress is not None and progress.target_fits is False
    assert "the plan does not fit at 10 h/week" in card.detail.text()
    assert card.detail.accessibleDescription() == "warning"
    assert window.state.planner.profile().target_date == progress.target_date
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.target_check, Qt.MouseButton.LeftButton)
    assert window.state.planner.profile().target_date is None
    assert card.value.text() == "None"


# Showing a tooltip raises its window, which the offscreen platform cannot do (and says so).
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_chart_tooltips_show_the_value_under_the_mouse(qtbot: QtBot, window: MainWindow) -> None:
    chart = view_of(window).weekly
    progress = window.state.progress
    assert progress is not None
    found = ""
    for x in range(chart.width() - 1, 0, -3):  # from the right: this week's bar
        found = chart.tooltip_at(QPointF(x, chart.height() - 30))
        if found:
            break
    assert found.endswith(f"{format_hours(progress.weekly_hours[-1][1])} so far")
    pos = QPoint(x, chart.height() - 30)
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == found
    QToolTip.hideText()
    heat = view_of(window).heatmap
    texts = {heat.tooltip_at(QPointF(x, y)) for x in range(0, heat.width(), 6) for y in (60, 80)}
    assert any(t.endswith("no study") for t in texts)


def test_the_charts_and_the_list_follow_the_dark_scheme(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    chart = view.burnup
    light = chart.grab().toImage().pixelColor(2, 2)
    session = window.state.planner.progress.study_sessions()[0]
    commands.delete_study_session(window.state, session.id)
    window.set_scheme("dark")
    qtbot.waitUntil(lambda: chart.grab().toImage().pixelColor(2, 2) != light)
    dark = chart.grab().toImage().pixelColor(2, 2)
    assert dark.name() == chart_style(chart.palette()).background.name()
    assert dark.lightness() < 80 < light.lightness()
    # A deleted session is greyed in the dark palette's grey, not the light one's.
    row = next(i for i, a in enumerate(activity(view)) if a.kind == "logged" and a.session_deleted)
    grey = item(view, row).foreground(1).color()
    assert grey == view.palette().color(QPalette.ColorRole.PlaceholderText)
    assert grey.lightness() > 100
    window.set_scheme("light")


def test_without_a_role_the_view_says_what_to_do(open_window: Opener, qtbot: QtBot) -> None:
    window = open_window(history=False)
    window.show_view(View.PROGRESS)
    view = view_of(window)
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text().startswith("Choose a role to see your progress.")


def test_a_role_without_history_shows_empty_charts(open_window: Opener, qtbot: QtBot) -> None:
    window = open_window(history=False)
    with qtbot.waitSignal(window.state.planChanged):
        run_change(window.state, lambda: window.state.planner.profiles.update(role="ai-engineer"))
    window.show_view(View.PROGRESS)
    view = view_of(window)
    assert view.stack.currentWidget() is view.content
    assert view.done_card.value.text() == "0 %"
    assert view.finish_card.value.text() == "Too early to tell"
    assert view.streak_card.value.text() == "0 days"
    assert view.activity.topLevelItemCount() == 0
    assert not any(b.isVisible() for b in (view.edit_button, view.revert_button))
    view.burnup.grab()  # paints the empty state without complaint
    view.weekly.grab()
    view.heatmap.grab()


def test_the_view_and_the_command_line_agree(
    open_window: Opener, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a history of several weeks (some of it back-dated), every figure of `planner
    progress --format json` is the one the Progress view shows."""
    today = date.today()  # the command line knows no other day
    window = open_window(today=today)
    window.show_view(View.PROGRESS)
    view = view_of(window)
    assert main(["--db", str(tmp_path / "planner.sqlite3"), "progress", "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    progress = window.state.progress
    assert progress is not None
    assert view.done_card.value.text() == f"{data['percent_done_hours']:.0f} %"
    assert view.done_card.detail.text().startswith(
        f"{format_hours(data['hours_done'])} of {format_hours(data['hours_total'])}"
    )
    assert f"{data['skills_done']} of {data['skills_total']} skills" in view.done_card.detail.text()
    assert view.studied_card.value.text() == format_hours(data["hours_logged"])
    assert view.studied_card.detail.text().startswith(f"{data['velocity_hours_per_week']:.1f} h")
    assert view.streak_card.value.text() == f"{data['streak_days']} days"
    assert view.streak_card.detail.text() == f"longest {data['longest_streak_days']} days"
    finish = view.finish_card
    assert short_date(date.fromisoformat(data["planned_finish"])) in finish.detail.text()
    assert short_date(date.fromisoformat(data["forecast_finish"])) in finish.detail.text()
    assert finish.value.text() == f"{-data['days_ahead']} days behind"
    # The charts draw exactly the series the JSON lists.
    shown = view.weekly.progress
    assert shown is not None and view.burnup.progress is shown
    assert [{"week": w, "hours": h} for w, h in shown.weekly_hours] == data["weekly_hours"]
    assert [{"date": d.isoformat(), "done_hours": h} for d, h in shown.burnup] == data["burnup"]
    assert {d.isoformat(): round(m / 60, 2) for d, m in view.heatmap.days.minutes.items()} == {
        row["date"]: row["hours"] for row in data["daily_hours"]
    }
