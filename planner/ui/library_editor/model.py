"""The library editor's table of skills as a Qt model: its rows follow the library's edits
one by one (a few) or are filled afresh (many)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QWidget,
)

from planner.core.domain import Library, Skill
from planner.core.units import format_hours
from planner.ui.text import tooltip
from planner.ui.widgets.table_model import Index, TableModel

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SKILL_COLUMNS = ("Name", "Area", "Level", "Hours", "Prerequisites", "Needed by")
AREA_COLUMN = 1
ROLE_COLUMNS = ("Name", "Id", "Goals", "Tracks", "Pay")
FOLLOW_AT_MOST = 300  # skills added, removed or changed at once; beyond, refilling is cheaper


class SkillTableModel(TableModel):
    """Every skill of the library, one row each, in the order of the sort column.

    The model sorts itself (`sort`: one Python sort with a key, ties in the library's order,
    as a stable sort over the library would leave them), so the proxy above it only filters:
    sorting 10k rows through the proxy called back into Python for every comparison. And it
    follows a changed library row by row (`set_library` compares it with the one shown):
    changed rows are updated, added and deleted ones inserted and removed where the sort puts
    them, so a one-skill edit costs a few rows, not the whole table, and persistent indexes
    (the selection, the scroll position) survive it.
    """

    columns = SKILL_COLUMNS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = Library()
        self.ids: list[str] = []  # in the order shown
        self.needed_by: dict[str, int] = {}
        self.sort_column = -1  # -1: the library's order
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._values: list[Any] = []  # each row's value in the sort column (beside `ids`)
        self._area_rows: list[int] | None = None

    # ------------------------------------------------------------------ the library
    def set_library(self, library: Library) -> LibraryDiff | None:
        """Show this library. Returns what changed since the library shown before, row by
        row, or None when the table was filled afresh (the first time, or a library too
        different to follow row by row)."""
        if library is self.library:
            return LibraryDiff((), (), ())
        diff = self._diff(library) if self.ids else None
        if diff is None:
            self._reset(library)
        else:
            self._follow(library, diff)
        return diff

    def area_rows(self) -> list[int]:
        """The first row of each area: every row of an area has the same Area cell."""
        if self._area_rows is None:
            first: dict[str, int] = {}
            skills = self.library.skills
            for row, skill_id in enumerate(self.ids):
                first.setdefault(skills[skill_id].area, row)
            self._area_rows = list(first.values())
        return self._area_rows

    def _reset(self, library: Library) -> None:
        self._area_rows = None
        self.beginResetModel()
        self.library = library
        self.needed_by = needed_by(library)
        self.ids = self._sorted(list(library.skills))
        self._values = [self.sort_value(library.skills[i]) for i in self.ids]
        self.endResetModel()

    def _diff(self, library: Library) -> LibraryDiff | None:
        """What changed from the library shown, or None to fill the table afresh: too many
        changes, or skills kept in another order (the order ties are sorted in)."""
        before, after = self.library.skills, library.skills
        added: list[str] = []
        changed: list[str] = []
        for skill_id, skill in after.items():
            previous = before.get(skill_id)
            if previous is None:
                added.append(skill_id)
            elif previous is not skill and previous != skill:
                changed.append(skill_id)
        removed: list[str] = []
        if len(before) + len(added) != len(after):
            removed = [i for i in before if i not in after]
        if len(added) + len(removed) + len(changed) > FOLLOW_AT_MOST:
            return None
        if added or removed:
            new, gone = set(added), set(removed)
            same_order = [i for i in before if i not in gone] == [i for i in after if i not in new]
        else:
            same_order = list(before) == list(after)
        return LibraryDiff(tuple(added), tuple(removed), tuple(changed)) if same_order else None

    def _follow(self, library: Library, diff: LibraryDiff) -> None:
        self._area_rows = None
        before, after = self.library.skills, library.skills
        counts = self.needed_by
        was: dict[str, int] = {}  # count before, of every count touched
        for skill_id in (*diff.removed, *diff.changed):
            for prereq in _prereqs(before[skill_id]):
                was.setdefault(prereq, counts.get(prereq, 0))
                counts[prereq] -= 1
                if not counts[prereq]:
                    del counts[prereq]
        for skill_id in (*diff.added, *diff.changed):
            for prereq in _prereqs(after[skill_id]):
                was.setdefault(prereq, counts.get(prereq, 0))
                counts[prereq] = counts.get(prereq, 0) + 1
        # Rows kept whose cells change: edited skills, and skills needed by more or fewer.
        gone = set(diff.removed)
        touched = dict.fromkeys(diff.changed)
        for prereq, count in was.items():
            if counts.get(prereq, 0) != count and prereq in before and prereq not in gone:
                touched[prereq] = None
        row_of = {skill_id: row for row, skill_id in enumerate(self.ids)}
        moved: list[str] = []
        in_place: list[str] = []
        for skill_id in touched:
            value = self.sort_value(after[skill_id])
            (in_place if value == self._values[row_of[skill_id]] else moved).append(skill_id)

        for first, last in _runs_from_the_end(row_of[i] for i in (*diff.removed, *moved)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.ids[first : last + 1]
            del self._values[first : last + 1]
            self.endRemoveRows()
        self.library = library
        inserted = (*diff.added, *moved)
        if inserted:
            position = {skill_id: n for n, skill_id in enumerate(after)}
            for skill_id in sorted(inserted, key=position.__getitem__):
                value = self.sort_value(after[skill_id])
                row = self._insertion_row(value, position[skill_id], position)
                self.beginInsertRows(QModelIndex(), row, row)
                self.ids.insert(row, skill_id)
                self._values.insert(row, value)
                self.endInsertRows()
        last_column = len(SKILL_COLUMNS) - 1
        for skill_id in in_place:
            row = self.ids.index(skill_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _insertion_row(self, value: Any, position: int, positions: dict[str, int]) -> int:
        """Where a row goes: after the rows the sort puts first, ties by library order."""
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self.ids)
        while low < high:
            middle = (low + high) // 2
            other = self._values[middle]
            if other == value:
                first = positions[self.ids[middle]] < position
            else:
                first = other > value if descending else other < value
            if first:
                low = middle + 1
            else:
                high = middle
        return low

    # ------------------------------------------------------------------ sorting
    def sort_value(self, skill: Skill, column: int | None = None) -> Any:
        """What a skill is sorted by in a column (by default the sort column)."""
        column = self.sort_column if column is None else column
        if column == 0:
            return skill.name.casefold()
        if column == 1:
            return skill.area.casefold()
        if column == 2:
            return skill.level or ""
        if column == 3:
            return skill.hours
        if column == 4:
            return len(skill.requires) + len(skill.recommends)
        if column == 5:
            return self.needed_by.get(skill.id, 0)
        return None

    def _sorted(self, ids: list[str]) -> list[str]:
        """The ids (in the library's order) in the order of the sort column; a stable sort,
        so ties keep the library's order."""
        if self.sort_column < 0:
            return ids
        skills = self.library.skills
        return sorted(
            ids,
            key=lambda i: self.sort_value(skills[i]),
            reverse=self.sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == (self.sort_column, self.sort_order):
            return  # the rows are kept in this order
        self._area_rows = None
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self.ids[i.row()], i.column()) for i in persistent]
        self.sort_column, self.sort_order = column, order
        self.ids = self._sorted(list(self.library.skills))
        self._values = [self.sort_value(self.library.skills[i]) for i in self.ids]
        row_of = {skill_id: row for row, skill_id in enumerate(self.ids)}
        self.changePersistentIndexList(persistent, [self.index(row_of[i], c) for i, c in held])
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ Qt's model
    def row_total(self) -> int:
        return len(self.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            skill = self.library.skills[self.ids[index.row()]]
            if column == 0:
                return skill.name
            if column == 1:
                return skill.area
            if column == 2:
                return skill.level or ""
            if column == 3:
                return format_hours(skill.hours)
            if column == 4:
                prereqs = len(skill.requires) + len(skill.recommends)
                return str(prereqs) if prereqs else ""
            needed = self.needed_by.get(skill.id, 0)
            return str(needed) if needed else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column >= 3:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role == SORT_ROLE:
            return self.sort_value(self.library.skills[self.ids[index.row()]], column)
        if role == Qt.ItemDataRole.ToolTipRole:
            skill = self.library.skills[self.ids[index.row()]]
            return tooltip(f"{skill.name} ({skill.id})\n\n{skill.summary}".strip())
        return None

    def row_of(self, skill_id: str) -> int:
        """The row of a skill (-1 when it is not in the library)."""
        try:
            return self.ids.index(skill_id)
        except ValueError:
            return -1


@dataclass(frozen=True)
class LibraryDiff:
    """The skills added, removed and changed between two libraries (ids)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]


def needed_by(library: Library) -> dict[str, int]:
    """How many skills require or recommend each skill (absent: none)."""
    counts: dict[str, int] = {}
    for skill in library.skills.values():
        for prereq in _prereqs(skill):
            counts[prereq] = counts.get(prereq, 0) + 1
    return counts


def _prereqs(skill: Skill) -> set[str]:
    return {*skill.requires, *skill.recommends}


def _runs_from_the_end(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Rows as runs of consecutive rows (first, last), the last run first."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows), reverse=True):
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1])
        else:
            runs.append((row, row))
    return runs
