"""A learner's plan and progress opened read-only, as a mentor opens them from the Cohort view:
everything shows, nothing can be changed, and the window says whose plan it is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.views.cohort.learner_window import LearnerWindow
from planner.ui.views.plan_model import SKILL_ID_ROLE
from tests.conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def mentor(tmp_path: Path) -> Iterator[Planner]:
    """The mentor's planner on a database that also holds Ana, who has studied a while."""
    planner = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    planner.profiles.create("Ana")
    ana = Planner(planner.db, "Ana", planner.today)
    ana.profiles.update(role="ml-engineer", hours_per_week=8)
    ana.progress.log_study("python-basics", 90, TODAY - timedelta(days=3))
    ana.progress.set_status("python-basics", "done", TODAY - timedelta(days=2))
    yield planner
    planner.close()


@pytest.fixture
def window(qtbot: QtBot, mentor: Planner) -> LearnerWindow:
    w = LearnerWindow(mentor, "Ana", "Ana")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def statuses(mentor: Planner) -> dict[str, str]:
    return dict(Planner(mentor.db, "Ana", mentor.today).progress.statuses())


def test_the_window_says_whose_plan_it_shows(window: LearnerWindow) -> None:
    assert window.windowTitle() == "Ana’s plan — read only"
    assert "Read only: only Ana changes them" in window.banner.text()
    assert window.plan_view.summary.text().startswith("Machine-learning engineer")
    assert "Click a status circle" not in window.plan_view.legend.text()
    model = window.plan_view.model
    assert model.index_of("python-basics").isValid()


def test_no_click_key_or_menu_changes_a_status(qtbot: QtBot, window: LearnerWindow) -> None:
    before = statuses(window.planner)
    view = window.plan_view
    tree = view.tree
    index = view.proxy.mapFromSource(view.model.index_of("numpy"))
    tree.scrollTo(index)
    with qtbot.assertNotEmitted(window.state.planChanged):
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.mark_rect(index).center()
        )
        assert tree.currentIndex().data(SKILL_ID_ROLE) == "numpy"  # selected, nothing more
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        tree.customContextMenuRequested.emit(tree.visualRect(index).center())
    assert not [m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible()]
    assert statuses(window.planner) == before


def test_the_progress_shows_but_offers_no_change(qtbot: QtBot, window: LearnerWindow) -> None:
    window.tabs.setCurrentWidget(window.progress_view)
    progress = window.progress_view
    assert progress.done_card.value.text().endswith("%")
    assert not progress.target_check.isEnabled()
    assert not progress.target_edit.isEnabled()
    assert progress.undo_button.isHidden()
    activity = progress.activity_list
    assert activity.tree.headerItem().text(1) == "What was recorded"
    rows = activity.tree.topLevelItemCount()
    assert rows >= 2  # the session and the status change at least
    for row in range(rows):
        item = activity.tree.topLevelItem(row)
        assert item is not None
        activity.tree.setCurrentItem(item)
        shown = [
            b.text()
            for b in (
                activity.edit_button,
                activity.delete_button,
                activity.restore_button,
                activity.revert_button,
            )
            if not b.isHidden()
        ]
        assert shown == []
    with qtbot.assertNotEmitted(window.state.sessionsChanged):
        activity.tree.setFocus()
        qtbot.keyClick(activity.tree, Qt.Key.Key_Delete)


def test_refresh_shows_what_the_learner_did_since(qtbot: QtBot, window: LearnerWindow) -> None:
    ana = Planner(window.planner.db, "Ana", window.planner.today)
    ana.progress.set_status("numpy", "done", TODAY)
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(window.refresh_button, Qt.MouseButton.LeftButton)
    view = window.plan_view
    assert view.model.index_of("numpy").siblingAtColumn(1).data() == "Done"


def test_escape_closes_the_window(qtbot: QtBot, window: LearnerWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_an_unknown_profile_is_refused_before_a_window_exists(mentor: Planner) -> None:
    from planner.errors import PlannerError

    with pytest.raises(PlannerError):
        LearnerWindow(mentor, "Nobody", "Nobody")
