"""The dialog shown when the database cannot be opened: what is wrong, and what helps.

It stands over the empty window and says, in plain words, which file (or which shared
database) and what went wrong, and offers the ways out: restore the latest backup, retry,
show the file — for a shared database that cannot be reached, refuses the login or does not
exist: retry, or use the learner's own database on this computer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
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

from planner import __version__
from planner.errors import DatabaseError, DatabaseProblem
from planner.service import Backup
from planner.service.location import Location, ServerAddress

APP_NAME = "Roadmap planner"

# A backup puts these right: the content of the file is lost, not the way to it.
RESTORABLE = frozenset(
    {DatabaseProblem.CORRUPT, DatabaseProblem.NOT_SQLITE, DatabaseProblem.NOT_PLANNER}
)
# These may go away by themselves or by the learner's hand (close the other window, fix rights).
RETRYABLE = frozenset(
    {
        DatabaseProblem.LOCKED,
        DatabaseProblem.UNWRITABLE,
        DatabaseProblem.DISK_FULL,
        DatabaseProblem.OTHER,
        DatabaseProblem.UNREACHABLE,
        DatabaseProblem.LOGIN,
        DatabaseProblem.MISSING,
    }
)


class Choice(Enum):
    """What the learner chose in the dialog."""

    RESTORE = "restore"  # replace the database with the latest backup, keeping it aside
    START_AFRESH = "start_afresh"  # move the file aside and begin a new database
    RETRY = "retry"
    USE_OWN = "use_own"  # a shared database: open the learner's own file instead
    QUIT = "quit"


@dataclass(frozen=True)
class OpenProblem:
    """Why the database could not be opened, and what there is to help."""

    error: DatabaseError
    where: Location  # the database file, or a shared database's address
    latest: Backup | None  # the newest backup, when one exists
    backups_folder: Path

    @property
    def kind(self) -> DatabaseProblem:
        return self.error.kind

    @property
    def on_server(self) -> bool:
        """Whether the database is a shared one on a server (no file, no backups)."""
        return isinstance(self.where, ServerAddress)

    @property
    def db_path(self) -> Path:
        """The database file (a shared database's address stands in its place)."""
        return self.where if isinstance(self.where, Path) else Path(str(self.where))

    @property
    def folder(self) -> Path:
        """The folder the problem is in: the one named by the error, or the database's."""
        path = self.error.path
        if path is None or path == self.db_path:
            return self.db_path.parent
        return path  # the error is about a folder: one that refuses writes, or cannot be made


def when(taken: datetime, now: datetime | None = None) -> str:
    """A backup's time as the dialog shows it: the date, and how long ago."""
    days = ((now or datetime.now()).date() - taken.date()).days
    ago = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago" if days > 1 else "")
    text = taken.strftime("%a %d %b %Y, %H:%M")
    return f"{text} ({ago})" if ago else text


def server_wording(problem: OpenProblem) -> tuple[str, str, str]:
    """The words for a shared database on a server."""
    kind = problem.kind
    where = problem.where
    login = where.login if isinstance(where, ServerAddress) else ""
    name = where.database if isinstance(where, ServerAddress) else ""
    if kind is DatabaseProblem.UNREACHABLE:
        return (
            "The shared database cannot be reached",
            "The planner could not connect to the server below: it may be down, or this "
            "computer may be offline. Nothing was changed.",
            "Check the address and your connection, then press Retry — or use your own "
            "database on this computer meanwhile.",
        )
    if kind is DatabaseProblem.LOGIN:
        return (
            "The server refused the login",
            f"The server below did not let “{login}” in: the login does not exist there, or "
            "the password is wrong or missing. Nothing was changed.",
            "Put the password in ~/.pgpass or PGPASSWORD (never in the address), or ask the "
            "server's owner for a login, then press Retry.",
        )
    if kind is DatabaseProblem.MISSING:
        return (
            "The shared database does not exist",
            f"The server below has no database named “{name}”. Nothing was changed.",
            "Check the name, or ask the server's owner to create it (createdb), then press Retry.",
        )
    if kind is DatabaseProblem.NOT_PLANNER:
        return (
            "This database belongs to another program",
            "The shared database holds another program's tables, so the planner leaves it "
            "alone. Nothing was changed.",
            "Ask the server's owner for a database of the planner's own.",
        )
    if kind is DatabaseProblem.NEWER:
        return (
            "This database is from a newer version of the planner",
            "A newer version of Roadmap planner has set up this shared database, and this "
            f"version ({__version__}) cannot use it safely. Nothing was changed.",
            "Install the newer version of the planner to open it.",
        )
    return (
        "The planner cannot open the shared database",
        "Nothing was changed. The details below say what went wrong.",
        "",
    )


def wording(problem: OpenProblem) -> tuple[str, str, str]:
    """The headline, what happened and what the learner can do, in plain words."""
    kind = problem.kind
    if problem.on_server:
        return server_wording(problem)
    if kind is DatabaseProblem.NEWER:
        return (
            "This database is from a newer version of the planner",
            "A newer version of Roadmap planner has written this file, and this version "
            f"({__version__}) cannot read it safely. Nothing was changed.",
            "Install the newer version of the planner to open it.",
        )
    if kind is DatabaseProblem.UNWRITABLE:
        return (
            "The planner cannot save your progress here",
            "It is not allowed to write in the folder below, or the database file in it is "
            "read-only. Nothing was changed.",
            "Make the folder and the file writable, then press Retry.",
        )
    if kind is DatabaseProblem.DISK_FULL:
        return (
            "The disk is full",
            "There is no space left on the disk holding the folder below. Nothing was lost.",
            "Free some space on that disk, then press Retry.",
        )
    if kind is DatabaseProblem.LOCKED:
        return (
            "The planner seems to be open already",
            "Another window of Roadmap planner, or another program, is using your database.",
            "Switch to that window, or close it and press Retry.",
        )
    if kind not in RESTORABLE:
        return (
            "The planner cannot open its database",
            "Nothing was changed. The details below say what went wrong.",
            "",
        )
    if kind is DatabaseProblem.CORRUPT:
        headline = "Your planner data cannot be read"
        body = (
            "The database file is damaged, so the planner cannot open it. "
            "Nothing was changed: the file is left as it is."
        )
    elif kind is DatabaseProblem.NOT_SQLITE:
        headline = "This file is not a planner database"
        body = (
            "The file where the planner keeps your progress holds something else: it is not "
            "a database at all. Nothing was changed."
        )
    else:
        headline = "This database belongs to another program"
        body = (
            "The file is a database, but not one the planner wrote: it holds another "
            "program's tables. Nothing was changed."
        )
    if problem.latest is not None:
        offer = (
            "You can go back to your latest backup. The file as it is now is kept in the "
            "backups folder, not deleted."
        )
    else:
        offer = (
            "There is no backup of it. You can start with a new, empty database; the file is "
            "moved to the backups folder, not deleted."
        )
    return headline, body, offer


def details(error: DatabaseError, where: Location | None = None) -> str:
    """The technical reason, without the file or server (shown above it) and the advice (the
    buttons)."""
    text = str(error)
    if error.path is not None and text.startswith(f"{error.path}: "):
        text = text[len(f"{error.path}: ") :]
    if isinstance(where, ServerAddress) and text.startswith(f"{where.shown}: "):
        text = text[len(f"{where.shown}: ") :]
    text = text.split("; nothing was changed")[0].split(" — ")[0].rstrip(".")
    return f"Details: {text[:1].upper()}{text[1:]}."


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
