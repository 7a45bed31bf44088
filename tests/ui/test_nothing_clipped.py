"""Nothing is clipped at the default 1280×800 window with the skill panel open: in every view,
each label and button is as wide as its text needs (or elided with the whole text in its
tooltip), each chart's labels lie inside their boxes and the chart, and the shortcuts dialog
shows keys and descriptions in two columns, each on one line. The Progress and Compare views and
the shortcuts dialog are checked again with twice the font (200 % text), and the charts at 200 %
in tests/render/test_chart_labels.py too (half the width, twice the font)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QTableWidgetItem,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.dialogs.shortcuts import SHORTCUTS, ShortcutsDialog
from planner.ui.theme import dark_style
from planner.ui.views.chart_widgets import BurnupChart, HeatmapChart, WeeklyHoursChart
from planner.ui.views.compare_view import CompareView
from planner.ui.views.progress_view import ProgressView
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.render.test_chart_labels import assert_fits
from tests.ui.conftest import WindowFactory

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 800


def a_learners_history(planner: Planner) -> None:
    """An ML engineer with the computer-vision track, four months of study, two skills done."""
    start = TODAY - timedelta(days=120)
    planner.profiles.update(role="ml-engineer", hours_per_week=12, start=start)
    planner.profiles.update(tracks=["computer-vision"])
    planner.profiles.update(study_slots="Tue 19:00-21:00, Thu 18:30-21:00, Sat 09:00-13:00")
    for days in range(118):
        if days % 5 in (0, 2, 3):
            skill = "python-basics" if days > 60 else "numpy"
            planner.progress.log_study(skill, 30 + 15 * (days % 7), TODAY - timedelta(days=days))
    planner.progress.set_status("git", "done", TODAY - timedelta(days=80))
    planner.progress.set_status("python-basics", "done", TODAY - timedelta(days=60))


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    win = open_window(a_learners_history, size=(WIDTH, HEIGHT))
    win.state.select("numpy")  # the skill panel open beside the views, taking its room
    return win


def shown(widget: QWidget, top: QWidget) -> bool:
    """Whether the learner can see the widget (not hidden, not on a page behind another)."""
    return (
        widget.isVisibleTo(top) and widget.width() > 0 and widget.visibleRegion().isEmpty() is False
    )


def cut_by_a_parent(widget: QWidget, top: QWidget) -> bool:
    """Whether a parent of the widget (up to `top`) is too small to show the whole of it;
    a scroll area's viewport may hide part of it: the learner scrolls to see it."""
    rect = widget.rect()
    child = widget
    while child is not top:
        parent = child.parentWidget()
        if parent is None:
            return False
        rect = rect.translated(child.pos())
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is not top:
            return False  # the viewport: what lies beyond is scrolled to
        if not parent.rect().contains(rect):
            return True
        child = parent
    return False


def clipped_texts(top: QWidget, checked: list[str] | None = None) -> list[str]:
    """Every label and button under `top` whose text is cut, with what is wrong (and the texts
    looked at, in `checked`)."""
    problems: list[str] = []
    checked = [] if checked is None else checked
    for label in top.findChildren(QLabel):
        if not shown(label, top) or not label.text().strip() or not label.pixmap().isNull():
            continue
        checked.append(label.text())
        if cut_by_a_parent(label, top):
            problems.append(f"label {label.text()!r}: cut by the panel it is in")
            continue
        room = label.contentsRect()
        if label.wordWrap():
            needed = label.heightForWidth(room.width())
            if needed > room.height() + 1:
                problems.append(f"label {label.text()!r}: {needed} px high in {room.height()}")
            continue
        needed = label.minimumSizeHint().width()
        elided = "…" in label.text() and bool(label.toolTip())
        if needed > label.width() and not elided:
            problems.append(f"label {label.text()!r}: needs {needed} px, has {label.width()}")
    for button in top.findChildren(QAbstractButton):
        text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not shown(button, top) or not text.strip():
            continue
        checked.append(text)
        if cut_by_a_parent(button, top):
            problems.append(f"button {text!r}: cut by the panel it is in")
            continue
        needed = QFontMetrics(button.font()).horizontalAdvance(text)
        if needed > button.contentsRect().width():
            problems.append(f"button {text!r}: needs {needed} px, has {button.width()}")
    return problems


