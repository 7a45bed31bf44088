"""A list of skills (prerequisites of a skill, goals of a role) with Add… and Remove."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.service import Planner
from planner.ui.library_editor.skill_picker import SKILL_ID, SkillPicker
from planner.ui.widgets.buttons import push_button
from planner.ui.widgets.plain_label import plain_label


class SkillList(QWidget):
    """A list of skills (prerequisites or goals) with Add… and Remove."""

    def __init__(self, title: str, planner: Planner, picker_title: str) -> None:
        super().__init__()
        self.planner = planner
        self.picker_title = picker_title
        self.refuse: Callable[[str], str] | None = None
        self.exclude: set[str] = set()
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = push_button("Add…", f"Choose skills to add to “{title}”", self.add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(title, wrap=False))
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.picker: SkillPicker | None = None

    def ids(self) -> tuple[str, ...]:
        """The skills listed, in order."""
        return tuple(str(self.list.item(i).data(SKILL_ID)) for i in range(self.list.count()))

    def set_ids(self, ids: Sequence[str]) -> None:
        """Show these skills."""
        self.list.clear()
        for skill_id in ids:
            self.append(skill_id)

    def append(self, skill_id: str) -> None:
        """Add one skill at the end (once)."""
        if skill_id in self.ids():
            return
        skill = self.planner.library().skills.get(skill_id)
        item = QListWidgetItem(skill.name if skill else skill_id)
        item.setData(SKILL_ID, skill_id)
        item.setToolTip(skill_id)
        self.list.addItem(item)

    def add(self) -> None:
        """Open the picker; chosen skills are appended."""
        taken = set(self.ids()) | self.exclude
        skills = [s for s in self.planner.library().skills.values() if s.id not in taken]
        self.picker = SkillPicker(self.picker_title, skills, self, refuse=self.refuse)
        self.picker.accepted.connect(self._picked)
        self.picker.open()

    def _picked(self) -> None:
        assert self.picker is not None
        for skill_id in self.picker.chosen:
            self.append(skill_id)

    def remove_selected(self) -> None:
        """Take the selected skills out of the list."""
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
