"""The main window's menus: File, Edit, View and Help, and the colour scheme they set."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from planner.core.wording import HIDE_BEHIND
from planner.ui.theme import look
from planner.ui.window.base import WindowBase
from planner.ui.window.view import View


class MenusPart(WindowBase):
    """The menu bar of the main window."""

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        self.action_setup = file.addAction("Set up your plan…", self.run_onboarding)
        file.addSeparator()
        profiles = [
            file.addAction("New profile…", self.new_profile),
            file.addAction("Rename profile…", self.rename_profile),
            file.addAction("Delete profile…", self.delete_profile),
        ]
        file.addSeparator()
        self.action_import = file.addAction("Import roadmap…", self.import_roadmap)
        self.action_import.setShortcut(QKeySequence("Ctrl+I"))
        self.action_export = file.addAction("Export…", self.export_roadmap)
        self.action_export.setShortcut(QKeySequence("Ctrl+E"))
        self.action_export_cohort = file.addAction("Export cohort…", lambda: self.export_cohort())
        file.addSeparator()
        self.action_backups = file.addAction("Backups…", self.show_backups)
        file.addSeparator()
        self.action_connect = file.addAction(
            "Connect to a shared database…", self.connect_shared_database
        )
        self.action_connect.setToolTip("Use a PostgreSQL database your group shares")
        self.action_use_own = file.addAction("Use my own database", self.use_own_database)
        self.action_use_own.setToolTip("Use the planner's database file on this computer")
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
        self.action_study_settings = edit.addAction(
            "Study times and pace…", self.show_study_settings
        )
        self.action_study_settings.setToolTip("When you study each week; planning by your pace")
        edit.addSeparator()
        self.action_new_skill = edit.addAction("New skill…")
        self.action_edit_skill = edit.addAction("Edit skill…", self.edit_selected_skill)
        self.action_edit_skill.setToolTip("Edit the selected skill in the library")
        # What changes data: off while a shared database cannot be reached (read-only).
        self.editing_actions = [
            self.action_setup,
            *profiles,
            self.action_import,
            self.action_backups,
            self.action_done,
            log,
            self.action_new_skill,
            self.action_edit_skill,
        ]

        view = menu.addMenu("&View")
        self.view_actions: list[QAction] = []
        for shown in View:
            action = view.addAction(shown.title, partial(self.show_view, shown))
            action.setShortcut(QKeySequence(f"Ctrl+{shown + 1}"))
            self.view_actions.append(action)
        view.addSeparator()
        self.action_hide_done = view.addAction(HIDE_BEHIND)
        self.action_hide_done.setCheckable(True)
        self.action_hide_done.setShortcut(QKeySequence("Ctrl+H"))
        view.addSeparator()
        self.action_zoom_in = view.addAction("Zoom the graph in")
        self.action_zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.action_zoom_out = view.addAction("Zoom the graph out")
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
        self.editing_actions += [self.action_check, self.action_quiz]
        help_menu.addAction("About Roadmap planner", self.show_about)

    def set_scheme(self, scheme: str, save: bool = True) -> None:
        """Light, dark, or follow the system."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            look.apply_scheme(app, scheme)
        for key, action in self.scheme_actions.items():
            action.setChecked(key == scheme)
        if save:
            self.settings.setValue("appearance/scheme", scheme)
