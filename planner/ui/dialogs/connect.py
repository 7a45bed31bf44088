"""File → Connect to a shared database…: a PostgreSQL URI, tried before the window switches.

The learner types the URI their group's server owner gave them. Connecting runs off the GUI
thread (a server that does not answer takes up to the connection timeout), and a failure is
one line under the field, the one the command line prints too, with the password masked; the
dialog stays for another try. On success `opened` holds the open database, for the window to
switch to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.service.location import ServerAddress, server_address
from planner.ui.startup import Opened

EXAMPLE = "postgresql://LOGIN@HOST:5432/DBNAME"
HINT = (
    "The address your group's server owner gave you, for example "
    "postgresql://ana@db.example.org:5432/planner (a socket: "
    "postgresql://ana@/planner?host=/run/postgresql). Keep the password out of it: put it in "
    "~/.pgpass or PGPASSWORD. The address is remembered for next time, never a password."
)


class _Attempt(QObject):
    """Carries the outcome of one connection attempt back to the GUI thread."""

    done = Signal(object)  # an Opened, or the PlannerError that stopped it


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], attempt: _Attempt) -> None:
        super().__init__()
        self._work = work
        self._attempt = attempt

    def run(self) -> None:
        try:
            result = self._work()
        except PlannerError as error:
            result = error
        self._attempt.done.emit(result)


class ConnectDialog(QDialog):
    """Asks for a shared database's URI and tries it; `opened` once it worked.

    `connect(address)` opens the database (on a pool thread) or raises a PlannerError."""

    def __init__(
        self,
        connect: Callable[[ServerAddress], Opened],
        initial: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to a shared database")
        self.setObjectName("connect-dialog")
        self._connect = connect
        self.opened: Opened | None = None
        self._trying = False
        self._attempt = _Attempt(self)
        self._attempt.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

        intro = QLabel("Address of the shared PostgreSQL database:")
        self.uri = QLineEdit(initial)
        self.uri.setPlaceholderText(EXAMPLE)
        self.uri.setAccessibleName("Database address")
        self.uri.setMinimumWidth(460)
        intro.setBuddy(self.uri)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            "Connect", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self.try_it)
        self.buttons.rejected.connect(self.reject)
        self.uri.textChanged.connect(self._on_edited)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.uri)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._on_edited()

    def _on_edited(self) -> None:
        self.connect_button.setEnabled(bool(self.uri.text().strip()) and not self._trying)

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def try_it(self) -> None:
        """Read the URI and connect in the background; the outcome comes to `_on_done`."""
        text = self.uri.text().strip()
        if not text or self._trying:
            return
        try:
            address = server_address(text)
        except PlannerError as error:
            self._say(str(error))
            return
        self._trying = True
        self._on_edited()
        self.uri.setEnabled(False)
        self._say(f"Connecting to {address.shown}…")
        connect = self._connect
        QThreadPool.globalInstance().start(_Job(lambda: connect(address), self._attempt))

    def _on_done(self, result: object) -> None:
        self._trying = False
        self.uri.setEnabled(True)
        self._on_edited()
        if isinstance(result, Opened):
            if self.result() == QDialog.DialogCode.Rejected and not self.isVisible():
                result.close()  # cancelled meanwhile: nobody wants it
                return
            self.opened = result
            self._say("")
            self.accept()
            return
        self._say(str(result))
        self.uri.setFocus()

    @property
    def trying(self) -> bool:
        """Whether a connection attempt is under way."""
        return self._trying
