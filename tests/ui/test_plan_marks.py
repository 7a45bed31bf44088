"""The plan view's marks as a learner meets them: the status circle is a button, bold and ★
are explained on screen, and the group of skills behind them is named for what it holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from planner.core.wording import HIDE_BEHIND
from planner.service import Planner
from planner.ui.main_window import MainWindow
from planner.ui.models import SKILL_ID_ROLE
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The app for a learner who chose the ML-engineer role at 10 h a week."""
    planner = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    planner.update_profile(role="ml-engineer", hours_per_week=10)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(planner, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    planner.close()


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
    assert window.state.planner.statuses().get("pandas", "todo") == "todo"


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
        window.plan_view.statusRequested.emit("sql", "skipped")
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
