"""The Review view and the status bar's count as a learner meets them: a skill finished months
ago comes up, "Rusty" moves it, rusty twice offers to study it again, nothing due says when
the next review is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner.core.reviews import Answer, ReviewState
from planner.core.status import Status
from planner.service import Planner
from planner.ui import commands
from planner.ui.views.review_view import NOTHING_FINISHED, ReviewRow
from planner.ui.widgets.dates import short_date
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory

LONG_AGO = TODAY - timedelta(days=200)


def finished_long_ago(planner: Planner) -> None:
    """A learner who finished Python and SQL last summer, and Git yesterday."""
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.progress.set_status("python-basics", "done", LONG_AGO)
    planner.progress.set_status("sql", "done", LONG_AGO + timedelta(days=3))
    planner.progress.set_status("git", "done", TODAY - timedelta(days=1))


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window(finished_long_ago, size=(1280, 800), active=True)


def _row(window: MainWindow, skill_id: str, qtbot: QtBot | None = None) -> ReviewRow:
    """The row of a skill on the list, once on screen (rows come in after a change)."""
    row = window.review_view.row(skill_id)
    assert row is not None, f"{skill_id} is not on the review list"
    if qtbot is not None:
        qtbot.waitUntil(row.isVisible)
    return row


def shows(row: ReviewRow, widget: QWidget) -> bool:
    """Whether a part of a row shows with it."""
    return widget.isVisibleTo(row)


def test_a_skill_finished_months_ago_comes_up_and_the_status_bar_counts_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    count = window.status_reviews
    assert count.isVisible()
    assert count.text() == "2 reviews due"
    qtbot.mouseClick(count, Qt.MouseButton.LeftButton)
    assert window.views.currentWidget() is window.review_view
    view = window.review_view
    assert view.summary.text() == "2 reviews due today"
    row = _row(window, "python-basics", qtbot)
    assert row.name.text() == window.state.planner.library().skills["python-basics"].name
    details = row.details.text()
    assert f"Finished {short_date(LONG_AGO)}" in details
    assert "not reviewed yet" in details
    assert "overdue" in details or "due today" in details
    assert shows(row, row.solid_button) and shows(row, row.rusty_button)
    assert not shows(row, row.reopen_button)
    assert view.row("git") is None  # finished yesterday: not due for a while


def test_rusty_moves_the_review_and_the_count_follows_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view(View.REVIEW)
    row = _row(window, "python-basics", qtbot)
    with qtbot.waitSignal(window.state.reviewsChanged):
        qtbot.mouseClick(row.rusty_button, Qt.MouseButton.LeftButton)
    answers = window.state.planner.reviews.events()
    assert [(e.skill_id, e.answer, e.day) for e in answers] == [
        ("python-basics", Answer.RUSTY, TODAY)
    ]
    # Rusty: back soon, but not today; the list and the status bar say so without a reload.
    moved = _row(window, "python-basics", qtbot)
    assert not shows(moved, moved.solid_button)
    assert f"last reviewed {short_date(TODAY)}" in moved.details.text()
    assert window.status_reviews.text() == "1 review due"
    assert window.state.selected == "python-basics"  # the skill panel shows what was answered


def test_still_solid_sends_the_skill_far_off_and_the_list_empties(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view(View.REVIEW)
    for skill_id in ("python-basics", "sql"):
        with qtbot.waitSignal(window.state.reviewsChanged):
            button = _row(window, skill_id, qtbot).solid_button
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    view = window.review_view
    assert view.stack.currentWidget() is view.empty
    states = window.state.planner.reviews.states()
    upcoming = min(states, key=lambda s: s.due)
    assert upcoming.due > TODAY + timedelta(days=6)
    assert view.empty.text().startswith("Nothing to review — next review on ")
    assert short_date(upcoming.due, "ddd d MMM yyyy") in view.empty.text()
    assert not window.status_reviews.isVisible()


def test_rusty_twice_in_a_row_offers_to_study_it_again(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    def rusty_once(planner: Planner) -> None:
        finished_long_ago(planner)
        planner.reviews.answer("python-basics", "rusty", TODAY - timedelta(days=2))

    window = open_window(rusty_once, active=True)
    window.show_view(View.REVIEW)
    row = _row(window, "python-basics", qtbot)
    assert not shows(row, row.reopen_button)
    with qtbot.waitSignal(window.state.reviewsChanged):
        qtbot.mouseClick(row.rusty_button, Qt.MouseButton.LeftButton)
    row = _row(window, "python-basics", qtbot)
    assert shows(row, row.reopen_button)
    assert "Rusty 2 times in a row" in row.advice.text()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(row.reopen_button, Qt.MouseButton.LeftButton)
    planner = window.state.planner
    assert planner.progress.statuses()["python-basics"] == Status.IN_PROGRESS
    assert window.review_view.row("python-basics") is None  # no longer finished
    # The way back is the usual one: undo the status change.
    with qtbot.waitSignal(window.state.planChanged):
        window.action_undo.trigger()
    assert planner.progress.statuses()["python-basics"] == Status.DONE
    assert window.review_view.row("python-basics") is not None


def test_ctrl_7_opens_the_reviews_and_a_new_learner_reads_what_they_are(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(lambda p: p.profiles.update(role="ml-engineer"), active=True)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    view = window.review_view
    assert window.views.currentWidget() is view
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text() == NOTHING_FINISHED
    assert not window.status_reviews.isVisible()
    assert window.sidebar.currentItem().text() == "Review"


def test_marking_a_skill_done_long_ago_puts_it_on_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view(View.REVIEW)
    with qtbot.waitSignal(window.state.planChanged):
        window.set_status("numpy", "done", LONG_AGO)
    assert window.review_view.row("numpy") is not None
    assert window.status_reviews.text() == "3 reviews due"


def test_the_schedule_is_worked_out_once_per_change_and_not_for_study_time(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviews = window.state.planner.reviews
    real = reviews.states
    calls: list[int] = []

    def counted() -> list[ReviewState]:
        calls.append(1)
        return real()

    monkeypatch.setattr(reviews, "states", counted)
    window.show_view(View.REVIEW)
    calls.clear()
    with qtbot.waitSignal(window.state.planChanged):
        window.set_status("numpy", "done", LONG_AGO)
    assert len(calls) == 1  # the status bar and the list share one schedule
    assert window.status_reviews.text() == "3 reviews due"
    calls.clear()
    with qtbot.waitSignal(window.state.sessionsChanged):
        commands.log_study(window.state, "python-basics", 30, TODAY)
    assert calls == []  # study time moves no review
