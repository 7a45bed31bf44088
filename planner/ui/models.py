"""Qt item models: the plan as a tree of phases and steps, and its search/"hide done" filter."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QIcon

from planner.core.plan import Plan, Step
from planner.core.search import search_words, skill_text
from planner.core.units import format_hours, plural
from planner.ui.commands import STATUS_WORDS
from planner.ui.text import tooltip

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Skill", "Status", "Area", "Hours", "Start", "End")
SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
# Internal ids: 0 for a phase row, 1 + the phase's row for a step row (ids are unsigned).
_NO_PHASE = 0


def short_date(value: object) -> str:
    """A date in the user's locale, short: 2 Mar 2026 in en_GB."""
    if not isinstance(value, date):
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


class PlanModel(QAbstractItemModel):
    """Phases at the top level, the plan's steps below them, in study order."""

    def __init__(self, icons: dict[str, QIcon] | None = None) -> None:
        super().__init__()
        self._phases: list[tuple[int, list[Step]]] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._icons = icons or {}

    # ------------------------------------------------------------------ content
    def set_plan(self, plan: Plan | None) -> None:
        """Show another plan (the whole model is rebuilt: plans change as a whole)."""
        self.beginResetModel()
        self._phases = plan.phases() if plan is not None else []
        self._where = {
            step.skill.id: (p, r)
            for p, (_, steps) in enumerate(self._phases)
            for r, step in enumerate(steps)
        }
        self.endResetModel()

    def set_icons(self, icons: dict[str, QIcon]) -> None:
        """Status icons (they follow the palette, so they change with light and dark)."""
        self._icons = icons
        if self._phases:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def index_of(self, skill_id: str, column: int = 0) -> QModelIndex:
        """The index of a skill's row, or an invalid index when it is not in the plan."""
        where = self._where.get(skill_id)
        if where is None:
            return QModelIndex()
        phase_row, row = where
        return self.createIndex(row, column, phase_row + 1)

    def step_at(self, index: Index) -> Step | None:
        """The step of a row (None for a phase row)."""
        if not index.isValid() or index.internalId() == _NO_PHASE:
            return None
        return self._phases[index.internalId() - 1][1][index.row()]

    # ------------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PHASE)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PHASE:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PHASE)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._phases)
        if parent.internalId() == _NO_PHASE and parent.column() == 0:
            return len(self._phases[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------------ data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_PHASE:
            return self._phase_data(index, role)
        step = self._phases[index.internalId() - 1][1][index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._step_text(step, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons.get(step.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if step.status == "implied" and step.implied_by:
                return tooltip(f"Known because you finished {step.implied_by}")
            return tooltip(step.skill.summary) or None
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(step.goal)
            font.setStrikeOut(step.status == "skipped")
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SKILL_ID_ROLE:
            return step.skill.id
        if role == STATUS_ROLE:
            return step.status
        if role == SEARCH_ROLE:
            return skill_text(step.skill)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{step.skill.name}, {STATUS_WORDS[step.status]}"
        return None

    @staticmethod
    def _step_text(step: Step, column: int) -> str:
        if column == 0:
            return step.skill.name + (" ★" if step.goal else "")
        if column == 1:
            return STATUS_WORDS[step.status]
        if column == 2:
            return step.skill.area
        if column == 3:
            return format_hours(step.skill.hours)
        if column == 4:
            return short_date(step.start)
        return short_date(step.end)

    def _phase_data(self, index: Index, role: int) -> Any:
        phase, steps = self._phases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            title = "Already known" if phase == 0 else f"Phase {phase}"
            hours = sum(s.skill.hours for s in steps)
            parts = [title, plural(len(steps), "skill"), format_hours(hours)]
            starts = [s.start for s in steps if s.start is not None]
            ends = [s.end for s in steps if s.end is not None]
            if starts and ends:
                parts.append(f"{short_date(min(starts))} – {short_date(max(ends))}")
            return " · ".join(parts)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == STATUS_ROLE:
            return "phase"
        return None


class PlanFilter(QSortFilterProxyModel):
    """Shows the steps that match the search words, optionally without those behind you."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self._hide_done = False
        self.setRecursiveFilteringEnabled(True)  # a phase stays while one of its steps shows

    def set_search(self, text: str) -> None:
        """Every word must appear in the name, id or area (case does not matter)."""
        self.beginFilterChange()
        self._words = search_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_hide_done(self, hide: bool) -> None:
        """Hide done, skipped and implied steps."""
        self.beginFilterChange()
        self._hide_done = hide
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def hide_done(self) -> bool:
        """Whether steps behind the learner are hidden."""
        return self._hide_done

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        status = model.data(index, STATUS_ROLE)
        if status == "phase":
            # Shown only through a matching child (recursive filtering), or when nothing filters.
            return not self._words and not self._hide_done and model.rowCount(index) > 0
        if self._hide_done and status in ("done", "skipped", "implied"):
            return False
        haystack = str(model.data(index, SEARCH_ROLE))
        return all(word in haystack for word in self._words)
