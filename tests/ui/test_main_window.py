"""The main window driven as a learner would: choose, mark, note, log, undo, and come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui import commands
from planner.ui.ops import run_change
from planner.ui.theme import look
from planner.ui.views.plan_model import SKILL_ID_ROLE, PlanModel
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_window: WindowFactory, tmp_path: Path) -> MainWindow:
    """The app for a learner who chose the ML-engineer role at 10 h a week."""
    planner = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.close()
    return open_window()


def row_of(window: MainWindow, skill_id: str) -> QModelIndex:
    view = window.plan_view
    return view.proxy.mapFromSource(view.model.index_of(skill_id))


def shown_status(window: MainWindow, skill_id: str) -> str:
    return str(row_of(window, skill_id).siblingAtColumn(1).data())


def click_row(qtbot: QtBot, window: MainWindow, skill_id: str) -> None:
    tree = window.plan_view.tree
    index = row_of(window, skill_id).siblingAtColumn(2)
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )


def test_the_plan_the_graph_and_the_status_bar_show_the_role(window: MainWindow) -> None:
    assert window.role_box.currentText() == "Machine-learning engineer"
    assert window.windowTitle() == "default — Roadmap planner"
    plan = window.state.plan
    assert plan is not None
    assert row_of(window, "backpropagation").isValid()
    assert window.graph_view.plan() is plan
    text = window.status_plan.text()
    assert text.startswith(f"{plan.remaining_hours:.0f} h remaining · finish ")
    assert "0 % done" in text


def test_changing_role_tracks_and_hours_replans_at_once(qtbot: QtBot, window: MainWindow) -> None:
    before = window.state.plan
    assert before is not None
    window.role_box.setFocus()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window.role_box, Qt.Key.Key_Up)  # AI engineer is listed first
    assert window.role_box.currentText() == "AI engineer"
    assert row_of(window, "rag").isValid()
    assert not row_of(window, "backpropagation").isValid()

    agents = next(a for a in window.tracks_menu.actions() if a.data() == "agents")
    with qtbot.waitSignal(window.state.planChanged):
        agents.trigger()
    assert window.tracks_button.text() == "Tracks (1)"
    assert row_of(window, "mcp-servers").isValid()

    plan = window.state.plan
    assert plan is not None
    finish = plan.finish
    spin = window.hours_box
    spin.lineEdit().selectAll()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClicks(spin.lineEdit(), "20")
        qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    plan = window.state.plan
    assert plan is not None
    assert plan.hours_per_week == 20
    assert finish is not None and plan.finish is not None
    assert plan.finish < finish
    assert window.state.planner.profile().tracks == ("agents",)


def test_space_marks_done_and_the_whole_window_follows(qtbot: QtBot, window: MainWindow) -> None:
    plan = window.state.plan
    assert plan is not None
    remaining = plan.remaining_hours
    click_row(qtbot, window, "pandas")
    assert window.state.selected == "pandas"
    assert window.skill_panel.title.text() == "pandas"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window.plan_view.tree, Qt.Key.Key_Space)
    assert shown_status(window, "pandas") == "Done"
    assert shown_status(window, "numpy") == "Known"  # pandas builds on NumPy
    plan = window.state.plan
    assert plan is not None
    assert plan.remaining_hours < remaining
    assert window.graph_view.plan() is plan
    assert f"{plan.remaining_hours:.0f} h remaining" in window.status_plan.text()
    # Space again takes it back to to-do.
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window.plan_view.tree, Qt.Key.Key_Space)
    assert shown_status(window, "pandas") == "To do"
    assert shown_status(window, "numpy") == "To do"


def test_status_buttons_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    click_row(qtbot, window, "sql")
    done = window.skill_panel.findChild(type(window.tracks_button), "status-done")
    assert done is not None
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert shown_status(window, "sql") == "Done"
    assert done.isChecked()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown_status(window, "sql") == "To do"
    assert not done.isChecked()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(
            window,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert shown_status(window, "sql") == "Done"
    assert window.state.planner.progress.statuses() == {"sql": "done"}


def test_context_menu_offers_every_status(qtbot: QtBot, window: MainWindow) -> None:
    click_row(qtbot, window, "git")
    with qtbot.waitSignal(window.state.planChanged):
        commands.set_status(window.state, "git", "skipped")  # what the menu's action calls
    assert shown_status(window, "git") == "Skipped"


def test_a_note_and_logged_time_survive_a_restart(
    qtbot: QtBot, window: MainWindow, open_window: WindowFactory
) -> None:
    click_row(qtbot, window, "pytorch")
    panel = window.skill_panel
    qtbot.mouseClick(panel.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.notes, "Do the 60-minute blitz first.")
    with qtbot.waitSignal(window.state.notesChanged, timeout=3000):
        pass  # saved by the debounce timer, without leaving the field
    qtbot.keyClicks(panel.duration, "1h30m")
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.mouseClick(panel.log_button, Qt.MouseButton.LeftButton)
    assert panel.time_total.text() == "Studied so far: 1 h 30 min"
    assert shown_status(window, "pytorch") == "Started 10 Mar"  # TODAY
    window.close()

    again = open_window()
    again.state.select("pytorch")
    assert again.skill_panel.notes.toPlainText() == "Do the 60-minute blitz first."
    assert again.skill_panel.time_total.text() == "Studied so far: 1 h 30 min"
    assert shown_status(again, "pytorch") == "Started 10 Mar"


def test_undo_a_note_and_a_study_session(qtbot: QtBot, window: MainWindow) -> None:
    window.state.select("sql")
    panel = window.skill_panel
    panel.notes.setPlainText("joins")
    panel.save_note()
    assert window.state.planner.progress.note("sql") == "joins"
    qtbot.keyClicks(panel.duration, "45m")
    qtbot.keyClick(panel.duration, Qt.Key.Key_Return)
    assert [s.minutes for s in window.state.planner.progress.study_sessions()] == [45]
    window.undo_stack.undo()
    assert window.state.planner.progress.study_sessions() == []
    assert window.state.planner.progress.statuses() == {}  # logging had started it; undo un-starts
    window.undo_stack.undo()
    assert window.state.planner.progress.note("sql") == ""
    assert panel.notes.toPlainText() == ""


def test_a_bad_duration_is_explained_and_nothing_is_logged(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.state.select("sql")
    panel = window.skill_panel
    qtbot.keyClicks(panel.duration, "lots")
    qtbot.mouseClick(panel.log_button, Qt.MouseButton.LeftButton)
    assert panel.log_message.text().startswith("bad duration 'lots'")
    assert window.state.planner.progress.study_sessions() == []


def test_search_filters_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "linear alg")
    proxy = window.plan_view.proxy
    shown = [
        proxy.index(r, 0, proxy.index(p, 0)).data(SKILL_ID_ROLE)
        for p in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(p, 0)))
    ]
    assert shown == ["linear-algebra"]


def test_hide_done_is_remembered(
    qtbot: QtBot, window: MainWindow, open_window: WindowFactory
) -> None:
    window.set_status("backpropagation", "done")
    assert row_of(window, "calculus").isValid()
    qtbot.mouseClick(window.plan_view.hide_done, Qt.MouseButton.LeftButton)
    assert not row_of(window, "calculus").isValid()
    assert not row_of(window, "backpropagation").isValid()
    assert row_of(window, "pytorch").isValid()
    window.close()
    again = open_window()
    assert again.plan_view.hide_done.isChecked()
    assert not row_of(again, "calculus").isValid()


def test_selecting_in_the_plan_selects_in_the_graph_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_row(qtbot, window, "calculus")
    assert window.graph_view.selected_skill() == "calculus"
    window.graph_view.skillSelected.emit("statistics")
    assert window.state.selected == "statistics"
    current = window.plan_view.tree.currentIndex()
    assert current.data(SKILL_ID_ROLE) == "statistics"


def test_markup_is_shown_literally(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    name = "<img src=x> <b>bold</b>"
    path = tmp_path / "markup.yaml"
    path.write_text(
        "format: 1\nskills:\n"
        f"  - id: markup\n    name: '{name}'\n    area: '<i>area</i>'\n    hours: 3\n"
        "    summary: '<script>alert(1)</script> & more'\n"
        "    resources:\n      - {title: '<b>Title</b>', url: 'https://example.org/?a=1&b=2'}\n"
        "roles:\n  - {id: tags, name: '<u>Role</u>', goals: [markup]}\n",
        encoding="utf-8",
    )
    assert window.import_files([str(path)])
    window.role_box.setFocus()
    index = window.role_box.findData("tags")
    window.role_box.setCurrentIndex(index - 1)
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window.role_box, Qt.Key.Key_Down)
    assert window.role_box.currentText() == "<u>Role</u>"
    assert row_of(window, "markup").data() == name + " ★"
    window.state.select("markup")
    panel = window.skill_panel
    assert panel.title.text() == name
    assert panel.title.textFormat() == Qt.TextFormat.PlainText
    assert panel.summary.text() == "<script>alert(1)</script> & more"
    assert "&lt;b&gt;Title&lt;/b&gt;" in panel.resources.text()  # escaped inside the link


def test_a_bad_import_shows_every_problem_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("format: 1\nskills:\n  - {id: x, name: X, area: A, hours: -1}\n")
    skills = len(window.state.planner.library().skills)
    assert not window.import_files([str(path)])
    dialog = window.import_problems
    assert dialog.isVisible()
    entries = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert entries == [f"{path}:3: skill 'x': 'hours': Input should be greater than 0, got -1"]
    assert len(window.state.planner.library().skills) == skills
    dialog.close()


def test_the_plan_model_passes_the_model_tester(qtmodeltester: object, planner: Planner) -> None:
    model = PlanModel()
    model.set_plan(planner.planning.plan("ml-engineer"))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_window_state_is_restored(open_window: WindowFactory, window: MainWindow) -> None:
    window.resize(window.width(), 555)  # the offscreen screen is 800 x 600
    window.dock.hide()
    window.show_view(View.GRAPH)
    window.close()
    again = open_window()
    assert again.height() == 555
    assert again.dock.isHidden()
    assert again.views.currentIndex() == 1
    assert again.sidebar.currentRow() == 1
    assert again.views.currentIndex() == 1
    QApplication.processEvents()


def test_an_implied_skill_shows_no_status_button_pressed(qtbot: QtBot, window: MainWindow) -> None:
    window.state.select("numpy")
    todo = window.skill_panel.findChild(type(window.tracks_button), "status-todo")
    assert todo is not None and todo.isChecked()
    with qtbot.waitSignal(window.state.planChanged):
        window.set_status("pandas", "done")
    buttons = window.skill_panel.status_buttons.buttons()
    assert [b for b in buttons if b.isChecked()] == []
    assert window.skill_panel.implied.text() == "Known because you finished pandas."


def test_clicking_the_status_a_skill_already_has_adds_no_undo_step(window: MainWindow) -> None:
    window.set_status("git", "done")
    window.set_status("git", "done")
    assert window.undo_stack.count() == 1


def test_tooltips_show_summaries_literally(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "tip.yaml"
    path.write_text(
        "format: 1\nskills:\n  - {id: tip, name: Tip, area: A, hours: 1, "
        "summary: '<img src=/etc/passwd> <b>bold</b>'}\n"
        "roles:\n  - {id: tips, name: Tips, goals: [tip]}\n",
        encoding="utf-8",
    )
    assert window.import_files([str(path)])
    window.state.planner.profiles.update(role="tips")
    window.refresh_profile()
    tip = row_of(window, "tip").data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p>&lt;img src=/etc/passwd&gt; &lt;b&gt;bold&lt;/b&gt;</p>"


def test_resource_links_follow_the_colour_scheme(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = app.palette()
    window.state.select("pytorch")
    panel = window.skill_panel
    assert "<a href='https://docs.pytorch.org/tutorials/'" in panel.resources.text()
    # What the learner is typing outlives the change of scheme.
    qtbot.keyClicks(panel.notes, "half a thought")
    qtbot.keyClicks(panel.duration, "45m")

    def link_colour() -> str:
        return app.palette().color(QPalette.ColorRole.Link).name()

    try:
        look.apply_scheme(app, "dark")
        dark = link_colour()
        assert dark == look.dark_palette().color(QPalette.ColorRole.Link).name()
        qtbot.waitUntil(lambda: f"color: {dark}" in panel.resources.text())
        assert panel.notes.toPlainText() == "half a thought"
        assert panel.duration.text() == "45m"
        assert panel.skill_id == "pytorch"
        look.apply_scheme(app, "light")
        light = link_colour()
        assert light != dark
        qtbot.waitUntil(lambda: f"color: {light}" in panel.resources.text())
        assert f"color: {dark}" not in panel.resources.text()
        assert panel.notes.toPlainText() == "half a thought"
        assert panel.duration.text() == "45m"
    finally:
        app.setPalette(palette)


def test_an_ampersand_in_an_undo_text_is_shown_as_itself(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "qa.yaml"
    path.write_text(
        "format: 1\nskills:\n  - {id: qa, name: Q&A practice, area: A, hours: 2}\n"
        "roles:\n  - {id: qa-role, name: Q&A, goals: [qa]}\n",
        encoding="utf-8",
    )
    assert window.import_files([str(path)])
    with qtbot.waitSignal(window.state.planChanged):
        run_change(window.state, lambda: window.state.planner.profiles.update(role="qa-role"))
    window.state.select("qa")
    done = window.skill_panel.findChild(type(window.tracks_button), "status-done")
    assert done is not None
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    # The Edit menu: `&` doubled, so it shows literally instead of marking a shortcut.
    undo = window.action_undo
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert isinstance(edit, QMenu) and undo in edit.actions()
    assert undo.text() == "&Undo Mark “Q&&A practice” done"
    assert undo.iconText() == "Undo Mark “Q&A practice” done"  # the text as a menu shows it
    # The command keeps the text as written, and the Progress view shows that.
    stack = window.undo_stack
    assert stack.text(stack.index() - 1) == "Mark “Q&A practice” done"
    window.show_view(View.PROGRESS)
    view = window.progress_view
    assert view.undo_button.toolTip() == "<p>Undo: Mark “Q&amp;A practice” done (Ctrl+Z)</p>"
    entry = view.activity.topLevelItem(0)
    assert entry is not None and entry.text(1) == "Finished “Q&A practice” (was to do)"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert window.state.planner.progress.statuses() == {}
    assert window.action_redo.iconText() == "Redo Mark “Q&A practice” done"
    assert view.undo_button.toolTip() == "Nothing to undo"
