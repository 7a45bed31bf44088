"""A searchable list of skills to choose from: prerequisites of a skill, goals of a role."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import Skill
from planner.ui.widgets.buttons import accept_buttons

SKILL_ID = Qt.ItemDataRole.UserRole


class SkillPicker(QDialog):
    """Type to filter by name, id or area; choose one or more skills.

    `refuse(skill_id)` may return a reason the skill cannot be chosen (a cycle it would
    close, for example); the reason is shown and the dialog stays open.
    """

    def __init__(
        self,
        title: str,
        skills: Iterable[Skill],
        parent: QWidget | None = None,
        refuse: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.refuse = refuse
        self.chosen: list[str] = []
        self.model = QStandardItemModel(self)
        for skill in sorted(skills, key=lambda s: (s.name.casefold(), s.id)):
            item = QStandardItem(f"{skill.name}  ·  {skill.area}")
            item.setData(skill.id, SKILL_ID)
            item.setData(f"{skill.name} {skill.id} {skill.area}", Qt.ItemDataRole.ToolTipRole)
            item.setEditable(False)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Type to find a skill by name, id or area")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.textChanged.connect(lambda _t: self._select_first())
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.list.setAccessibleName("Skills")
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # skill names are never markup
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #d9453b; font-weight: 600")  # reads on light and dark
        self.problem.hide()
        buttons, self.ok_button = accept_buttons(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 480)
        self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount() and not self.list.selectionModel().hasSelection():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def select(self, skill_id: str) -> None:
        """Make one skill the choice (as a click would)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(SKILL_ID) == skill_id:
                self.list.setCurrentIndex(index)
                return
        raise KeyError(skill_id)

    def accept(self) -> None:
        """Take the selected skills unless one of them is refused."""
        ids = [str(i.data(SKILL_ID)) for i in self.list.selectionModel().selectedIndexes()]
        if not ids:
            return
        for skill_id in ids:
            reason = self.refuse(skill_id) if self.refuse else ""
            if reason:
                self.problem.setText(reason)
                self.problem.show()
                return
        self.chosen = ids
        super().accept()
