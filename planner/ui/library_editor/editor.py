"""The library editor: every skill and role, filtered, with add, edit and delete as undo steps."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import Library, Role, Skill
from planner.core.edit import LibraryChange, delete_skill_change
from planner.core.graph import SkillGraph, closure, goals_of
from planner.core.search import matches, search_words
from planner.core.units import format_hours, format_salary, plural
from planner.ui.commands import LibraryEditCommand
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.widgets.messages import confirm_box

if TYPE_CHECKING:  # imported when a dialog opens: they load the file format (pydantic)
    from planner.ui.library_editor.role_dialog import RoleDialog
    from planner.ui.library_editor.skill_dialog import SkillDialog

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SKILL_COLUMNS = ("Name", "Area", "Level", "Hours", "Prerequisites", "Needed by")
AREA_COLUMN = 1
ROLE_COLUMNS = ("Name", "Id", "Goals", "Tracks", "Pay")
FOLLOW_AT_MOST = 300  # skills added, removed or changed at once; beyond, refilling is cheaper

Index = QModelIndex | QPersistentModelIndex


class SkillTableModel(QAbstractTableModel):
    """Every skill of the library, one row each, in the order of the sort column.

    The model sorts itself (`sort`: one Python sort with a key, ties in the library's order,
    as a stable sort over the library would leave them), so the proxy above it only filters:
    sorting 10k rows through the proxy called back into Python for every comparison. And it
    follows a changed library row by row (`set_library` compares it with the one shown):
    changed rows are updated, added and deleted ones inserted and removed where the sort puts
    them, so a one-skill edit costs a few rows, not the whole table, and persistent indexes
    (the selection, the scroll position) survive it.
    """

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
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SKILL_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return SKILL_COLUMNS[section]
        return None

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


class SkillTable(QTableView):
    """The table of skills. Its Area column fits its contents (ResizeToContents) measured on
    one row per area, since all rows of an area look the same: QTableView measures up to a
    thousand rows one by one, and did so five times while the view was first laid out
    (0.14 s of the first fill at 10k skills)."""

    def sizeHintForColumn(self, column: int) -> int:
        proxy = self.model()
        model = proxy.sourceModel() if isinstance(proxy, SkillFilter) else None
        if column != AREA_COLUMN or not isinstance(model, SkillTableModel):
            return super().sizeHintForColumn(column)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = 0
        for row in model.area_rows():
            index = model.index(row, column)
            hint = max(hint, self.itemDelegateForIndex(index).sizeHint(option, index).width())
        return hint + 1 if self.showGrid() else hint  # as QTableView: the grid line


class SkillFilter(QSortFilterProxyModel):
    """Skills matching the typed words, the chosen area and the chosen role, in the order of
    the source model (which sorts itself: see `SkillTableModel`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.area = ""
        self.in_role: set[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str, area: str, in_role: set[str] | None) -> None:
        """Filter by words, area ("" for all) and the skills a role needs (None for all);
        nothing is filtered again when these are what they were."""
        words = search_words(text)
        if (words, area, in_role) == (self.words, self.area, self.in_role):
            return
        self.beginFilterChange()
        self.words, self.area, self.in_role = words, area, in_role
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's sort (a click on a header) is done by the source model."""
        model = self.sourceModel()
        if isinstance(model, SkillTableModel):
            model.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.words and not self.area and self.in_role is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, SkillTableModel)
        skill = model.library.skills[model.ids[source_row]]
        if self.area and skill.area != self.area:
            return False
        if self.in_role is not None and skill.id not in self.in_role:
            return False
        return matches(skill, self.words)


