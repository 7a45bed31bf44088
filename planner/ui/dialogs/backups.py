"""File → Backups…: the learner's backups, newest first, and restoring one of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.service import Backup
from planner.ui.ops import run_change
from planner.ui.state import AppState
from planner.ui.widgets.messages import show_error

Confirm = Callable[[str, str], bool]
PATH_ROLE = Qt.ItemDataRole.UserRole


def describe(backup: Backup) -> str:
    """A backup as the list shows it."""
    size = f"{backup.size / 1_048_576:.1f} MB" if backup.size >= 104_858 else "< 0.1 MB"
    return f"{backup.taken.strftime('%a %d %b %Y, %H:%M:%S')}   ({size})"


class BackupsDialog(QDialog):
    """The backups of the open database, with Back up now and Restore….

    Signals:
        restored(): the database was replaced by a backup; every view must reload.
    """

    restored = Signal()

    def __init__(self, state: AppState, confirm: Confirm, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.planner = state.planner
        self.confirm = confirm
        self.setWindowTitle("Backups")
        self.resize(460, 360)
        intro = QLabel(
            "A backup is taken when you close the app after changes. Older backups are thinned "
            "out: all of the last two days, one a day for two weeks, one a week for three months."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore…")
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        """List the backups again, newest first."""
        self.list.clear()
        for backup in self.planner.files.backups():
            item = QListWidgetItem(describe(backup))
            item.setData(PATH_ROLE, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.currentItem() is not None)

    def back_up_now(self) -> None:
        """Take a backup now."""
        try:
            self.planner.files.backup()
        except PlannerError as error:
            self._warn(str(error))
        self.reload()

    def restore_selected(self) -> None:
        """Replace the database with the selected backup, after asking."""
        item = self.list.currentItem()
        if item is None:
            return
        question = (
            f"Go back to the state of {item.text().split('   ')[0]}?\n"
            "What you did since then is replaced; a backup of it is kept first."
        )
        if not self.confirm(question, "Restore"):
            return
        chosen = Path(str(item.data(PATH_ROLE)))
        restored = run_change(
            self.state,
            lambda: self.planner.files.restore(chosen),
            failure=lambda error: self._warn(f"Nothing was restored: {error}"),
        )
        if restored is None:
            return
        self.reload()
        self.restored.emit()

    def _warn(self, message: str) -> None:
        self.last_message = show_error(self, "Backups", message)