def view_widgets(window: MainWindow) -> dict[str, QWidget]:
    return {
        "plan": window.plan_view,
        "graph": window.graph_view,
        "progress": window.progress_view,
        "library": window.library_editor,
        "compare": window.compare_view,
        "agenda": window.agenda_view,
        "review": window.review_view,
        "cohort": window.cohort_view,
    }


def test_every_view_fits_its_texts_at_1280_by_800(window: MainWindow, qtbot: QtBot) -> None:
    assert window.dock.isVisible()
    minimum = window.minimumSizeHint()
    assert minimum.width() <= WIDTH and minimum.height() <= HEIGHT  # the window can be this small
    for shown in View:
        if window.sidebar.isRowHidden(shown):
            continue  # not this learner's (the Cohort view is a mentor's: test_cohort_view)
        name = shown.name.lower()
        window.show_view(shown)
        view = view_widgets(window)[name]
        qtbot.waitUntil(lambda v=view: window.views.currentWidget() is v)  # type: ignore[misc]
        QApplication.processEvents()
        assert window.size().width() == WIDTH and window.size().height() == HEIGHT
        window.grab()  # lays out and paints everything as the screen would
        checked: list[str] = []
        # What the learner sees once the pending layouts ran (a view lays out after it shows).
        qtbot.waitUntil(lambda v=view: clipped_texts(v) == [])  # type: ignore[misc]
        assert clipped_texts(view, checked) == [], name
        assert checked, f"no text looked at in the {name} view"
    # The window's own texts: the skill panel, toolbar and status bar.
    assert clipped_texts(window.dock) == []
    assert clipped_texts(window.statusBar()) == []
    for bar in window.findChildren(QToolBar):
        assert clipped_texts(bar) == []


def test_the_progress_charts_fit_their_labels_in_the_view(window: MainWindow, qtbot: QtBot) -> None:
    window.show_view(View.PROGRESS)
    view = window.progress_view
    qtbot.waitUntil(lambda: window.views.currentWidget() is view)
    qtbot.waitUntil(lambda: clipped_texts(view) == [])
    assert view.cards_per_row == 5  # at 1280×800 the five figure cards share one row
    charts = [view.burnup, view.weekly, view.heatmap]
    assert isinstance(charts[0], BurnupChart) and isinstance(charts[1], WeeklyHoursChart)
    assert isinstance(charts[2], HeatmapChart)
    for scheme in ("light", "dark"):
        window.set_scheme(scheme, save=False)  # the view fills itself again: wait for layout
        dark = scheme == "dark"
        qtbot.waitUntil(lambda d=dark: dark_style.is_dark(view.palette()) is d)  # type: ignore[misc]
        qtbot.waitUntil(lambda: clipped_texts(view) == [] and clipped_texts(window.dock) == [])
        for chart in charts:
            chart.grab()
            # Each chart gets at least its least height: the view scrolls rather than squeeze.
            assert chart.height() >= chart.minimumHeight()
            assert_fits(chart.texts, chart.rect().toRectF(), chart)
        legend = [t.text for t in view.burnup.texts]
        assert "done (estimated hours of finished skills)" in legend  # whole, not cut
        if os.environ.get("PLANNER_SCREENSHOTS"):
            window.grab().save(str(SCREENSHOTS / f"progress-{scheme}.png"))
    window.set_scheme("light", save=False)


