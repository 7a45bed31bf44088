"""First start with the set-up wizard, and learner profiles: create, switch, rename, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QRadioButton, QWizard
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.onboarding.wizard import OnboardingWizard
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY


@pytest.fixture
def fresh_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The app as a new learner first sees it: no role chosen yet."""
    planner = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(planner, settings)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    planner.close()


def finish_wizard_choosing(qtbot: QtBot, role_id: str) -> None:
    """Click through the open set-up wizard: pick the role's card, then Next until Finish.
    Whatever goes wrong, the wizard is closed, so that a failing test cannot hang."""
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, OnboardingWizard)
    try:
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        radio = wizard.currentPage().findChild(QRadioButton, f"role-{role_id}")
        assert radio is not None
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton)
        while next_button.isVisible() and next_button.isEnabled():
            qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    finally:
        if wizard.isVisible():
            wizard.reject()


def test_first_start_shows_the_empty_state_then_the_plan(
    qtbot: QtBot, fresh_window: MainWindow
) -> None:
    window = fresh_window
    assert window.state.plan is None
    assert window.plan_view.stack.currentWidget() is window.plan_view.empty
    assert window.status_plan.text() == "Choose a role to see your plan."
    QTimer.singleShot(0, lambda: finish_wizard_choosing(qtbot, "ai-engineer"))
    assert window.run_onboarding()
    assert window.role_box.currentText() == "AI engineer"
    plan = window.state.plan
    assert plan is not None and plan.finish is not None
    assert window.plan_view.stack.currentWidget() is window.plan_view.tree
    assert "h remaining · finish" in window.status_plan.text()


def test_cancelling_the_wizard_changes_nothing(qtbot: QtBot, fresh_window: MainWindow) -> None:
    def cancel() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, OnboardingWizard)
        wizard.reject()

    QTimer.singleShot(0, cancel)
    assert not fresh_window.run_onboarding()
    assert fresh_window.state.planner.profile().role is None


def test_create_switch_rename_and_delete_profiles(
    qtbot: QtBot, fresh_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = fresh_window
    window.state.planner.profiles.update(role="ml-engineer")
    window.refresh_profile()
    window.set_status("git", "done")

    # New profile: the learner types a name; the wizard opens for them and they cancel it.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sam", True))
    cancelled: list[bool] = []

    def cancel_wizard_once_open() -> None:
        wizard = QApplication.activeModalWidget()
        if isinstance(wizard, OnboardingWizard):
            wizard.reject()
            cancelled.append(True)
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(cancel_wizard_once_open)
    poll.start(10)
    window.new_profile()
    qtbot.waitUntil(lambda: bool(cancelled))  # the wizard opened for Sam, who cancelled it
    assert window.profile_box.currentText() == "Sam"
    assert window.windowTitle() == "Sam — Roadmap planner"
    assert window.state.planner.progress.statuses() == {}
    assert window.state.plan is None  # Sam has no role yet

    # Switch back with the profile box.
    window.profile_box.setFocus()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window.profile_box, Qt.Key.Key_Up)  # "default" sorts before "Sam"
    assert window.state.planner.profile_name == "default"
    assert window.state.planner.progress.statuses() == {"git": "done"}

    # Rename the current profile.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Alex", True))
    window.rename_profile()
    assert window.windowTitle() == "Alex — Roadmap planner"
    assert [window.profile_box.itemText(i) for i in range(window.profile_box.count())] == [
        "Alex",
        "Sam",
    ]

    # Delete the other profile: asked first; saying no keeps it.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Sam", True))
    monkeypatch.setattr(window, "confirm", lambda question, action: False)
    window.delete_profile()
    assert [p.name for p in window.state.planner.profiles.all()] == ["Alex", "Sam"]
    monkeypatch.setattr(window, "confirm", lambda question, action: "Sam" in question)
    window.delete_profile()
    assert [p.name for p in window.state.planner.profiles.all()] == ["Alex"]
    assert window.state.planner.progress.statuses() == {"git": "done"}


def test_a_duplicate_profile_name_is_refused_with_a_message(
    qtbot: QtBot, fresh_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(fresh_window, "show_error", messages.append)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("default", True))
    fresh_window.new_profile()
    assert messages == ["a profile named 'default' already exists"]
    assert [p.name for p in fresh_window.state.planner.profiles.all()] == ["default"]
