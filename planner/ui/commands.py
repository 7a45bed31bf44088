"""The undo steps that remember more than `run_change`'s `do` and `undo` can: status changes,
study sessions, the timer, notes (merged while typing) and library edits. Each returns what
the service returned; ui/ops.py tells the views.

At the end, the changes the views ask for (`set_status`, `log_study`, …): each runs its step
through ui/ops.run_command, called by the view with the app state it holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand

from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_minutes
from planner.errors import PlannerError
from planner.service import LibraryChange, LibraryEdit, StudySession
from planner.ui.ops import ChangeCommand, Outcome, run_command
from planner.ui.state import AppState


def skill_name(state: AppState, skill_id: str) -> str:
    """The skill's name, as an undo step's text says it."""
    return state.planner.library().skills[skill_id].name


class _SkillDayCommand(ChangeCommand):
    """A change to one skill on a day (None: today); `text` words the step from the skill's
    name."""

    def __init__(
        self, state: AppState, skill_id: str, day: date | None, text: Callable[[str], str]
    ) -> None:
        super().__init__(state, text(skill_name(state, skill_id)))
        self.skill_id = skill_id
        self.day = day


class SetStatusCommand(_SkillDayCommand):
    """Set a skill's status; undo records the previous status again (history is append-only)."""

    def __init__(
        self, state: AppState, skill_id: str, status: Status, day: date | None = None
    ) -> None:
        super().__init__(state, skill_id, day, lambda name: f"Mark “{name}” {STATUS_WORDS[status]}")
        self.status = status
        self.previous: Status | None = None

    def _do(self) -> Outcome:
        recorded = self.state.planner.progress.set_status(self.skill_id, self.status, self.day)
        if self.previous is None:
            self.previous = recorded.previous
        return recorded

    def _undo(self) -> Outcome:
        assert self.previous is not None
        return self.state.planner.progress.set_status(self.skill_id, self.previous, self.day)


class LogStudyCommand(_SkillDayCommand):
    """Log a study session; undo removes it (and the start it caused, if any)."""

    def __init__(
        self, state: AppState, skill_id: str, minutes: int, day: date | None, note: str = ""
    ) -> None:
        super().__init__(state, skill_id, day, lambda name: f"Log {minutes} min on “{name}”")
        self.minutes = minutes
        self.note = note
        self.session_id: int | None = None
        self.started = False

    def _do(self) -> Outcome:
        log = self.state.planner.progress.log_study(
            self.skill_id, self.minutes, self.day, self.note
        )
        self.session_id = log.session.id
        self.started = log.started is not None
        return log.change

    def _undo(self) -> Outcome:
        assert self.session_id is not None
        change = self.state.planner.progress.delete_study_session(self.session_id)
        if self.started:
            change |= self.state.planner.progress.set_status(
                self.skill_id, Status.TODO, self.day
            ).change
        return change


class StopTimerCommand(LogStudyCommand):
    """Stop the study timer, logging its minutes; undo removes the session (the timer stays
    stopped), redo logs it again."""

    def __init__(self, state: AppState, skill_id: str) -> None:
        super().__init__(state, skill_id, 0, None)
        self.setText(f"Stop the timer on “{skill_name(state, skill_id)}”")

    def _do(self) -> Outcome:
        if self.session_id is not None:  # a redo: the timer is long gone
            return super()._do()
        stopped = self.state.planner.timer.stop()
        log = stopped.value
        if log is None:  # under a minute: nothing to log, nothing to undo
            self.setObsolete(True)
            return stopped.change
        logged = log.session
        self.minutes, self.day, self.session_id = logged.minutes, logged.day, logged.id
        self.started = log.started is not None
        return stopped.change


class TwoWayCommand(ChangeCommand):
    """A change that goes one of two ways (add or remove, delete or restore); undo goes the
    other way. Subclasses say what each way does in `_set`."""

    def __init__(self, state: AppState, text: str, forward: bool) -> None:
        super().__init__(state, text)
        self.forward = forward

    def _set(self, forward: bool) -> Outcome:
        raise NotImplementedError

    def _do(self) -> Outcome:
        return self._set(self.forward)

    def _undo(self) -> Outcome:
        return self._set(not self.forward)


class PersonalGoalCommand(TwoWayCommand):
    """Add a skill to the learner's plan as a goal of their own, or take it off; undo does
    the other."""

    def __init__(self, state: AppState, skill_id: str, add: bool) -> None:
        name = skill_name(state, skill_id)
        words = f"Add “{name}” to my goals" if add else f"Remove “{name}” from my goals"
        super().__init__(state, words, add)
        self.skill_id = skill_id

    def _set(self, add: bool) -> Outcome:
        if add:
            return self.state.planner.progress.add_personal_goal(self.skill_id)
        return self.state.planner.progress.remove_personal_goal(self.skill_id)


