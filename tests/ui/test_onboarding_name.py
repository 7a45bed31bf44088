"""The onboarding asks whose plan it is: the profile's name, which the PDF is prepared for."""

from __future__ import annotations

import getpass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.onboarding.wizard import OnboardingWizard
from tests.ui.test_onboarding import ROLE, choose_role, click_next, find, go_to, open_wizard

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def _logged_in_as_sam(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "sam")


def name_edit(wizard: OnboardingWizard) -> QLineEdit:
    return find(wizard, QLineEdit, "learnerName")


def problem(wizard: OnboardingWizard) -> str:
    return find(wizard, QLabel, "learnerNameProblem").text()


def retype(wizard: OnboardingWizard, text: str) -> None:
    edit = name_edit(wizard)
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def finish(wizard: OnboardingWizard) -> None:
    choose_role(wizard, "ml-engineer")
    go_to(wizard, wizard.pageIds()[-1])  # an ML engineer picks a specialisation on the way
    # The summary says whose plan it is before it is made.
    assert find(wizard, QLabel, "summary-name").text() == name_edit(wizard).text().strip()
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    wizard.apply()


def test_the_first_start_offers_the_login_name_and_the_pdf_is_prepared_for_it(
    qtbot: QtBot, planner: Planner
) -> None:
    assert planner.profile_name == "default"
    wizard = open_wizard(qtbot, planner)
    assert name_edit(wizard).isVisible()  # asked on the first page, not hidden away
    assert name_edit(wizard).text() == "sam"
    assert problem(wizard) == ""
    finish(wizard)
    assert planner.profile_name == "sam"
    assert [p.name for p in planner.profiles.all()] == ["sam"]
    assert planner.planning.export_data("ml-engineer", []).profile == "sam"


def test_the_learner_types_their_own_name(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    retype(wizard, "  Sam Okafor ")
    finish(wizard)
    assert planner.profile_name == "Sam Okafor"


def test_an_empty_name_is_refused_with_a_reason(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    retype(wizard, "   ")
    assert not next_button.isEnabled()
    assert problem(wizard) == "Enter your name: your plan and its PDF are prepared for it."
    QTest.keyClicks(name_edit(wizard), "Sam")
    assert next_button.isEnabled()
    assert problem(wizard) == ""


def test_the_name_of_another_profile_is_refused(qtbot: QtBot, planner: Planner) -> None:
    planner.profiles.create("Alex")
    wizard = open_wizard(qtbot, planner)
    retype(wizard, "Alex")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert problem(wizard) == "Another profile is called “Alex”: choose another name."
    retype(wizard, "Sam")
    click_next(wizard)
    assert wizard.currentId() == ROLE


def test_running_it_again_shows_the_name_and_can_change_it(qtbot: QtBot, planner: Planner) -> None:
    planner.profiles.rename("default", "Sam")
    planner.profiles.update(role="ml-engineer")
    wizard = open_wizard(qtbot, planner)
    assert name_edit(wizard).text() == "Sam"  # its own name, not the login name
    retype(wizard, "Sam Okafor")
    finish(wizard)
    assert planner.profile_name == "Sam Okafor"
    assert planner.profile().role == "ml-engineer"


def test_without_a_login_name_the_field_starts_empty(
    qtbot: QtBot, planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_user() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_user)
    wizard = open_wizard(qtbot, planner)
    assert name_edit(wizard).text() == ""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
