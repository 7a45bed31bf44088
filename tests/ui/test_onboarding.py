"""The first-start wizard, driven the way a learner would: clicks, typing and the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, QLocale, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWizard,
)
from pytestqt.qtbot import QtBot

from planner.core.domain import Salary
from planner.db import queries
from planner.service import Planner
from planner.ui.onboarding.common import format_salary
from planner.ui.onboarding.wizard import OnboardingWizard
from tests.conftest import TODAY

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
WELCOME, ROLE, TRACKS, TIME, KNOWN, SUMMARY = range(6)  # page ids, in the order added
NEXT = QWizard.WizardButton.NextButton

W = TypeVar("W", bound=QObject)

# QTest drives the widgets (qtbot's own mouseClick and keyClicks are the same calls, untyped).
# The offscreen platform warns whenever a window's size limits change; real ones do not.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def _british_english() -> Iterator[None]:
    """Dates and prices as a British learner sees them, whatever the machine's locale."""
    saved = QLocale()
    QLocale.setDefault(UK)
    yield
    QLocale.setDefault(saved)


def open_wizard(qtbot: QtBot, planner: Planner) -> OnboardingWizard:
    wizard = OnboardingWizard(planner)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def find(wizard: OnboardingWizard, kind: type[W], name: str) -> W:
    found = wizard.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


def click(widget: QRadioButton | QCheckBox) -> None:
    """Click the button's indicator: a check box reacts to its box and text, not to the
    empty rest of its row."""
    middle = widget.height() // 2
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(middle, middle))


def click_next(wizard: OnboardingWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def go_to(wizard: OnboardingWizard, page: int) -> None:
    while wizard.currentId() < page:
        if wizard.currentId() == TRACKS and not wizard.button(NEXT).isEnabled():
            # An ML engineer must choose an entry specialisation (tested on its own below);
            # tests that walk past the page take the first one, as a hurried learner would.
            click(find(wizard, QCheckBox, "track-forecasting"))
        click_next(wizard)


def choose_role(wizard: OnboardingWizard, role: str) -> None:
    go_to(wizard, ROLE)
    click(find(wizard, QRadioButton, f"role-{role}"))


def type_hours(wizard: OnboardingWizard, text: str) -> None:
    spin = find(wizard, QDoubleSpinBox, "hoursPerWeek")
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, text)


def tree_row(wizard: OnboardingWizard, skill_id: str) -> QTreeWidgetItem:
    tree = find(wizard, QTreeWidget, "knownSkills")
    for i in range(tree.topLevelItemCount()):
        area = tree.topLevelItem(i)
        assert area is not None
        for j in range(area.childCount()):
            row = area.child(j)
            if row is not None and row.data(0, Qt.ItemDataRole.UserRole) == skill_id:
                return row
    raise AssertionError(f"{skill_id} is not in the tree")


def skills_in_tree(wizard: OnboardingWizard) -> set[str]:
    return {
        str(row.data(0, Qt.ItemDataRole.UserRole))
        for area in area_rows(wizard)
        for row in (area.child(i) for i in range(area.childCount()))
        if row is not None
    }


def area_rows(wizard: OnboardingWizard) -> list[QTreeWidgetItem]:
    tree = find(wizard, QTreeWidget, "knownSkills")
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [row for row in rows if row is not None]


def tick(wizard: OnboardingWizard, row: QTreeWidgetItem) -> None:
    """Click the row's check box, where a learner would."""
    tree = find(wizard, QTreeWidget, "knownSkills")
    tree.scrollToItem(row)
    option = QStyleOptionViewItem()
    option.rect = tree.visualItemRect(row)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def ticked(row: QTreeWidgetItem) -> bool:
    return row.checkState(0) == Qt.CheckState.Checked


def long_date(day: date) -> str:
    return UK.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


# -------------------------------------------------------------------------------- tests
@pytest.mark.gui
def test_a_first_run_stores_role_tracks_pace_and_known_skills(
    qtbot: QtBot, planner: Planner
) -> None:
    wizard = open_wizard(qtbot, planner)
    assert wizard.windowTitle() == "Welcome to Roadmap planner"
    choose_role(wizard, "ml-engineer")
    click_next(wizard)
    click(find(wizard, QCheckBox, "track-computer-vision"))
    click_next(wizard)
    type_hours(wizard, "8")
    start = find(wizard, QDateEdit, "startDate")
    start.setFocus()
    start.setSelectedSection(QDateEdit.Section.DaySection)  # as a double click on the day
    QTest.keyClicks(start, "02")
    click_next(wizard)

    numpy, python = tree_row(wizard, "numpy"), tree_row(wizard, "python-basics")
    tick(wizard, numpy)
    assert ticked(numpy)
    assert ticked(python)  # NumPy needs Python: knowing one means knowing the other
    click_next(wizard)
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    assert wizard.result() == QDialog.DialogCode.Accepted
    choice = wizard.choice()
    assert choice.start == date(2026, 3, 2)
    assert choice.known == {"numpy", "python-basics"}
    wizard.apply()
    profile = planner.profile()
    assert (profile.role, profile.tracks) == ("ml-engineer", ("computer-vision",))
    assert (profile.hours_per_week, profile.start) == (8, date(2026, 3, 2))
    assert planner.progress.statuses() == {"numpy": "done", "python-basics": "done"}
    with planner.db.session() as session:
        events = queries.progress_events(session, profile.id)
    # Recorded on the start day, which is before today.
    assert sorted(events) == [
        (date(2026, 3, 2), "numpy", "done"),
        (date(2026, 3, 2), "python-basics", "done"),
    ]


