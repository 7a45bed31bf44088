"""The main window and where its data is: the status bar names it; File → Connect to a shared
database… and Use my own database switch it; a shared database that cannot be reached makes
the window read-only under one message with Retry.

Which database, and the words for it, come from planner/ui/where.py. Read-only keeps what the
window showed: the views stay, the selection stays, every control that changes something is
disabled, and a change that gets through anyway is refused before it reaches the service
(ui/ops.py). A change that failed on the way is not shown as done: the views only ever show
what the service acknowledged, and a refused undo step never enters the undo stack.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.ui.window.base import WindowBase
from planner.ui.window.view import View

if TYPE_CHECKING:
    from planner.service.location import ServerAddress
    from planner.ui.startup import Opened

# The views with something to change in them, frozen with the window while it is read-only.
FROZEN_VIEWS = (View.LIBRARY, View.PROGRESS)

LOST_HEADLINE = "The shared database cannot be reached."
LOST_TEXT = (
    "You can read what is shown; nothing can be changed until it is back. A change you just "
    "made did not reach it and was not saved."
)


class ServerLostBar(QFrame):
    """One clear message across the top of the window, with Retry and Use my own database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverLostBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(24, 24)
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Connection problem")
        self.retry_button = QPushButton("Retry")
        self.retry_button.setToolTip("Try to reach the shared database again")
        self.own_button = QPushButton("Use my own database")
        self.own_button.setToolTip("Switch to the planner's database file on this computer")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.message, 1)
        row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.own_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_problem(self, detail: str) -> None:
        """Show the message, the technical reason in the tooltip."""
        self.message.setText(f"{LOST_HEADLINE} {LOST_TEXT}")
        self.message.setToolTip(detail)
        self.show()


