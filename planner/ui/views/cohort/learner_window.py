"""One learner's plan and progress, read-only, in a window of its own: what a mentor opens from
the Cohort view.

It reads through a `Planner` of its own for that learner's profile, over the mentor's open
database (on a team database the server's row-level security lets a mentor read the learners
of their cohorts, and nothing more). The plan and progress views are the learner's own, put in
read-only mode: no status, target date or study session can be changed from here, and the
window says whose plan it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.service import Planner
from planner.ui.state import AppState
from planner.ui.theme import look
from planner.ui.views.plan_view import PlanView
from planner.ui.views.progress_view import ProgressView
from planner.ui.widgets.messages import show_error

READ_ONLY_TIP = "Read only: only the learner changes their plan and progress"


class LearnerWindow(QWidget):
    """A learner's plan and progress, clearly marked as someone else's; nothing can be changed.

    `LearnerWindow(planner, profile, name)` reads the profile `profile` of `planner`'s database
    and calls the learner `name`; it raises `PlannerError` when the profile cannot be read.
    """

    def __init__(
        self, planner: Planner, profile: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.name = name
        self.planner = Planner(planner.db, profile, planner.today)  # the database stays open
        self.state = AppState(self.planner, self)
        self.state.replan()  # before any widget: a refusal leaves nothing half built

        self.setWindowTitle(f"{name}’s plan — read only")
        self.setWindowIcon(look.app_icon())
        self.banner = QLabel(
            f"{name}’s plan and progress, as they recorded it. Read only: only {name} changes them."
        )
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # a login is never markup
        self.banner.setWordWrap(True)
        font = self.banner.font()
        font.setBold(True)
        self.banner.setFont(font)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip(f"Read {name}’s plan and progress again (F5)")
        head = QFrame()
        head.setFrameShape(QFrame.Shape.StyledPanel)
        head.setAutoFillBackground(True)
        head.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        row = QHBoxLayout(head)
        row.addWidget(self.banner, 1)
        row.addWidget(self.refresh_button)

        self.plan_view = PlanView(self.state)
        self.plan_view.set_read_only(True)
        self.plan_view.set_icons(look.status_icons(self.palette()))
        self.progress_view = ProgressView(self.state)
        self.progress_view.set_read_only(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_view, "Plan")
        self.tabs.addTab(self.progress_view, "Progress")
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.tabs, 1)
        self._connect_signals()
        self.state.replan()  # the views now exist: they show the plan
        self.resize(1100, 760)

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.state.failed.connect(self._show_error)

    def refresh(self) -> None:
        """Read the learner's plan and progress again (they may have studied meanwhile)."""
        self.planner.invalidate()
        try:
            self.state.replan()
        except PlannerError as error:
            self._show_error(str(error))

    def _show_error(self, message: str) -> None:
        self.error_box = show_error(self, self.windowTitle(), message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.plan_view.set_icons(look.status_icons(self.palette()))
        super().changeEvent(event)
