"""The mentor's Cohort view on a real shared database (the tests' PostgreSQL), driven as a
mentor would: find it, sort it, pick a cohort, read the burn-up, open a learner's plan; and
the view offered to mentors and the owner only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.render.style import contrast_ratio
from planner.ui.theme import look
from planner.ui.theme.dark_style import is_dark
from planner.ui.views.cohort.model import HOURS, LEARNER, PACE, warning_color
from planner.ui.views.cohort.view import ALL_COHORTS, CohortView
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.pg_cluster import Cluster
from tests.ui.cohort_helpers import AUTUMN, SPRING, Opener, Team, team_copy, windows_of

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def team(pg_cluster: Cluster, pg_template: str) -> Iterator[Team]:
    """One group for the module's tests, which only read it (or are refused)."""
    yield from team_copy(pg_cluster, pg_template, "cohort")


@pytest.fixture
def open_as(qtbot: QtBot, team: Team, tmp_path: Path) -> Iterator[Opener]:
    yield from windows_of(qtbot, team, tmp_path)


def show_cohort(qtbot: QtBot, window: MainWindow) -> CohortView:
    """Ctrl+8, as a mentor opens the view; returns it once its figures are shown."""
    view = window.cohort_view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is view
    return view


def column(view: CohortView, number: int) -> list[str]:
    """A column's cells as shown, top to bottom."""
    proxy = view.proxy
    return [str(proxy.index(row, number).data()) for row in range(proxy.rowCount())]


def test_mentors_and_the_owner_get_the_cohort_view(open_as: Opener) -> None:
    for login, shown in (("mia", True), ("postgres", True), ("ana", False), ("eve", False)):
        window = open_as(login)
        assert window.sidebar.isRowHidden(View.COHORT) is not shown, login
        assert window.view_actions[View.COHORT].isVisible() is shown, login
        assert window.action_export_cohort.isVisible() is shown, login


def test_the_table_shows_every_learner_most_behind_first(qtbot: QtBot, open_as: Opener) -> None:
    view = show_cohort(qtbot, open_as("mia"))
    assert column(view, LEARNER) == ["ben", "dev", "ana", "emma", "chloe"]  # no figure: last
    paces = column(view, PACE)
    assert paces[0].endswith("days behind") and paces[1].endswith("days behind")
    assert paces[2].endswith("days ahead")
    assert view.summary.text().startswith("5 learners · 2 behind · ")
    row = {r.login: r for r in view.data.rows}
    assert row["chloe"].forecast_finish is None
    assert view.proxy.index(4, 7).data() == "too early to tell"  # chloe, honest about it
    assert row["emma"].role is None


def test_a_click_on_a_header_sorts_by_that_figure(qtbot: QtBot, open_as: Opener) -> None:
    view = show_cohort(qtbot, open_as("mia"))
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(HOURS) + header.sectionSize(HOURS) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    hours = [
        r.hours_last_28_days for r in sorted(view.data.rows, key=lambda r: r.hours_last_28_days)
    ]
    shown = [view.proxy.index(i, HOURS).data() for i in range(5)]
    assert shown == [
        view.model.text(r, HOURS)
        for r in sorted(view.data.rows, key=lambda r: r.hours_last_28_days)
    ]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert view.proxy.index(0, LEARNER).data() == "ana"  # the most hours first now
    assert hours[-1] == max(hours)


def test_behind_is_written_in_a_warning_colour_on_light_and_dark(
    qtbot: QtBot, open_as: Opener
) -> None:
    window = open_as("mia")
    view = show_cohort(qtbot, window)
    # The view's own palette, not the app's: other windows (of databases gone) stay as they are.
    for scheme, palette in (("light", look.light_palette()), ("dark", look.dark_palette())):
        view.setPalette(palette)
        qtbot.waitUntil(lambda p=palette: is_dark(view.palette()) == is_dark(p))  # type: ignore[misc]
        base = view.table.palette().color(QPalette.ColorRole.Base)
        behind = view.proxy.index(0, PACE)
        colour = behind.data(Qt.ItemDataRole.ForegroundRole)
        assert colour == warning_color(palette)
        assert contrast_ratio(colour, base) >= 4.5, scheme  # readable as body text
        assert view.proxy.index(2, PACE).data(Qt.ItemDataRole.ForegroundRole) is None  # ahead


def test_a_mentor_of_several_cohorts_picks_one(qtbot: QtBot, open_as: Opener) -> None:
    view = show_cohort(qtbot, open_as("mia"))
    picker = view.picker
    assert picker.isVisible()
    assert [picker.itemText(i) for i in range(picker.count())] == [ALL_COHORTS, AUTUMN, SPRING]
    assert not view.table.isColumnHidden(1)  # two cohorts in the table: each row says which
    with qtbot.waitSignal(view.loaded, timeout=20000):
        picker.setCurrentIndex(picker.findText(SPRING))
        picker.activated.emit(picker.currentIndex())
    assert sorted(column(view, LEARNER)) == ["ana", "ben", "chloe"]
    assert view.table.isColumnHidden(1)
    assert view.cohort == SPRING


def test_a_mentor_sees_only_the_cohorts_they_follow(qtbot: QtBot, open_as: Opener) -> None:
    view = show_cohort(qtbot, open_as("noah"))
    assert sorted(column(view, LEARNER)) == ["dev", "emma"]
    assert not view.picker.isVisible()  # one cohort: nothing to pick


