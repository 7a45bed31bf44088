"""Backups in the app: taken on closing after changes, listed and restored; Check database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory


@pytest.fixture
def open_window(open_window: WindowFactory, tmp_path: Path) -> WindowFactory:
    """Opens the app on one database for a learner of the ML-engineer role."""
    first = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    first.profiles.update(role="ml-engineer", hours_per_week=10)
    first.close()
    return open_window


def mark_done(qtbot: QtBot, window: MainWindow, skill_id: str) -> None:
    window.state.select(skill_id)
    with qtbot.waitSignal(window.state.planChanged):
        window.action_done.trigger()


def test_closing_after_a_change_takes_a_backup(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    assert window.state.planner.files.backups() == []
    mark_done(qtbot, window, "pandas")
    window.close()
    backups = window.state.planner.files.backups()
    assert len(backups) == 1
    assert backups[0].path.parent == window.state.planner.db.file().parent / "backups"


def test_closing_without_changes_takes_none(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    window.close()
    assert window.state.planner.files.backups() == []


def test_restoring_a_backup_from_the_file_menu_reloads_the_window(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    window.state.planner.files.backup()  # nothing done yet
    mark_done(qtbot, window, "pandas")
    assert window.state.planner.progress.statuses().get("pandas") == "done"
    asked: list[str] = []

    def confirm(question: str, _action: str) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr(window, "confirm", confirm)
    window.action_backups.trigger()
    dialog = window.backups_dialog
    assert dialog.list.count() == 1 and dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()
    assert len(asked) == 1
    assert window.state.planner.progress.statuses().get("pandas") is None
    assert window.undo_stack.count() == 0  # its steps belonged to the replaced history
    assert dialog.list.count() == 2  # the replaced state was kept as a backup, listed first
    dialog.close()


def test_check_database_shows_the_report(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    assert window.action_check.text() == "Check database"
    window.action_check.trigger()
    box = window._last_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "database ok: no problems found"
    box.close()


def test_closing_hides_the_window_before_the_backup_is_taken(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    mark_done(qtbot, window, "pandas")
    planner = window.state.planner
    backup = planner.files.backup_and_thin
    seen: list[bool] = []

    def slow_backup() -> Path:
        seen.append(window.isVisible())  # what the learner sees while the backup is written
        return backup()

    monkeypatch.setattr(planner.files, "backup_and_thin", slow_backup)
    assert window.close()
    assert seen == [False]  # gone from the screen before the slow part began
    assert not window.isVisible()
    assert len(planner.files.backups()) == 1  # and the backup was made all the same
