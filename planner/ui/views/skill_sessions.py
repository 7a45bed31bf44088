"""The skill panel's list of the learner's study sessions on one skill, to correct or delete."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.units import format_minutes
from planner.service import StudySession
from planner.ui import commands
from planner.ui.dialogs.study_session import correct_session
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.views.skill_part import SkillPart
from planner.ui.widgets.buttons import push_button
from planner.ui.widgets.dates import short_date

SESSION_ROLE = Qt.ItemDataRole.UserRole


class SessionList(SkillPart):
    """The sessions logged on a skill, newest first; Edit… and Delete are undo steps
    (ui/commands.py)."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Study sessions")
        self.tree.setHeaderLabels(["Day", "Time", "Note"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setMaximumHeight(150)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.edit_button = push_button(
            "Edit…", "Correct the selected session's time, day or note", self.edit_selected
        )
        self.delete_button = push_button(
            "Delete", "Delete the selected session (Ctrl+Z brings it back)", self.delete_selected
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.edit_selected())
        self.tree.customContextMenuRequested.connect(self._context_menu)

    def show_sessions(self, skill_id: str) -> None:
        """List the skill's sessions (deleted ones left out), keeping the selection."""
        selected = self.selected()
        keep = selected.id if selected is not None and skill_id == self.skill_id else None
        self.skill_id = skill_id
        self.tree.clear()
        sessions = [
            s
            for s in self.state.planner.progress.study_sessions()
            if s.skill == skill_id and not s.deleted
        ]
        for s in reversed(sessions):  # newest first
            item = QTreeWidgetItem([short_date(s.day), format_minutes(s.minutes), s.note])
            item.setData(0, SESSION_ROLE, s)
            item.setToolTip(2, tooltip(s.note))  # a note is shown as typed, never as markup
            self.tree.addTopLevelItem(item)
            if s.id == keep:
                self.tree.setCurrentItem(item)
        self.setVisible(bool(sessions))
        self._update_buttons()

    def selected(self) -> StudySession | None:
        """The selected session, if any."""
        item = self.tree.currentItem()
        found = item.data(0, SESSION_ROLE) if item is not None else None
        return found if isinstance(found, StudySession) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def edit_selected(self) -> None:
        """Open the correction dialog on the selected session."""
        session = self.selected()
        if session is None:
            return
        correct_session(self.state, session, self)

    def delete_selected(self) -> None:
        """Delete the selected session (undoable)."""
        session = self.selected()
        if session is not None:
            commands.delete_study_session(self.state, session.id)

    def _context_menu(self, position: QPoint) -> None:
        if self.tree.itemAt(position) is None:
            return
        menu = QMenu(self)
        menu.addAction("Edit…", self.edit_selected)
        menu.addAction("Delete", self.delete_selected)
        menu.popup(self.tree.viewport().mapToGlobal(position))