def test_compare_names_are_whole_and_it_says_which_tracks_it_counts(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_view(View.COMPARE)
    view = window.compare_view
    qtbot.waitUntil(lambda: view.comparison is not None)
    assert view.role_a.currentData() == "ml-engineer"
    # The learner's own role counts their track, as the plan does: the totals agree.
    plan = window.state.plan
    assert plan is not None
    c = view.comparison
    assert c is not None and c.tracks_a == ("computer-vision",) and c.tracks_b == ()
    assert c.total_hours_a == pytest.approx(plan.total_hours)
    assert "Machine-learning engineer with your track Computer vision" in view.counted.text()
    assert "AI engineer without tracks" in view.counted.text()
    # Every skill name shows whole: a long one wraps onto a second line instead of "…".
    for lists in (view.only_a, view.shared, view.only_b):
        width = lists.viewport().width()
        for row in range(lists.count()):
            item = lists.item(row)
            rect = lists.visualItemRect(item)
            assert rect.width() <= width
            lines = max(1, rect.height() // QFontMetrics(lists.font()).lineSpacing())
            needed = QFontMetrics(lists.font()).horizontalAdvance(item.text())
            assert needed <= lines * rect.width(), item.text()
    # Choosing two other roles: nothing of the learner's is counted, and it says so.
    view.set_roles("ai-engineer", "ml-engineer")
    assert view.comparison is not None and view.comparison.tracks_b == ("computer-vision",)
    if os.environ.get("PLANNER_SCREENSHOTS"):
        view.set_roles("ml-engineer", "ai-engineer")
        for scheme in ("light", "dark"):
            window.set_scheme(scheme, save=False)
            dark = scheme == "dark"
            qtbot.waitUntil(lambda d=dark: dark_style.is_dark(view.palette()) is d)  # type: ignore[misc]
            qtbot.waitUntil(lambda: clipped_texts(view) == [])
            window.grab().save(str(SCREENSHOTS / f"compare-{scheme}.png"))
        window.set_scheme("light", save=False)


def test_the_shortcuts_dialog_aligns_keys_and_descriptions(
    window: MainWindow, qtbot: QtBot
) -> None:
    help_action = next(
        a for a in window.findChildren(type(window.action_fit)) if a.text() == "Keyboard shortcuts"
    )
    help_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None)
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitExposed(dialog)
    table = dialog.table

    def cell(row: int, column: int) -> QTableWidgetItem:
        item = table.item(row, column)
        assert item is not None
        return item

    assert table.rowCount() == len(SHORTCUTS) and table.columnCount() == 2
    assert not table.wordWrap()
    # One row a shortcut, every row in sight, each text on one line within its column.
    assert table.viewport().height() >= sum(table.rowHeight(r) for r in range(table.rowCount()))
    for row in range(table.rowCount()):
        for column in range(2):
            item = cell(row, column)
            needed = QFontMetrics(item.font()).horizontalAdvance(item.text())
            assert needed < table.columnWidth(column), item.text()
            assert QFontMetrics(item.font()).height() <= table.rowHeight(row)
    keys = [cell(r, 0).text() for r in range(table.rowCount())]
    assert "Ctrl+F" in keys and "F1" in keys
    x_of_descriptions = {table.visualItemRect(cell(r, 1)).left() for r in range(len(keys))}
    assert len(x_of_descriptions) == 1  # one column: the descriptions start at the same x
    assert clipped_texts(dialog) == []
    dialog.close()


@pytest.fixture
def twice_the_font() -> Iterator[None]:
    """The application's font at twice its size (what 200 % text scaling does to the texts),
    put back afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(bigger)
    yield
    app.setFont(font)


def test_progress_compare_and_shortcuts_fit_twice_the_font(
    window: MainWindow, qtbot: QtBot, twice_the_font: None
) -> None:
    """At the room the window gives a view at 1280×800, with texts twice as large: the cards
    move onto more rows, the charts keep their least heights (the view scrolls), wrapped
    sentences get their lines, and the shortcuts dialog grows with its texts."""
    size = window.views.size()
    progress = ProgressView(window.state)
    compare = CompareView(window.state)
    for view in (progress, compare):
        qtbot.addWidget(view)
        view.resize(size)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda v=view: clipped_texts(v) == [])  # type: ignore[misc]
    assert progress.cards_per_row < 5  # one row of five cards no longer fits
    for chart in (progress.burnup, progress.weekly, progress.heatmap):
        chart.grab()
        assert chart.height() >= chart.minimumHeight() >= 2 * 100  # lines of the bigger font
        assert_fits(chart.texts, chart.rect().toRectF(), chart)
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    for row in range(table.rowCount()):
        for column in range(2):
            item = table.item(row, column)
            assert item is not None
            needed = QFontMetrics(item.font()).horizontalAdvance(item.text())
            assert needed < table.columnWidth(column), item.text()
    assert clipped_texts(dialog) == []
