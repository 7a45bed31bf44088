"""The main window's frame: sidebar of views, the skill panel and the status bar, with the
toolbar, menus, edits, dialogs and drops of planner/ui/window/ mixed in.

The window is built in two steps so that it is on screen at once: its frame (toolbar, sidebar,
menus, an "Opening your planner…" page) needs nothing but Qt, and `attach` adds the views once
the database is open. The views and the storage layer are imported in `attach`, not here:
importing SQLAlchemy alone takes longer than opening a bare Qt window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QSettings,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.units import format_hours, plural
from planner.errors import PlannerError
from planner.ui.theme import look
from planner.ui.window.database import DatabasePart
from planner.ui.window.dialogs import DialogsPart
from planner.ui.window.drops import DropsPart
from planner.ui.window.edits import EditsPart
from planner.ui.window.menus import MenusPart
from planner.ui.window.pace import PacePart
from planner.ui.window.team import TeamPart
from planner.ui.window.toolbar import APP_NAME, ToolbarPart
from planner.ui.window.view import View
from planner.ui.window.views import ViewsPart

if TYPE_CHECKING:  # imported by `attach`: the frame of the window is painted before them
    from PySide6.QtGui import (
        QCloseEvent,
        QPaintEvent,
    )

    from planner.service import Planner

OPENING_TEXT = "Opening your planner…"


class MainWindow(
    ToolbarPart,
    MenusPart,
    EditsPart,
    TeamPart,
    DialogsPart,
    DropsPart,
    DatabasePart,
    PacePart,
    ViewsPart,
):
    """The window a learner keeps open: their plan, its graph and the selected skill.

    `MainWindow(None, settings)` is the frame alone, shown while the database opens;
    `attach(planner)` completes it (given a planner, the constructor does both).

    Signals:
        firstPainted(): the window has been drawn on screen once (emitted after that paint).
        opened(): `attach` has filled the window: the plan is shown and everything works.
    """

    firstPainted = Signal()
    opened = Signal()

    def __init__(self, planner: Planner | None, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.attached = False
        self._painted = False
        self.undo_stack = QUndoStack(self)
        self.setWindowIcon(look.app_icon())
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)  # roadmap files dropped on the window are imported

        self._build_toolbar()
        self.views = QStackedWidget()
        self.opening = QLabel(OPENING_TEXT)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setEnabled(False)  # drawn in the palette's muted text colour
        self.views.addWidget(self.opening)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Views")
        self.sidebar.setIconSize(QSize(22, 22))
        icons = look.view_icons()
        for view in View:
            item = QListWidgetItem(icons[view.title], view.title)
            item.setSizeHint(QSize(120, 40))
            self.sidebar.addItem(item)
        self.sidebar.setFixedWidth(120)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self._build_database_ui()
        central = QWidget()
        column = self.top = QVBoxLayout(central)  # (a lost server's bar goes at its top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.views, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)

        self.dock = QDockWidget("Skill", self)
        self.dock.setObjectName("skillDock")
        waiting = QWidget()  # holds the skill panel's place, so nothing jumps when it comes
        waiting.setMinimumWidth(300)
        self.dock.setWidget(waiting)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

        self.status_plan = QLabel()
        self.status_plan.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status_plan, 1)

        self._build_menus()
        self._hide_team_views()
        self._restore_geometry()
        for part in (self.menuBar(), self.toolbar, self.sidebar):
            part.setEnabled(False)  # until `attach`: there is nothing to act on yet
        if planner is not None:
            self.attach(planner)

    def attach(self, planner: Planner) -> None:
        """Complete the window on an open planner: the plan, the skill panel, their signals,
        the profile. The other views are made when first shown (window/views.py)."""
        from planner.ui.dialogs.prerequisite_prompt import PrerequisitePrompt
        from planner.ui.state import AppState
        from planner.ui.views.plan_view import PlanView
        from planner.ui.views.skill_panel import SkillPanel

        self.state = AppState(planner, self, self.undo_stack)
        self.prerequisites = PrerequisitePrompt(self.state, self.settings, self)
        self.plan_view = PlanView(self.state)
        self._place_views()
        self.views.removeWidget(self.opening)
        self.opening.deleteLater()
        self.skill_panel = SkillPanel(self.state)
        waiting = self.dock.widget()
        self.dock.setWidget(self.skill_panel)
        waiting.deleteLater()

        self.plan_view.set_icons(look.status_icons(self.palette()))
        self.action_new_skill.triggered.connect(lambda: self.library_editor.new_skill())
        self._add_hours_box()
        self._add_review_count()
        self.attached = True
        self._connect_signals()
        self._connect_database_signals()
        self._connect_team()
        self._restore_view_settings()
        self.refresh_profile()
        for part in (self.menuBar(), self.toolbar, self.sidebar):
            part.setEnabled(True)
        self.opened.emit()

    def _view_made(self, view: View, widget: QWidget) -> None:
        if view is View.GRAPH:
            graph = self.graph_view
            graph.setAccessibleName("Prerequisite graph")
            graph.set_plan(self.state.plan)
            graph.select_skill(self.state.selected or None)
            graph.set_filter(self.search.text())
            graph.skillSelected.connect(self.state.select)
            graph.skillActivated.connect(self._show_in_plan)
        elif view is View.AGENDA:
            self.agenda_view.settingsRequested.connect(self.show_study_settings)
        super()._view_made(view, widget)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # After this paint has been handled and the frame shown, not from inside it.
            QTimer.singleShot(0, self.firstPainted.emit)

    def _connect_signals(self) -> None:
        self.state.planChanged.connect(self._on_plan_changed)
        self.state.libraryChanged.connect(self._on_library_changed)
        self.state.selectionChanged.connect(self._on_selection_changed)
        self.state.failed.connect(self.show_error)
        self.state.skillBegun.connect(self.prerequisites.offer)
        self.profile_box.activated.connect(self._on_profile_chosen)
        self.role_box.activated.connect(self._on_role_chosen)
        self.hours_box.valueChanged.connect(self._on_hours_changed)
        self.strategy_box.activated.connect(self._on_strategy_chosen)
        self.search.textChanged.connect(self._on_search)
        self.sidebar.currentRowChanged.connect(self._on_row_chosen)
        self.views.currentChanged.connect(self._on_view_changed)
        self.plan_view.logTimeRequested.connect(self._log_time_for)
        self.plan_view.showInGraphRequested.connect(self._show_in_graph)
        self.plan_view.hide_done.toggled.connect(self.action_hide_done.setChecked)
        self.action_hide_done.toggled.connect(self.plan_view.hide_done.setChecked)
        self.state.reviewsChanged.connect(self.refresh_review_count)
        self.action_zoom_in.triggered.connect(lambda: self._zoom_graph("zoom_in"))
        self.action_zoom_out.triggered.connect(lambda: self._zoom_graph("zoom_out"))
        self.action_fit.triggered.connect(lambda: self._zoom_graph("fit"))

    def _zoom_graph(self, how: str) -> None:
        """View → Zoom the graph in, Zoom the graph out, Fit the graph: shown first when another
        view is (the graph is made, and laid out, when first shown: a graph never shown had
        nothing to zoom, and the keys did nothing)."""
        if self.views.currentIndex() != View.GRAPH:
            self.show_view(View.GRAPH)
        getattr(self.graph_view, how)()

    # ------------------------------------------------------------------ settings
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
            offscreen = QGuiApplication.platformName() == "offscreen"  # no window manager
            if not offscreen and not fits_with_frame(
                self.screen().availableGeometry().size(), self.size()
            ):
                # A 1280x800 laptop: with a title bar the window would end below the screen's
                # edge, status line and all; maximised, the window manager fits it.
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        window_state = self.settings.value("window/state")
        if isinstance(window_state, QByteArray):
            self.restoreState(window_state)
        scheme = str(self.settings.value("appearance/scheme", "system"))
        self.set_scheme(scheme if scheme in self.scheme_actions else "system", save=False)

    def _restore_view_settings(self) -> None:
        self.plan_view.hide_done.setChecked(_setting_bool(self.settings, "plan/hideDone"))
        self.show_view(View.of(self.settings.value("window/view", 0)))

    def save_settings(self) -> None:
        """Remember window geometry, docks, the view, toggles and the profile."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if not self.attached:  # closed while opening: only the frame was there to remember
            self.settings.sync()
            return
        self.settings.setValue("window/view", self.views.currentIndex())
        self.settings.setValue("plan/hideDone", self.plan_view.hide_done.isChecked())
        self.settings.setValue("profile", self.state.planner.profile_name)
        self.settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        palette_changed = event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        )
        if palette_changed and self.attached:
            # The status marks are painted in palette colours: light and dark need their own.
            self.plan_view.set_icons(look.status_icons(self.palette()))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.attached:
            self.skill_panel.save_note()
        self.save_settings()
        super().closeEvent(event)
        if self.attached and event.isAccepted():
            # The window goes first, the backup after: a backup (a copy, its syncs, thinning
            # the folder) can take long on a slow disk, and it kept the window on screen. It
            # is still taken before the app ends and before the database is let go of.
            self.hide()
            QApplication.sync()  # the window system has taken the window away
            self.back_up_if_changed()

    def back_up_if_changed(self) -> None:
        """A backup (then thinning) when anything changed since the last one. Not of a shared
        database: its owner backs it up with the server's tools (pg_dump)."""
        if self.state.planner.db.on_server:
            return
        if not (self.state.dirty or not self.undo_stack.isClean()):
            return
        try:
            self.state.planner.files.backup_and_thin()
        except PlannerError as error:
            # Closing must not be held up; the learner's data itself is saved already.
            logging.getLogger(__name__).warning("no backup on closing: %s", error)
            return
        self.state.dirty = False
        self.undo_stack.setClean()

    def _on_plan_changed(self) -> None:
        plan, progress = self.state.plan, self.state.progress
        if self.is_made(View.GRAPH):
            self.graph_view.set_plan(plan)
        self.refresh_review_count()  # finishing or re-opening a skill moves its reviews
        if plan is None or progress is None:
            self.status_plan.setText("Choose a role to see your plan.")
            return
        parts = [
            f"{format_hours(plan.remaining_hours)} remaining",
            self.plan_finish_words(),
            f"{progress.percent_done_hours:.0f} % done",
            f"streak {plural(progress.streak_days, 'day')}",
        ]
        self.status_plan.setText(" · ".join(parts))

    def _on_library_changed(self) -> None:
        # Roles and tracks may have been added, renamed or deleted: the toolbar shows them.
        self.refresh_profile(replan=False)

    def _on_selection_changed(self, skill_id: str) -> None:
        if self.is_made(View.GRAPH):
            self.graph_view.select_skill(skill_id or None)

    def _on_search(self, text: str) -> None:
        self.plan_view.set_search(text)
        if self.is_made(View.GRAPH):
            self.graph_view.set_filter(text)

    def _on_view_changed(self, index: int) -> None:
        with QSignalBlocker(self.sidebar):
            self.sidebar.setCurrentRow(index)

    def _show_in_graph(self, skill_id: str) -> None:
        self.state.select(skill_id)
        self.show_view(View.GRAPH)

    def _show_in_plan(self, skill_id: str) -> None:
        self.state.select(skill_id)
        self.show_view(View.PLAN)

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus()
        self.search.selectAll()

    def clear_search(self) -> None:
        """Escape in the search field: every skill shows again, and the keys go back to the
        view (Space marks done again in the plan)."""
        self.search.clear()
        view = self.views.currentWidget()
        target = self.plan_view.tree if self.attached and view is self.plan_view else view
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)


# Room a window manager's title bar and borders take around a window (generous: a title bar is
# 20-40 pixels high).
FRAME_ALLOWANCE = QSize(16, 48)


def fits_with_frame(available: QSize, size: QSize) -> bool:
    """Whether a window of `size` and its frame fit in the screen's `available` area."""
    return (
        available.width() >= size.width() + FRAME_ALLOWANCE.width()
        and available.height() >= size.height() + FRAME_ALLOWANCE.height()
    )


def _setting_bool(settings: QSettings, key: str) -> bool:
    value = settings.value(key, False)
    return value is True or str(value).lower() == "true"
