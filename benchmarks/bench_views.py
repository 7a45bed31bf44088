"""The plan view of a 10k-skill plan: filtering as the learner types in the search box."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTreeView

from benchmarks.common import Row, Timing, fill_database, synthetic_library
from planner.service import Planner
from planner.ui.plan_view import PlanView
from planner.ui.state import AppState

SIZE = 10_000
TARGET_MS = 100
TYPED = "skill 42"  # names are "Skill <n>": the first keystrokes match every step
VIEW = (1100, 750)


def learner(path: Path, n: int) -> Planner:
    """A profile on the synthetic library's role with 5 % of the skills done."""
    library = synthetic_library(n)
    fill_database(path, library)
    planner = Planner.open(path)
    planner.update_profile(role="role", hours_per_week=10)
    planner.set_statuses(list(library.skills)[: n // 20], "done")
    return planner


def keystrokes(
    apply: Callable[[str], object], repaint: Callable[[], object], runs: int = 3
) -> list[float]:
    """For each prefix of TYPED and then the cleared box: the median time from setting the
    text to the view painted again."""
    prefixes = [TYPED[:k] for k in range(1, len(TYPED) + 1)] + [""]
    per_key: dict[str, list[float]] = {p: [] for p in prefixes}
    for _ in range(runs):
        for text in prefixes:
            started = time.perf_counter()
            apply(text)
            repaint()
            per_key[text].append((time.perf_counter() - started) * 1000)
    return [statistics.median(samples) for samples in per_key.values()]


def bare_filter(names: list[str]) -> list[float]:
    """The baseline: Qt's own proxy filter (fixed string, any case) on a flat list of the
    same names in a bare QTreeView."""
    model = QStandardItemModel()
    for name in names:
        model.appendRow(QStandardItem(name))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    tree = QTreeView()
    tree.setUniformRowHeights(True)
    tree.setModel(proxy)
    tree.resize(*VIEW)
    tree.show()
    QApplication.processEvents()
    times = keystrokes(proxy.setFilterFixedString, tree.viewport().repaint)
    tree.close()
    return times


def run() -> list[Row]:
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        planner = learner(Path(folder) / "bench.sqlite3", SIZE)
        try:
            state = AppState(planner)
            view = PlanView(state)
            view.resize(*VIEW)
            view.show()
            state.replan()
            QApplication.processEvents()
            plan = state.plan
            assert plan is not None
            steps = len(plan.steps)
            times = keystrokes(view.set_search, view.tree.viewport().repaint)
            view.close()
            bare = bare_filter([s.skill.name for s in plan.steps])
        finally:
            planner.close()
    worst = Timing(max(times), min(times), len(times))
    typical = Timing(statistics.median(times), min(times), len(times))
    bare_worst = Timing(max(bare), min(bare), len(bare))
    bare_typical = Timing(statistics.median(bare), min(bare), len(bare))
    return [
        Row(
            "plan view filter: worst keystroke",
            f"{steps:,}",
            worst,
            "QSortFilterProxyModel",
            bare_worst,
            f"<= {TARGET_MS} ms",
            worst.median_ms <= TARGET_MS,
        ),
        Row(
            "plan view filter: median keystroke",
            f"{steps:,}",
            typical,
            "QSortFilterProxyModel",
            bare_typical,
            f"<= {TARGET_MS} ms",
            typical.median_ms <= TARGET_MS,
        ),
    ]
