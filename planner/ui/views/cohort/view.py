"""The Cohort view: a mentor's learners at a glance, and their cohort's burn-up.

One row per learner of the cohorts the mentor follows (the owner sees every cohort), sortable
by any column, most behind first; a cohort picker when there are several; a double-click (or
Enter) on a learner opens their plan and progress read-only (`learnerOpened`). The figures are
computed on the server (`Planner.team.cohort`, `Planner.team.burnup`) and read off the GUI
thread, each time the view is shown and on Refresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.team import CohortDay, CohortRow
from planner.errors import PlannerError
from planner.export.cohort import summary_words
from planner.service import Planner
from planner.ui.ops import Progress, QueryOp
from planner.ui.state import AppState
from planner.ui.views.chart_widgets import CohortBurnupChart, Section
from planner.ui.views.cohort.model import COHORT, PACE, ROLE, ROW_ROLE, CohortModel, CohortSort
from planner.ui.widgets.row_lists import pick_one_row

ALL_COHORTS = "All cohorts"
EMPTY_TEXT = (
    "No learner in your cohorts yet.\n"
    "The owner adds one with: planner team add LOGIN --as learner --cohort NAME"
)
READING = "Reading the cohort…"


@dataclass(frozen=True)
class CohortData:
    """What the view shows: the cohorts to pick from, the learners and the burn-up."""

    cohorts: tuple[str, ...]
    rows: tuple[CohortRow, ...]
    days: tuple[CohortDay, ...]


def read_cohort(planner: Planner, name: str | None) -> CohortData:
    """The learners and burn-up of one cohort (None: every cohort the login may see)."""
    me = planner.team.me()
    rows = planner.team.cohort(name)
    days = planner.team.burnup(name)
    names = set(me.cohorts if me is not None else ())
    names.update(r.cohort for r in rows if r.cohort)
    return CohortData(tuple(sorted(names, key=str.casefold)), tuple(rows), tuple(days))


class CohortView(QWidget):
    """The learners of the mentor's cohorts, sortable, with the cohort's burn-up.

    Signals:
        learnerOpened(str, str): open this learner's plan read-only (profile, login).
        exportRequested(str): export the cohort shown ("" for all the mentor's cohorts).
        loaded(): the figures read last are shown.
        failed(str): the cohort could not be read; the view says why.
    """

    learnerOpened = Signal(str, str)
    exportRequested = Signal(str)
    loaded = Signal()
    failed = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.stale = True  # read again when next shown
        self._reading = 0  # the number of the last read started: older answers are dropped
        self.data = CohortData((), (), ())

        self.picker = QComboBox()
        self.picker.setAccessibleName("Cohort")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker_label = QLabel("&Cohort:")
        self.picker_label.setBuddy(self.picker)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Read the cohort's figures again (F5)")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("The cohort as a CSV table or a PDF page")
        head = QHBoxLayout()
        head.addWidget(self.picker_label)
        head.addWidget(self.picker)
        head.addWidget(self.summary, 1)
        head.addWidget(self.refresh_button)
        head.addWidget(self.export_button)

        self.model = CohortModel(self)
        self.model.set_palette(self.palette())
        self.proxy = CohortSort(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("cohortTable")
        self.table.setAccessibleName("Learners of the cohort")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PACE, Qt.SortOrder.AscendingOrder)  # most behind first
        pick_one_row(self.table)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        # The figures as wide as they need; the role (the longest words) takes what is left,
        # elided with its whole name in the tooltip, so that every figure shows without scrolling.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.chart = CohortBurnupChart()
        self.chart_section = Section("Cohort burn-up", self.chart)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_section)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.message = QLabel(READING)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.message)
        self.stack.addWidget(splitter)
        self.content = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(head)
        layout.addLayout(self.stack, 1)
        self._show_picker(())
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.picker.activated.connect(lambda _index: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        refresh = QShortcut(QKeySequence.StandardKey.Refresh, self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.reload)
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.cohort or ""))
        # Double-click and Enter (the view's "activated"; a double-click alone on some styles).
        self.table.activated.connect(self._open)

    # ------------------------------------------------------------------ reading
    @property
    def cohort(self) -> str | None:
        """The cohort picked (None: all of them)."""
        name = self.picker.currentData()
        return name if isinstance(name, str) and name else None

    def reload(self) -> None:
        """Read the cohort's figures again, off the GUI thread; `loaded` tells when shown."""
        self.stale = False
        self._reading += 1
        number, name = self._reading, self.cohort
        self.summary.setText(READING)
        self.refresh_button.setEnabled(False)

        def op(planner: Planner, _progress: Progress) -> CohortData:
            return read_cohort(planner, name)

        QueryOp(self, self.state.planner, op, lambda data: self._on_read(number, data)).failure(
            lambda error: self._on_failed(number, error)
        ).run_in_background()

    def _on_read(self, number: int, data: CohortData) -> None:
        if number != self._reading:
            return  # a newer read is on its way
        self.refresh_button.setEnabled(True)
        self.show_data(data)

    def _on_failed(self, number: int, error: Exception) -> None:
        if number != self._reading:
            return
        self.refresh_button.setEnabled(True)
        if not isinstance(error, PlannerError):
            raise error  # a bug: the app's error handling shows it
        self.stale = True  # try again when next shown
        self.summary.clear()
        self.message.setText(f"The cohort cannot be read: {error}")
        self.stack.setCurrentWidget(self.message)
        self.failed.emit(str(error))

    def show_data(self, data: CohortData) -> None:
        """Show these learners and this burn-up."""
        # One cohort's figures name that cohort only: the others stay in the picker (the
        # owner follows no cohort by name, and would have no way back to all of them).
        known = set(data.cohorts) | (set(self.data.cohorts) if self.cohort else set())
        self.data = data
        self._show_picker(tuple(sorted(known, key=str.casefold)))
        self.model.set_rows(data.rows, self.state.planner.library())
        cohorts = {r.cohort for r in data.rows}
        self.table.setColumnHidden(COHORT, len(cohorts) <= 1)
        self.chart.set_days(list(data.days), self.state.planner.today())
        self.summary.setText(summary_words(data.rows) if data.rows else "")
        if data.rows:
            self.stack.setCurrentWidget(self.content)
        else:
            self.message.setText(EMPTY_TEXT)
            self.stack.setCurrentWidget(self.message)
        self.loaded.emit()

    def _show_picker(self, cohorts: tuple[str, ...]) -> None:
        current = self.cohort
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem(ALL_COHORTS, "")
        for name in cohorts:
            self.picker.addItem(name, name)
        self.picker.setCurrentIndex(max(0, self.picker.findData(current or "")))
        self.picker.blockSignals(False)
        several = len(cohorts) > 1
        self.picker.setVisible(several)
        self.picker_label.setVisible(several)

    # ------------------------------------------------------------------ the learner
    def selected_row(self) -> CohortRow | None:
        """The learner of the current row, if any."""
        row = self.table.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, CohortRow) else None

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, CohortRow) and row.profile is not None:
            self.learnerOpened.emit(row.profile, row.login)

    # ------------------------------------------------------------------ Qt
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.model.set_palette(self.palette())  # "behind" in a red for this palette
        super().changeEvent(event)
