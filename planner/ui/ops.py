"""How the UI runs operations: changes through `run_change` (the shape of Anki's
CollectionOp), background reads and writes through `QueryOp`.

A change is a call of a use case that returns a `Change` (or a result carrying one as
`.change`). `run_change` runs it — as an undo step when it has an inverse — tells the app
state what changed, and sends a refusal (a `PlannerError`) to the one place errors go
(`AppState.failed`, which the main window shows). Views change data this way only.

A background operation runs on the thread pool with its own service over the same database
(so its own sessions), reports progress, and hands plain data to a success or failure
callback on the GUI thread. The operation must not draw with Qt (text layout, fonts,
painting): on a Python thread that can deadlock against the GUI thread over the GIL and Qt's
own locks. A PDF is drawn in a child process instead (planner.export.pdf_process).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QUndoCommand
from shiboken6 import isValid

from planner.errors import PlannerError
from planner.service import Change, Planner
from planner.ui.state import AppState
from planner.ui.text import button_text

T = TypeVar("T")


# ---------------------------------------------------------------------------- changes
class ChangeCarrier(Protocol):
    """A use case's result that says what it changed."""

    @property
    def change(self) -> Change: ...


Outcome = Change | ChangeCarrier
"""What a use case that changes data returns."""
R = TypeVar("R", bound=Outcome)


def change_of(outcome: Outcome) -> Change:
    """What an outcome changed."""
    return outcome if isinstance(outcome, Change) else outcome.change


def report(state: AppState, error: PlannerError) -> None:
    """The one place a refused change goes: the learner reads it (the window shows it; a
    shared database that cannot be reached makes the app read-only, AppState.report)."""
    state.report(error)


class ChangeCommand(QUndoCommand):
    """An undo step: `do` makes the change (again, on redo), `undo` takes it back given what
    `do` returned last. A refused step is reported and dropped from the undo stack.

    Commands with more to remember subclass it and override `_do` and `_undo`."""

    def __init__(
        self,
        state: AppState,
        text: str,
        do: Callable[[], Outcome] | None = None,
        undo: Callable[[Outcome], Outcome] | None = None,
    ) -> None:
        # The text names skills. text() keeps it as written, for lists and tooltips. Qt puts
        # actionText() (also what undoText() gives) after "Undo" in the Edit menu as it is,
        # where `&` would mark a shortcut: there it is doubled. "text\naction text" sets both.
        text = text.replace("\n", " ")
        super().__init__(f"{text}\n{button_text(text)}")
        self.state = state
        self._do_change = do
        self._undo_change = undo
        self.result: Outcome | None = None  # what the last run of `_do` returned
        self.refused = False

    def _run(self, action: Callable[[], Outcome]) -> None:
        try:
            outcome = action()
        except PlannerError as error:
            self.refused = True
            self.setObsolete(True)
            report(self.state, error)
            return
        self.state.changed(change_of(outcome))

    def redo(self) -> None:
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _redo(self) -> Outcome:
        self.result = self._do()
        return self.result

    def _do(self) -> Outcome:
        assert self._do_change is not None, "a ChangeCommand needs `do` or its own `_do`"
        return self._do_change()

    def _undo(self) -> Outcome:
        assert self._undo_change is not None and self.result is not None
        return self._undo_change(self.result)


def run_change(
    state: AppState,
    do: Callable[[], R],
    *,
    undo: Callable[[R], Outcome] | None = None,
    text: str = "",
    failure: Callable[[PlannerError], None] | None = None,
) -> R | None:
    """Run a change: with `undo` (given what `do` returned) as an undo step named `text`,
    else at once. Views refresh from the change; a refusal is reported (to `failure` instead,
    for a change without undo that shows its problems its own way). Returns what `do`
    returned, or None when it was refused."""
    if state.refuse_if_read_only():
        return None
    if undo is None:
        try:
            outcome = do()
        except PlannerError as error:
            (failure or partial(report, state))(error)
            return None
        state.changed(change_of(outcome))
        return outcome
    command = ChangeCommand(state, text, do, undo)  # type: ignore[arg-type]  # R's own undo
    run_command(state, command)
    return None if command.refused else command.result  # type: ignore[return-value]


