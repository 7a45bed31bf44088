"""The Agenda view as a learner uses it: set study times, see this week and next, log a block
with one click (and undo it), and the agenda following every change at once."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.core.agenda import BlockKind
from planner.service import Planner
from planner.ui.dialogs.study_settings import StudySettingsDialog
from planner.ui.views.agenda_view import LOGGED, NO_SLOTS_TEXT, BlockCard
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory

SLOTS = "Tue 19:00-21:00, Thu 19:00-21:00, Sat 10:00-13:00"  # TODAY is a Tuesday


def with_slots(planner: Planner) -> None:
    planner.profiles.update(role="ml-engineer", hours_per_week=7, study_slots=SLOTS)


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    window = open_window(with_slots, size=(1280, 800), active=True)
    window.show_view(View.AGENDA)
    return window


def _today_card(window: MainWindow) -> BlockCard:
    cards = [c for c in window.agenda_view.cards() if c.block.day == TODAY]
    assert cards, "nothing laid out today"
    return cards[0]


def test_this_week_and_next_show_each_study_day_with_its_blocks(window: MainWindow) -> None:
    view = window.agenda_view
    assert view.stack.currentWidget() is view.content
    assert "Tue 19:00-21:00" in view.slots.text()
    assert [w.title.text().split(" · ")[0] for w in view.weeks] == ["This week", "Next week"]
    this_week = view.weeks[0]
    # A column for each study day: Tuesday (today), Thursday, Saturday.
    assert [d.day.weekday() for d in this_week.days] == [1, 3, 5]
    today = this_week.days[0]
    assert today.day == TODAY and today.today and today.head.text().startswith("Today")
    card = _today_card(window)
    assert card.block.start == time(19) and card.block.kind is BlockKind.STUDY
    assert card.name.text() == window.state.planner.library().skills[card.block.skill_id].name
    assert card.goal.text().startswith("Study · ")
    assert card.log_button.isEnabled()
    # Never more than the hours a week, and every block in a study time.
    for agenda_week in view.weeks:
        minutes = sum(c.block.minutes for d in agenda_week.days for c in d.cards)
        assert minutes <= 7 * 60
    goals = {s.skill.id for s in window.state.plan.steps if s.goal} if window.state.plan else set()
    toward = [c for c in view.cards() if c.block.skill_id not in goals]
    assert toward and all(c.toolTip().startswith("<p>A step toward your goal ") for c in toward)
    future = [c for c in view.cards() if c.block.day > TODAY]
    assert future and not any(c.log_button.isEnabled() for c in future)


def test_log_this_logs_the_block_on_its_day_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    card = _today_card(window)
    skill, minutes = card.block.skill_id, card.block.minutes
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.mouseClick(card.log_button, Qt.MouseButton.LeftButton)
    planner = window.state.planner
    sessions = [s for s in planner.progress.study_sessions() if not s.deleted]
    assert [(s.skill, s.day, s.minutes) for s in sessions] == [(skill, TODAY, minutes)]
    assert _today_card(window).log_button.text() == LOGGED
    assert not _today_card(window).log_button.isEnabled()
    assert window.action_undo.text().startswith("&Undo") or window.action_undo.isEnabled()
    with qtbot.waitSignal(window.state.sessionsChanged):
        window.action_undo.trigger()
    assert not [s for s in planner.progress.study_sessions() if not s.deleted]
    assert _today_card(window).log_button.text() == "Log this"


def test_a_logged_block_keeps_its_time_and_nothing_new_is_laid_into_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """After "Log this" the block is still there, logged; the skill's next chunk does not
    appear in the same hours, and the week counts the time against its hours."""
    view = window.agenda_view
    card = _today_card(window)
    block = card.block
    planned_before = sum(c.block.minutes for c in view.cards() if not c.logged)
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.mouseClick(card.log_button, Qt.MouseButton.LeftButton)
    today = [c for c in view.cards() if c.block.day == TODAY]
    logged = [c for c in today if c.logged]
    assert [(c.block.skill_id, c.block.start, c.block.end) for c in logged] == [
        (block.skill_id, block.start, block.end)
    ]
    assert all(c.log_button.text() == LOGGED for c in logged)
    overlapping = [
        c for c in today if not c.logged and c.block.start < block.end and block.start < c.block.end
    ]
    assert overlapping == []
    planned_after = sum(c.block.minutes for c in view.cards() if not c.logged)
    assert planned_after <= planned_before - block.minutes


def test_the_agenda_follows_the_hours_a_week_and_a_skill_marked_done(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.agenda_view
    first = _today_card(window).block.skill_id
    before = sum(c.block.minutes for c in view.cards())
    with qtbot.waitSignal(window.state.planChanged):
        window.hours_box.setValue(3)
    assert sum(c.block.minutes for c in view.cards()) < before
    with qtbot.waitSignal(window.state.planChanged):
        window.set_status(first, "done")
    studied = {c.block.skill_id for c in view.cards() if c.block.kind is BlockKind.STUDY}
    assert first not in studied
    # Finished today, it comes back for its first review in a week or so: laid out then.
    reviews = [c.block for c in view.cards() if c.block.kind is BlockKind.REVIEW]
    assert [b.skill_id for b in reviews] == [first] and reviews[0].day > TODAY + timedelta(days=6)


def test_without_study_times_the_agenda_says_how_to_set_them(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(lambda p: p.profiles.update(role="ml-engineer"), active=True)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    view = window.agenda_view
    assert window.views.currentWidget() is view
    assert view.stack.currentWidget() is view.no_slots
    assert view.no_slots_text.text() == NO_SLOTS_TEXT
    qtbot.mouseClick(view.set_slots_button, Qt.MouseButton.LeftButton)
    dialog = window.study_settings
    assert isinstance(dialog, StudySettingsDialog)
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    row = dialog.rows[0]
    row.day.setCurrentIndex(TODAY.weekday())
    assert dialog.slots_text() == "Tue 19:00-21:00"
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.state.planner.profile().study_slots
    assert view.stack.currentWidget() is view.content
    assert _today_card(window).block.minutes == 120


def test_a_study_time_that_ends_before_it_starts_cannot_be_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_study_settings()
    dialog = window.study_settings
    qtbot.waitExposed(dialog)
    assert [r.text() for r in dialog.rows] == SLOTS.split(", ")
    row = dialog.rows[0]
    row.end.setTime(row.start.time().addSecs(-3600))
    assert dialog.problem.isVisible() and "ends before it starts" in dialog.problem.text()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()
    assert dialog.total.text().startswith("5 h a week in these times")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.state.planner.profile().study_slots[0].weekday == 3  # Thursday now first
    assert not [c for c in window.agenda_view.cards() if c.block.day == TODAY]
    QApplication.processEvents()


def test_a_review_due_is_laid_into_the_week(qtbot: QtBot, open_window: WindowFactory) -> None:
    def finished_long_ago(planner: Planner) -> None:
        with_slots(planner)
        planner.progress.set_status("git", "done", TODAY - timedelta(days=200))

    window = open_window(finished_long_ago, active=True)
    window.show_view(View.AGENDA)
    reviews = [c for c in window.agenda_view.cards() if c.block.kind is BlockKind.REVIEW]
    assert [c.block.skill_id for c in reviews] == ["git"]
    assert reviews[0].goal.text() == "Review · 20 min"
    # Answered in the Review view: the agenda drops it at once.
    window.show_view(View.REVIEW)
    row = window.review_view.row("git")
    assert row is not None
    qtbot.waitUntil(row.isVisible)
    with qtbot.waitSignal(window.state.reviewsChanged):
        qtbot.mouseClick(row.solid_button, Qt.MouseButton.LeftButton)
    window.show_view(View.AGENDA)
    kinds = {c.block.kind for c in window.agenda_view.cards()}
    assert BlockKind.REVIEW not in kinds
