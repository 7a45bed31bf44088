"""The dialogs the main window opens: profiles, the first-start wizard, the quiz, import
and export, backups, the database check, shortcuts and About."""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from planner import __version__
from planner.core.units import plural
from planner.errors import PlannerError
from planner.ui.window.base import WindowBase
from planner.ui.window.toolbar import APP_NAME
from planner.ui.window.view import View

# Qt's dialog classes are imported where a dialog opens, not with the window: making their
# Python types takes a few milliseconds, which came before the window's first frame.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class DialogsPart(WindowBase):
    """The dialogs of the main window."""

    _last_dialog: QMessageBox

    def new_profile(self) -> None:
        """Create a profile and switch to it (then set it up)."""
        from PySide6.QtWidgets import QInputDialog

        from planner.ui.ops import run_change

        name, ok = QInputDialog.getText(self, "New profile", "Name of the learner:")
        if not ok:
            return
        created = run_change(self.state, lambda: self.state.planner.profiles.create(name))
        if created is None:
            return
        profile = created.value
        self.refresh_profile(replan=False)
        self._on_profile_chosen(self.profile_box.findData(profile.name))

    def rename_profile(self) -> None:
        """Rename the current profile."""
        from PySide6.QtWidgets import QInputDialog

        from planner.ui.ops import run_change

        old = self.state.planner.profile_name
        name, ok = QInputDialog.getText(self, "Rename profile", "New name:", text=old)
        if not ok or name.strip() == old:
            return
        if run_change(self.state, lambda: self.state.planner.profiles.rename(old, name)) is None:
            return
        self.refresh_profile(replan=False)

    def delete_profile(self) -> None:
        """Delete another profile, after asking."""
        from PySide6.QtWidgets import QInputDialog

        from planner.ui.ops import run_change

        current = self.state.planner.profile_name
        others = [p.name for p in self.state.planner.profiles.all() if p.name != current]
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
        if run_change(self.state, lambda: self.state.planner.profiles.delete(name)) is None:
            return
        self.refresh_profile(replan=False)

    def run_onboarding(self) -> bool:
        """The set-up wizard; returns True when the learner finished it."""
        from PySide6.QtWidgets import QDialog

        from planner.ui.onboarding.wizard import OnboardingWizard
        from planner.ui.ops import run_change

        self.skill_panel.save_note()
        wizard = OnboardingWizard(self.state.planner, self)
        try:
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return False
            if run_change(self.state, wizard.apply) is None:
                return False
        finally:
            wizard.deleteLater()  # a new wizard for every run; this one must not pile up
        self.undo_stack.clear()  # the wizard's ticks are one big change, not undo steps
        self.refresh_profile(replan=False)
        self.show_view(View.PLAN)
        return True

    def show_quiz(self) -> None:
        """Help → Which role fits me?: a recommendation that can start that plan."""
        from planner.ui.onboarding.quiz_dialog import QuizDialog

        try:
            dialog = QuizDialog(
                self.state.planner, lambda role: self._update_profile(role=role), self
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
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import roadmap files", "", "Roadmap files (*.yaml *.yml);;All files (*)"
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> bool:
        """Validate and store roadmap files; every problem is listed when any file is wrong."""
        from planner.ui.library_editor.import_dialog import ImportProblemsDialog
        from planner.ui.ops import run_change

        def show_problems(error: PlannerError) -> None:
            dialog = ImportProblemsDialog(paths, error, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.import_problems = dialog  # kept for tests and so that it is not collected

        planner = self.state.planner
        counts = run_change(
            self.state,
            lambda: planner.editing.import_files([Path(p) for p in paths]),
            failure=show_problems,
        )
        if counts is None:
            return False
        self.statusBar().showMessage(
            f"Imported {plural(counts.skills_added, 'new skill')}, "
            f"{plural(counts.skills_updated, 'updated skill')}, "
            f"{plural(counts.roles_added + counts.roles_updated, 'role')}.",
            8000,
        )
        return True

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
        dialog = BackupsDialog(self.state, self.confirm, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._on_restored)
        dialog.open()
        self.backups_dialog = dialog  # kept for tests and so that it is not collected

    def _on_restored(self) -> None:
        # Undo steps refer to a history that is gone now.
        self.undo_stack.clear()
        self.state.dirty = False
        self.refresh_profile(replan=False)  # the restore's change re-planned
        self.statusBar().showMessage("Backup restored.", 8000)

    def check_database(self) -> None:
        """Help → Check database: look for damage, fix what is safe, show what was found."""
        from PySide6.QtWidgets import QMessageBox

        from planner.ui.ops import run_change
        from planner.ui.widgets.messages import message_box

        self.skill_panel.save_note()
        checked = run_change(self.state, self.state.planner.files.check_database)
        if checked is None:
            return
        report = checked.value
        if report.fixed:
            self.refresh_profile(replan=False)  # the change re-planned already
        icon = QMessageBox.Icon.Information if report.integrity_ok else QMessageBox.Icon.Warning
        box = message_box(self, icon, "Check database", "\n".join(report.lines()))
        box.open()
        self._last_dialog = box

    def show_about(self) -> None:
        """Help → About."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Plan your way to AI engineer or machine-learning engineer: a dated study "
            "roadmap from a prerequisite graph of skills, your progress over time, and "
            "nothing to set up.</p>"
            f"<p>Your data: {html.escape(self.state.planner.db.shown)}</p>",  # no password
        )

    def confirm(self, question: str, action: str) -> bool:
        """Ask before something that cannot be undone; Cancel is the default."""
        from planner.ui.widgets.messages import ask, confirm_box

        return ask(*confirm_box(self, APP_NAME, question, action))

    def show_error(self, message: str) -> None:
        """One clear message; nothing was changed."""
        from planner.ui.widgets.messages import show_error

        self._last_dialog = show_error(self, APP_NAME, message)
