"""The app's shared state: the service, the current plan and the selected skill, with signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.core.personal_pace import PersonalPace
from planner.core.plan_steps import Plan, Step
from planner.core.progress import Progress
from planner.core.reviews import ReviewState
from planner.errors import DatabaseError, DatabaseProblem, PlannerError
from planner.service import Change, Planner

READ_ONLY = (
    "the shared database cannot be reached: nothing can be changed until it is back (press Retry)"
)


class AppState(QObject):
    """What every view shows, in one place (the "pure model with events" of napari).

    Signals:
        planChanged(): a new plan (and progress) is available in `plan` / `progress`.
        libraryChanged(): skills or roles were added, edited or deleted (before planChanged).
        selectionChanged(str): the selected skill id ("" for none).
        notesChanged(str): a note of this skill changed.
        sessionsChanged(str): a study session of this skill was logged or removed.
        reviewsChanged(): a review was answered (a status change moves reviews too: planChanged).
        failed(str): an operation was refused; the message is for the learner.
        skillBegun(str): the learner started a skill or logged time on it (ui/commands.py);
            the window asks about its open prerequisites.
        serverLost(str): the shared database cannot be reached (the message says why): the
            app is read-only (`read_only`) until `reconnected`.
    """

    planChanged = Signal()
    libraryChanged = Signal()
    selectionChanged = Signal(str)
    notesChanged = Signal(str)
    sessionsChanged = Signal(str)
    reviewsChanged = Signal()
    failed = Signal(str)
    skillBegun = Signal(str)
    serverLost = Signal(str)

    def __init__(
        self, planner: Planner, parent: QObject | None = None, undo_stack: QUndoStack | None = None
    ) -> None:
        super().__init__(parent)
        self.planner = planner
        # Where undoable changes go (ui/ops.py); the window's Edit menu shows it.
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.plan: Plan | None = None
        self.progress: Progress | None = None
        self.selected = ""
        self._steps: dict[str, Step] = {}
        self.pace = PersonalPace()  # the learner's own (the plan's steps carry it too)
        self._reviews: list[ReviewState] | None = None  # scheduled when first asked for
        self.dirty = False  # something was changed since the last backup
        # The shared database could not be reached: what is shown stays, nothing is changed.
        self.read_only = False

    # ------------------------------------------------------------------ the database
    def report(self, error: PlannerError) -> None:
        """Where a refusal goes: a server that cannot be reached makes the app read-only
        (serverLost), anything else is one message (failed)."""
        if isinstance(error, DatabaseError) and error.kind is DatabaseProblem.UNREACHABLE:
            self.read_only = True
            self.serverLost.emit(str(error))
        else:
            self.failed.emit(str(error))

    def refuse_if_read_only(self) -> bool:
        """Refuse a change (reported as a server that cannot be reached) while read-only."""
        if self.read_only:
            self.report(DatabaseError(READ_ONLY, DatabaseProblem.UNREACHABLE))
        return self.read_only

    def reconnected(self) -> None:
        """The shared database answers again: changes are allowed again."""
        self.read_only = False

    def use(self, planner: Planner) -> None:
        """Show another database (or the same one again): nothing selected, no undo steps
        (they belong to the other database), writable. The caller refreshes the views."""
        self.planner = planner
        self.undo_stack.clear()
        self.dirty = False
        self.read_only = False
        self.select("")

    # ------------------------------------------------------------------ plan
    def replan(self, *, reviews_kept: bool = False) -> None:
        """Recompute the plan from the profile and tell every view (`reviews_kept`: after a
        change that cannot move a review, such as study time logged)."""
        if not reviews_kept:
            self._reviews = None
        profile = self.planner.profile()
        if profile.role is None:
            self.plan, self.progress = None, None
            self.pace = PersonalPace()
        else:
            self.plan, self.progress = self.planner.planning.progress()
            self.pace = self.planner.planning.pace()
        self._steps = {s.skill.id: s for s in self.plan.steps} if self.plan else {}
        self.planChanged.emit()
        if self.selected and self.selected not in self._steps:
            self.select("")

    def review_states(self) -> list[ReviewState]:
        """Every finished skill's review state, by due date: scheduled once after each change
        that can move reviews, and shared by the views (FSRS takes a while per answer)."""
        if self._reviews is None:
            self._reviews = self.planner.reviews.states()
        return self._reviews

    def step(self, skill_id: str) -> Step | None:
        """The plan's step for a skill, if the skill is in the plan."""
        return self._steps.get(skill_id)

    def select(self, skill_id: str) -> None:
        """Make a skill the selection of every view. While read-only the selection stays:
        the views keep showing what they showed (showing another skill reads the database)."""
        if self.read_only:
            return
        if skill_id != self.selected:
            self.selected = skill_id
            self.selectionChanged.emit(skill_id)

    # ------------------------------------------------------------------ changes
    def changed(self, change: Change) -> None:
        """An operation finished: refresh what it concerns."""
        self.dirty = True
        if change.library:
            self.libraryChanged.emit()
        if change.statuses or change.library or change.profile:
            self.replan()
        if change.reviews:
            self._reviews = None
            self.reviewsChanged.emit()
        for skill_id in change.skills:
            if change.notes:
                self.notesChanged.emit(skill_id)
            if change.sessions:
                self.sessionsChanged.emit(skill_id)
        if change.sessions and not change.statuses:
            self.replan(reviews_kept=True)  # hours logged, streak and forecast move