@pytest.mark.gui
def test_next_is_disabled_until_a_role_is_chosen(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    click_next(wizard)
    assert wizard.currentId() == ROLE
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    click(find(wizard, QRadioButton, "role-ai-engineer"))
    assert next_button.isEnabled()


@pytest.mark.gui
def test_clicking_anywhere_on_a_role_card_chooses_it(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    click_next(wizard)
    summary = find(wizard, QFrame, "roleCard-ml-engineer").findChild(QLabel, "summary")
    assert summary is not None
    QTest.mouseClick(summary, Qt.MouseButton.LeftButton)
    assert find(wizard, QRadioButton, "role-ml-engineer").isChecked()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.mark.gui
def test_role_cards_show_the_pay_with_its_region_and_source(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    click_next(wizard)
    pay = find(wizard, QFrame, "roleCard-ml-engineer").findChild(QLabel, "pay")
    assert pay is not None
    assert pay.text() == "£105,000 a year (UK, Levels.fyi)"


def test_pay_uses_the_currency_symbol_when_there_is_one() -> None:
    assert format_salary(UK, Salary(150000, "USD", "US", "Levels.fyi")) == (
        "$150,000 a year (US, Levels.fyi)"
    )
    assert format_salary(UK, Salary(70000, "EUR", None, None)) == "€70,000 a year"
    assert format_salary(UK, Salary(120000, "CHF", "Zürich", None)) == (
        "CHF 120,000 a year (Zürich)"
    )


@pytest.mark.gui
def test_the_finish_date_follows_the_hours_per_week(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ai-engineer")
    go_to(wizard, TIME)
    finish = find(wizard, QLabel, "timeFinish")
    type_hours(wizard, "5")
    slow = finish.text()
    type_hours(wizard, "20")
    fast = finish.text()

    assert fast != slow
    expected = planner.planning.plan("ai-engineer", hours_per_week=20, start=TODAY).finish
    assert expected is not None
    assert fast == long_date(expected)


@pytest.mark.gui
def test_the_summary_shows_the_finish_date_the_plan_will_have(
    qtbot: QtBot, planner: Planner
) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    go_to(wizard, TIME)
    type_hours(wizard, "12.5")
    click_next(wizard)
    tick(wizard, tree_row(wizard, "numpy"))
    click_next(wizard)
    shown = find(wizard, QLabel, "summaryFinish").text()
    skills = find(wizard, QLabel, "summary-skills").text()
    pace = find(wizard, QLabel, "summary-pace").text()

    wizard.apply()
    plan = planner.planning.plan()
    assert plan.finish is not None
    assert shown == long_date(plan.finish)
    known = sum(not s.remaining for s in plan.steps)
    assert known == 2  # NumPy needs Python: both are known now
    assert skills == f"{len(plan.steps)} skills in the plan, 2 of them done or known already"
    assert pace == "12.5 h a week, starting Tuesday, 10 March 2026"


@pytest.mark.gui
def test_unticking_a_skill_unticks_what_requires_it(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    go_to(wizard, KNOWN)
    tick(wizard, tree_row(wizard, "pandas"))
    assert ticked(tree_row(wizard, "numpy"))
    tick(wizard, tree_row(wizard, "python-basics"))  # untick: pandas needs Python

    assert not ticked(tree_row(wizard, "python-basics"))
    assert not ticked(tree_row(wizard, "numpy"))
    assert not ticked(tree_row(wizard, "pandas"))
    assert wizard.choice().known == frozenset()


@pytest.mark.gui
def test_the_count_of_ticked_skills_reads_right(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    go_to(wizard, KNOWN)
    count = find(wizard, QLabel, "knownCount")
    tick(wizard, tree_row(wizard, "python-basics"))
    assert count.text() == "1 skill ticked: 40 h you will not need to study."
    tick(wizard, tree_row(wizard, "numpy"))
    assert count.text() == "2 skills ticked: 50 h you will not need to study."


@pytest.mark.gui
def test_the_keyboard_ticks_a_skill_too(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ai-engineer")
    go_to(wizard, KNOWN)
    tree = find(wizard, QTreeWidget, "knownSkills")
    row = tree_row(wizard, "git")
    tree.setFocus()
    tree.setCurrentItem(row)
    QTest.keyClick(tree, Qt.Key.Key_Space)
    assert ticked(row)


@pytest.mark.gui
def test_ticking_an_area_ticks_all_its_skills(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    go_to(wizard, KNOWN)
    mathematics = next(a for a in area_rows(wizard) if a.text(0) == "Mathematics")
    tick(wizard, mathematics)
    assert ticked(mathematics)
    assert all(ticked(row) for row in (mathematics.child(i) for i in range(5)) if row)
    assert {"calculus", "linear-algebra", "statistics"} <= wizard.choice().known


@pytest.mark.gui
def test_the_areas_start_with_the_foundations(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    go_to(wizard, KNOWN)
    areas = [a.text(0) for a in area_rows(wizard)]
    assert areas[0] == "Programming"
    assert areas.index("Mathematics") < areas.index("Machine learning")
    assert areas.index("Deep learning") < areas.index("Machine learning") < areas.index("MLOps")
    programming = area_rows(wizard)[0].child(0)
    assert programming is not None
    assert programming.text(0) == "Python programming"


@pytest.mark.gui
def test_the_filter_shows_only_matching_skills(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    go_to(wizard, KNOWN)
    box = find(wizard, QLineEdit, "skillFilter")
    QTest.keyClicks(box, "numpy")
    assert not tree_row(wizard, "numpy").isHidden()
    assert tree_row(wizard, "pandas").isHidden()
    assert [a.text(0) for a in area_rows(wizard) if not a.isHidden()] == ["Data"]

    QTest.keyClicks(box, " nothing like this")
    assert find(wizard, QTreeWidget, "knownSkills").isHidden()
    box.clear()
    assert not tree_row(wizard, "pandas").isHidden()


@pytest.mark.gui
def test_a_rerun_starts_from_the_profile(qtbot: QtBot, planner: Planner) -> None:
    planner.profiles.update(
        role="ml-engineer", tracks=["forecasting"], hours_per_week=6.5, start=date(2026, 1, 5)
    )
    planner.progress.set_status("pandas", "done")
    wizard = open_wizard(qtbot, planner)
    welcome = [label.text() for label in wizard.page(WELCOME).findChildren(QLabel)]
    assert any("Your progress so far is kept" in text for text in welcome)
    go_to(wizard, ROLE)
    assert find(wizard, QRadioButton, "role-ml-engineer").isChecked()
    click_next(wizard)
    assert find(wizard, QCheckBox, "track-forecasting").isChecked()
    assert not find(wizard, QCheckBox, "track-computer-vision").isChecked()
    click_next(wizard)
    assert find(wizard, QDoubleSpinBox, "hoursPerWeek").value() == 6.5
    assert find(wizard, QDateEdit, "startDate").date() == QDate(2026, 1, 5)
    click_next(wizard)
    # What the learner finished is ticked and locked: the wizard only adds knowledge.
    pandas, numpy = tree_row(wizard, "pandas"), tree_row(wizard, "numpy")
    assert ticked(pandas) and ticked(numpy)
    assert not pandas.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "finished pandas" in numpy.toolTip(0)
    tick(wizard, numpy)
    assert ticked(numpy)

    click_next(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    change = wizard.apply()
    assert change.skills == ()  # nothing new: pandas keeps its history, numpy stays implied
    assert planner.progress.statuses() == {"pandas": "done"}


@pytest.mark.gui
def test_an_ml_engineer_must_choose_an_entry_specialisation(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    click_next(wizard)
    assert wizard.currentId() == TRACKS
    assert wizard.currentPage().title() == "Choose tracks"
    headings = [label.text() for label in wizard.findChildren(QLabel, "trackGroup")]
    assert headings == [
        "Entry specialisation: choose at least 1",
        "Later in your career (optional)",
    ]
    assert not wizard.button(NEXT).isEnabled()
    click(find(wizard, QCheckBox, "track-ml-platform"))  # later-career: not a specialisation
    assert not wizard.button(NEXT).isEnabled()
    click(find(wizard, QCheckBox, "track-nlp-llm"))
    qtbot.waitUntil(wizard.button(NEXT).isEnabled)
    click(find(wizard, QCheckBox, "track-nlp-llm"))  # and untick it again
    qtbot.waitUntil(lambda: not wizard.button(NEXT).isEnabled())
    click(find(wizard, QCheckBox, "track-recommendation-systems"))
    click_next(wizard)
    assert wizard.choice().tracks == ("recommendation-systems", "ml-platform")


@pytest.mark.gui
def test_tracks_stay_optional_for_a_role_without_a_choice(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ai-engineer")
    click_next(wizard)
    assert wizard.currentPage().title() == "Choose tracks (optional)"
    assert wizard.findChildren(QLabel, "trackGroup") == []
    assert wizard.button(NEXT).isEnabled()


@pytest.mark.gui
def test_changing_the_role_on_the_way_back_resets_its_tracks(
    qtbot: QtBot, planner: Planner
) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ml-engineer")
    click_next(wizard)
    click(find(wizard, QCheckBox, "track-forecasting"))
    QTest.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    click(find(wizard, QRadioButton, "role-ai-engineer"))
    click_next(wizard)
    assert find(wizard, QCheckBox, "track-agents").isVisibleTo(wizard)
    assert wizard.choice().tracks == ()
    go_to(wizard, KNOWN)
    assert "rag" in skills_in_tree(wizard)
    assert "calculus" not in skills_in_tree(wizard)


@pytest.mark.gui
def test_controls_carry_accessible_names(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ai-engineer")
    go_to(wizard, KNOWN)
    names = {
        find(wizard, QDoubleSpinBox, "hoursPerWeek").accessibleName(),
        find(wizard, QDateEdit, "startDate").accessibleName(),
        find(wizard, QLineEdit, "skillFilter").accessibleName(),
        find(wizard, QTreeWidget, "knownSkills").accessibleName(),
        find(wizard, QRadioButton, "role-ai-engineer").accessibleName(),
    }
    assert names == {
        "Hours per week",
        "Start date",
        "Filter skills",
        "Skills you already know",
        "AI engineer",
    }


@pytest.mark.gui
def test_cancelling_stores_nothing(qtbot: QtBot, planner: Planner) -> None:
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "ai-engineer")
    QTest.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert planner.profile().role is None


MARKUP = "<img src=x> <b>bold</b>"
MARKUP_FILE = f"""\
format: 1
skills:
  - id: markup-skill
    name: "{MARKUP}"
    area: "<i>Area</i>"
    hours: 3
    summary: "<script>alert(1)</script> & more"
    requires: [python-basics]
roles:
  - id: markup-role
    name: "<b>Role</b> & co"
    summary: "<h1>Big</h1>"
    goals: [markup-skill]
    tracks:
      - id: markup-track
        name: "<u>Track</u>"
        summary: "<a href='x'>link</a>"
        goals: [markup-skill]
"""


@pytest.mark.gui
def test_names_from_roadmap_files_are_shown_literally(
    qtbot: QtBot, planner: Planner, tmp_path: Path
) -> None:
    path = tmp_path / "markup.yaml"
    path.write_text(MARKUP_FILE, encoding="utf-8")
    planner.editing.import_files([path])
    wizard = open_wizard(qtbot, planner)
    choose_role(wizard, "markup-role")
    radio = find(wizard, QRadioButton, "role-markup-role")
    assert radio.text() == "<b>Role</b> && co"  # `&&` shows one `&`, not a shortcut
    summary = find(wizard, QFrame, "roleCard-markup-role").findChild(QLabel, "summary")
    assert summary is not None
    assert (summary.text(), summary.textFormat()) == ("<h1>Big</h1>", Qt.TextFormat.PlainText)

    click_next(wizard)
    track = find(wizard, QCheckBox, "track-markup-track")
    assert track.text() == "<u>Track</u>"
    go_to(wizard, KNOWN)
    row = tree_row(wizard, "markup-skill")
    assert row.text(0) == MARKUP
    assert row.toolTip(0) == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>"
    assert "<i>Area</i>" in [a.text(0) for a in area_rows(wizard)]
    click_next(wizard)
    role = find(wizard, QLabel, "summary-role")
    assert (role.text(), role.textFormat()) == ("<b>Role</b> & co", Qt.TextFormat.PlainText)


def test_the_role_page_links_to_the_quiz_and_its_answer_becomes_the_choice(
    qtbot: QtBot, planner: Planner
) -> None:
    wizard = open_wizard(qtbot, planner)
    go_to(wizard, ROLE)
    page = wizard.currentPage()
    link = find(wizard, QLabel, "quizLink")
    assert link.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    link.linkActivated.emit("#quiz")  # what a click on the link does
    dialog = getattr(page, "quiz_dialog", None)
    assert dialog is not None and dialog.isVisible()
    assert dialog.start.text() == "Choose this role"
    # Loves maths and how things work, happy to read papers: ML engineering.
    for question, answer in (("maths", 0), ("under-the-hood", 0), ("pace", 1), ("research", 0)):
        dialog.groups[question].button(answer).click()
    assert dialog.recommendation is not None and dialog.recommendation.role == "ml-engineer"
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert find(wizard, QRadioButton, "role-ml-engineer").isChecked()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert planner.profile().role is None  # nothing stored before the wizard finishes