def test_the_burnup_sums_the_learners_days(qtbot: QtBot, open_as: Opener) -> None:
    view = show_cohort(qtbot, open_as("mia"))
    chart = view.chart
    qtbot.waitUntil(lambda: bool(chart.texts))  # painted
    days = chart.days
    assert days and days[-1].day == chart.today
    assert days[-1].done_hours > 0 and days[-1].planned_hours > 0
    texts = [t.text for t in chart.texts]
    assert any(t.startswith("their plans in all: ") for t in texts)
    point = QPointF(chart.width() - 30, chart.height() / 2)
    assert " done · " in chart.tooltip_at(point)


def test_a_double_click_opens_the_learners_plan_read_only(qtbot: QtBot, open_as: Opener) -> None:
    window = open_as("mia")
    view = show_cohort(qtbot, window)
    table = view.table
    rect = table.visualRect(view.proxy.index(0, LEARNER))  # ben
    # A double-click as Qt's test tools make it: the first click, then the second.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(window.learner_windows) == 1)
    learner = window.learner_windows[0]
    assert learner.windowTitle() == "ben’s plan — read only"
    assert learner.plan_view.summary.text().startswith("AI engineer · ")
    assert learner.progress_view.finish_card.value.text().endswith("days behind")
    statuses = dict(learner.planner.progress.statuses())
    qtbot.keyClick(learner.plan_view.tree, Qt.Key.Key_Space)  # nothing to toggle here
    assert dict(learner.planner.progress.statuses()) == statuses


def test_the_server_refuses_a_mentor_who_writes_anyway(qtbot: QtBot, open_as: Opener) -> None:
    """Past the read-only window (a change sent all the same): one message, nothing changed."""
    from planner.ui.ops import run_change

    window = open_as("mia")
    show_cohort(qtbot, window)
    window.open_learner("ana", "ana")
    learner = window.learner_windows[0]
    before = dict(learner.planner.progress.statuses())
    with qtbot.waitSignal(learner.state.failed) as refused:
        run_change(learner.state, lambda: learner.planner.progress.set_status("docker", "done"))
    message = str(refused.args[0])
    assert "\n" not in message and "SQL" not in message.upper().replace("POSTGRESQL", "")
    assert dict(learner.planner.progress.statuses()) == before


def test_file_export_cohort_writes_the_csv_and_the_pdf_page(
    qtbot: QtBot, open_as: Opener, tmp_path: Path
) -> None:
    window = open_as("mia")
    view = show_cohort(qtbot, window)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.picker.setCurrentIndex(view.picker.findText(SPRING))
        view.picker.activated.emit(view.picker.currentIndex())
    window.action_export_cohort.trigger()
    dialog = window.cohort_export_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Export the cohort"
    assert dialog.cohort_label.text() == SPRING  # the cohort the view shows
    assert [c.text() for c in dialog.format_checks.values()] == [
        "CSV table — one row per learner, for a spreadsheet",
        "PDF page — the cohort table and its burn-up",
    ]
    assert not dialog.pdf_group.sections.isVisible()  # the roadmap's sections are not a cohort's
    for check in dialog.format_checks.values():
        check.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path))
    assert dialog.name_edit.text() == f"cohort-{SPRING}-2026-03-10"
    with qtbot.waitSignal(dialog.exported, timeout=60000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    csv_path, pdf_path = (Path(p) for p in done.args[0])
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("login,profile,cohort,role,tracks,plan_skills,")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["ana", "ben", "chloe"]
    from pypdf import PdfReader

    text = " ".join(PdfReader(pdf_path).pages[0].extract_text().split())
    assert f"Cohort {SPRING}" in text and "Exported by mia" in text
    assert "days behind" in text and "Cohort burn-up" in text
    assert dialog.open_button.isVisible()


def test_the_view_fits_its_texts_at_1280_by_800(qtbot: QtBot, open_as: Opener) -> None:
    from tests.ui.test_nothing_clipped import clipped_texts

    window = open_as("mia")
    window.resize(1280, 800)
    view = show_cohort(qtbot, window)
    window.grab()
    qtbot.waitUntil(lambda: clipped_texts(view) == [])
    header = view.table.horizontalHeader()
    shown = sum(
        header.sectionSize(i) for i in range(header.count()) if not header.isSectionHidden(i)
    )
    assert shown <= view.table.viewport().width()  # every figure in sight, no scrolling sideways


def test_the_owner_picks_a_cohort_and_comes_back_to_all(qtbot: QtBot, open_as: Opener) -> None:
    view = show_cohort(qtbot, open_as("postgres"))  # the owner: every cohort, none by name
    picker = view.picker
    for name, learners in (
        (AUTUMN, ["dev", "emma"]),
        (ALL_COHORTS, ["ana", "ben", "chloe", "dev", "emma"]),
    ):
        with qtbot.waitSignal(view.loaded, timeout=20000):
            picker.setCurrentIndex(picker.findText(name))
            picker.activated.emit(picker.currentIndex())
        assert sorted(column(view, LEARNER)) == learners
        assert [picker.itemText(i) for i in range(picker.count())] == [ALL_COHORTS, AUTUMN, SPRING]
        assert picker.isVisible()
