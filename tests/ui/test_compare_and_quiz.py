"""The compare view and the "Which role fits me?" dialog, in the real main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.onboarding.quiz_dialog import QuizDialog
from planner.ui.views.compare_view import SKILL_ID, CompareView, role_colors
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.ui.conftest import WindowFactory


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    def learner(planner: Planner) -> None:
        planner.profiles.update(role="ml-engineer", hours_per_week=10)
        planner.progress.set_status("python-basics", "done")

    return open_window(learner)


def test_compare_view_shows_both_roles_and_what_each_still_costs(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_view(View.COMPARE)
    view = window.compare_view
    assert window.views.currentWidget() is view
    assert window.sidebar.item(4).text() == "Compare"
    assert window.view_actions[4].shortcut().toString() == "Ctrl+5"
    assert view.role_a.currentData() == "ml-engineer"  # the learner's role comes first
    assert view.role_b.currentData() == "ai-engineer"
    c = window.state.planner.planning.compare("ml-engineer", "ai-engineer")
    assert view.comparison == c
    assert (view.only_a.count(), view.shared.count(), view.only_b.count()) == (
        len(c.only_a),
        len(c.shared),
        len(c.only_b),
    )
    assert view.diagram.counts == (len(c.only_a), len(c.shared), len(c.only_b))
    assert "python-basics" in c.shared and c.remaining_hours_a < c.total_hours_a
    assert "Still to study" in view.switch.text() and "105,000 GBP" in view.pay.text()
    assert view.totals.textFormat() == Qt.TextFormat.PlainText

    # Progress moves the switch cost at once.
    before = view.switch.text()
    window.set_status("sql", "done")
    assert view.switch.text() != before

    # Double-clicking a skill selects it in the whole app.
    item = view.shared.item(0)
    rect = view.shared.visualItemRect(item)
    qtbot.mouseClick(view.shared.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.shared.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.state.selected == item.data(SKILL_ID)

    view.set_roles("ai-engineer", "ml-engineer")
    assert view.comparison is not None and view.comparison.a == "ai-engineer"


def test_compare_view_follows_the_palette(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.show_view(View.COMPARE)
    window.resize(1280, 800)
    window.set_scheme("light", save=False)
    qtbot.wait(50)
    # The docs' screenshots of this view come from tests/ui/test_nothing_clipped.py.
    assert window.grab().save(str(tmp_path / "compare-light.png"))
    light = role_colors(window.compare_view.palette())
    window.set_scheme("dark", save=False)
    qtbot.waitUntil(lambda: role_colors(window.compare_view.palette()) != light)
    window.compare_view.diagram.grab()  # paints on the dark palette without complaint
    title = window.compare_view.only_a_title.palette().color(QPalette.ColorRole.WindowText)
    assert title == role_colors(window.compare_view.palette())[0]
    assert window.grab().save(str(tmp_path / "compare-dark.png"))
    window.set_scheme("light", save=False)
    assert isinstance(light[0], QColor)


def test_quiz_recommends_and_starts_the_plan(window: MainWindow, qtbot: QtBot) -> None:
    window.show_quiz()
    dialog = window.quiz_dialog
    assert isinstance(dialog, QuizDialog)
    assert not dialog.start.isEnabled()
    # Avoids maths, likes shipping with new tools, little research: AI engineering.
    for question, answer in (("maths", 2), ("under-the-hood", 1), ("pace", 0), ("research", 2)):
        dialog.groups[question].button(answer).click()
    assert dialog.recommendation is not None
    assert dialog.recommendation.role == "ai-engineer"
    assert "AI engineer" in dialog.result_label.text()
    assert "less research" in dialog.reasons.toPlainText()
    assert "From where you stand" in dialog.reasons.toPlainText()
    assert dialog.result_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert window.state.planner.profile().role == "ai-engineer"
    assert window.role_box.currentData() == "ai-engineer"
    assert window.state.plan is not None and window.state.plan.role == "ai-engineer"
    QApplication.processEvents()


def test_compare_view_alone_with_a_fresh_learner(qtbot: QtBot, planner: Planner) -> None:
    from planner.ui.state import AppState

    view = CompareView(AppState(planner))
    qtbot.addWidget(view)
    assert view.role_a.count() == 2 and view.role_a.currentData() != view.role_b.currentData()