class RoleSkills:
    """The skills each role needs (its goals, its tracks' goals and their hard prerequisites:
    what the role filter shows), worked out when a role filter asks for them and kept for the
    library they were worked out on, or carried over to the next one when nothing they depend
    on changed."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.sets: dict[str, set[str]] = {}

    def of(self, library: Library, role_id: str, graph: Callable[[], SkillGraph]) -> set[str]:
        """The skills `role_id` needs in `library` (`graph` gives that library's graph)."""
        if library is not self.library:
            self.library, self.sets = library, {}
        if role_id not in self.sets:
            role = library.roles[role_id]
            goals = goals_of(library, role_id, [t.id for t in role.tracks])
            self.sets[role_id] = closure(graph(), goals.ids)
        return self.sets[role_id]

    def follow(self, old: Library, new: Library, diff: LibraryDiff | None) -> None:
        """The library shown went from `old` to `new`: keep the sets of the roles left as
        they were when no skill was added or removed and no hard prerequisite changed."""
        if self.library is not old or old is new:
            return
        unchanged = (
            diff is not None
            and not diff.added
            and not diff.removed
            and all(old.skills[i].requires == new.skills[i].requires for i in diff.changed)
        )
        self.library = new
        if unchanged:
            self.sets = {r: s for r, s in self.sets.items() if old.roles.get(r) == new.roles.get(r)}
        else:
            self.sets = {}


class LibraryEditor(QWidget):
    """Browse and edit the skill library and the roles; every edit is one undo step."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.undo_stack: QUndoStack | None = None
        self.dialog: SkillDialog | RoleDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.role_skills = RoleSkills()
        self._areas: list[str] | None = None  # what the boxes list (None: not filled yet)
        self._role_choices: list[tuple[str, str]] | None = None
        self._refreshing = False  # rows come and go: the table's current row is not the learner's

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_skills_tab(), "Skills")
        self.tabs.addTab(self._build_roles_tab(), "Roles")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

        state.libraryChanged.connect(self.refresh)
        state.selectionChanged.connect(self._select_row)
        self.refresh()

    def set_undo_stack(self, stack: QUndoStack) -> None:
        """Where edits go (the main window's stack, shared with every other edit)."""
        self.undo_stack = stack

    # ------------------------------------------------------------------ building
    def _build_skills_tab(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter skills by name, id or area")
        self.search.setClearButtonEnabled(True)
        self.area_box = QComboBox()
        self.area_box.setAccessibleName("Area")
        self.role_filter = QComboBox()
        self.role_filter.setAccessibleName("Role")
        self.model = SkillTableModel(self)
        self.proxy = SkillFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = SkillTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Skills of the library")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AREA_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit_skill())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.activated.connect(self.delete_skill)

        self.new_skill_button = QPushButton("New skill…")
        self.new_skill_button.clicked.connect(lambda: self.new_skill())
        self.edit_skill_button = QPushButton("Edit…")
        self.edit_skill_button.clicked.connect(lambda: self.edit_skill())
        self.delete_skill_button = QPushButton("Delete…")
        self.delete_skill_button.clicked.connect(self.delete_skill)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        self.search.textChanged.connect(self._apply_filter)
        self.area_box.activated.connect(self._apply_filter)
        self.role_filter.activated.connect(self._apply_filter)

        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.area_box, 1)
        top.addWidget(self.role_filter, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_skill_button)
        buttons.addWidget(self.edit_skill_button)
        buttons.addWidget(self.delete_skill_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        return page

    def _build_roles_tab(self) -> QWidget:
        self.roles = QTableView()
        self.roles_model = QStandardItemModel(0, len(ROLE_COLUMNS), self)
        self.roles_model.setHorizontalHeaderLabels(list(ROLE_COLUMNS))
        self.roles.setModel(self.roles_model)
        self.roles.setAccessibleName("Roles of the library")
        self.roles.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roles.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles.verticalHeader().hide()
        self.roles.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.roles.doubleClicked.connect(lambda _i: self.edit_role())
        self.new_role_button = QPushButton("New role…")
        self.new_role_button.clicked.connect(self.new_role)
        self.edit_role_button = QPushButton("Edit…")
        self.edit_role_button.clicked.connect(self.edit_role)
        self.delete_role_button = QPushButton("Delete…")
        self.delete_role_button.clicked.connect(self.delete_role)
        buttons = QHBoxLayout()
        for button in (self.new_role_button, self.edit_role_button, self.delete_role_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.roles, 1)
        column.addLayout(buttons)
        return page

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        """Show the library as stored now, keeping the filter, the selection and the scroll
        position. Only what changed is redone: the rows of the skills that changed (see
        `SkillTableModel.set_library`), the boxes if their lists changed, the filter if its
        role's skills changed, the roles table if a role changed."""
        library = self.state.planner.library()
        old = self.model.library
        selected = self.selected_skill()
        self._refreshing = True
        try:
            diff = self.model.set_library(library)
            self.role_skills.follow(old, library, diff)
            self._fill_boxes(library)
            self._apply_filter()
            if old.roles != library.roles:
                self._fill_roles(library)
        finally:
            self._refreshing = False
        self._restore_selection(selected or self.state.selected)

    def _fill_boxes(self, library: Library) -> None:
        """The areas and the roles to filter by, each box refilled only if its list changed."""
        areas = sorted({s.area for s in library.skills.values()}, key=str.casefold)
        if areas != self._areas:
            self._areas = areas
            area = self.area_box.currentData()
            self.area_box.clear()
            self.area_box.addItem("All areas", "")
            for name in areas:
                self.area_box.addItem(name, name)
            self.area_box.setCurrentIndex(max(0, self.area_box.findData(area)))
        choices = [(r.name, r.id) for r in library.roles.values()]
        if choices != self._role_choices:
            self._role_choices = choices
            role = self.role_filter.currentData()
            self.role_filter.clear()
            self.role_filter.addItem("All roles", "")
            for name, role_id in choices:
                self.role_filter.addItem(name, role_id)
            self.role_filter.setCurrentIndex(max(0, self.role_filter.findData(role)))

    def _fill_roles(self, library: Library) -> None:
        self.roles_model.removeRows(0, self.roles_model.rowCount())
        for role in library.roles.values():
            pay = ""
            if role.salary is not None:
                pay = format_salary(role.salary, source=False)
            cells = [
                role.name,
                role.id,
                str(len(role.goals)),
                ", ".join(t.name for t in role.tracks),
                pay,
            ]
            items = [QStandardItem(text) for text in cells]
            items[0].setData(role.id, ID_ROLE)
            items[0].setToolTip(tooltip(role.summary))
            self.roles_model.appendRow(items)

    def _apply_filter(self) -> None:
        library = self.model.library
        role_id = self.role_filter.currentData()
        in_role = None
        if isinstance(role_id, str) and role_id in library.roles:
            in_role = self.role_skills.of(library, role_id, self.state.planner.graph)
        area = self.area_box.currentData()
        self.proxy.set_filter(self.search.text(), area if isinstance(area, str) else "", in_role)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            plural(total, "skill") if shown == total else f"{shown} of {plural(total, 'skill')}"
        )

    def selected_skill(self) -> str:
        """The id of the skill selected in the table ("" when none)."""
        index = self.table.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else ""

    def selected_role(self) -> str:
        """The id of the role selected in the roles table ("" when none)."""
        index = self.roles.currentIndex()
        if not index.isValid():
            return ""
        return str(self.roles_model.index(index.row(), 0).data(ID_ROLE))

    def _select_row(self, skill_id: str) -> None:
        row = self.model.row_of(skill_id) if skill_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if index.isValid() and index != self.table.currentIndex():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _restore_selection(self, skill_id: str) -> None:
        """After a refresh: select the skill again if it is shown (scrolling to it if it moved
        away), else select nothing (the table's current row may have moved to a neighbour of a
        row taken out)."""
        row = self.model.row_of(skill_id) if skill_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if index.isValid():
            self._select_row(skill_id)
        elif self.table.currentIndex().isValid() or self.table.selectionModel().hasSelection():
            self.table.selectionModel().clear()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._refreshing:
            self.state.select(str(current.data(ID_ROLE)))

    # ------------------------------------------------------------------ edits
    def push(self, text: str, change: LibraryChange) -> None:
        """Make an edit as one undo step."""
        command = LibraryEditCommand(self.state, text, change)
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()

    def new_skill(self) -> None:
        """Open the skill editor on a new skill."""
        self._open_skill_dialog(None)

    def edit_skill(self, skill_id: str = "") -> None:
        """Open the skill editor on a skill (by default the one selected in the table)."""
        skill_id = skill_id or self.selected_skill()
        if skill_id in self.state.planner.library().skills:
            self._open_skill_dialog(skill_id)

    def _open_skill_dialog(self, skill_id: str | None) -> None:
        from planner.ui.library_editor.skill_dialog import SkillDialog

        planner = self.state.planner
        original = planner.library().skills[skill_id] if skill_id else None
        dialog = SkillDialog(planner, original, self)
        self.dialog = dialog

        def done() -> None:
            skill = dialog.skill
            if skill is None:
                return
            verb = f"Edit “{skill.name}”" if original else f"Add “{skill.name}”"
            self.push(verb, LibraryChange({skill.id: skill}))
            self.state.select(skill.id)
            self._select_row(skill.id)

        dialog.accepted.connect(done)
        dialog.open()

    def delete_skill(self) -> None:
        """Ask, showing what the deletion touches, then delete the selected skill."""
        skill_id = self.selected_skill()
        if not skill_id:
            return
        planner = self.state.planner
        library = planner.library()
        skill = library.skills[skill_id]
        effects = planner.deletion_effects(skill_id)

        def names(ids: tuple[str, ...]) -> str:
            return ", ".join(library.skills[i].name for i in ids)

        if effects.only_goal_of:
            roles = ", ".join(f"“{library.roles[r].name}”" for r in effects.only_goal_of)
            self.state.failed.emit(
                f"“{skill.name}” is the only goal of {roles}: give the role another goal "
                "first (Roles tab), then delete the skill."
            )
            return
        lines = []
        if effects.required_by:
            lines.append(f"It is required by: {names(effects.required_by)}.")
        if effects.recommended_by:
            lines.append(f"It is recommended before: {names(effects.recommended_by)}.")
        if effects.goal_of:
            roles = ", ".join(library.roles[r].name for r in effects.goal_of)
            lines.append(f"It is a goal of: {roles}.")
        if effects.track_goal_of:
            tracks = ", ".join(
                f"{library.roles[r].name} – {_track_name(library.roles[r], t)}"
                for r, t in effects.track_goal_of
            )
            lines.append(f"It is a goal of the tracks: {tracks}.")
        if effects.emptied_tracks:
            emptied = ", ".join(_track_name(library.roles[r], t) for r, t in effects.emptied_tracks)
            lines.append(f"These tracks have no other goal and are removed: {emptied}.")
        lines.append(
            "It will be taken out of these lists. Your history on it is kept, "
            "and Undo (Ctrl+Z) brings everything back."
        )
        self._confirm(
            f"Delete “{skill.name}”?",
            "\n\n".join(lines),
            lambda: self.push(f"Delete “{skill.name}”", delete_skill_change(library, skill_id)),
        )

    def new_role(self) -> None:
        """Open the role editor on a new role."""
        self._open_role_dialog(None)

    def edit_role(self) -> None:
        """Open the role editor on the selected role."""
        role_id = self.selected_role()
        if role_id:
            self._open_role_dialog(role_id)

    def _open_role_dialog(self, role_id: str | None) -> None:
        from planner.ui.library_editor.role_dialog import RoleDialog

        planner = self.state.planner
        original = planner.library().roles[role_id] if role_id else None
        dialog = RoleDialog(planner, original, self)
        self.dialog = dialog

        def done() -> None:
            role = dialog.role
            if role is not None:
                verb = f"Edit role “{role.name}”" if original else f"Add role “{role.name}”"
                self.push(verb, LibraryChange(roles={role.id: role}))

        dialog.accepted.connect(done)
        dialog.open()

    def delete_role(self) -> None:
        """Ask, then delete the selected role (learners on it choose again; undo restores)."""
        role_id = self.selected_role()
        if not role_id:
            return
        planner = self.state.planner
        role = planner.library().roles[role_id]
        users = [p.name for p in planner.profiles() if p.role == role_id]
        detail = "Its skills stay in the library."
        if users:
            detail = (
                f"{plural(len(users), 'profile')} ({', '.join(users)}) will have no role until "
                "one is chosen again. " + detail
            )
        self._confirm(
            f"Delete the role “{role.name}”?",
            detail + " Undo (Ctrl+Z) brings it back.",
            lambda: self.push(f"Delete role “{role.name}”", LibraryChange(roles={role_id: None})),
        )

    def _confirm(self, question: str, detail: str, then: Any) -> None:
        box, yes = confirm_box(self, "Delete", f"{question}\n\n{detail}", "Delete")
        self.confirm_box = box

        def finished() -> None:
            if box.clickedButton() is yes:
                then()

        box.finished.connect(finished)
        box.open()


def _track_name(role: Role, track_id: str) -> str:
    track = role.track(track_id)
    return track.name if track else track_id
