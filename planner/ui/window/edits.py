"""What the views ask the main window to change: statuses, notes, study time, sessions and
personal goals, each an undo step run through ui/ops.py."""

from __future__ import annotations

from datetime import date

from planner.core.status import Status
from planner.ui.window.base import WindowBase
from planner.ui.window.view import View


class EditsPart(WindowBase):
    """The main window's answers to the views' requests for a change."""

    def set_status(self, skill_id: str, status: str, day: date | None = None) -> None:
        """Change a skill's status as an undoable step (a click that changes nothing is none).
        `status` is a `Status` or its value (signals carry plain strings)."""
        from planner.errors import PlannerError
        from planner.ui.ops import run_command

        if self.state.refuse_if_read_only():
            return
        step = self.state.step(skill_id)
        try:
            current = self.state.planner.progress.statuses().get(skill_id, Status.TODO)
        except PlannerError as error:  # the database went away: nothing was changed
            self.state.report(error)
            return
        if status == current and (step is None or step.status != Status.IMPLIED):
            return
        from planner.ui.commands import SetStatusCommand

        run_command(self.state, SetStatusCommand(self.state, skill_id, Status(status), day))
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
        from planner.ui.ops import run_command

        run_command(self.state, EditNoteCommand(self.state, skill_id, old, new))

    def _on_study_logged(self, skill_id: str, minutes: int, day: object) -> None:
        from planner.ui.commands import LogStudyCommand
        from planner.ui.ops import run_command

        when = day if isinstance(day, date) else None
        run_command(self.state, LogStudyCommand(self.state, skill_id, minutes, when))
        self.prerequisites.offer(skill_id)

    def _on_timer_stopped(self) -> None:
        from planner.ui.commands import StopTimerCommand
        from planner.ui.ops import run_command

        running = self.state.planner.timer.running()
        if running is not None:
            run_command(self.state, StopTimerCommand(self.state, running.skill))

    def set_personal_goal(self, skill_id: str, add: bool) -> None:
        """Add a skill to the learner's plan as a goal of their own, or remove it (undoable)."""
        from planner.ui.commands import PersonalGoalCommand
        from planner.ui.ops import run_command

        run_command(self.state, lambda: PersonalGoalCommand(self.state, skill_id, add))

    def _on_session_edited(self, session_id: int, minutes: int, day: object, note: str) -> None:
        from planner.ui.commands import EditStudySessionCommand
        from planner.ui.ops import run_command

        if isinstance(day, date):
            run_command(
                self.state,
                lambda: EditStudySessionCommand(self.state, session_id, minutes, day, note),
            )

    def _on_session_deleted(self, session_id: int) -> None:
        from planner.ui.commands import DeleteStudySessionCommand
        from planner.ui.ops import run_command

        run_command(self.state, lambda: DeleteStudySessionCommand(self.state, session_id))

    def _on_session_restored(self, session_id: int) -> None:
        from planner.ui.commands import RestoreStudySessionCommand
        from planner.ui.ops import run_command

        run_command(self.state, lambda: RestoreStudySessionCommand(self.state, session_id))

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
