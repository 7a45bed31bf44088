"""The small things a new learner trips over: the plan's status circle is a button, bold and ★
are explained on screen, the group of skills behind them is named for what it holds, Escape
clears the search, and the menus show their keys."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from planner.core.status import Status
from planner.core.wording import HIDE_BEHIND
from planner.ui import commands
from planner.ui.views.plan_model import SKILL_ID_ROLE
from planner.ui.widgets.buttons import accept_buttons
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    """The app for a learner who chose the ML-engineer role at 10 h a week."""
    return open_window(
        lambda planner: planner.profiles.update(role="ml-engineer", hours_per_week=10)
    )


def row_of(window: MainWindow, skill_id: str) -> QModelIndex:
    view = window.plan_view
    return view.proxy.mapFromSource(view.model.index_of(skill_id))


def shown_status(window: MainWindow, skill_id: str) -> str:
    return str(row_of(window, skill_id).siblingAtColumn(1).data())


def click_mark(qtbot: QtBot, window: MainWindow, skill_id: str) -> None:
    tree = window.plan_view.tree
    index = row_of(window, skill_id)
    tree.scrollTo(index)
    mark = tree.mark_rect(index)
    assert mark.width() >= 12 and mark.height() >= 12  # a circle one can aim at
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=mark.center())


def test_clicking_the_status_circle_marks_done_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_mark(qtbot, window, "pandas")
    assert shown_status(window, "pandas") == "Done"
    assert window.state.selected == "pandas"  # the row clicked is the one selected
    assert window.undo_stack.undoText() == "Mark “pandas” done"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown_status(window, "pandas") == "To do"
    click_mark(qtbot, window, "pandas")
    click_mark(qtbot, window, "pandas")  # a second click: to do again
    assert shown_status(window, "pandas") == "To do"
    assert window.state.planner.progress.statuses().get("pandas", "todo") == "todo"


def test_a_click_beside_the_circle_selects_without_changing_anything(
    qtbot: QtBot, window: MainWindow
) -> None:
    tree = window.plan_view.tree
    index = row_of(window, "pandas")
    tree.scrollTo(index)
    name = tree.visualRect(index)
    beside = name.center()
    assert not tree.mark_rect(index).contains(beside)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=beside)
    assert window.state.selected == "pandas"
    assert shown_status(window, "pandas") == "To do"
    assert window.undo_stack.count() == 0


def test_the_legend_says_what_bold_and_the_star_mean_and_they_mean_it(
    window: MainWindow,
) -> None:
    legend = window.plan_view.legend
    assert legend.isVisible()
    assert "<b>Bold</b> and ★ mark a goal of your role or tracks" in legend.text()
    plan = window.state.plan
    assert plan is not None
    goals = 0
    for step in plan.steps:
        index = row_of(window, step.skill.id)
        font = index.data(Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont)
        assert font.bold() == step.goal == str(index.data()).endswith(" ★")
        goals += step.goal
    assert goals > 0


def behind(window: MainWindow) -> set[str]:
    """The skills done, known or skipped, as the plan has them."""
    plan = window.state.plan
    assert plan is not None
    return {s.skill.id for s in plan.steps if s.status in ("done", "implied", "skipped")}


def _header(window: MainWindow, row: int) -> str:
    return str(window.plan_view.proxy.index(row, 0).data())


def test_the_group_behind_the_learner_names_what_it_holds_and_the_toggle_hides_exactly_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_mark(qtbot, window, "git")
    assert _header(window, 0).startswith("Done · 1 skill · ")  # finished in the app: not "known"
    click_mark(qtbot, window, "pandas")  # pandas builds on NumPy, now known too
    assert shown_status(window, "numpy") == "Known"
    assert _header(window, 0).startswith(f"Done and known · {len(behind(window))} skills · ")
    with qtbot.waitSignal(window.state.planChanged):
        commands.set_status(window.state, "sql", "skipped")
    group = behind(window)
    assert {"git", "pandas", "numpy", "sql"} <= group
    assert _header(window, 0).startswith(f"Done, known and skipped · {len(group)} skills · ")

    toggle = window.action_hide_done
    assert toggle.text() == HIDE_BEHIND == window.plan_view.hide_done.text()
    proxy = window.plan_view.proxy
    before = {
        proxy.index(r, 0, proxy.index(p, 0)).data(SKILL_ID_ROLE)
        for p in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(p, 0)))
    }
    toggle.trigger()
    after = {
        proxy.index(r, 0, proxy.index(p, 0)).data(SKILL_ID_ROLE)
        for p in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(p, 0)))
    }
    assert before - after == group  # the group, and nothing else
    assert _header(window, 0).startswith("Phase 1 · ")


def test_escape_clears_the_search_and_gives_the_keys_back_to_the_plan(
    qtbot: QtBot, window: MainWindow
) -> None:
    plan = window.state.plan
    assert plan is not None
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "pandas")
    assert window.plan_view.proxy.rowCount() == 1  # one phase: the one holding pandas
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    shown = sum(
        window.plan_view.proxy.rowCount(window.plan_view.proxy.index(p, 0))
        for p in range(window.plan_view.proxy.rowCount())
    )
    assert shown == len(plan.steps)
    assert window.plan_view.tree.hasFocus()
    # The keys are the plan's again: Space marks the current skill done.
    window.state.select("git")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window.plan_view.tree, Qt.Key.Key_Space)
    assert shown_status(window, "git") == "Done"


def test_escape_in_an_empty_search_still_goes_back_to_the_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view(View.GRAPH)
    window.focus_search()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.graph_view.hasFocus()


def _menu_entries(window: MainWindow) -> dict[str, QAction]:
    entries: dict[str, QAction] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.isSeparator() and action.menu() is None:
                entries[action.text().split("\t")[0].replace("&", "")] = action
    return entries


def _key_shown(action: QAction) -> str:
    """The key a menu shows beside an entry: its shortcut, or the text after a tab."""
    if not action.shortcut().isEmpty():
        return action.shortcut().toString()
    return action.text().partition("\t")[2]


def test_the_menus_show_the_keys_of_their_entries(window: MainWindow) -> None:
    entries = _menu_entries(window)
    shown = {name: _key_shown(action) for name, action in entries.items()}
    assert shown["Toggle done"] == "Space"
    for name, key in {
        "Undo": "Ctrl+Z",
        "Redo": "Ctrl+Shift+Z",
        "Find": "Ctrl+F",
        "Log study time": "Ctrl+L",
        "Import roadmap…": "Ctrl+I",
        "Export…": "Ctrl+E",
        "Quit": "Ctrl+Q",
        "Plan": "Ctrl+1",
        "Compare": "Ctrl+5",
        "Agenda": "Ctrl+6",
        "Review": "Ctrl+7",
        HIDE_BEHIND: "Ctrl+H",
        "Fit the graph": "Ctrl+0",
        "Keyboard shortcuts": "F1",
    }.items():
        assert shown[name] == key, name


def test_toggle_done_from_the_menu_is_the_same_step_as_space(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.state.select("sql")
    done = _menu_entries(window)["Toggle done"]
    with qtbot.waitSignal(window.state.planChanged):
        done.trigger()
    assert shown_status(window, "sql") == "Done"
    with qtbot.waitSignal(window.state.planChanged):
        window.action_undo.trigger()
    assert shown_status(window, "sql") == "To do"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_in_progress_mark_shows_on_a_selected_row(qapp: Any, scheme: str) -> None:
    """Its half-filled ring is drawn in the accent colour, which is also the selection's: on a
    selected row the mark sits on a disc of the view's base colour instead of vanishing."""
    from PySide6.QtGui import QIcon, QImage, QPainter, QPalette

    from planner.ui.theme.look import status_icons
    from tests.render.plans import dark_palette, light_palette

    palette = light_palette() if scheme == "light" else dark_palette()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    icon = status_icons(palette)[Status.IN_PROGRESS]

    def visible_pixels(mode: QIcon.Mode) -> int:
        image = QImage(32, 32, QImage.Format.Format_ARGB32)
        image.fill(highlight)  # the selected row behind the icon
        painter = QPainter(image)
        painter.drawPixmap(0, 0, icon.pixmap(32, 32, mode))
        painter.end()
        return sum(
            1
            for y in range(32)
            for x in range(32)
            if _distance(QColor(image.pixel(x, y)), highlight) > 60
        )

    assert visible_pixels(QIcon.Mode.Normal) < 150  # the accent ring melts into the selection
    assert visible_pixels(QIcon.Mode.Selected) > 300


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize(
    ("accept", "text"),
    [(QDialogButtonBox.StandardButton.Ok, "OK"), (QDialogButtonBox.StandardButton.Save, "Save")],
)
def test_a_dialogs_accept_button_accepts_it_and_cancel_rejects_it(
    qtbot: QtBot, accept: QDialogButtonBox.StandardButton, text: str
) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box, button = accept_buttons(dialog, accept)
    assert button.text().replace("&", "") == text
    assert {b.text().replace("&", "") for b in box.buttons()} == {text, "Cancel"}
    with qtbot.waitSignal(dialog.accepted):
        button.click()
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.rejected):
        cancel.click()
