"""The Cohort view's table: one row per learner, shown in words and sorted by the figures.

Each cell shows its figure as a person reads it ("12 days behind", "3 Mar 2026") and sorts by
the figure itself (`SORT_ROLE`): days, hours, dates as numbers, and a missing figure (no
forecast yet, never active) last in either order. Being behind is written in a warning colour
chosen for the light and the dark palette alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPalette

from planner.core.domain import Library
from planner.core.team import CohortRow
from planner.core.units import plural
from planner.core.wording import ahead_words
from planner.export.cohort import TABLE_COLUMNS, behind, cohort_cells, role_words
from planner.ui.text import tooltip
from planner.ui.theme.dark_style import is_dark
from planner.ui.widgets.dates import short_date
from planner.ui.widgets.table_model import Index, TableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the CohortRow of a row, in every column
COLUMNS = TABLE_COLUMNS
LEARNER, COHORT, ROLE, DONE, HOURS, STREAK, LAST_ACTIVE, FORECAST, PACE = range(len(COLUMNS))

HEADER_TIPS = {
    DONE: "Share of the plan's hours in skills done",
    HOURS: "Hours studied in the last 28 days",
    STREAK: "Days in a row with study, up to today",
    FORECAST: "When the plan ends at the learner's own pace",
    PACE: "Days ahead of (or behind) the target date, or the plan without one",
}


def warning_color(palette: QPalette) -> QColor:
    """A red for "behind" that reads on the palette's base colour, light or dark."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


class CohortModel(TableModel):
    """The learners of a cohort with their figures (team.md's cohort fields)."""

    columns = COLUMNS
    column_tips = HEADER_TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CohortRow] = []
        self.library = Library()
        self.palette = QPalette()

    def set_rows(self, rows: Sequence[CohortRow], library: Library) -> None:
        """Show these learners; role ids are named from `library`."""
        self.beginResetModel()
        self.rows = list(rows)
        self.library = library
        self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        """The palette the warning colour must read on."""
        self.palette = QPalette(palette)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, PACE),
                self.index(len(self.rows) - 1, PACE),
                [Qt.ItemDataRole.ForegroundRole],
            )

    # ------------------------------------------------------------------ Qt's model
    def row_total(self) -> int:
        return len(self.rows)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == PACE and behind(row):
                return warning_color(self.palette)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (DONE, HOURS, STREAK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == PACE:
            return "warning" if behind(row) else None
        return None

    # ------------------------------------------------------------------ words and figures
    def text(self, row: CohortRow, column: int) -> str:
        """What a cell shows (the words of the cohort's PDF page too)."""
        return cohort_cells(row, self.library.roles, short_date)[column]

    def sort_key(self, row: CohortRow, column: int) -> object:
        """What a column sorts by: the figure, not its words."""
        if column == LEARNER:
            return row.login.casefold()
        if column == COHORT:
            return row.cohort.casefold()
        if column == ROLE:
            return role_words(row, self.library.roles).casefold()
        if column == DONE:
            return float(row.percent_done_hours) if row.plan_skills else None
        if column == HOURS:
            return float(row.hours_last_28_days)
        if column == STREAK:
            return float(row.streak_days)
        if column == LAST_ACTIVE:
            return _ordinal(row.last_active)
        if column == FORECAST:
            return _ordinal(row.forecast_finish)
        if column == PACE:
            return None if row.days_ahead is None else float(row.days_ahead)
        return ""

    def tip(self, row: CohortRow, column: int) -> str | None:
        """A cell's tooltip: the figures behind its words."""
        if column == LEARNER:
            if row.profile is None:
                return tooltip(f"{row.login} has no profile yet")
            return tooltip(f"{row.login} (profile “{row.profile}”): double-click for their plan")
        if column == DONE and row.plan_skills:
            return tooltip(f"{row.done_skills} of {plural(row.plan_skills, 'skill')} done")
        if column in (FORECAST, PACE):
            lines = []
            if row.planned_finish is not None:
                lines.append(f"Planned finish: {short_date(row.planned_finish)}")
            if row.forecast_finish is not None:
                lines.append(f"At their pace: {short_date(row.forecast_finish)}")
            if row.target_date is not None:
                lines.append(f"Target: {short_date(row.target_date)}")
            compared = "the target" if row.target_date is not None else "the plan"
            if row.days_ahead is not None:
                lines.append(f"{ahead_words(row.days_ahead)} of {compared}")
            return tooltip("\n".join(lines)) if lines else None
        text = self.text(row, column)
        return tooltip(text) if text else None


def _ordinal(day: date | None) -> float | None:
    return float(day.toordinal()) if day is not None else None


class CohortSort(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE`, a missing figure (None) last whichever way."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        if a is None or b is None:
            # Qt puts what is less first when ascending, last when descending.
            return b is None and a is not None if ascending else a is None and b is not None
        if isinstance(a, float) and isinstance(b, float):
            return a < b
        if isinstance(a, str) and isinstance(b, str):
            return a < b
        return False
