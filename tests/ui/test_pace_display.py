"""The learner's own pace wherever hours and dates appear: the plan's hours column, the skill
panel, the status bar's finish, the Progress view's pace card and heatmap; and planning by it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.text import hours_with_pace
from planner.ui.views.plan_model import SKILL_ID_ROLE
from planner.ui.widgets.dates import short_date
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory


def slow_learner(planner: Planner) -> None:
    """Python (40 h estimated) took 80 h, SQL (20 h) took 40 h: skills take about 60 % longer."""
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    for skill, hours, days in (("python-basics", 80, 60), ("sql", 40, 25)):
        for day in range(days):
            planner.progress.log_study(skill, hours * 60 // days, TODAY - timedelta(days=70 - day))
        planner.progress.set_status(skill, "done", TODAY - timedelta(days=70 - days))


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window(slow_learner, size=(1280, 800), active=True)


def _hours_cell(window: MainWindow, skill_id: str) -> QModelIndex:
    model = window.plan_view.model
    index = model.index_of(skill_id, 3)
    assert index.isValid() and index.siblingAtColumn(0).data(SKILL_ID_ROLE) == skill_id
    return index


def test_hours_words_show_the_learners_own_only_when_they_differ() -> None:
    assert hours_with_pace(12, 18) == "12 h (you: ~18 h)"
    assert hours_with_pace(12, 12.4) == "12 h"  # too close to matter
    assert hours_with_pace(2, 2.4) == "2 h"  # under half an hour
    assert hours_with_pace(10, 7.4) == "10 h (you: ~7.4 h)"
    assert hours_with_pace(80, 121.6) == "80 h (you: ~122 h)"  # whole hours from 10 h


def test_the_plan_the_panel_and_the_status_bar_show_the_learners_pace(
    window: MainWindow,
) -> None:
    plan = window.state.plan
    assert plan is not None and window.state.pace.known
    step = next(s for s in plan.steps if s.skill.id == "unix-shell")
    assert step.personal_hours is not None and step.personal_hours > step.skill.hours
    cell = _hours_cell(window, "unix-shell")
    expected = hours_with_pace(step.skill.hours, step.personal_hours)
    assert cell.data() == expected and expected.startswith("10 h (you: ~1")
    # A finished skill shows its estimate alone: what it took is in the skill panel.
    assert _hours_cell(window, "sql").data() == "20 h"
    assert "at your pace about" in cell.data(Qt.ItemDataRole.ToolTipRole)
    # The column is wide enough for it.
    tree = window.plan_view.tree
    assert tree.header().sectionSize(3) > tree.fontMetrics().horizontalAdvance(expected)

    window.state.select("unix-shell")
    assert expected.replace(" ", "\u00a0") in window.skill_panel.meta.text()

    assert plan.finish_as_estimated and plan.finish_at_pace
    assert plan.finish_at_pace > plan.finish_as_estimated
    words = (
        f"finish {short_date(plan.finish_as_estimated)} "
        f"(at your pace: {short_date(plan.finish_at_pace)})"
    )
    assert words in window.status_plan.text()


def test_the_progress_view_gives_the_pace_in_words_and_both_finish_dates(
    window: MainWindow,
) -> None:
    window.show_view(View.PROGRESS)
    line = window.progress_view.pace_line
    plan = window.state.plan
    assert plan is not None and plan.finish_as_estimated and plan.finish_at_pace
    percent = round((window.state.pace.overall - 1) * 100)
    assert line.isVisible()
    assert line.text() == (
        f"Your pace: skills take you about {percent} % longer than estimated "
        f"(from 2 finished skills) — finish {short_date(plan.finish_as_estimated)} by the "
        f"estimates, {short_date(plan.finish_at_pace)} at your own pace."
    )


def test_a_new_learner_sees_the_estimates_alone(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(lambda p: p.profiles.update(role="ml-engineer"), active=True)
    assert not window.state.pace.known
    assert _hours_cell(window, "sql").data() == "20 h"
    assert "at your pace" not in window.status_plan.text()
    window.show_view(View.PROGRESS)
    assert window.progress_view.pace_line.text() == (
        "Your pace: not known yet (finish a skill with its study time logged)."
    )


def test_planning_with_my_own_pace_dates_the_plan_by_it(qtbot: QtBot, window: MainWindow) -> None:
    before = window.state.plan
    assert before is not None and not before.at_pace
    window.show_study_settings()
    dialog = window.study_settings
    qtbot.waitExposed(dialog)
    assert dialog.pace.text().startswith("Your pace: skills take you about")
    dialog.by_pace.setFocus()
    qtbot.keyClick(dialog.by_pace, Qt.Key.Key_Space)
    assert dialog.by_pace.isChecked()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.state.planner.profile().plan_by_pace
    plan = window.state.plan
    assert plan is not None and plan.at_pace
    assert plan.finish == plan.finish_at_pace
    assert plan.finish_as_estimated and plan.finish_at_pace
    words = (
        f"finish {short_date(plan.finish_at_pace)} at your pace "
        f"(as estimated: {short_date(plan.finish_as_estimated)})"
    )
    assert words in window.status_plan.text()
    # The hours column keeps the estimate first, the learner's hours beside it.
    assert "(you: ~" in str(_hours_cell(window, "unix-shell").data())
