"""The dialog shown when the database cannot be opened: what is wrong, and what helps.

It stands over the empty window and says, in plain words, which file (or which shared
database) and what went wrong, and offers the ways out: restore the latest backup, retry,
show the file — for a shared database that cannot be reached, refuses the login or does not
exist: retry, or use the learner's own database on this computer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from planner.errors import DatabaseProblem
from planner.ui.dialogs.open_problem_words import (
    APP_NAME,
    RESTORABLE,
    RETRYABLE,
    Choice,
    OpenProblem,
    details,
    when,
    wording,
)


class OpenProblemDialog(QDialog):
    """States the problem, shows the file, and offers what helps with it.

    After `exec()`, `choice` says what the learner chose (Quit when the dialog was closed).
    """

    def __init__(
        self,
        problem: OpenProblem,
        parent: QWidget | None = None,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.problem = problem
        self.open_url = open_url
        self.choice = Choice.QUIT
        self.setWindowTitle(APP_NAME)
        self.setObjectName("open-problem")
        kind = problem.kind
        headline_text, body_text, offer_text = wording(problem)

        icon = QLabel()
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
        if kind in (DatabaseProblem.LOCKED, DatabaseProblem.NEWER, DatabaseProblem.UNREACHABLE):
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(48, 48))
        self.headline = QLabel(headline_text)
        font = QFont(self.headline.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.body = QLabel(body_text)
        self.body.setWordWrap(True)
        self.offer = QLabel(offer_text)
        self.offer.setWordWrap(True)
        self.offer.setVisible(bool(offer_text))

        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        self.path_label = self._fact(facts, self._fact_name())
        self.path_label.setText(
            str(problem.folder if self._names_folder() else problem.where)  # password masked
        )
        self.backup_label: QLabel | None = None
        restorable = kind in RESTORABLE and not problem.on_server
        if restorable:
            self.backup_label = self._fact(facts, "Latest backup:")
            self.backup_label.setText(when(problem.latest.taken) if problem.latest else "none yet")
        self.details = QLabel(details(problem.error, problem.where))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = QFont(self.details.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.details.setFont(small)
        self.details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.details.setAccessibleName("Details")

        self.buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.restore_button = self._button("Restore latest backup", role.AcceptRole)
        self.afresh_button = self._button("Start with a new database", role.AcceptRole)
        self.retry_button = self._button("Retry", role.AcceptRole)
        self.own_button = self._button("Use my own database", role.AcceptRole)
        self.folder_button = self._button(self._folder_button_text(), role.ActionRole)
        self.quit_button = self._button("Quit", role.RejectRole)
        self.restore_button.setVisible(restorable and problem.latest is not None)
        self.afresh_button.setVisible(restorable and problem.latest is None)
        self.retry_button.setVisible(kind in RETRYABLE)
        self.own_button.setVisible(problem.on_server)
        self.own_button.setToolTip("Open the planner's database file on this computer instead")
        self.folder_button.setVisible(kind is not DatabaseProblem.LOCKED and not problem.on_server)
        for button, choice in (
            (self.restore_button, Choice.RESTORE),
            (self.afresh_button, Choice.START_AFRESH),
            (self.retry_button, Choice.RETRY),
            (self.own_button, Choice.USE_OWN),
            (self.quit_button, Choice.QUIT),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        self.folder_button.clicked.connect(self.show_folder)
        self.folder_button.setToolTip(f"Open {self.folder_to_show()} in the file manager")
        self.restore_button.setToolTip(
            "Replace the database with the latest backup; the file as it is now is kept"
        )
        default = next(
            b
            for b in (self.restore_button, self.retry_button, self.quit_button)
            if not b.isHidden()
        )
        default.setDefault(True)
        default.setFocus()

        text = QVBoxLayout()
        text.setSpacing(10)
        text.addWidget(self.headline)
        text.addWidget(self.body)
        text.addWidget(self.offer)
        text.addLayout(facts)
        text.addWidget(self.details)
        text.addStretch(1)  # any height to spare goes below the text, not between its lines
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(540)
        height = self.heightForWidth(540)  # the wrapped text's height at that width
        self.resize(540, height if height > 0 else self.sizeHint().height())

    def _names_folder(self) -> bool:
        return not self.problem.on_server and self.problem.kind in (
            DatabaseProblem.UNWRITABLE,
            DatabaseProblem.DISK_FULL,
        )

    def _fact_name(self) -> str:
        if self.problem.on_server:
            return "Server:"
        return "Folder:" if self._names_folder() else "File:"

    def _fact(self, grid: QGridLayout, name: str) -> QLabel:
        row = grid.rowCount()
        label = QLabel(name)
        value = QLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setBuddy(value)
        grid.addWidget(label, row, 0, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        return value

    def _button(self, text: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        self.buttons.addButton(button, role)
        return button

    def _folder_button_text(self) -> str:
        if self._names_folder():
            return "Open folder"
        if (
            self.problem.kind in RESTORABLE
            and self.problem.latest is not None
            and not self.problem.on_server
        ):
            return "Open backups folder"
        return "Show file"

    def folder_to_show(self) -> Path:
        """The folder "Open backups folder" / "Show file" / "Open folder" opens: the nearest
        one that exists (a data folder that could not be created does not)."""
        if self.problem.kind in RESTORABLE and self.problem.latest is not None:
            folder = self.problem.backups_folder
        elif self._names_folder():
            folder = self.problem.folder
        else:
            folder = self.problem.db_path.parent
        while not folder.is_dir() and folder.parent != folder:
            folder = folder.parent
        return folder

    def show_folder(self) -> None:
        """Open the folder in the file manager; the dialog stays."""
        self.open_url(QUrl.fromLocalFile(str(self.folder_to_show())))

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.QUIT:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:
        self.choice = Choice.QUIT  # Quit, Escape and the window's close button alike
        super().reject()
