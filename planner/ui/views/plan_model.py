"""Qt item models: the plan as a tree of phases (or goals) and steps, and its search filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QIcon, QStandardItem, QStandardItemModel

from planner.core.plan_steps import Group, Plan, Step
from planner.core.search import search_words, skill_text
from planner.core.status import BEHIND, STATUS_TITLES, Status
from planner.core.units import format_hours, plural
from planner.core.wording import known_because
from planner.ui.text import hours_with_pace, tooltip
from planner.ui.widgets.dates import short_date
from planner.ui.widgets.table_model import ColumnHeaders, Index

COLUMNS = ("Skill", "Status", "Area", "Hours", "Start", "End")
SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
_PHASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class PlanModel(ColumnHeaders, QStandardItemModel):
    """Phases at the top level, the plan's steps below them, in study order.

    Read-only. The shape of the tree (one item per phase with a row per step, no item per
    step) lives in Qt's QStandardItemModel, so views and the filter walk it in C++; what each
    cell shows comes from `data()`, read from the plan. With a shape written in Python, a tree
    view laying out 10,000 steps called back into Python several times per row, and every
    keystroke of a search cost that.
    """

    columns = COLUMNS

    def __init__(self, icons: dict[Status, QIcon] | None = None) -> None:
        super().__init__()
        self.setColumnCount(len(COLUMNS))
        self._phases: list[Group] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._search: list[list[str]] | None = None  # what a search looks in, built when asked
        self._icons = icons or {}

    # ------------------------------------------------------------------ content
    def set_plan(self, plan: Plan | None) -> None:
        """Show another plan (the whole model is rebuilt: plans change as a whole)."""
        self.beginResetModel()
        with QSignalBlocker(self):  # one reset, not a signal per phase
            self.removeRows(0, self.rowCount())
            self._phases = plan.groups() if plan is not None else []
            self._where = {
                step.skill.id: (p, r)
                for p, group in enumerate(self._phases)
                for r, step in enumerate(group.steps)
            }
            self._search = None
            shapes = []
            for steps in (group.steps for group in self._phases):
                phase = QStandardItem()
                phase.setFlags(_PHASE_FLAGS)
                phase.setColumnCount(len(COLUMNS))
                phase.setRowCount(len(steps))
                shapes.append(phase)
            if shapes:
                self.invisibleRootItem().appendRows(shapes)
        self.endResetModel()

    def set_icons(self, icons: dict[Status, QIcon]) -> None:
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
        return self.index(row, column, self.index(phase_row, 0))

    def step_at(self, index: Index) -> Step | None:
        """The step of a row (None for a phase row)."""
        if not index.isValid():
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        return self._phases[parent.row()].steps[index.row()]

    def phase_size(self, phase_row: int) -> int:
        """How many steps the phase at `phase_row` holds."""
        return len(self._phases[phase_row].steps)

    def shows(self, phase_row: int, row: int, words: list[str], hide_done: bool) -> bool:
        """Whether a step passes a search (every word in its name, id or area) and, with
        `hide_done`, is still to study. Reads the step directly, without an index: the filter
        asks this of every step on every keystroke."""
        if hide_done and self._phases[phase_row].steps[row].status in BEHIND:
            return False
        if not words:
            return True
        if self._search is None:  # built once per plan, on the first search
            self._search = [[skill_text(s.skill) for s in g.steps] for g in self._phases]
        haystack = self._search[phase_row][row]
        return all(word in haystack for word in words)

    # ------------------------------------------------------------------ read-only
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False  # the plan changes through the service, never by editing a cell

    # ------------------------------------------------------------------ data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        parent = index.parent()
        if not parent.isValid():
            return self._phase_data(index, role)
        step = self._phases[parent.row()].steps[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 3:
                return self._hours_text(step)
            return self._step_text(step, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons.get(step.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if step.status == Status.IMPLIED and step.implied_by:
                return tooltip(known_because(step.implied_by))
            if column == 3 and step.personal_hours is not None and step.remaining:
                return tooltip(
                    f"Estimated {format_hours(step.skill.hours)}; "
                    f"at your pace about {format_hours(step.personal_hours)}"
                )
            if step.started is not None and column == 1:
                return tooltip(f"In progress since {short_date(step.started)}")
            return tooltip(step.skill.summary) or None
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(step.goal)
            font.setStrikeOut(step.status == Status.SKIPPED)
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
            since = f" since {short_date(step.started)}" if step.started else ""
            return f"{step.skill.name}, {STATUS_TITLES[step.status]}{since}"
        return None

    @staticmethod
    def _hours_text(step: Step) -> str:
        if step.personal_hours is None or not step.remaining:  # pace unknown, or studied
            return format_hours(step.skill.hours)
        return hours_with_pace(step.skill.hours, step.personal_hours)

    @staticmethod
    def _step_text(step: Step, column: int) -> str:
        if column == 0:
            return step.skill.name + (" ★" if step.goal else "")
        if column == 1:
            if step.started is not None:  # the day it was begun, the year in the tooltip
                return f"Started {short_date(step.started, 'd MMM')}"
            return STATUS_TITLES[step.status]
        if column == 2:
            return step.skill.area
        if column == 3:
            return format_hours(step.skill.hours)
        if column == 4:
            return short_date(step.start)
        return short_date(step.end)

    def _phase_data(self, index: Index, role: int) -> Any:
        group = self._phases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            parts = [group.title, plural(len(group.steps), "skill"), format_hours(group.hours)]
            if group.start is not None and group.end is not None:
                parts.append(f"{short_date(group.start)} – {short_date(group.end)}")
            return " · ".join(parts)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == STATUS_ROLE:
            return "phase"
        return None


class PlanFilter(QSortFilterProxyModel):
    """Shows the steps that match the search words, optionally without those behind you; a
    phase shows while one of its steps does. Its source is a PlanModel."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self._hide_done = False

    def set_search(self, text: str) -> None:
        """Every word must appear in the name, id or area (case does not matter)."""
        words = search_words(text)
        if words != self._words:
            self._words = words
            self._refilter()

    def set_hide_done(self, hide: bool) -> None:
        """Hide done, skipped and implied steps."""
        if hide != self._hide_done:
            self._hide_done = hide
            self._refilter()

    def _refilter(self) -> None:
        # One layout change rather than Qt's incremental update, which removes and inserts
        # each run of rows on its own: hundreds of runs in a big plan, each handled by the
        # view. One relayout of 10,000 steps costs less than that, and always the same.
        self.invalidate()

    @property
    def hide_done(self) -> bool:
        """Whether steps behind the learner are hidden."""
        return self._hide_done

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PlanModel)
        words, hide = self._words, self._hide_done
        if source_parent.isValid():
            return model.shows(source_parent.row(), source_row, words, hide)
        # A phase: shown while one of its steps is (an empty phase never is).
        return any(
            model.shows(source_row, row, words, hide) for row in range(model.phase_size(source_row))
        )
