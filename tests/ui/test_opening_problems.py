"""The app on a database it cannot open: a dialog over the empty window that says what is wrong
and offers what helps (restore the latest backup, retry, show the file, quit); a second app
window on one database is told the planner is open already."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from planner.cli import main as cli_main
from planner.db import sqlite as engine
from planner.db import sqlite_checks as checks
from planner.errors import DatabaseError, DatabaseProblem
from planner.paths import database_path
from planner.service import Planner
from planner.service.files import backups_of
from planner.ui.application import Started, start
from planner.ui.dialogs.open_problem import OpenProblemDialog
from planner.ui.dialogs.open_problem_words import Choice, OpenProblem
from planner.ui.startup import InstanceLock
from planner.ui.theme import look
from planner.ui.window.main_window import MainWindow
from tests.broken_files import break_database, integrity
from tests.conftest import TODAY

pytestmark = pytest.mark.gui


@dataclass
class Seen:
    """What a dialog showed."""

    kind: DatabaseProblem
    headline: str
    text: str  # everything else it says, in one string
    path: str
    backup: str | None
    buttons: list[str]  # the visible ones, left to right


def seen(dialog: OpenProblemDialog) -> Seen:
    labels = [dialog.body, dialog.offer, dialog.details]
    return Seen(
        dialog.problem.kind,
        dialog.headline.text(),
        " ".join(label.text() for label in labels if not label.isHidden()),
        dialog.path_label.text(),
        dialog.backup_label.text() if dialog.backup_label else None,
        [b.text() for b in sorted(dialog.buttons.buttons(), key=lambda b: b.x()) if b.isVisible()],
    )


class Learner:
    """Answers the open-problem dialogs the app shows and keeps what they showed. The dialogs
    are real, shown on screen and clicked with the mouse: each answer is the labels of the
    buttons clicked on one dialog, in order; `meanwhile` runs before the last click."""

    def __init__(
        self, qtbot: QtBot, *answers: tuple[str, ...], meanwhile: Callable[[], None] = lambda: None
    ) -> None:
        self.qtbot = qtbot
        self.answers = list(answers)
        self.meanwhile = meanwhile
        self.dialogs: list[Seen] = []
        self.urls: list[QUrl] = []

    def __call__(self, problem: OpenProblem) -> Choice:
        assert self.answers, f"an unexpected dialog: {problem.error}"
        dialog = OpenProblemDialog(problem, open_url=self.urls.append)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.dialogs.append(seen(dialog))
        *first, last = self.answers.pop(0)
        for label in first:
            self.qtbot.mouseClick(button(dialog, label), Qt.MouseButton.LeftButton)
            assert dialog.isVisible()  # showing a folder chooses nothing: the dialog stays
        self.meanwhile()
        self.qtbot.mouseClick(button(dialog, last), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        return dialog.choice


def button(dialog: OpenProblemDialog, label: str) -> QPushButton:
    (found,) = [b for b in dialog.findChildren(QPushButton) if b.text() == label]
    assert found.isVisible(), label
    return found


@pytest.fixture
def db() -> Path:
    """The learner's database at the user data path: git done, then a backup, then pandas."""
    path = database_path(None)
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.progress.set_status("git", "done")
    planner.files.backup()
    planner.progress.set_status("pandas", "done")  # after the backup: going back to it loses this
    planner.close()
    return path


def aside(db: Path) -> list[Path]:
    """The files set aside (damaged) in the backups folder."""
    return sorted((db.parent / "backups").glob("*-damaged-*.sqlite3"))


def main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


# ------------------------------------------------------------------ each kind of problem
@pytest.mark.parametrize("kind", ["corrupt-header", "corrupt-page", "not-sqlite", "not-planner"])
def test_quit_on_a_broken_file_leaves_it_byte_identical_and_opens_no_window(
    qtbot: QtBot, db: Path, settings: QSettings, kind: str
) -> None:
    break_database(db, kind)
    before = db.read_bytes()
    learner = Learner(qtbot, ("Quit",))
    assert start(None, None, settings, ask=learner) is None
    (dialog,) = learner.dialogs
    assert dialog.path == str(db)
    assert dialog.buttons == ["Restore latest backup", "Open backups folder", "Quit"]
    assert db.read_bytes() == before
    assert aside(db) == []
    assert main_windows() == []


