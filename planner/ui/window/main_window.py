"""The main window: toolbar, sidebar of views, the skill panel, menus and the status bar.

The window is built in two steps so that it is on screen at once: its frame (toolbar, sidebar,
menus, an "Opening your planner…" page) needs nothing but Qt, and `attach` adds the views once
the database is open. The views and the storage layer are imported in `attach`, not here:
importing SQLAlchemy alone takes longer than opening a bare Qt window.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
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
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from planner import __version__
from planner.core.pace import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, STRATEGIES
from planner.core.status import Status
from planner.core.units import format_hours, plural
from planner.core.wording import HIDE_BEHIND
from planner.errors import PlannerError
from planner.ui.text import button_text, tooltip
from planner.ui.theme import look
from planner.ui.widgets.messages import ask, confirm_box, message_box, show_error

if TYPE_CHECKING:  # imported by `attach`: the frame of the window is painted before them
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDragMoveEvent,
        QDropEvent,
        QPaintEvent,
        QUndoCommand,
    )

    from planner.service import Planner
    from planner.ui.library_editor.editor import LibraryEditor
    from planner.ui.state import AppState
    from planner.ui.views.compare_view import CompareView
    from planner.ui.views.graph.view import GraphView
    from planner.ui.views.plan_view import PlanView
    from planner.ui.views.progress_view import ProgressView
    from planner.ui.views.skill_panel import SkillPanel

APP_NAME = "Roadmap planner"
STRATEGY_WORDS = {"foundations-first": "Foundations first", "goal-by-goal": "Goal by goal"}
VIEW_NAMES = ("Plan", "Graph", "Progress", "Library", "Compare")
OPENING_TEXT = "Opening your planner…"


class MainWindow(QMainWindow):
    """The window a learner keeps open: their plan, its graph and the selected skill.

    `MainWindow(None, settings)` is the frame alone, shown while the database opens;
    `attach(planner)` completes it (given a planner, the constructor does both).

    Signals:
        firstPainted(): the window has been drawn on screen once (emitted after that paint).
        opened(): `attach` has filled the window: the plan is shown and everything works.
    """

    firstPainted = Signal()
    opened = Signal()

    state: AppState
    plan_view: PlanView
    graph_view: GraphView
    progress_view: ProgressView
    library_editor: LibraryEditor
    compare_view: CompareView
    skill_panel: SkillPanel

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
        for text, icon in look.view_icons().items():
            item = QListWidgetItem(icon, text)
            item.setSizeHint(QSize(120, 40))
            self.sidebar.addItem(item)
        self.sidebar.setFixedWidth(120)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.views, 1)
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
        self._restore_geometry()
        for part in (self.menuBar(), self.toolbar, self.sidebar):
            part.setEnabled(False)  # until `attach`: there is nothing to act on yet
        if planner is not None:
            self.attach(planner)

    def attach(self, planner: Planner) -> None:
        """Complete the window on an open planner: the views, their signals, the profile."""
        from planner.ui.dialogs.prerequisite_prompt import PrerequisitePrompt
        from planner.ui.library_editor.editor import LibraryEditor
        from planner.ui.state import AppState
        from planner.ui.views.compare_view import CompareView
        from planner.ui.views.graph.view import GraphView
        from planner.ui.views.plan_view import PlanView
        from planner.ui.views.progress_view import ProgressView
        from planner.ui.views.skill_panel import SkillPanel

        self.state = AppState(planner, self)
        self.prerequisites = PrerequisitePrompt(self.state, self.undo_stack, self.settings, self)
        self.plan_view = PlanView(self.state)
        self.graph_view = GraphView()
        self.graph_view.setAccessibleName("Prerequisite graph")
        self.progress_view = ProgressView(self.state)
        self.library_editor = LibraryEditor(self.state)
        self.compare_view = CompareView(self.state)
        for view in (
            self.plan_view,
            self.graph_view,
            self.progress_view,
            self.library_editor,
            self.compare_view,
        ):
            self.views.addWidget(view)
        self.views.removeWidget(self.opening)
        self.opening.deleteLater()
        self.skill_panel = SkillPanel(self.state)
        waiting = self.dock.widget()
        self.dock.setWidget(self.skill_panel)
        waiting.deleteLater()

        self.plan_view.set_icons(look.status_icons(self.palette()))
        self.progress_view.set_undo_stack(self.undo_stack)
        self.library_editor.set_undo_stack(self.undo_stack)
        self.action_new_skill.triggered.connect(self.library_editor.new_skill)
        self.action_zoom_in.triggered.connect(self.graph_view.zoom_in)
        self.action_zoom_out.triggered.connect(self.graph_view.zoom_out)
        self.action_fit.triggered.connect(self.graph_view.fit)
        self._add_hours_box()
        self.attached = True
        self._connect_signals()
        self._restore_view_settings()
        self.refresh_profile()
        for part in (self.menuBar(), self.toolbar, self.sidebar):
            part.setEnabled(True)
        self.opened.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # After this paint has been handled and the frame shown, not from inside it.
            QTimer.singleShot(0, self.firstPainted.emit)

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> None:
        bar = self.toolbar = QToolBar("Plan settings")
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.profile_box = QComboBox()
        # Filled once the database is open: sized by their contents, not by their empty start.
        self.profile_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_box.setAccessibleName("Profile")
        self.profile_box.setToolTip("Whose plan: each profile has its own progress")
        self.role_box = QComboBox()
        self.role_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.role_box.setAccessibleName("Role")
        self.role_box.setToolTip("The role you are preparing for")
        self.tracks_button = QToolButton()
        self.tracks_button.setText("Tracks")
        self.tracks_button.setAccessibleName("Tracks")
        self.tracks_button.setToolTip("Specialisation tracks added to the role's plan")
        self.tracks_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tracks_menu = QMenu(self.tracks_button)
        self.tracks_button.setMenu(self.tracks_menu)
        self.strategy_box = QComboBox()
        self.strategy_box.setAccessibleName("Order")
        for name, description in STRATEGIES.items():
            self.strategy_box.addItem(STRATEGY_WORDS.get(name, name), name)
            self.strategy_box.setItemData(
                self.strategy_box.count() - 1, description, Qt.ItemDataRole.ToolTipRole
            )
        self.strategy_box.setToolTip("The order of your plan")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search skills  (Ctrl+F)")
        self.search.setAccessibleName("Search skills")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        clear = QAction("Clear the search", self.search)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while typing there
        clear.triggered.connect(self.clear_search)
        self.search.addAction(clear)
        for label, widget in (
            ("Profile", self.profile_box),
            ("Role", self.role_box),
            (None, self.tracks_button),
            (None, self.strategy_box),
        ):
            if label:
                caption = QLabel(f" {label} ")
                caption.setBuddy(widget)
                bar.addWidget(caption)
            placed = bar.addWidget(widget)
            bar.addSeparator()
        self._strategy_action = placed  # the hours box goes before it, in `attach`
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search)

    def _add_hours_box(self) -> None:
        # Added with the views rather than in the frame: Qt's first spin box costs a few
        # milliseconds to set up, a twentieth of what a bare window takes to appear.
        self.hours_box = QDoubleSpinBox()
        self.hours_box.setRange(MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK)
        self.hours_box.setDecimals(1)
        self.hours_box.setSingleStep(1)
        self.hours_box.setSuffix(" h/week")
        self.hours_box.setAccessibleName("Hours per week")
        self.hours_box.setToolTip("How many hours a week you can study")
        self.hours_box.setKeyboardTracking(False)
        self.toolbar.insertWidget(self._strategy_action, self.hours_box)
        self.toolbar.insertSeparator(self._strategy_action)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        self.action_setup = file.addAction("Set up your plan…", self.run_onboarding)
        file.addSeparator()
        file.addAction("New profile…", self.new_profile)
        file.addAction("Rename profile…", self.rename_profile)
        file.addAction("Delete profile…", self.delete_profile)
        file.addSeparator()
        self.action_import = file.addAction("Import roadmap…", self.import_roadmap)
        self.action_import.setShortcut(QKeySequence("Ctrl+I"))
        self.action_export = file.addAction("Export…", self.export_roadmap)
        self.action_export.setShortcut(QKeySequence("Ctrl+E"))
        file.addSeparator()
        self.action_backups = file.addAction("Backups…", self.show_backups)
        file.addSeparator()
        quit_action = file.addAction("Quit", self.close)
        # The platform's own key where it has one; Windows has none (Alt+F4 closes any window).
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts(quit_keys or [QKeySequence("Ctrl+Q")])

        edit = menu.addMenu("&Edit")
        self.action_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.action_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.action_redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        edit.addAction(self.action_undo)
        edit.addAction(self.action_redo)
        edit.addSeparator()
        find = edit.addAction("Find", self.focus_search)
        find.setShortcut(QKeySequence.StandardKey.Find)
        # Space belongs to the plan's list (a window-wide Space would press focused buttons
        # instead): the menu shows the key after a tab, Qt's column for shortcuts.
        self.action_done = edit.addAction("Toggle done\tSpace", self.toggle_done)
        self.action_done.setToolTip("Mark the selected skill done, or to do again")
        log = edit.addAction("Log study time", self.focus_log)
        log.setShortcut(QKeySequence("Ctrl+L"))
        edit.addSeparator()
        self.action_new_skill = edit.addAction("New skill…")
        self.action_edit_skill = edit.addAction("Edit skill…", self.edit_selected_skill)
        self.action_edit_skill.setToolTip("Edit the selected skill in the library")

        view = menu.addMenu("&View")
        self.view_actions: list[QAction] = []
        for index, name in enumerate(VIEW_NAMES):
            action = view.addAction(name, partial(self.show_view, index))
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            self.view_actions.append(action)
        view.addSeparator()
        self.action_hide_done = view.addAction(HIDE_BEHIND)
        self.action_hide_done.setCheckable(True)
        self.action_hide_done.setShortcut(QKeySequence("Ctrl+H"))
        view.addSeparator()
        self.action_zoom_in = view.addAction("Zoom in")
        self.action_zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.action_zoom_out = view.addAction("Zoom out")
        self.action_zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.action_fit = view.addAction("Fit the graph")
        self.action_fit.setShortcut(QKeySequence("Ctrl+0"))
        view.addSeparator()
        appearance = view.addMenu("Appearance")
        self.scheme_actions: dict[str, QAction] = {}
        for key, text in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            action = appearance.addAction(text, partial(self.set_scheme, key))
            action.setCheckable(True)
            self.scheme_actions[key] = action
        view.addSeparator()
        view.addAction(self.dock.toggleViewAction())

        help_menu = menu.addMenu("&Help")
        shortcuts = help_menu.addAction("Keyboard shortcuts", self.show_shortcuts)
        shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.action_check = help_menu.addAction("Check database", self.check_database)
        self.action_quiz = help_menu.addAction("Which role fits me?", self.show_quiz)
        help_menu.addAction("About Roadmap planner", self.show_about)

    def _connect_signals(self) -> None:
        self.state.planChanged.connect(self._on_plan_changed)
        self.state.libraryChanged.connect(self._on_library_changed)
        self.state.selectionChanged.connect(self._on_selection_changed)
        self.state.failed.connect(self.show_error)
        self.profile_box.activated.connect(self._on_profile_chosen)
        self.role_box.activated.connect(self._on_role_chosen)
        self.hours_box.valueChanged.connect(self._on_hours_changed)
        self.strategy_box.activated.connect(self._on_strategy_chosen)
        self.search.textChanged.connect(self._on_search)
        self.sidebar.currentRowChanged.connect(self.views.setCurrentIndex)
        self.views.currentChanged.connect(self._on_view_changed)
        self.plan_view.statusRequested.connect(self.set_status)
        self.plan_view.logTimeRequested.connect(self._log_time_for)
        self.plan_view.showInGraphRequested.connect(self._show_in_graph)
        self.plan_view.goalRequested.connect(self.set_personal_goal)
        self.plan_view.hide_done.toggled.connect(self.action_hide_done.setChecked)
        self.action_hide_done.toggled.connect(self.plan_view.hide_done.setChecked)
        self.graph_view.skillSelected.connect(self.state.select)
        self.graph_view.skillActivated.connect(self._show_in_plan)
        self.skill_panel.statusRequested.connect(self.set_status)
        self.skill_panel.noteEdited.connect(self._on_note_edited)
        self.skill_panel.studyLogged.connect(self._on_study_logged)
        self.skill_panel.goalRequested.connect(self.set_personal_goal)
        self.skill_panel.timer.stopRequested.connect(self._on_timer_stopped)
        self.skill_panel.sessions.editRequested.connect(self._on_session_edited)
        self.skill_panel.sessions.deleteRequested.connect(self._on_session_deleted)
        self.progress_view.statusRequested.connect(self.set_status)
        self.progress_view.sessionEditRequested.connect(self._on_session_edited)
        self.progress_view.sessionDeleteRequested.connect(self._on_session_deleted)
        self.progress_view.sessionRestoreRequested.connect(self._on_session_restored)

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
        view = _setting_int(self.settings, "window/view")
        self.show_view(view if 0 <= view < len(VIEW_NAMES) else 0)

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
        """A backup (then thinning) when anything changed since the last one."""
        if not (self.state.dirty or not self.undo_stack.isClean()):
            return
        try:
            self.state.planner.backup_and_thin()
        except PlannerError as error:
            # Closing must not be held up; the learner's data itself is saved already.
            logging.getLogger(__name__).warning("no backup on closing: %s", error)
            return
        self.state.dirty = False
        self.undo_stack.setClean()

    # ------------------------------------------------------------------ profile and plan
    def refresh_profile(self, replan: bool = True) -> None:
        """Fill the toolbar from the current profile and (unless already done) re-plan."""
        planner = self.state.planner
        profile = planner.profile()
        library = planner.library()
        with QSignalBlocker(self.profile_box):
            self.profile_box.clear()
            for p in planner.profiles():
                self.profile_box.addItem(p.name, p.name)
            self.profile_box.setCurrentIndex(self.profile_box.findData(profile.name))
        with QSignalBlocker(self.role_box):
            self.role_box.clear()
            if profile.role is None:
                self.role_box.addItem("Choose a role…", "")
            for role in library.roles.values():
                self.role_box.addItem(role.name, role.id)
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(profile.role or "")))
        with QSignalBlocker(self.hours_box):
            self.hours_box.setValue(profile.hours_per_week)
        with QSignalBlocker(self.strategy_box):
            self.strategy_box.setCurrentIndex(max(0, self.strategy_box.findData(profile.strategy)))
        self._fill_tracks()
        self._update_title()
        if replan:
            self.state.replan()

    def _fill_tracks(self) -> None:
        self.tracks_menu.clear()
        profile = self.state.planner.profile()
        role = self.state.planner.library().roles.get(profile.role or "")
        self.tracks_button.setEnabled(role is not None and bool(role.tracks))
        if role is None:
            self.tracks_button.setText("Tracks")
            return
        for track in role.tracks:
            action = self.tracks_menu.addAction(button_text(track.name))
            action.setCheckable(True)
            action.setChecked(track.id in profile.tracks)
            action.setToolTip(tooltip(track.summary))
            action.setData(track.id)
            action.toggled.connect(self._on_track_toggled)
        count = len(profile.tracks)
        self.tracks_button.setText(f"Tracks ({count})" if count else "Tracks")

    def _update_title(self) -> None:
        name = self.state.planner.profile_name
        self.setWindowTitle(f"{name} — {APP_NAME}")

    def _on_profile_chosen(self, index: int) -> None:
        name = self.profile_box.itemData(index)
        if isinstance(name, str) and name != self.state.planner.profile_name:
            self.skill_panel.save_note()
            self.state.planner.use_profile(name)
            self.undo_stack.clear()  # undo steps belong to the profile they were made in
            self.state.select("")
            self.refresh_profile()
            if self.state.planner.profile().role is None:
                QTimer.singleShot(0, self.run_onboarding)

    def _on_role_chosen(self, index: int) -> None:
        role = self.role_box.itemData(index)
        if isinstance(role, str) and role and self.state.update_profile(role=role):
            self.refresh_profile(replan=False)  # update_profile re-planned already

    def _on_track_toggled(self) -> None:
        chosen = [str(a.data()) for a in self.tracks_menu.actions() if a.isChecked()]
        if self.state.update_profile(tracks=chosen):
            count = len(chosen)
            self.tracks_button.setText(f"Tracks ({count})" if count else "Tracks")

    def _on_hours_changed(self, hours: float) -> None:
        self.state.update_profile(hours_per_week=hours)

    def _on_strategy_chosen(self, index: int) -> None:
        strategy = self.strategy_box.itemData(index)
        if isinstance(strategy, str):
            self.state.update_profile(strategy=strategy)

    def _on_plan_changed(self) -> None:
        from planner.ui.widgets.dates import short_date

        plan, progress = self.state.plan, self.state.progress
        self.graph_view.set_plan(plan)
        if plan is None or progress is None:
            self.status_plan.setText("Choose a role to see your plan.")
            return
        finish = short_date(plan.finish) if plan.finish else "nothing left to study"
        parts = [
            f"{format_hours(plan.remaining_hours)} remaining",
            f"finish {finish}",
            f"{progress.percent_done_hours:.0f} % done",
            f"streak {plural(progress.streak_days, 'day')}",
        ]
        self.status_plan.setText(" · ".join(parts))

    def _on_library_changed(self) -> None:
        # Roles and tracks may have been added, renamed or deleted: the toolbar shows them.
        self.refresh_profile(replan=False)

    def _on_selection_changed(self, skill_id: str) -> None:
        self.graph_view.select_skill(skill_id or None)

    def _on_search(self, text: str) -> None:
        self.plan_view.set_search(text)
        self.graph_view.set_filter(text)

    def _on_view_changed(self, index: int) -> None:
        with QSignalBlocker(self.sidebar):
            self.sidebar.setCurrentRow(index)

    def show_view(self, index: int) -> None:
        """Switch to the plan (0), graph (1), progress (2), library (3) or comparison (4)."""
        self.views.setCurrentIndex(index)
        self.sidebar.setCurrentRow(index)

    def _show_in_graph(self, skill_id: str) -> None:
        self.state.select(skill_id)
        self.show_view(1)

    def _show_in_plan(self, skill_id: str) -> None:
        self.state.select(skill_id)
        self.show_view(0)

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

    # ------------------------------------------------------------------ edits (undoable)
    def set_status(self, skill_id: str, status: str, day: date | None = None) -> None:
        """Change a skill's status as an undoable step (a click that changes nothing is none).
        `status` is a `Status` or its value (signals carry plain strings)."""
        step = self.state.step(skill_id)
        current = self.state.planner.statuses().get(skill_id, Status.TODO)
        if status == current and (step is None or step.status != Status.IMPLIED):
            return
        from planner.ui.commands import SetStatusCommand

        self.undo_stack.push(SetStatusCommand(self.state, skill_id, Status(status), day))
        if status == Status.IN_PROGRESS:
            self.prerequisites.offer(skill_id)

    def toggle_done(self) -> None:
        """Mark the selected skill done, or to do when it already is."""
        skill_id = self.state.selected
        if skill_id:
            step = self.state.step(skill_id)
            current = step.status if step is not None else Status.TODO
            self.set_status(skill_id, Status.TODO if current == Status.DONE else Status.DONE)

    def _on_note_edited(self, skill_id: str, old: str, new: str) -> None:
        from planner.ui.commands import EditNoteCommand

        self.undo_stack.push(EditNoteCommand(self.state, skill_id, old, new))

    def _on_study_logged(self, skill_id: str, minutes: int, day: object) -> None:
        from planner.ui.commands import LogStudyCommand

        when = day if isinstance(day, date) else None
        self.undo_stack.push(LogStudyCommand(self.state, skill_id, minutes, when))
        self.prerequisites.offer(skill_id)

    def _on_timer_stopped(self) -> None:
        from planner.ui.commands import StopTimerCommand

        running = self.state.planner.timer()
        if running is not None:
            self.undo_stack.push(StopTimerCommand(self.state, running.skill))

    def set_personal_goal(self, skill_id: str, add: bool) -> None:
        """Add a skill to the learner's plan as a goal of their own, or remove it (undoable)."""
        from planner.ui.commands import PersonalGoalCommand

        self._push(lambda: PersonalGoalCommand(self.state, skill_id, add))

    def _on_session_edited(self, session_id: int, minutes: int, day: object, note: str) -> None:
        from planner.ui.commands import EditStudySessionCommand

        if isinstance(day, date):
            self._push(lambda: EditStudySessionCommand(self.state, session_id, minutes, day, note))

    def _on_session_deleted(self, session_id: int) -> None:
        from planner.ui.commands import DeleteStudySessionCommand

        self._push(lambda: DeleteStudySessionCommand(self.state, session_id))

    def _on_session_restored(self, session_id: int) -> None:
        from planner.ui.commands import RestoreStudySessionCommand

        self._push(lambda: RestoreStudySessionCommand(self.state, session_id))

    def _push(self, make: Callable[[], QUndoCommand]) -> None:
        """Push a command whose construction reads the database (which may refuse)."""
        try:
            command = make()
        except PlannerError as error:
            self.show_error(str(error))
            return
        self.undo_stack.push(command)

    def _log_time_for(self, skill_id: str) -> None:
        self.state.select(skill_id)
        self.focus_log()

    def edit_selected_skill(self) -> None:
        """Open the skill editor on the skill selected in any view."""
        if self.state.selected:
            self.show_view(3)
            self.library_editor.edit_skill(self.state.selected)

    def focus_log(self) -> None:
        """Ctrl+L: show the skill panel with the cursor in the study-time field."""
        self.dock.show()
        self.dock.raise_()
        self.skill_panel.focus_log()

    # ------------------------------------------------------------------ profiles
    def new_profile(self) -> None:
        """Create a profile and switch to it (then set it up)."""
        name, ok = QInputDialog.getText(self, "New profile", "Name of the learner:")
        if not ok:
            return
        try:
            profile = self.state.planner.create_profile(name)
        except PlannerError as error:
            self.show_error(str(error))
            return
        self.refresh_profile()
        self._on_profile_chosen(self.profile_box.findData(profile.name))

    def rename_profile(self) -> None:
        """Rename the current profile."""
        old = self.state.planner.profile_name
        name, ok = QInputDialog.getText(self, "Rename profile", "New name:", text=old)
        if not ok or name.strip() == old:
            return
        try:
            self.state.planner.rename_profile(old, name)
        except PlannerError as error:
            self.show_error(str(error))
            return
        self.refresh_profile()

    def delete_profile(self) -> None:
        """Delete another profile, after asking."""
        current = self.state.planner.profile_name
        others = [p.name for p in self.state.planner.profiles() if p.name != current]
        if not others:
            self.show_error("This is the only profile. Create another one before deleting.")
            return
        name, ok = QInputDialog.getItem(
            self, "Delete profile", "Profile to delete:", others, 0, False
        )
        if not ok:
            return
        if not self.confirm(
            f"Delete the profile “{name}” with all its progress, notes and study time?\n"
            "This cannot be undone.",
            "Delete",
        ):
            return
        try:
            self.state.planner.delete_profile(name)
        except PlannerError as error:
            self.show_error(str(error))
            return
        self.refresh_profile()

    # ------------------------------------------------------------------ other dialogs
    def run_onboarding(self) -> bool:
        """The set-up wizard; returns True when the learner finished it."""
        from planner.ui.onboarding.wizard import OnboardingWizard

        self.skill_panel.save_note()
        wizard = OnboardingWizard(self.state.planner, self)
        try:
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return False
            wizard.apply()
        except PlannerError as error:
            self.show_error(str(error))
            return False
        finally:
            wizard.deleteLater()  # a new wizard for every run; this one must not pile up
        self.undo_stack.clear()  # the wizard's ticks are one big change, not undo steps
        self.state.dirty = True  # worth a backup on closing all the same
        self.refresh_profile()
        self.show_view(0)
        return True

    def show_quiz(self) -> None:
        """Help → Which role fits me?: a recommendation that can start that plan."""
        from planner.ui.onboarding.quiz_dialog import QuizDialog

        try:
            dialog = QuizDialog(
                self.state.planner, lambda role: self.state.update_profile(role=role), self
            )
        except PlannerError as error:
            self.show_error(str(error))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(partial(self.refresh_profile, replan=False))  # role box follows
        dialog.open()
        self.quiz_dialog = dialog  # kept for tests and so that it is not collected

    def export_roadmap(self) -> None:
        """Ctrl+E: the export dialog (PDF, Markdown, JSON, iCalendar, CSV)."""
        from planner.ui.dialogs.export import ExportDialog

        if self.state.planner.profile().role is None:
            self.show_error("Choose a role first: the export is of your plan for it.")
            return
        self.skill_panel.save_note()  # a note being typed belongs in the export
        dialog = ExportDialog(self.state.planner, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog  # kept for tests and so that it is not collected

    def import_roadmap(self) -> None:
        """Import roadmap files chosen by the learner."""
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import roadmap files", "", "Roadmap files (*.yaml *.yml);;All files (*)"
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> bool:
        """Validate and store roadmap files; every problem is listed when any file is wrong."""
        from planner.service import Change
        from planner.ui.library_editor.import_dialog import ImportProblemsDialog

        try:
            counts = self.state.planner.import_files([Path(p) for p in paths])
        except PlannerError as error:
            dialog = ImportProblemsDialog(paths, error, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.import_problems = dialog  # kept for tests and so that it is not collected
            return False
        self.state.changed(Change(library=True))  # the toolbar, the plan and the editor follow
        self.statusBar().showMessage(
            f"Imported {plural(counts.skills_added, 'new skill')}, "
            f"{plural(counts.skills_updated, 'updated skill')}, "
            f"{plural(counts.roles_added + counts.roles_updated, 'role')}.",
            8000,
        )
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.attached and _dropped_files(event.mimeData()):  # not while opening
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.attached and _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # After the drop returns: a modal dialog inside a drop handler stalls the source.
            QTimer.singleShot(0, partial(self.import_files, paths))

    def set_scheme(self, scheme: str, save: bool = True) -> None:
        """Light, dark, or follow the system."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            look.apply_scheme(app, scheme)
        for key, action in self.scheme_actions.items():
            action.setChecked(key == scheme)
        if save:
            self.settings.setValue("appearance/scheme", scheme)

    def confirm(self, question: str, action: str) -> bool:
        """Ask before something that cannot be undone; Cancel is the default."""
        return ask(*confirm_box(self, APP_NAME, question, action))

    def show_error(self, message: str) -> None:
        """One clear message; nothing was changed."""
        self._last_dialog = show_error(self, APP_NAME, message)

    def show_shortcuts(self) -> None:
        """F1: the keyboard shortcuts."""
        from planner.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog  # kept for tests and so that it is not collected

    def show_backups(self) -> None:
        """File → Backups…: list, take and restore backups."""
        from planner.ui.dialogs.backups import BackupsDialog

        self.skill_panel.save_note()  # typed before the dialog: part of the backup now
        dialog = BackupsDialog(self.state.planner, self.confirm, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._on_restored)
        dialog.open()
        self.backups_dialog = dialog  # kept for tests and so that it is not collected

    def _on_restored(self) -> None:
        # Undo steps refer to a history that is gone now.
        self.undo_stack.clear()
        self.state.dirty = False
        self.refresh_profile()
        self.statusBar().showMessage("Backup restored.", 8000)

    def check_database(self) -> None:
        """Help → Check database: look for damage, fix what is safe, show what was found."""
        self.skill_panel.save_note()
        try:
            report = self.state.planner.check_database()
        except PlannerError as error:
            self.show_error(str(error))
            return
        if report.fixed:
            self.refresh_profile()
        icon = QMessageBox.Icon.Information if report.integrity_ok else QMessageBox.Icon.Warning
        box = message_box(self, icon, "Check database", "\n".join(report.lines()))
        box.open()
        self._last_dialog = box

    def show_about(self) -> None:
        """Help → About."""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Plan your way to AI engineer or machine-learning engineer: a dated study "
            "roadmap from a prerequisite graph of skills, your progress over time, and "
            "nothing to set up.</p>"
            f"<p>Your data: {html.escape(str(self.state.planner.db.path))}</p>",
        )


def _dropped_files(mime: QMimeData) -> list[str]:
    """The local files being dragged (anything else, such as web links, is not taken)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


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


def _setting_int(settings: QSettings, key: str) -> int:
    try:
        return int(str(settings.value(key, 0)))
    except ValueError:
        return 0
