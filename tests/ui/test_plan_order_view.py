"""The plan view reads top to bottom, and starting a skill early says what it still needs."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.widgets.dates import short_date
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory

# Clustering needs these, none of them done (python-basics is marked done in `window`).
CLUSTERING_NEEDS = ["numpy", "probability", "pandas", "statistics", "ml-fundamentals"]


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    """The app of an ML-engineer learner (10 h a week) who knows Python."""

    def learner(planner: Planner) -> None:
        planner.profiles.update(role="ml-engineer", hours_per_week=10)
        planner.progress.set_status("python-basics", "done", date(2026, 2, 1))

    return open_window(learner, size=(1280, 800))


def rows(window: MainWindow) -> list[tuple[str, list[list[str]]]]:
    """What the plan view shows: each group's header with its rows' cells, top to bottom."""
    proxy = window.plan_view.proxy
    shown = []
    for g in range(proxy.rowCount()):
        header = proxy.index(g, 0)
        cells = [
            [str(proxy.index(r, c, header).data() or "") for c in range(6)]
            for r in range(proxy.rowCount(header))
        ]
        shown.append((str(header.data()), cells))
    return shown


def log_on(qtbot: QtBot, window: MainWindow, skill_id: str, duration: str) -> None:
    """Select a skill in the plan and log study time in the skill panel, as a learner does."""
    tree = window.plan_view.tree
    proxy = window.plan_view.proxy
    index = proxy.mapFromSource(window.plan_view.model.index_of(skill_id, 2))
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    assert window.state.selected == skill_id
    panel = window.skill_panel
    qtbot.keyClicks(panel.duration, duration)
    with qtbot.waitSignal(window.state.sessionsChanged):
        qtbot.mouseClick(panel.log_button, Qt.MouseButton.LeftButton)


def prompt(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    def shown() -> bool:
        box = window.prerequisites.box
        return box is not None and box.isVisible()

    qtbot.waitUntil(shown)
    box = window.prerequisites.box
    assert box is not None
    return box


def click(qtbot: QtBot, box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_logging_a_late_skill_puts_it_first_and_the_dates_read_forward(
    qtbot: QtBot, window: MainWindow
) -> None:
    log_on(qtbot, window, "clustering", "1h30m")
    box = prompt(qtbot, window)
    assert "Clustering" in box.text() and "4 skills" in box.text()
    for name in ("NumPy", "Probability", "pandas", "Machine-learning fundamentals"):
        assert name in box.informativeText()
    # Study them first: the first of them, the one the plan starts with, is selected.
    with qtbot.waitSignal(window.state.selectionChanged):
        click(qtbot, box, "studyFirst")
    qtbot.waitUntil(lambda: window.prerequisites.box is None)
    shown = rows(window)
    headers = [h for h, _ in shown]
    assert headers[0].startswith("Done · 1 skill")
    assert headers[1].startswith("Phase 1: in progress · 5 skills · ")
    assert headers[2].startswith("Phase 2 · ")
    doing = shown[1][1]
    assert [r[0] for r in doing][-1] == "Clustering ★"
    assert doing[-1][1] == f"Started {short_date(TODAY, 'd MMM')}"
    assert window.state.selected == window.state.plan.steps[1].skill.id  # type: ignore[union-attr]
    assert window.plan_view.current_skill() == window.state.selected
    # Reading down the whole plan, no date goes back; the headers' spans follow each other.
    plan = window.state.plan
    assert plan is not None
    starts = [r[4] for _, cells in shown for r in cells if r[4]]
    assert starts == [short_date(s.start) for s in plan.steps if s.start]
    for a, b in itertools.pairwise([s for s in plan.steps if s.start]):
        assert a.start is not None and b.start is not None and a.start <= b.start
    for first, then in itertools.pairwise(g for g in plan.groups() if g.phase):
        assert first.end is not None and then.start is not None and first.end <= then.start
        assert f"{short_date(first.start)} – {short_date(first.end)}" in headers[first.phase]

    # Said once per skill: logging again asks nothing.
    log_on(qtbot, window, "clustering", "30m")
    assert window.prerequisites.box is None


def test_marking_the_prerequisites_known_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    start = window.skill_panel.findChild(QToolButton, "status-in-progress")
    window.state.select("statistics")
    assert start is not None
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    box = prompt(qtbot, window)
    assert "Statistics" in box.text() and "one skill" in box.text()
    assert "Probability" in box.informativeText()
    assert "puts it first, right before Statistics" in box.informativeText()
    with qtbot.waitSignal(window.state.planChanged):
        click(qtbot, box, "markKnown")
    statuses = window.state.planner.progress.statuses()
    assert statuses["probability"] == "done" and statuses["statistics"] == "in-progress"
    # Nothing open any more: the in-progress block is Statistics alone.
    assert rows(window)[1][0].startswith("Phase 1: in progress · 1 skill · 30 h")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "probability" not in window.state.planner.progress.statuses()
    assert rows(window)[1][0].startswith("Phase 1: in progress · 2 skills · 60 h")


def test_a_skill_with_nothing_open_or_not_in_progress_asks_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    done = window.skill_panel.findChild(QToolButton, "status-done")
    window.state.select("numpy")  # needs python-basics only, which is done
    assert done is not None
    start = window.skill_panel.findChild(QToolButton, "status-in-progress")
    assert start is not None
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    window.state.select("clustering")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert window.prerequisites.box is None


def test_goal_by_goal_groups_the_plan_view_by_goal_in_date_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    log_on(qtbot, window, "gradient-boosted-trees", "1h")
    box = prompt(qtbot, window)
    click(qtbot, box, "notNow")
    box_strategy = window.strategy_box
    box_strategy.setFocus()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.keyClick(box_strategy, Qt.Key.Key_Down)
    assert box_strategy.currentText() == "Goal by goal"
    shown = rows(window)
    headers = [h for h, _ in shown]
    assert headers[1].startswith("In progress · ")
    assert [r[0] for r in shown[1][1]][-1] == "Gradient-boosted trees ★"
    goals = headers[2:]
    assert goals and all(h.startswith("Goal: ") for h in goals)
    # Each goal group ends with its goal (in bold, starred), and the dates read forward.
    for header, cells in shown[2:]:
        goal = header.removeprefix("Goal: ").split(" · ")[0]
        assert cells[-1][0] == f"{goal} ★"
    plan = window.state.plan
    assert plan is not None
    starts = [s.start for s in plan.steps if s.start is not None]
    assert starts == sorted(starts)
    assert [r[4] for _, cells in shown for r in cells if r[4]] == [short_date(d) for d in starts]


def test_the_skill_panel_says_when_a_skill_in_progress_was_started(
    qtbot: QtBot, window: MainWindow
) -> None:
    log_on(qtbot, window, "clustering", "45m")
    click(qtbot, prompt(qtbot, window), "notNow")
    qtbot.waitUntil(lambda: window.prerequisites.box is None)
    window.state.select("clustering")
    text = window.skill_panel.implied.text()
    assert text.startswith(f"Started {short_date(TODAY)} · planned ")
