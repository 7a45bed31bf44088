"""The window's frame, shown before the database opens: what it shows, that nothing in it acts
on a planner not there yet, and that `attach` completes it into the usual window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLabel
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.window.main_window import OPENING_TEXT, MainWindow
from tests.ui.conftest import drag_enter, files_mime

pytestmark = pytest.mark.gui


@pytest.fixture
def frame(qtbot: QtBot, settings: QSettings) -> Iterator[MainWindow]:
    """The frame alone, shown and active, as the app paints it first."""
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    window.close()


@pytest.fixture
def planner(planner: Planner) -> Planner:
    """The shared service, for a learner of the ML-engineer role at 12 h a week."""
    planner.profiles.update(role="ml-engineer", hours_per_week=12)
    return planner


def test_the_frame_says_it_is_opening_and_offers_nothing_to_click(frame: MainWindow) -> None:
    shown = frame.views.currentWidget()
    assert isinstance(shown, QLabel) and shown.text() == OPENING_TEXT
    sidebar = frame.sidebar  # the Cohort view is hidden until a mentor is known to be there
    assert [
        sidebar.item(i).text() for i in range(sidebar.count()) if not sidebar.isRowHidden(i)
    ] == [
        "Plan",
        "Graph",
        "Progress",
        "Library",
        "Compare",
        "Agenda",
        "Review",
    ]
    assert not frame.menuBar().isEnabled()
    assert not frame.toolbar.isEnabled()
    assert not frame.sidebar.isEnabled()
    assert frame.windowTitle() == "Roadmap planner"


def test_shortcuts_in_the_frame_do_nothing_and_raise_nothing(
    qtbot: QtBot, frame: MainWindow, planner: Planner
) -> None:
    # Export, log time, import, the graph, hide-done, edit skill: each needs the planner. Any
    # exception in a slot fails the test (pytest-qt), so each key reaching its action would.
    for key in (Qt.Key.Key_E, Qt.Key.Key_L, Qt.Key.Key_H, Qt.Key.Key_2, Qt.Key.Key_4):
        qtbot.keyClick(frame, key, Qt.KeyboardModifier.ControlModifier)
    assert not frame.attached
    assert isinstance(frame.views.currentWidget(), QLabel)

    with qtbot.waitSignal(frame.opened):
        frame.attach(planner)
    # The same keys reach the window once it is complete (so they were pressed for real).
    qtbot.keyClick(frame, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert frame.views.currentWidget() is frame.graph_view


def test_attach_completes_the_window_on_the_learners_plan(
    qtbot: QtBot, frame: MainWindow, planner: Planner
) -> None:
    with qtbot.waitSignal(frame.opened):
        frame.attach(planner)
    assert frame.attached
    assert frame.menuBar().isEnabled() and frame.toolbar.isEnabled() and frame.sidebar.isEnabled()
    assert frame.views.currentWidget() is frame.plan_view
    assert all(not (isinstance(frame.views.widget(i), QLabel)) for i in range(frame.views.count()))
    assert frame.role_box.currentText() == "Machine-learning engineer"
    assert frame.hours_box.value() == 12
    assert frame.windowTitle() == "default — Roadmap planner"
    assert frame.dock.widget() is frame.skill_panel
    # The hours box sits between the tracks button and the order, as it always did.
    widgets = [frame.toolbar.widgetForAction(a) for a in frame.toolbar.actions()]
    placed = [w for w in widgets if w in (frame.tracks_button, frame.hours_box, frame.strategy_box)]
    assert placed == [frame.tracks_button, frame.hours_box, frame.strategy_box]
    assert isinstance(frame.hours_box, QDoubleSpinBox)
    assert "finish" in frame.status_plan.text()


def test_what_the_first_frame_does_not_show_is_made_with_the_views(
    qtbot: QtBot, frame: MainWindow, planner: Planner
) -> None:
    """The search's clear button (its icon comes from the icon theme) and the lost-server bar
    (the style's warning icon) are not made for the first frame, where neither shows."""
    assert not frame.search.isClearButtonEnabled()  # no text can be typed there yet
    assert frame._server_lost is None
    with qtbot.waitSignal(frame.opened):
        frame.attach(planner)
    assert frame.search.isClearButtonEnabled()
    assert frame._server_lost is None  # still: a shared database out of reach makes it
    bar = frame.server_lost
    assert frame.top.indexOf(bar) == 0 and bar.isHidden()  # over the sidebar and the views
    assert frame.server_lost is bar


def test_closing_the_frame_before_the_database_opens_keeps_the_size_and_nothing_else(
    qtbot: QtBot, frame: MainWindow, settings: QSettings
) -> None:
    frame.resize(1000, 700)
    frame.close()  # no planner: no note to save, no backup to take, no profile to remember
    settings.sync()
    assert settings.value("window/geometry") is not None
    assert settings.value("profile") is None
    assert settings.value("window/view") is None


def test_a_roadmap_file_dragged_over_the_frame_is_not_taken(
    frame: MainWindow, tmp_path: Path
) -> None:
    mime = files_mime(tmp_path / "extra.yaml")
    assert not drag_enter(
        frame, mime
    ).isAccepted()  # nothing to import it into until the database is open


def test_a_first_window_fits_a_laptop_screen_with_its_title_bar() -> None:
    """1280x800 is the default size: on a 1280x800 screen the title bar would push the status
    line below the screen's edge, so the first window opens maximised there instead."""
    from PySide6.QtCore import QSize

    from planner.ui.window.main_window import fits_with_frame

    default = QSize(1280, 800)
    assert not fits_with_frame(QSize(1280, 800), default)
    assert not fits_with_frame(QSize(1280, 770), default)  # a panel takes 30 pixels
    assert not fits_with_frame(QSize(1366, 740), default)  # a 1366x768 laptop with a panel
    assert fits_with_frame(QSize(1920, 1050), default)
    assert fits_with_frame(QSize(1440, 870), default)
