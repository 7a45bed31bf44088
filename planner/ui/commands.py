"""Undoable edits (QUndoCommand): status changes, notes, study sessions and library edits."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoCommand

from planner.core.status import STATUS_WORDS, Status
from planner.errors import PlannerError
from planner.service import Change, LibraryChange, LibraryEdit, StudySession
from planner.ui.state import AppState
from planner.ui.text import button_text


class _Command(QUndoCommand):
    """A command on the app state; a refused operation is reported, not raised into Qt."""

    def __init__(self, state: AppState, text: str) -> None:
        # The text names skills. text() keeps it as written, for lists and tooltips. Qt puts
        # actionText() (also what undoText() gives) after "Undo" in the Edit menu as it is,
        # where `&` would mark a shortcut: there it is doubled. "text\naction text" sets both.
        text = text.replace("\n", " ")
        super().__init__(f"{text}\n{button_text(text)}")
        self.state = state

    def _run(self, action: str) -> None:
        try:
            change = self._do() if action == "redo" else self._undo()
        except PlannerError as error:
            self.setObsolete(True)
            self.state.failed.emit(str(error))
            return
        self.state.changed(change)

    def redo(self) -> None:
        self._run("redo")

    def undo(self) -> None:
        self._run("undo")

    def _do(self) -> Change:
        raise NotImplementedError

    def _undo(self) -> Change:
        raise NotImplementedError


class SetStatusCommand(_Command):
    """Set a skill's status; undo records the previous status again (history is append-only)."""

    def __init__(
        self, state: AppState, skill_id: str, status: Status, day: date | None = None
    ) -> None:
        name = state.planner.library().skills[skill_id].name
        super().__init__(state, f"Mark “{name}” {STATUS_WORDS[status]}")
        self.skill_id = skill_id
        self.status = status
        self.day = day
        self.previous: Status | None = None

    def _do(self) -> Change:
        recorded = self.state.planner.set_status(self.skill_id, self.status, self.day)
        if self.previous is None:
            self.previous = recorded.previous
        return Change(statuses=True, skills=(self.skill_id,))

    def _undo(self) -> Change:
        assert self.previous is not None
        self.state.planner.set_status(self.skill_id, self.previous, self.day)
        return Change(statuses=True, skills=(self.skill_id,))


class LogStudyCommand(_Command):
    """Log a study session; undo removes it (and the start it caused, if any)."""

    def __init__(
        self, state: AppState, skill_id: str, minutes: int, day: date | None, note: str = ""
    ) -> None:
        name = state.planner.library().skills[skill_id].name
        super().__init__(state, f"Log {minutes} min on “{name}”")
        self.skill_id = skill_id
        self.minutes = minutes
        self.day = day
        self.note = note
        self.session_id: int | None = None
        self.started = False

    def _do(self) -> Change:
        logged, started = self.state.planner.log_study(
            self.skill_id, self.minutes, self.day, self.note
        )
        self.session_id = logged.id
        self.started = started is not None
        return Change(sessions=True, statuses=self.started, skills=(self.skill_id,))

    def _undo(self) -> Change:
        assert self.session_id is not None
        self.state.planner.delete_study_session(self.session_id)
        if self.started:
            self.state.planner.set_status(self.skill_id, Status.TODO, self.day)
        return Change(sessions=True, statuses=self.started, skills=(self.skill_id,))


class StopTimerCommand(LogStudyCommand):
    """Stop the study timer, logging its minutes; undo removes the session (the timer stays
    stopped), redo logs it again."""

    def __init__(self, state: AppState, skill_id: str) -> None:
        super().__init__(state, skill_id, 0, None)
        name = state.planner.library().skills[skill_id].name
        self.setText(f"Stop the timer on “{name}”")

    def _do(self) -> Change:
        if self.session_id is not None:  # a redo: the timer is long gone
            return super()._do()
        logged, started = self.state.planner.stop_timer()
        if logged is None:  # under a minute: nothing to log, nothing to undo
            self.setObsolete(True)
            return Change()
        self.minutes, self.day, self.session_id = logged.minutes, logged.day, logged.id
        self.started = started is not None
        return Change(sessions=True, statuses=self.started, skills=(self.skill_id,))