def run_command(state: AppState, command: ChangeCommand | Callable[[], ChangeCommand]) -> bool:
    """Push an undo step (or the step a factory makes: making one may read the database,
    which may refuse); False when it was refused."""
    if state.refuse_if_read_only():
        return False
    if not isinstance(command, ChangeCommand):
        try:
            command = command()
        except PlannerError as error:
            report(state, error)
            return False
    state.undo_stack.push(command)  # runs it
    return not command.refused


# ---------------------------------------------------------------------------- background work
Progress = Callable[[float, str], None]
"""What an operation calls to say how far it is (0 to 1) and what it is doing."""


class _Relay(QObject):
    """Lives on the GUI thread; the worker's signals reach it queued, in order.

    It belongs to the application, not to the owner of the operation: a dialog may be closed
    and deleted while its operation runs, and the worker must still have something to signal.
    Once the owner is gone its callbacks are no longer called.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        owner: QObject,
        success: Callable[[object], None],
        failure: Callable[[Exception], None],
        progress: Progress | None,
    ) -> None:
        super().__init__(QCoreApplication.instance() or owner)
        self._owner: QObject | None = owner
        self._success: Callable[[object], None] | None = success
        self._failure: Callable[[Exception], None] | None = failure
        self._progress = progress
        queued = Qt.ConnectionType.QueuedConnection
        self.progressed.connect(self._on_progress, queued)
        self.succeeded.connect(self._on_success, queued)
        self.failed.connect(self._on_failure, queued)

    @property
    def _owned(self) -> bool:
        # Not through `owner.destroyed`: that fires while the owner is half gone, possibly
        # from this relay's own deletion dropping the last reference to it.
        return self._owner is not None and isValid(self._owner)

    @Slot(float, str)
    def _on_progress(self, share: float, what: str) -> None:
        if self._progress is not None and self._owned:
            self._progress(share, what)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        success = self._success
        try:
            if success is not None and self._owned:
                success(result)
        finally:
            self._finish()

    @Slot(object)
    def _on_failure(self, error: object) -> None:
        failure = self._failure
        try:
            if failure is not None and self._owned:
                failure(error if isinstance(error, Exception) else RuntimeError(str(error)))
        finally:
            self._finish()

    def _finish(self) -> None:
        # The worker thread may free this relay's Python object last: it must not take the
        # last reference to the owner (a widget) with it, which would have Qt delete the
        # widget from that thread. So every reference to it is dropped here, on the GUI thread.
        self._owner = self._success = self._failure = self._progress = None
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        self._work()


class QueryOp(Generic[T]):
    """`QueryOp(parent, planner, op, success).failure(f).with_progress(p).run_in_background()`

    `op(planner, progress)` runs on a pool thread with a `Planner` of its own (same database,
    profile and clock, its own caches and sessions) and must return plain data. `success`
    gets the result and `failure` the exception, both on the GUI thread; a `PlannerError`
    is the learner's to read, anything else a bug. Neither is called once `parent` has been
    deleted (the operation itself runs to its end: make it cancellable if that matters).
    """

    def __init__(
        self,
        parent: QObject,
        planner: Planner,
        op: Callable[[Planner, Progress], T],
        success: Callable[[T], None],
    ) -> None:
        self._parent = parent
        self._planner = planner
        self._op = op
        self._success = success
        self._failure: Callable[[Exception], None] = _raise
        self._progress: Progress | None = None

    def failure(self, callback: Callable[[Exception], None]) -> QueryOp[T]:
        """Call `callback` with the exception when the operation fails."""
        self._failure = callback
        return self

    def with_progress(self, callback: Progress) -> QueryOp[T]:
        """Pass the operation's progress reports to `callback` (on the GUI thread)."""
        self._progress = callback
        return self

    def run_in_background(self, pool: QThreadPool | None = None) -> None:
        """Start the operation; the callbacks come later, through the event loop."""
        relay = _Relay(self._parent, self._deliver, self._failure, self._progress)
        service = self._planner
        op = self._op

        def work() -> None:
            planner = Planner(service.db, service.profile_name, service.today)
            try:
                result = op(planner, relay.progressed.emit)
            except Exception as error:  # handed to `failure` on the GUI thread
                relay.failed.emit(error)
            else:
                relay.succeeded.emit(result)

        (pool or QThreadPool.globalInstance()).start(_Job(work))

    def _deliver(self, result: object) -> None:
        self._success(result)  # type: ignore[arg-type]  # the op's own result, passed through


def _raise(error: Exception) -> None:
    raise error  # no failure callback: let the app's error handling see it