def test_a_corrupt_database_says_so_and_offers_the_latest_backup(
    qtbot: QtBot, db: Path, settings: QSettings
) -> None:
    (backup,) = backups_of(db)
    break_database(db, "corrupt-header")
    learner = Learner(qtbot, ("Open backups folder", "Quit"))
    assert start(None, None, settings, ask=learner) is None
    (shown,) = learner.dialogs
    assert shown.kind is DatabaseProblem.CORRUPT
    assert shown.headline == "Your planner data cannot be read"
    assert "The database file is damaged" in shown.text
    assert "Nothing was changed" in shown.text
    assert "You can go back to your latest backup" in shown.text
    assert "Details: The database is damaged (database disk image is malformed)." in shown.text
    assert shown.path == str(db)
    assert shown.backup == f"{backup.taken:%a %d %b %Y, %H:%M} (today)"
    assert learner.urls == [QUrl.fromLocalFile(str(db.parent / "backups"))]


def test_not_sqlite_and_someone_elses_database_say_what_they_are(
    qtbot: QtBot, db: Path, settings: QSettings
) -> None:
    break_database(db, "not-sqlite")
    learner = Learner(qtbot, ("Quit",))
    start(None, None, settings, ask=learner)
    assert learner.dialogs[0].headline == "This file is not a planner database"
    assert "it is not a database at all" in learner.dialogs[0].text

    break_database(db, "not-planner")
    learner = Learner(qtbot, ("Quit",))
    start(None, None, settings, ask=learner)
    assert learner.dialogs[0].headline == "This database belongs to another program"
    assert "unknown tables: photos" in learner.dialogs[0].text


def test_restoring_the_latest_backup_opens_the_window_on_it_and_keeps_the_broken_file(
    qtbot: QtBot, db: Path, settings: QSettings, started: list[Started]
) -> None:
    break_database(db, "corrupt-page")
    broken = db.read_bytes()
    learner = Learner(qtbot, ("Restore latest backup",))
    result = start(None, None, settings, ask=learner)
    assert result is not None
    started.append(result)
    window = result.window
    qtbot.waitExposed(window)
    assert main_windows() == [window]
    statuses = window.state.planner.progress.statuses()
    assert statuses.get("git") == "done"  # the backup's data
    assert "pandas" not in statuses  # done after the backup was taken
    assert window.role_box.currentText() == "Machine-learning engineer"
    (kept,) = aside(db)
    assert kept.read_bytes() == broken  # the broken file, kept aside, byte for byte
    assert window.statusBar().currentMessage() == (
        f"Backup restored. The file it replaced is kept as {kept}."
    )
    window.set_status("numpy", "done")  # and it works as ever
    assert window.state.planner.progress.statuses().get("numpy") == "done"


def test_a_backup_that_cannot_be_restored_says_so_and_the_dialog_comes_back(
    qtbot: QtBot, db: Path, settings: QSettings
) -> None:
    (backup,) = backups_of(db)
    backup.path.write_bytes(b"damaged too")
    break_database(db, "corrupt-header")
    broken = db.read_bytes()
    said: list[str] = []
    learner = Learner(qtbot, ("Restore latest backup",), ("Quit",))
    assert start(None, None, settings, ask=learner, inform=said.append) is None
    assert len(learner.dialogs) == 2
    assert said == [
        f"That did not work: {backup.path}: not a planner database (the file is not SQLite)"
    ]
    assert db.read_bytes() == broken
    assert aside(db) == []


