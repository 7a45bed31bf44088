"""The library editor: every skill and role, filtered; its add, edit and delete in edits.py."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import Library
from planner.core.units import format_salary, plural
from planner.ui.library_editor.edits import LibraryEdits
from planner.ui.library_editor.model import (
    AREA_COLUMN,
    ID_ROLE,
    ROLE_COLUMNS,
    SkillTableModel,
)
from planner.ui.library_editor.table import RoleSkills, SkillFilter, SkillTable
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.widgets.row_lists import pick_one_row


class LibraryEditor(LibraryEdits):
    """Browse and edit the skill library and the roles; every edit is one undo step."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.dialog = None  # the skill or role dialog open last
        self.confirm_box = None
        self.role_skills = RoleSkills()
        self._areas: list[str] | None = None  # what the boxes list (None: not filled yet)
        self._role_choices: list[tuple[str, str]] | None = None
        self._refreshing = False  # rows come and go: the table's current row is not the learner's
        self.read_only_reason = ""  # why the library cannot be changed here ("" when it can)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_skills_tab(), "Skills")
        self.tabs.addTab(self._build_roles_tab(), "Roles")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

        state.libraryChanged.connect(self.refresh)
        state.selectionChanged.connect(self._select_row)
        self.refresh()

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
        pick_one_row(self.table)
        self.table.verticalHeader().hide()
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

    # ------------------------------------------------------------------ who may edit
    def set_editable(self, editable: bool, reason: str = "") -> None:
        """Offer the edits, or show them disabled with `reason` as their tooltip."""
        self.read_only_reason = "" if editable else reason or "The library cannot be changed here"
        buttons = (
            self.new_skill_button,
            self.edit_skill_button,
            self.delete_skill_button,
            self.new_role_button,
            self.edit_role_button,
            self.delete_role_button,
        )
        for button in buttons:
            button.setEnabled(editable)
            button.setToolTip(self.read_only_reason)

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