class EditNoteCommand(ChangeCommand):
    """Save a note; consecutive saves of the same note merge into one undo step."""

    ID = 1001

    def __init__(self, state: AppState, skill_id: str, old: str, new: str) -> None:
        name = skill_name(state, skill_id)
        super().__init__(state, f"Edit the note on “{name}”")
        self.skill_id = skill_id
        self.old = old
        self.new = new

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditNoteCommand) or other.skill_id != self.skill_id:
            return False
        self.new = other.new
        return True

    def _do(self) -> Outcome:
        return self.state.planner.progress.set_note(self.skill_id, self.new)

    def _undo(self) -> Outcome:
        return self.state.planner.progress.set_note(self.skill_id, self.old)


def _session_words(state: AppState, session: StudySession) -> str:
    name = skill_name(state, session.skill)
    return f"{format_minutes(session.minutes)} on “{name}”"


class StudySessionCommand(TwoWayCommand):
    """Delete a study session, undo restores it; or restore a deleted one, undo deletes it
    again. The history records both."""

    def __init__(self, state: AppState, session_id: int, delete: bool) -> None:
        self.session = state.planner.progress.study_session(session_id)
        verb = "Delete" if delete else "Restore"
        super().__init__(state, f"{verb} {_session_words(state, self.session)}", delete)

    def _set(self, delete: bool) -> Outcome:
        progress = self.state.planner.progress
        if delete:
            return progress.delete_study_session(self.session.id)
        return progress.restore_study_session(self.session.id)


class EditStudySessionCommand(ChangeCommand):
    """Correct a study session's time, day or note; undo puts the old values back (both
    corrections stay in the history)."""

    def __init__(
        self, state: AppState, session_id: int, minutes: int, day: date, note: str
    ) -> None:
        self.before = state.planner.progress.study_session(session_id)
        super().__init__(state, f"Correct {_session_words(state, self.before)}")
        self.minutes, self.day, self.note = minutes, day, note

    def _do(self) -> Outcome:
        return self.state.planner.progress.edit_study_session(
            self.before.id, minutes=self.minutes, day=self.day, note=self.note
        )

    def _undo(self) -> Outcome:
        b = self.before
        return self.state.planner.progress.edit_study_session(
            b.id, minutes=b.minutes, day=b.day, note=b.note
        )


class LibraryEditCommand(ChangeCommand):
    """Add, change or delete skills and roles; undo puts back what the edit replaced (and the
    learners' role and track choices it took away). Redo makes the same edit again."""

    def __init__(self, state: AppState, text: str, change: LibraryChange) -> None:
        super().__init__(state, text)
        self.change = change
        self.edit: LibraryEdit | None = None

    def _do(self) -> Outcome:
        self.edit = self.state.planner.editing.edit(self.change)
        return self.edit

    def _undo(self) -> Outcome:
        assert self.edit is not None
        return self.state.planner.editing.undo(self.edit)


# ---------------------------------------------------------------------------- what views ask
# The views' changes, each an undo step run through ui/ops.run_command. A view calls them with
# the app state it has; the window is not in the way.


def set_status(state: AppState, skill_id: str, status: str, day: date | None = None) -> None:
    """Change a skill's status (a click that changes nothing is no step). `status` is a
    `Status` or its value. Starting a skill asks about its open prerequisites
    (`AppState.skillBegun`)."""
    if state.refuse_if_read_only():
        return
    step = state.step(skill_id)
    try:
        current = state.planner.progress.statuses().get(skill_id, Status.TODO)
    except PlannerError as error:  # the database went away: nothing was changed
        state.report(error)
        return
    if status == current and (step is None or step.status != Status.IMPLIED):
        return
    done = run_command(state, SetStatusCommand(state, skill_id, Status(status), day))
    if done and status == Status.IN_PROGRESS:
        state.skillBegun.emit(skill_id)


def edit_note(state: AppState, skill_id: str, old: str, new: str) -> None:
    """Save a skill's note (saves while typing merge into one step)."""
    run_command(state, EditNoteCommand(state, skill_id, old, new))


def log_study(state: AppState, skill_id: str, minutes: int, day: date | None) -> None:
    """Log study time on a skill, on a day (None: today); it may start the skill."""
    if run_command(state, LogStudyCommand(state, skill_id, minutes, day)):
        state.skillBegun.emit(skill_id)


def stop_timer(state: AppState) -> None:
    """Stop the study timer and log its minutes, when it runs."""
    running = state.planner.timer.running()
    if running is not None:
        run_command(state, StopTimerCommand(state, running.skill))


def set_personal_goal(state: AppState, skill_id: str, add: bool) -> None:
    """Add a skill to the learner's plan as a goal of their own, or remove it."""
    run_command(state, lambda: PersonalGoalCommand(state, skill_id, add))


def edit_study_session(
    state: AppState, session_id: int, minutes: int, day: date, note: str
) -> None:
    """Correct a study session's time, day and note."""
    run_command(state, lambda: EditStudySessionCommand(state, session_id, minutes, day, note))


def delete_study_session(state: AppState, session_id: int) -> None:
    """Delete a study session (undo restores it)."""
    run_command(state, lambda: StudySessionCommand(state, session_id, delete=True))


def restore_study_session(state: AppState, session_id: int) -> None:
    """Bring a deleted study session back (undo deletes it again)."""
    run_command(state, lambda: StudySessionCommand(state, session_id, delete=False))
