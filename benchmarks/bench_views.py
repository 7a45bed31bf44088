"""The plan view of a 10k-skill plan: filtering as the learner types in the search box; the
library editor of a 10k-skill library: its first fill, and its refresh after one edit."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QTreeView

from benchmarks.common import Row, Timing, fill_database, synthetic_library
from planner.core.domain import Library
from planner.core.edit import LibraryChange
from planner.service import Planner
from planner.ui.library_editor.editor import LibraryEditor
from planner.ui.state import AppState
from planner.ui.views.plan_view import PlanView

SIZE = 10_000
TARGET_MS = 100
TYPED = "skill 42"  # names are "Skill <n>": the first keystrokes match every step
VIEW = (1100, 750)

Index = QModelIndex | QPersistentModelIndex


def learner(path: Path, n: int) -> Planner:
    """A profile on the synthetic library's role with 5 % of the skills done."""
    library = synthetic_library(n)
    fill_database(path, library)
    planner = Planner.open(path)
    planner.profiles.update(role="role", hours_per_week=10)
    planner.progress.set_statuses(list(library.skills)[: n // 20], "done")
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


def timing(samples: list[float]) -> Timing:
    return Timing(statistics.median(samples), min(samples), len(samples))


class BareTable(QAbstractTableModel):
    """The baseline of the library view: a table model serving precomputed strings."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


def bare_table(library: Library, runs: int) -> list[float]:
    """The baseline: a bare QAbstractTableModel reset over the same rows (display strings
    made and sorted by name in Python), in a bare QTableView of the same size, repainted."""
    model = BareTable()
    table = QTableView()
    table.setModel(model)
    table.resize(*VIEW)
    table.show()
    QApplication.processEvents()
    samples = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        model.beginResetModel()
        model.rows = sorted(
            (
                (s.name, s.area, s.level or "", f"{s.hours:g}", str(len(s.requires)), "")
                for s in library.skills.values()
            ),
            key=lambda r: r[0].casefold(),
        )
        model.endResetModel()
        table.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
        model.beginResetModel()
        model.rows = []
        model.endResetModel()
    table.close()
    return samples[1:]


def fresh_editor(state: AppState) -> LibraryEditor:
    """A library editor built, shown and painted (what opening the Library view costs)."""
    editor = LibraryEditor(state)
    editor.resize(*VIEW)
    editor.show()
    QApplication.processEvents()
    editor.table.viewport().repaint()
    return editor


def first_fills(planner: Planner, runs: int) -> list[float]:
    """A new editor on the loaded library, each on a state of its own."""
    samples = []
    for _ in range(runs + 1):
        state = AppState(planner)
        started = time.perf_counter()
        editor = fresh_editor(state)
        samples.append((time.perf_counter() - started) * 1000)
        editor.close()
        editor.deleteLater()
        QApplication.processEvents()
    return samples[1:]


def edits(planner: Planner, role_filter: bool, runs: int) -> list[float]:
    """One skill renamed and moved to another area, then undone, and again: the time from
    `libraryChanged` (the library already reloaded by the service) until the events it posted
    are handled and the table is repainted, with a skill selected and, if asked, the role
    filter on."""
    state = AppState(planner)
    editor = fresh_editor(state)
    library = planner.library()
    ids = list(library.skills)
    state.select(ids[len(ids) // 2])
    if role_filter:
        editor.role_filter.setCurrentIndex(editor.role_filter.findData("role"))
        editor.role_filter.activated.emit(editor.role_filter.currentIndex())
    target = library.skills[ids[len(ids) // 3]]
    samples = []
    for i in range(runs + 1):
        edit = planner.editing.edit(
            LibraryChange({target.id: replace(target, name=f"Renamed {i}", area="Area 99")})
        )
        for step in ("edit", "undo"):
            planner.library()  # the service's reload is not the view's cost
            started = time.perf_counter()
            state.libraryChanged.emit()
            QApplication.processEvents()  # what the refresh posted: layouts, header sizes
            editor.table.viewport().repaint()
            samples.append((time.perf_counter() - started) * 1000)
            if step == "edit":
                planner.editing.undo(edit)
        assert editor.selected_skill() == ids[len(ids) // 2]
    editor.close()
    editor.deleteLater()
    QApplication.processEvents()
    return samples[2:]


def library_rows(folder: Path) -> list[Row]:
    """The library editor at 10k skills: first fill, refresh after one edit."""
    library = synthetic_library(SIZE)
    path = folder / "library.sqlite3"
    fill_database(path, library)
    planner = Planner.open(path)
    try:
        planner.library()
        fills = first_fills(planner, 5)
        bare = bare_table(planner.library(), 5)
        refresh = edits(planner, False, 5)
        refresh_role = edits(planner, True, 5)
    finally:
        planner.close()
    size = f"{SIZE:,}"
    base = timing(bare)
    return [
        Row(
            "library view: first fill",
            size,
            timing(fills),
            "bare table model reset",
            base,
            "",
            None,
        ),
        Row(
            "library view: refresh after one edit",
            size,
            timing(refresh),
            "bare table model reset",
            base,
            f"<= {TARGET_MS} ms",
            statistics.median(refresh) <= TARGET_MS,
        ),
        Row(
            "library view: same, role filter on",
            size,
            timing(refresh_role),
            "bare table model reset",
            base,
            f"<= {TARGET_MS} ms",
            statistics.median(refresh_role) <= TARGET_MS,
        ),
    ]


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
        library = library_rows(Path(folder))
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
        *library,
    ]