class DatabasePart(WindowBase):
    """Where the data is, switching it, and read-only while a shared one cannot be reached."""

    db_opened: Opened | None  # the database the window owns (None: its creator owns it)
    own_database: Path | None  # the learner's own file (None: the default one)
    status_where: QLabel
    top: QVBoxLayout  # the window's column, over the views: the bar goes at its top
    _server_lost: ServerLostBar | None
    editing_actions: list[QAction]
    action_connect: QAction
    action_use_own: QAction
    action_backups: QAction
    _frozen: list[tuple[QWidget, str]]

    def _build_database_ui(self) -> None:
        self.db_opened = None
        self.own_database = None
        self._frozen = []
        self.status_where = QLabel()
        self.status_where.setTextFormat(Qt.TextFormat.PlainText)
        self.status_where.setAccessibleName("Where the data is")
        self.statusBar().addPermanentWidget(self.status_where)
        self._server_lost = None

    @property
    def server_lost(self) -> ServerLostBar:
        """The bar saying a shared database cannot be reached; made when first needed (its
        warning icon comes from the style and the icon theme: not for the window's first
        frame, where it is hidden)."""
        bar = self._server_lost
        if bar is None:
            bar = self._server_lost = ServerLostBar()
            bar.retry_button.clicked.connect(self.retry_connection)
            bar.own_button.clicked.connect(self.use_own_database)
            self.top.insertWidget(0, bar)
        return bar

    def _connect_database_signals(self) -> None:
        self.state.serverLost.connect(self._on_server_lost)
        for action in (self.action_undo, self.action_redo):
            action.changed.connect(self._keep_frozen)
        self.show_where()

    # ------------------------------------------------------------------ the status bar
    def show_where(self) -> None:
        """Name where the data is in the status bar (a shared database's password never)."""
        from planner.ui.where import place

        db = self.state.planner.db
        shown = place(db.location, reachable=not self.state.read_only)
        self.status_where.setText(shown.text)
        self.status_where.setToolTip(shown.tooltip)
        self.action_use_own.setEnabled(db.on_server)
        self.action_backups.setEnabled(not db.on_server)
        self.action_backups.setToolTip(
            "A shared database is backed up by its owner (pg_dump)" if db.on_server else ""
        )

    # ------------------------------------------------------------------ switching
    def connect_shared_database(self) -> None:
        """File → Connect to a shared database…: ask for a URI, try it, switch to it."""
        from planner.service.location import ServerAddress
        from planner.ui.dialogs.connect import ConnectDialog
        from planner.ui.startup import open_location
        from planner.ui.where import SERVER_KEY

        self.skill_panel.save_note()
        profile = self.state.planner.profile_name

        def connect(address: ServerAddress) -> Opened:
            return open_location(address, None, profile)

        location = self.state.planner.db.location
        initial = (
            location.remembered
            if isinstance(location, ServerAddress)
            else str(self.settings.value(SERVER_KEY, "") or "")
        )
        dialog = ConnectDialog(connect, initial, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._connected(dialog.opened))
        dialog.open()
        self.connect_dialog = dialog  # kept for tests and so that it is not collected

    def _connected(self, opened: Opened | None) -> None:
        if opened is not None:
            self.switch_to(opened)

    def use_own_database(self) -> None:
        """File → Use my own database: back to the learner's SQLite file."""
        from planner.paths import default_database_path
        from planner.ui.startup import open_location

        if not self.state.read_only:
            self.skill_panel.save_note()
        own = self.own_database or default_database_path()
        try:
            opened = open_location(own, None, self.state.planner.profile_name)
        except PlannerError as error:
            self.show_error(str(error))
            return
        self.switch_to(opened)

    def switch_to(self, opened: Opened) -> None:
        """Show the database `opened` holds, remember it for next time (a shared one without
        its password), and let go of the one shown before (when the window owns it)."""
        from planner.ui.where import remember

        previous, old_planner = self.db_opened, self.state.planner
        self.db_opened = opened
        remember(self.settings, opened.location)
        self.settings.setValue("profile", opened.planner.profile_name)
        self._thaw()
        self.state.use(opened.planner)
        opened.planner.changed_elsewhere()  # watching for other programs' changes from now
        self.refresh_profile(replan=False)
        self.state.libraryChanged.emit()  # the library editor and the panel read it again
        self.state.replan()
        self.show_where()
        if previous is not None:
            previous.close()
        elif old_planner is not opened.planner:
            old_planner.db.watch.stop()  # its creator closes it; this window stops using it
        self.statusBar().showMessage(f"Now using {self.status_where.text().lower()}.", 8000)
        if opened.planner.profile().role is None:
            QTimer.singleShot(0, self.run_onboarding)  # a new learner there: set up the plan

    # ------------------------------------------------------------------ read-only
    def _on_server_lost(self, message: str) -> None:
        shown = self._server_lost is not None and self._server_lost.isVisible()
        if self._frozen or shown:  # read-only already: a refused click
            self.statusBar().showMessage(
                "Not changed: the shared database cannot be reached (read-only until it is back).",
                8000,
            )
            return
        self._freeze()
        self.server_lost.show_problem(message)
        self.show_where()

    def _read_only_widgets(self) -> list[QWidget]:
        return [
            self.profile_box,
            self.role_box,
            self.tracks_button,
            self.hours_box,
            self.strategy_box,
        ]

    def _freeze(self) -> None:
        """Disable everything that changes data; remember what to give back."""
        frozen: list[tuple[QWidget, str]] = []
        for widget in self._read_only_widgets():
            if widget.isEnabled():
                widget.setEnabled(False)
                frozen.append((widget, "enabled"))
        made = [self.view_widget(view) for view in FROZEN_VIEWS if self.is_made(view)]
        for panel in [self.skill_panel, *made]:
            frozen += _freeze_panel(panel)
        self._frozen = frozen
        for action in self.editing_actions:
            action.setEnabled(False)
        self._keep_frozen()

    def _view_made(self, view: View, widget: QWidget) -> None:
        if view in FROZEN_VIEWS and self.state.read_only:  # made while the server is away
            self._frozen += _freeze_panel(widget)
        super()._view_made(view, widget)

    def _keep_frozen(self) -> None:
        # The undo stack enables its own actions when it changes: read-only keeps them off.
        if self.state.read_only:
            for action in (self.action_undo, self.action_redo):
                if action.isEnabled():
                    action.setEnabled(False)

    def _thaw(self) -> None:
        """Give back what `_freeze` took away, and hide the message."""
        from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

        for widget, what in self._frozen:
            if what == "enabled":
                widget.setEnabled(True)
            elif isinstance(widget, QPlainTextEdit | QTextEdit):
                widget.setReadOnly(False)
        self._frozen = []
        for action in self.editing_actions:
            action.setEnabled(True)
        self.action_undo.setEnabled(self.undo_stack.canUndo())
        self.action_redo.setEnabled(self.undo_stack.canRedo())
        if self._server_lost is not None:
            self._server_lost.hide()

    def retry_connection(self) -> bool:
        """Retry: reach the shared database again; the window reloads from it and is writable
        again (the undo steps stay). False, with the message kept, while it cannot."""
        planner = self.state.planner
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            planner.invalidate()
            planner.profile()  # one round trip: the server answers, or it does not
            planner.changed_elsewhere()  # listening again (a break may have hidden changes)
        except PlannerError as error:
            self.server_lost.show_problem(str(error))
            self.statusBar().showMessage("Still cannot reach the shared database.", 8000)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.state.reconnected()
        self._thaw()
        self.refresh_profile(replan=False)
        self.state.libraryChanged.emit()
        self.state.replan()
        self.show_where()
        self.statusBar().showMessage("The shared database is back: changes are saved again.", 8000)
        return True


def _freeze_panel(panel: QWidget) -> list[tuple[QWidget, str]]:
    """Disable a panel's buttons and boxes and make its texts read-only; what was changed."""
    # Imported here, as the read-only window is rare: not types to make before the first frame.
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QPlainTextEdit, QTextEdit

    frozen: list[tuple[QWidget, str]] = []
    for child in panel.findChildren(QAbstractButton) + panel.findChildren(QAbstractSpinBox):
        if child.isEnabled():
            child.setEnabled(False)
            frozen.append((child, "enabled"))
    for text in panel.findChildren(QPlainTextEdit) + panel.findChildren(QTextEdit):
        if not text.isReadOnly():
            text.setReadOnly(True)
            frozen.append((text, "read-only"))
    return frozen
