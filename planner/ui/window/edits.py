"""The main window's own edits: the Space / menu toggle of the selected skill, and the
requests that need the window (showing the log field, opening the editor). The views change
data themselves, through ui/commands.py."""

from __future__ import annotations

from datetime import date

from planner.core.status import Status
from planner.ui.window.base import WindowBase
from planner.ui.window.view import View


class EditsPart(WindowBase):
    """The main window's answers to the menus' and the views' requests."""

    def set_status(self, skill_id: str, status: str, day: date | None = None) -> None:
        """Change a skill's status as an undoable step (ui/commands.set_status)."""
        from planner.ui import commands

        commands.set_status(self.state, skill_id, status, day)

    def toggle_done(self) -> None:
        """Mark the selected skill done, or to do when it already is."""
        skill_id = self.state.selected
        if skill_id:
            step = self.state.step(skill_id)
            current = step.status if step is not None else Status.TODO
            self.set_status(skill_id, Status.TODO if current == Status.DONE else Status.DONE)

    def _log_time_for(self, skill_id: str) -> None:
        self.state.select(skill_id)
        self.focus_log()

    def edit_selected_skill(self) -> None:
        """Open the skill editor on the skill selected in any view."""
        if self.state.selected:
            self.show_view(View.LIBRARY)
            self.library_editor.edit_skill(self.state.selected)

    def focus_log(self) -> None:
        """Ctrl+L: show the skill panel with the cursor in the study-time field."""
        self.dock.show()
        self.dock.raise_()
        self.skill_panel.focus_log()