def test_with_no_backup_the_learner_can_start_afresh_and_nothing_is_deleted(
    qtbot: QtBot, settings: QSettings, started: list[Started], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = database_path(None)
    db.parent.mkdir(parents=True)
    db.write_text("my shopping list\n", encoding="utf-8")
    onboarding: list[bool] = []
    monkeypatch.setattr(MainWindow, "run_onboarding", lambda self: onboarding.append(True))
    learner = Learner(qtbot, ("Start with a new database",))
    result = start(None, None, settings, ask=learner)
    (dialog,) = learner.dialogs
    assert dialog.backup == "none yet"
    assert dialog.buttons == ["Start with a new database", "Show file", "Quit"]
    assert "There is no backup of it" in dialog.text
    assert result is not None
    started.append(result)
    (kept,) = aside(db)
    assert kept.read_text(encoding="utf-8") == "my shopping list\n"
    assert result.window.state.planner.db.created
    qtbot.waitUntil(lambda: bool(onboarding))  # a new learner: the set-up wizard comes


def test_a_newer_database_says_a_newer_version_wrote_it_and_offers_no_restore(
    qtbot: QtBot, db: Path, settings: QSettings
) -> None:
    break_database(db, "newer")
    before = db.read_bytes()
    learner = Learner(qtbot, ("Show file", "Quit"))
    assert start(None, None, settings, ask=learner) is None
    (shown,) = learner.dialogs
    assert shown.kind is DatabaseProblem.NEWER
    assert shown.headline == "This database is from a newer version of the planner"
    assert "A newer version of Roadmap planner has written this file" in shown.text
    assert "Nothing was changed" in shown.text
    assert shown.buttons == ["Show file", "Quit"]
    assert shown.backup is None
    assert learner.urls == [QUrl.fromLocalFile(str(db.parent))]
    assert db.read_bytes() == before


def test_an_unwritable_folder_is_named_and_retry_opens_once_it_is_fixed(
    qtbot: QtBot,
    db: Path,
    settings: QSettings,
    started: list[Started],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = db.parent
    monkeypatch.setattr(checks, "_can_write", lambda path: path != folder)

    def fix_rights() -> None:  # the learner makes the folder writable, then presses Retry
        monkeypatch.setattr(checks, "_can_write", lambda path: True)

    learner = Learner(qtbot, ("Open folder", "Retry"), meanwhile=fix_rights)
    result = start(None, None, settings, ask=learner)
    (shown,) = learner.dialogs
    assert shown.kind is DatabaseProblem.UNWRITABLE
    assert shown.headline == "The planner cannot save your progress here"
    assert "not allowed to write in the folder below" in shown.text
    assert shown.path == str(folder)
    assert shown.buttons == ["Retry", "Open folder", "Quit"]
    assert learner.urls == [QUrl.fromLocalFile(str(folder))]
    assert result is not None
    started.append(result)
    assert result.window.state.planner.progress.statuses().get("pandas") == "done"


def test_a_full_disk_says_so_and_retry_opens_once_there_is_room(
    qtbot: QtBot,
    db: Path,
    settings: QSettings,
    started: list[Started],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_room(path: Path) -> None:
        raise DatabaseError(checks.disk_full_message(path), DatabaseProblem.DISK_FULL, path)

    monkeypatch.setattr(engine, "check_writable", no_room)

    def free_space() -> None:  # the learner empties the bin, then presses Retry
        monkeypatch.setattr(engine, "check_writable", lambda path: None)

    learner = Learner(qtbot, ("Open folder", "Retry"), meanwhile=free_space)
    result = start(None, None, settings, ask=learner)
    (shown,) = learner.dialogs
    assert shown.kind is DatabaseProblem.DISK_FULL
    assert shown.headline == "The disk is full"
    assert "no space left on the disk holding the folder below. Nothing was lost." in shown.text
    assert "Free some space on that disk, then press Retry." in shown.text
    assert shown.path == str(db.parent)
    assert shown.buttons == ["Retry", "Open folder", "Quit"]
    assert learner.urls == [QUrl.fromLocalFile(str(db.parent))]
    assert result is not None
    started.append(result)
    assert result.window.state.planner.progress.statuses().get("pandas") == "done"


# ------------------------------------------------------------------ one app per database
def test_a_second_app_on_the_same_database_says_it_is_open_already(
    qtbot: QtBot, db: Path, settings: QSettings, started: list[Started]
) -> None:
    first = start(None, None, settings, ask=Learner(qtbot))
    assert first is not None
    started.append(first)
    before = db.read_bytes()
    learner = Learner(qtbot, ("Quit",))
    assert start(None, None, settings, ask=learner) is None
    (shown,) = learner.dialogs
    assert shown.kind is DatabaseProblem.LOCKED
    assert shown.headline == "The planner seems to be open already"
    assert "Switch to that window, or close it and press Retry" in shown.text
    assert shown.buttons == ["Retry", "Quit"]
    assert db.read_bytes() == before
    first.window.set_status("numpy", "done")  # the first one is unaffected
    assert first.window.state.planner.progress.statuses().get("numpy") == "done"


def test_retry_opens_once_the_other_app_has_closed(
    qtbot: QtBot, db: Path, settings: QSettings, started: list[Started]
) -> None:
    other = InstanceLock(db)  # another app, holding the database
    other.acquire()
    closing = iter([lambda: None, other.release])  # the second time, the other app is closed
    learner = Learner(qtbot, ("Retry",), ("Retry",), meanwhile=lambda: next(closing)())
    result = start(None, None, settings, ask=learner)
    assert [d.kind for d in learner.dialogs] == [DatabaseProblem.LOCKED] * 2
    assert result is not None
    started.append(result)
    assert result.window.state.planner.progress.statuses().get("git") == "done"


def test_a_database_locked_by_another_program_offers_retry(
    qtbot: QtBot, db: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        learner = Learner(qtbot, ("Quit",))
        assert start(None, None, settings, ask=learner) is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    (shown,) = learner.dialogs
    assert shown.kind is DatabaseProblem.LOCKED
    assert shown.buttons == ["Retry", "Quit"]
    assert "locked" in shown.text


def test_the_cli_writes_while_the_app_is_open_and_the_app_writes_after_it(
    qtbot: QtBot,
    db: Path,
    settings: QSettings,
    started: list[Started],
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = start(None, None, settings, ask=Learner(qtbot))
    assert result is not None
    started.append(result)
    window = result.window
    assert cli_main(["status", "numpy", "done"]) == 0  # the CLI, while the app is open
    assert capsys.readouterr().err == ""
    window.set_status("sql", "done")  # the app's next write works, and shows both
    statuses = window.state.planner.progress.statuses()
    assert (statuses["numpy"], statuses["sql"]) == ("done", "done")
    step = window.state.step("numpy")
    assert step is None or step.status == "done"
    window.close()
    assert integrity(db) == "ok"


def test_coming_back_to_the_app_after_using_the_cli_shows_what_it_did(
    qtbot: QtBot,
    db: Path,
    settings: QSettings,
    started: list[Started],
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = start(None, None, settings, ask=Learner(qtbot))
    assert result is not None
    started.append(result)
    window = result.window
    window.set_status("sql", "done")
    assert window.undo_stack.count() == 1
    assert not result.outside.check()  # the app's own change is no news
    assert cli_main(["status", "numpy", "in-progress"]) == 0
    capsys.readouterr()
    with qtbot.waitSignal(window.state.planChanged):
        assert result.outside.check()
    step = window.state.step("numpy")
    assert step is not None and step.status == "in-progress"
    assert window.undo_stack.count() == 0  # undoing could overwrite what the CLI did
    assert window.statusBar().currentMessage() == "Updated with changes made outside the app."
    assert not result.outside.check()


# ------------------------------------------------------------------ the real, modal dialog
# In a process of its own: once an application's event loop has run and ended, Qt treats the
# application as closing, which later tests in this process would feel.
_LAUNCH = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from planner.ui import application
from planner.ui.window.main_window import MainWindow
from planner.ui.dialogs.open_problem import OpenProblemDialog


def frames():
    return [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def click_quit():
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, OpenProblemDialog):  # the frame is painted, then the file opened
        QTimer.singleShot(10, click_quit)
        return
    print("dialog:", dialog.headline.text())
    print("behind it:", [w.windowTitle() for w in frames()])
    QTest.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)


QTimer.singleShot(0, click_quit)
status = application.launch(None, None)
print("left open:", len(frames()))
sys.exit(status)
"""


def test_the_app_shows_the_modal_dialog_and_quit_exits_1(db: Path) -> None:
    break_database(db, "not-sqlite")
    before = db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCH],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "dialog: This file is not a planner database",
        "behind it: ['Roadmap planner']",  # the window's empty frame, shown at once
        "left open: 0",
    ]
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


# ------------------------------------------------------------------ the docs' screenshot
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_the_corrupt_database_dialog_renders(qtbot: QtBot, tmp_path: Path) -> None:
    from datetime import datetime

    from planner.errors import DatabaseError
    from planner.service import Backup

    # A learner's paths, not the test's temporary ones: this is what the docs show.
    db = Path("/home/sam/.local/share/roadmap-planner/planner.sqlite3")
    backups = db.parent / "backups"
    taken = datetime.now().replace(hour=18, minute=42, second=5, microsecond=0)
    error = DatabaseError(
        f"{db}: the database is damaged (database disk image is malformed); nothing was "
        "changed — restore a backup, or move the file away to start afresh",
        DatabaseProblem.CORRUPT,
        db,
    )
    latest = Backup(backups / f"planner-{taken:%Y-%m-%d-%H%M%S}.sqlite3", taken, 312_000)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = app.palette()
    look.apply_scheme(app, "light")
    try:
        dialog = OpenProblemDialog(OpenProblem(error, db, latest, backups), open_url=print)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.restore_button.isDefault()
        folder = SCREENSHOTS if os.environ.get("PLANNER_SCREENSHOTS") else tmp_path
        assert dialog.grab().save(str(folder / "open-problem.png"))
    finally:
        app.setPalette(palette)
