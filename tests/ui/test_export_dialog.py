"""File → Export as a learner uses it: choose formats and a folder, export, open the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt, QThreadPool, QUrl
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.export_dialog import ExportDialog
from planner.ui.main_window import MainWindow
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def learner(planner: Planner) -> Planner:
    """A learner on the ML-engineer plan with the ML-platform track, one skill done."""
    planner.update_profile(role="ml-engineer", tracks=["ml-platform"], hours_per_week=10)
    planner.set_status("python-basics", "done", TODAY)
    planner.set_note("python-basics", "Typed in the dialog test.")
    return planner


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def dialog(
    qtbot: QtBot, learner: Planner, settings: QSettings, opened: list[QUrl], tmp_path: Path
) -> Iterator[ExportDialog]:
    shown = ExportDialog(learner, settings, open_url=opened.append)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    out = tmp_path / "out"
    out.mkdir()
    shown.folder_edit.setText(str(out))
    yield shown
    QThreadPool.globalInstance().waitForDone()


def tick(qtbot: QtBot, check: QCheckBox, on: bool) -> None:
    """Click the box itself (a check box's label is only as wide as its text)."""
    if check.isChecked() != on:
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))
    assert check.isChecked() == on


def test_it_starts_from_the_learners_plan(dialog: ExportDialog) -> None:
    assert dialog.role_box.currentData() == "ml-engineer"
    assert dialog.tracks() == ["ml-platform"]
    assert dialog.formats() == ["pdf"]
    assert dialog.name_edit.text() == "roadmap-ml-engineer"
    assert dialog.files_label.text() == "Writes roadmap-ml-engineer.pdf"


def test_export_writes_the_files_in_the_background_and_offers_to_open(
    qtbot: QtBot, dialog: ExportDialog, opened: list[QUrl], tmp_path: Path
) -> None:
    tick(qtbot, dialog.format_checks["markdown"], True)
    tick(qtbot, dialog.format_checks["ics"], True)
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("letter"))
    assert dialog.open_button.isHidden()
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert not dialog.export_button.isEnabled()  # running: one export at a time
    out = tmp_path / "out"
    names = ["roadmap-ml-engineer.pdf", "roadmap-ml-engineer.md", "roadmap-ml-engineer.ics"]
    assert done.args == [[str(out / n) for n in names]]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    pdf = PdfReader(out / names[0])
    assert round(float(pdf.pages[0].mediabox.width)) == 612
    assert "Typed in the dialog test." in "".join(
        p.extract_text().replace("\t", " ") for p in pdf.pages
    )
    assert dialog.progress_bar.isHidden()
    assert "Exported roadmap-ml-engineer.pdf" in dialog.status_label.text()
    assert dialog.open_button.isVisible()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(out / names[0]))]


def test_a_folder_that_is_not_there_fails_with_a_message_and_writes_nothing(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in failed.args[0]
    assert dialog.status_label.text().startswith("Nothing was written.")
    assert dialog.export_button.isEnabled()
    assert dialog.open_button.isHidden()
    assert not (tmp_path / "nowhere").exists()


def test_choosing_another_role_offers_its_tracks(qtbot: QtBot, dialog: ExportDialog) -> None:
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("ai-engineer"))
    assert dialog.tracks() == []
    assert {"agents", "multimodal", "llm-ops"} == set(dialog.track_checks)
    assert dialog.name_edit.text() == "roadmap-ai-engineer"
    tick(qtbot, dialog.track_checks["agents"], True)
    assert dialog.tracks() == ["agents"]


def test_without_a_format_there_is_nothing_to_export(qtbot: QtBot, dialog: ExportDialog) -> None:
    tick(qtbot, dialog.format_checks["pdf"], False)
    assert not dialog.export_button.isEnabled()
    assert not dialog.pdf_group.isEnabled()


def test_choices_are_remembered(
    qtbot: QtBot, dialog: ExportDialog, learner: Planner, settings: QSettings
) -> None:
    tick(qtbot, dialog.format_checks["csv"], True)
    tick(qtbot, dialog.format_checks["pdf"], False)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    again = ExportDialog(learner, settings)
    qtbot.addWidget(again)
    assert again.formats() == ["csv"]
    assert again.folder_edit.text() == dialog.folder_edit.text()


def test_ctrl_e_in_the_main_window_opens_the_dialog(
    qtbot: QtBot, learner: Planner, settings: QSettings
) -> None:
    window = MainWindow(learner, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.action_export.shortcut().toString() == "Ctrl+E"
    window.action_export.trigger()
    shown = window.export_dialog
    qtbot.waitExposed(shown)
    assert shown.isVisible()
    assert shown.role_id == "ml-engineer"
    shown.close()
    window.close()
