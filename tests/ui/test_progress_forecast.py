"""The Progress view's finish card speaks only with evidence: "too early to tell" and what is
missing, never "days behind" from a first evening's study (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.views.activity_list import ACTIVITY_ROLE
from planner.ui.views.progress_view import ProgressView
from planner.ui.widgets.dates import short_date
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory

Record = Callable[[Planner], object]


@pytest.fixture
def progress_of(qtbot: QtBot, open_window: WindowFactory) -> Callable[[Record], ProgressView]:
    """Records a history, then opens the window on it and shows Progress with Ctrl+3."""

    def open_on(record: Record) -> ProgressView:
        window = open_window(record, size=(1280, 800), active=True)
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.views.currentWidget() is window.progress_view)
        return window.progress_view

    return open_on


def words_on(view: ProgressView) -> str:
    return " ".join(label.text() for label in view.findChildren(QLabel) if label.isVisible())


def test_ninety_minutes_before_the_start_are_too_early_to_tell(
    progress_of: Callable[[Record], ProgressView],
) -> None:
    monday = TODAY + timedelta(days=7 - TODAY.weekday())

    def first_evening(planner: Planner) -> None:
        planner.profiles.update(role="ml-engineer", hours_per_week=12, start=monday)
        planner.progress.log_study("clustering", 90, TODAY)

    view = progress_of(first_evening)
    plan = view.state.plan
    assert plan is not None and plan.finish is not None
    assert view.finish_card.value.text() == "Too early to tell"
    assert view.finish_card.detail.text() == (
        f"14 days and 3 h of study from your start on {short_date(monday)}\n"
        f"planned {short_date(plan.finish)}"
    )
    assert view.studied_card.value.text() == "1.5 h"
    assert view.studied_card.detail.text() == "no pace yet"
    assert "days behind" not in words_on(view) and "days ahead" not in words_on(view)


def test_deleting_the_session_that_made_the_evidence_takes_the_forecast_back(
    progress_of: Callable[[Record], ProgressView], qtbot: QtBot
) -> None:
    def three_weeks(planner: Planner) -> None:
        planner.profiles.update(role="ml-engineer", hours_per_week=10)
        planner.progress.log_study("python-basics", 300, TODAY - timedelta(days=20))
        planner.progress.log_study("python-basics", 60, TODAY)

    view = progress_of(three_weeks)
    # 6 h in 3 weeks: 2 h a week against a plan of 10, a date and how far behind it is.
    assert view.studied_card.detail.text() == "2.0 h/week over the last 3 weeks"
    assert view.finish_card.value.text().endswith("days behind")
    progress = view.state.progress
    assert progress is not None and progress.forecast_finish is not None
    finish = short_date(progress.forecast_finish)
    assert f"at your recent rate {finish}" in view.finish_card.detail.text()

    tree = view.activity
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    found = next(
        it
        for it in items
        if it is not None
        and (entry := it.data(0, ACTIVITY_ROLE)).kind == "logged"
        and entry.minutes == 300
    )
    assert found is not None
    tree.scrollToItem(found)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(found).center()
    )
    with qtbot.waitSignal(view.state.planChanged):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    # One hour left in the three weeks: the forecast is withdrawn, and the card says why.
    assert view.finish_card.value.text() == "Too early to tell"
    assert view.finish_card.detail.text().startswith("2 h more of study\nplanned ")
    assert view.studied_card.detail.text() == "no pace yet"

    with qtbot.waitSignal(view.state.planChanged):
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert view.finish_card.value.text().endswith("days behind")


def test_a_learner_who_stopped_is_told_so(progress_of: Callable[[Record], ProgressView]) -> None:
    def stopped(planner: Planner) -> None:
        planner.profiles.update(role="ml-engineer", hours_per_week=10)
        planner.progress.log_study("python-basics", 600, date(2025, 12, 1))

    view = progress_of(stopped)
    assert view.finish_card.value.text() == "No recent study"
    assert view.finish_card.detail.text().startswith("nothing logged in the last 4 weeks\n")
    assert view.studied_card.detail.text() == "0 h/week over the last 4 weeks"
