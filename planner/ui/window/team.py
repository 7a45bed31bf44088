"""What a team database (team.md) changes in the main window: the Cohort view and the cohort's
export for mentors and the owner, and the library's edits for editors and the owner only.

What the login is comes from the service (`Planner.team.me`, `can_edit_library`): on the
learner's own SQLite file it is nobody in particular, and everything is as before. It is read
again whenever the library changes and when the window switches databases (both tell
`AppState.libraryChanged`), so a window that disabled everything while a server was out of
reach does not hand the edits back to a learner. The server refuses what a login may not do
whatever the app shows; the app only says so before the click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from planner.core.team import Kind
from planner.errors import PlannerError
from planner.ui.window.base import WindowBase
from planner.ui.window.view import View

if TYPE_CHECKING:
    from planner.core.team import Member
    from planner.ui.views.cohort.learner_window import LearnerWindow

ONLY_EDITORS = "Only editors can change the library"


class TeamPart(WindowBase):
    """The Cohort view, the cohort's export, and the library's edits by kind of member."""

    member: Member | None
    learner_windows: list[LearnerWindow]
    action_export_cohort: QAction
    _tips: dict[QAction, str]

    def _hide_team_views(self) -> None:
        """Until the window knows who is logged in, there is no Cohort view to offer."""
        self.member = None
        self.learner_windows = []
        self._tips = {}
        self._library_editable = True
        self._show_cohort(False)

    def _connect_team(self) -> None:
        """Show what this login may do, and again whenever the library changes."""
        self.state.libraryChanged.connect(self.apply_membership)
        self.apply_membership()

    def _view_made(self, view: View, widget: QWidget) -> None:
        if view is View.COHORT:
            self.cohort_view.learnerOpened.connect(self.open_learner)
            self.cohort_view.exportRequested.connect(self.export_cohort)
        elif view is View.LIBRARY:
            self.library_editor.set_editable(self._library_editable, ONLY_EDITORS)
        super()._view_made(view, widget)

    # ------------------------------------------------------------------ who is this
    def apply_membership(self) -> None:
        """Offer the Cohort view to mentors and the owner, the library's edits to editors and
        the owner (on the learner's own file: the edits, no Cohort view)."""
        team = self.state.planner.team
        try:
            member = team.me()
            can_edit = team.can_edit_library()
        except PlannerError:  # the server is out of reach: what is shown stays as it is
            return
        self.member = member
        # Another login or database, or a library edit renaming roles: read the cohort again
        # (at once when it is on screen), and close learners' windows of another database.
        if self.is_made(View.COHORT):  # (else it reads the cohort when first shown)
            self.cohort_view.stale = True
            if self.cohort_view.isVisible():
                self.cohort_view.reload()
        for window in list(self.learner_windows):
            if window.planner.db is not self.state.planner.db:
                window.close()
        self._show_cohort(member is not None and member.kind in (Kind.MENTOR, Kind.OWNER))
        self._allow_library_edits(can_edit)

    def _show_cohort(self, shown: bool) -> None:
        self.sidebar.setRowHidden(View.COHORT, not shown)
        for action in (self.view_actions[View.COHORT], self.action_export_cohort):
            action.setVisible(shown)
            action.setEnabled(shown)
        if not shown and self.views.currentIndex() == View.COHORT:
            self.show_view(View.PLAN)

    def _allow_library_edits(self, allowed: bool) -> None:
        self._library_editable = allowed
        if self.is_made(View.LIBRARY):
            self.library_editor.set_editable(allowed, ONLY_EDITORS)
        for action in (self.action_import, self.action_new_skill, self.action_edit_skill):
            tip = self._tips.setdefault(action, action.toolTip())
            action.setEnabled(allowed)
            action.setToolTip(tip if allowed else ONLY_EDITORS)
        # The File menu says why Import is greyed out. (Not the Edit menu: its Undo entries
        # name skills, and a menu's tooltips would take a name's markup for formatting.)
        for menu in self.action_import.associatedObjects():
            if isinstance(menu, QMenu):
                menu.setToolTipsVisible(True)

    def import_files(self, paths: list[str]) -> bool:
        """Roadmap files dropped on the window: refused at once for learners and mentors."""
        if not self._library_editable:
            self.show_error(f"{ONLY_EDITORS}: ask an editor or the owner to import these files.")
            return False
        return super().import_files(paths)

    # ------------------------------------------------------------------ the cohort
    def open_learner(self, profile: str, login: str) -> None:
        """A learner's plan and progress, read-only, in a window of its own."""
        from planner.ui.views.cohort.learner_window import LearnerWindow

        try:
            window = LearnerWindow(self.state.planner, profile, login, self)
        except PlannerError as error:
            self.show_error(f"{login}’s plan cannot be shown: {error}")
            return
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda: self._forget_learner(window))
        self.learner_windows.append(window)
        window.show()
        window.activateWindow()  # (no raise_(): a new window comes up on top anyway)

    def _forget_learner(self, window: LearnerWindow) -> None:
        if window in self.learner_windows:
            self.learner_windows.remove(window)

    def export_cohort(self, cohort: str | None = None) -> None:
        """File → Export cohort…: the cohort shown (or all) as CSV and a PDF page."""
        from planner.ui.dialogs.cohort_export import CohortExportDialog

        shown = self.cohort_view.cohort if self.is_made(View.COHORT) else None
        name = cohort if cohort is not None else shown
        dialog = CohortExportDialog(self.state.planner, self.settings, name or None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.cohort_export_dialog = dialog  # kept for tests and so that it is not collected
