"""The library editor: every skill and role, filtered, with add, edit and delete as undo steps."""

from __future__ import annotations

from typing import Any

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
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.edit import LibraryChange, delete_skill_change
from planner.core.graph import closure, goals_of
from planner.core.model import Library, Role
from planner.core.search import matches, search_words
from planner.core.units import format_hours, plural
from planner.ui.commands import LibraryEditCommand
from planner.ui.role_dialog import RoleDialog
from planner.ui.skill_dialog import SkillDialog
from planner.ui.state import AppState
from planner.ui.text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SKILL_COLUMNS = ("Name", "Area", "Level", "Hours", "Prerequisites", "Needed by")
ROLE_COLUMNS = ("Name", "Id", "Goals", "Tracks", "Pay")

Index = QModelIndex | QPersistentModelIndex


class SkillTableModel(QAbstractTableModel):
    """Every skill of the library, one row each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = Library()
        self.ids: list[str] = []
        self.needed_by: dict[str, int] = {}

    def set_library(self, library: Library) -> None:
        """Show this library."""
        self.beginResetModel()
        self.library = library
        self.ids = list(library.skills)
        counts: dict[str, int] = {}
        for skill in library.skills.values():
            for prereq in {*skill.requires, *skill.recommends}:
                counts[prereq] = counts.get(prereq, 0) + 1
        self.needed_by = counts
        self.endResetModel()

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
        skill = self.library.skills[self.ids[index.row()]]
        column = index.column()
        if role == ID_ROLE:
            return skill.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{skill.name} ({skill.id})\n\n{skill.summary}".strip())
        prereqs = len(skill.requires) + len(skill.recommends)
        needed = self.needed_by.get(skill.id, 0)
        if role == SORT_ROLE:
            return (
                skill.name.casefold(),
                skill.area.casefold(),
                skill.level or "",
                skill.hours,
                prereqs,
                needed,
            )[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                skill.name,
                skill.area,
                skill.level or "",
                format_hours(skill.hours),
                str(prereqs) if prereqs else "",
                str(needed) if needed else "",
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, skill_id: str) -> int:
        """The row of a skill (-1 when it is not in the library)."""
        try:
            return self.ids.index(skill_id)
        except ValueError:
            return -1


class SkillFilter(QSortFilterProxyModel):
    """Skills matching the typed words, the chosen area and the chosen role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.area = ""
        self.in_role: set[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str, area: str, in_role: set[str] | None) -> None:
        """Filter by words, area ("" for all) and the skills a role needs (None for all)."""
        self.beginFilterChange()
        self.words, self.area, self.in_role = search_words(text), area, in_role
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, SkillTableModel)
        skill = model.library.skills[model.ids[source_row]]
        if self.area and skill.area != self.area:
            return False
        if self.in_role is not None and skill.id not in self.in_role:
            return False
        return matches(skill, self.words)


class LibraryEditor(QWidget):
    """Browse and edit the skill library and the roles; every edit is one undo step."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.undo_stack: QUndoStack | None = None
        self.dialog: SkillDialog | RoleDialog | None = None
        self.confirm_box: QMessageBox | None = None

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
        self.table = QTableView()
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
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
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
        """Show the library as stored now, keeping the filter and the selection."""
        library = self.state.planner.library()
        selected = self.selected_skill()
        self.model.set_library(library)
        area, role = self.area_box.currentData(), self.role_filter.currentData()
        self.area_box.clear()
        self.area_box.addItem("All areas", "")
        for name in sorted({s.area for s in library.skills.values()}, key=str.casefold):
            self.area_box.addItem(name, name)
        self.area_box.setCurrentIndex(max(0, self.area_box.findData(area)))
        self.role_filter.clear()
        self.role_filter.addItem("All roles", "")
        for r in library.roles.values():
            self.role_filter.addItem(r.name, r.id)
        self.role_filter.setCurrentIndex(max(0, self.role_filter.findData(role)))
        self._apply_filter()
        self._fill_roles(library)
        self._select_row(selected or self.state.selected)

    def _fill_roles(self, library: Library) -> None:
        self.roles_model.removeRows(0, self.roles_model.rowCount())
        for role in library.roles.values():
            pay = ""
            if role.salary is not None:
                pay = f"{role.salary.amount:,.0f} {role.salary.currency}"
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
            role = library.roles[role_id]
            goals = goals_of(library, role_id, [t.id for t in role.tracks])
            in_role = closure(self.state.planner.graph(), goals.ids)
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

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
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
        box = QMessageBox(QMessageBox.Icon.Question, "Delete", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names are never markup
        box.setText(f"{question}\n\n{detail}")
        yes = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box

        def finished() -> None:
            if box.clickedButton() is yes:
                then()

        box.finished.connect(finished)
        box.open()


def _track_name(role: Role, track_id: str) -> str:
    track = role.track(track_id)
    return track.name if track else track_id
