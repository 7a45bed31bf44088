"""Background work off the GUI thread, in the shape of Anki's QueryOp.

An operation runs on the thread pool with its own service over the same database (so its own
sessions), reports progress, and hands plain data to a success or failure callback on the GUI
thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from planner.service import Planner

T = TypeVar("T")
Progress = Callable[[float, str], None]
"""What an operation calls to say how far it is (0 to 1) and what it is doing."""


class _Relay(QObject):
    """Lives on the GUI thread; the worker's signals reach it queued, in order."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        parent: QObject,
        success: Callable[[object], None],
        failure: Callable[[Exception], None],
        progress: Progress | None,
    ) -> None:
        super().__init__(parent)
        self._success, self._failure, self._progress = success, failure, progress
        queued = Qt.ConnectionType.QueuedConnection
        self.progressed.connect(self._on_progress, queued)
        self.succeeded.connect(self._on_success, queued)
        self.failed.connect(self._on_failure, queued)

    @Slot(float, str)
    def _on_progress(self, share: float, what: str) -> None:
        if self._progress is not None:
            self._progress(share, what)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        try:
            self._success(result)
        finally:
            self.deleteLater()

    @Slot(object)
    def _on_failure(self, error: object) -> None:
        try:
            self._failure(error if isinstance(error, Exception) else RuntimeError(str(error)))
        finally:
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
    is the learner's to read, anything else a bug.
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
