"""The app on a full disk: what the learner typed is refused with the disk named as full, and
nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.window.main_window import MainWindow
from tests.broken_files import integrity
from tests.cli.test_disk_full import LONG_NOTE, fill_disk
from tests.conftest import TODAY


def test_a_note_saved_on_a_full_disk_says_the_disk_is_full(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "planner.sqlite3"
    first = Planner.open(db, today=lambda: TODAY)
    first.profiles.update(role="ml-engineer", hours_per_week=10)
    first.progress.set_note("git", "Branches at last.")
    first.close()
    fill_disk(monkeypatch)
    planner = Planner.open(db, today=lambda: TODAY)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(planner, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    window.state.select("pandas")
    window.skill_panel.notes.setPlainText(LONG_NOTE)
    window.skill_panel.save_note()  # as when the learner moves on to another field
    qtbot.waitUntil(lambda: isinstance(getattr(window, "_last_dialog", None), QMessageBox))
    box = window._last_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        f"{db}: the disk is full: free some space on the disk holding {db.parent}, "
        "then try again — nothing was lost"
    )
    box.close()
    window.close()
    planner.close()
    monkeypatch.undo()
    assert integrity(db) == "ok"
    again = Planner.open(db, today=lambda: TODAY)
    assert again.progress.note("git") == "Branches at last."
    assert again.progress.note("pandas") == ""
    again.close()