class PersonalGoalCommand(_Command):
    """Add a skill to the learner's plan as a goal of their own, or take it off; undo does
    the other."""

    def __init__(self, state: AppState, skill_id: str, add: bool) -> None:
        name = state.planner.library().skills[skill_id].name
        words = f"Add “{name}” to my goals" if add else f"Remove “{name}” from my goals"
        super().__init__(state, words)
        self.skill_id = skill_id
        self.add = add

    def _set(self, add: bool) -> Change:
        if add:
            return self.state.planner.add_personal_goal(self.skill_id)
        return self.state.planner.remove_personal_goal(self.skill_id)

    def _do(self) -> Change:
        return self._set(self.add)

    def _undo(self) -> Change:
        return self._set(not self.add)


class EditNoteCommand(_Command):
    """Save a note; consecutive saves of the same note merge into one undo step."""

    ID = 1001

    def __init__(self, state: AppState, skill_id: str, old: str, new: str) -> None:
        name = state.planner.library().skills[skill_id].name
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

    def _do(self) -> Change:
        return self.state.planner.set_note(self.skill_id, self.new)

    def _undo(self) -> Change:
        return self.state.planner.set_note(self.skill_id, self.old)


def _session_words(state: AppState, session: StudySession) -> str:
    name = state.planner.library().skills[session.skill].name
    hours, mins = divmod(session.minutes, 60)
    time = f"{hours} h {mins} min" if hours and mins else (f"{hours} h" if hours else f"{mins} min")
    return f"{time} on “{name}”"


class DeleteStudySessionCommand(_Command):
    """Delete a study session; undo restores it. The history records both."""

    def __init__(self, state: AppState, session_id: int) -> None:
        self.session = state.planner.study_session(session_id)
        super().__init__(state, f"Delete {_session_words(state, self.session)}")

    def _do(self) -> Change:
        self.state.planner.delete_study_session(self.session.id)
        return Change(sessions=True, skills=(self.session.skill,))

    def _undo(self) -> Change:
        self.state.planner.restore_study_session(self.session.id)
        return Change(sessions=True, skills=(self.session.skill,))


class RestoreStudySessionCommand(_Command):
    """Bring a deleted study session back; undo deletes it again."""

    def __init__(self, state: AppState, session_id: int) -> None:
        self.session = state.planner.study_session(session_id)
        super().__init__(state, f"Restore {_session_words(state, self.session)}")

    def _do(self) -> Change:
        self.state.planner.restore_study_session(self.session.id)
        return Change(sessions=True, skills=(self.session.skill,))

    def _undo(self) -> Change:
        self.state.planner.delete_study_session(self.session.id)
        return Change(sessions=True, skills=(self.session.skill,))


class EditStudySessionCommand(_Command):
    """Correct a study session's time, day or note; undo puts the old values back (both
    corrections stay in the history)."""

    def __init__(
        self, state: AppState, session_id: int, minutes: int, day: date, note: str
    ) -> None:
        self.before = state.planner.study_session(session_id)
        super().__init__(state, f"Correct {_session_words(state, self.before)}")
        self.minutes, self.day, self.note = minutes, day, note

    def _do(self) -> Change:
        self.state.planner.edit_study_session(
            self.before.id, minutes=self.minutes, day=self.day, note=self.note
        )
        return Change(sessions=True, skills=(self.before.skill,))

    def _undo(self) -> Change:
        b = self.before
        self.state.planner.edit_study_session(b.id, minutes=b.minutes, day=b.day, note=b.note)
        return Change(sessions=True, skills=(b.skill,))


class LibraryEditCommand(_Command):
    """Add, change or delete skills and roles; undo puts back what the edit replaced (and the
    learners' role and track choices it took away). Redo makes the same edit again."""

    def __init__(self, state: AppState, text: str, change: LibraryChange) -> None:
        super().__init__(state, text)
        self.change = change
        self.edit: LibraryEdit | None = None

    def _do(self) -> Change:
        self.edit = self.state.planner.edit_library(self.change)
        return Change(library=True, skills=tuple(self.change.skills))

    def _undo(self) -> Change:
        assert self.edit is not None
        self.state.planner.undo_edit(self.edit)
        return Change(library=True, skills=tuple(self.change.skills))
