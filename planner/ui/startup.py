"""Opening the database for the app: one window per database file, and a dialog (never a
traceback; the window stays an empty frame behind it) when it cannot be opened.

The database is the learner's own file or a shared one on a PostgreSQL server (which one:
planner/ui/where.py). A file is held by one app at a time (a lock file beside it); a shared
database is opened by many, and takes no lock."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from planner.errors import DatabaseError, DatabaseProblem, PlannerError
from planner.service import DEFAULT_PROFILE, Planner
from planner.service.files import backups_folder, backups_of, restore_database, set_aside_database
from planner.service.location import Location
from planner.ui.dialogs.open_problem import OpenProblemDialog
from planner.ui.dialogs.open_problem_words import APP_NAME, RESTORABLE, Choice, OpenProblem
from planner.ui.widgets.messages import message_box
from planner.ui.window.main_window import MainWindow

Ask = Callable[[OpenProblem], Choice]
Inform = Callable[[str], None]
LOCK_SUFFIX = ".lock"


class InstanceLock:
    """A lock file beside the database, held while the app has it open: a second window of the
    app on the same database is told the planner is open already instead of running beside it.

    The command line takes no lock: SQLite (WAL, a busy timeout, short transactions) lets it
    write while the app is open. A lock left by a crashed app is taken over (Qt checks whether
    the process that wrote it still runs).
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.file = QLockFile(str(db_path.with_name(db_path.name + LOCK_SUFFIX)))
        self.file.setStaleLockTime(0)  # held for as long as the app runs, however long

    def acquire(self) -> None:
        """Take the lock, or raise DatabaseError (LOCKED) when another app instance holds it.

        A lock file that cannot be written at all is no reason to refuse: opening the database
        then says precisely what is wrong with the folder."""
        if self.file.isLocked():
            return
        with contextlib.suppress(OSError):
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        if self.file.tryLock(100):
            return
        if self.file.error() is not QLockFile.LockError.LockFailedError:
            return
        holder = ""
        pid, host, _app = self.file.getLockInfo()
        if pid:
            holder = f" (process {pid}{f' on {host}' if host else ''})"
        raise DatabaseError(
            f"{self.db_path}: the planner seems to be open already{holder}; nothing was "
            "changed — switch to its window, or close it and try again",
            DatabaseProblem.LOCKED,
            self.db_path,
        )

    def release(self) -> None:
        """Let go of the lock (nothing happens when it is not held)."""
        if self.file.isLocked():
            self.file.unlock()


def ask_user(problem: OpenProblem) -> Choice:
    """Show the dialog and wait for the learner's choice."""
    dialog = OpenProblemDialog(problem)
    dialog.exec()
    return dialog.choice


def inform_user(message: str) -> None:
    """A message that needs no choice (the app will close, or the dialog comes back)."""
    message_box(None, QMessageBox.Icon.Critical, APP_NAME, message).exec()


class Opened:
    """The planner open on its database, with the lock held (a file's), and what was done to
    get there."""

    def __init__(self, planner: Planner, lock: InstanceLock | None, note: str = "") -> None:
        self.planner = planner
        self.lock = lock
        self.note = note  # for the status bar: "Backup of … restored …"

    @property
    def location(self) -> Location:
        """Where the data is: the file, or the shared database's address."""
        return self.planner.db.location

    def close(self) -> None:
        """Release the database, then the lock."""
        self.planner.close()
        if self.lock is not None:
            self.lock.release()


def open_location(location: Location, profile: str | None, remembered: str) -> Opened:
    """Open the database once, lock (for a file) and all; DatabaseError when it cannot be."""
    lock = InstanceLock(location) if isinstance(location, Path) else None
    try:
        if lock is not None:
            lock.acquire()
        return Opened(_open(location, profile, remembered), lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def open_planner(
    location: Location,
    profile: str | None,
    remembered: str,
    ask: Ask = ask_user,
    inform: Inform = inform_user,
    own: Path | None = None,
) -> Opened | None:
    """Open the database for the app, asking what to do for as long as it cannot be opened.

    `profile` is the one asked for explicitly (an error if unknown); otherwise `remembered`,
    falling back to the default profile when it was deleted. For a shared database the
    learner may choose their `own` file instead. Returns None when the learner chose Quit,
    or for a problem no choice can help with (after saying what it is).
    """
    note = ""
    while True:
        try:
            opened = open_location(location, profile, remembered)
            opened.note = note
            return opened
        except DatabaseError as error:
            problem = _problem(error, location)
            choice = ask(problem)
            if choice is Choice.QUIT:
                return None
            if choice is Choice.USE_OWN and own is not None:
                location, profile = own, None
                note = "Opened your own database instead of the shared one."
                continue
            if not isinstance(location, Path):
                continue  # Retry: a server has nothing to restore or set aside
            path = location
            try:
                if choice is Choice.RESTORE and problem.latest is not None:
                    kept = restore_database(path, problem.latest.path)
                    note = "Backup restored." + (
                        f" The file it replaced is kept as {kept}." if kept else ""
                    )
                elif choice is Choice.START_AFRESH:
                    kept = set_aside_database(path)
                    note = f"A new database was started. The old file is kept as {kept}."
            except PlannerError as failed:
                inform(f"That did not work: {failed}")
        except PlannerError as error:  # not the database: nothing a choice can change
            inform(f"{error}\n\nNothing was changed. The app will close.")
            return None


def _open(location: Location, profile: str | None, remembered: str) -> Planner:
    where = location if isinstance(location, Path) else location.url  # password and all
    try:
        return Planner.open(where, profile or remembered)
    except DatabaseError:
        raise
    except PlannerError:
        if profile is not None or remembered == DEFAULT_PROFILE:
            raise
        return Planner.open(where, DEFAULT_PROFILE)  # the remembered profile was deleted


def _problem(error: DatabaseError, location: Location) -> OpenProblem:
    if not isinstance(location, Path):  # a server: no file, no backups of the planner's
        return OpenProblem(error, location, None, Path())
    latest = None
    if error.kind in RESTORABLE:
        with contextlib.suppress(OSError):
            backups = backups_of(location)
            latest = backups[0] if backups else None
    return OpenProblem(error, location, latest, backups_folder(location))


class OutsideChanges(QObject):
    """Brings the window up to date when the learner comes back to it after changing the
    database elsewhere (the command line, while the app is open).

    The undo steps are dropped, as after restoring a backup: undoing one could overwrite what
    was done outside the app.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.state.planner.changed_elsewhere()  # from now on
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_state_changed)

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def check(self) -> bool:
        """Reload if the database changed elsewhere; whether it did."""
        window = self.window
        if not window.isVisible() or window.state.read_only:  # read-only: Retry reloads
            return False
        try:
            if not window.state.planner.changed_elsewhere():
                return False
            window.undo_stack.clear()
            window.refresh_profile()
        except PlannerError as error:  # a server that went away makes the window read-only
            window.state.report(error)
            return True
        window.statusBar().showMessage("Updated with changes made outside the app.", 8000)
        return True
