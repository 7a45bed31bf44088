"""File → Export as a learner uses it: choose formats and a folder, export, open the file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt, QThreadPool, QUrl
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

import planner.export.pdf
from planner.export.pdf_process import PdfProcess
from planner.service import Planner
from planner.ui.dialogs.export import ExportDialog
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY
from tests.processes import alive


@pytest.fixture
def learner(planner: Planner) -> Planner:
    """A learner on the ML-engineer plan with the ML-platform track, one skill done."""
    planner.profiles.update(role="ml-engineer", tracks=["ml-platform"], hours_per_week=10)
    planner.progress.set_status("python-basics", "done", TODAY)
    planner.progress.set_note("python-basics", "Typed in the dialog test.")
    return planner


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


# A PDF process that says where it is, then waits until it is killed or its stdin closes:
# a PDF that takes long to draw.
HANGING = (
    "import os, sys; print('progress 0.5 drawing in', os.getpid(), flush=True); "
    "sys.stdin.buffer.read()"
)
FAILING = "import sys; print('error The printer caught fire.'); sys.exit(1)"


def fake_pdf_process(script: str) -> PdfProcess:
    return PdfProcess([sys.executable, "-c", script])


def drawing_pid(dialog: ExportDialog) -> int:
    """The pid the hanging PDF process showed in the dialog (0 until it has)."""
    text = dialog.status_label.text()
    return int(text.split()[-1]) if text.startswith("drawing in") else 0


def test_the_pdf_is_drawn_by_a_child_process_never_in_the_app(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def drawn_here(*_args: object) -> bytes:
        raise AssertionError("the PDF was drawn in the app's process")

    monkeypatch.setattr(planner.export.pdf, "render_pdf", drawn_here)
    tick(qtbot, dialog.format_checks["json"], True)
    shares: list[int] = []
    dialog.progress_bar.valueChanged.connect(shares.append)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "roadmap-ml-engineer.json",
        "roadmap-ml-engineer.pdf",
    ]
    pdf = PdfReader(out / "roadmap-ml-engineer.pdf")
    assert round(float(pdf.pages[0].mediabox.width)) == 595  # A4, the default here
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert titles[:2] == ["Summary", "Plan by phase"]
    text = "".join(p.extract_text().replace("\t", " ") for p in pdf.pages)
    assert "Typed in the dialog test." in text
    assert shares == sorted(shares)  # the PDF's own progress, after the JSON file's
    assert any(0 < share < 1000 for share in shares)
    assert dialog.close_button.text() == "Close"


def test_a_failing_pdf_process_shows_its_message_and_writes_nothing(
    qtbot: QtBot, learner: Planner, settings: QSettings, tmp_path: Path
) -> None:
    shown = ExportDialog(learner, settings, make_pdf_process=lambda: fake_pdf_process(FAILING))
    qtbot.addWidget(shown)
    out = tmp_path / "out"
    out.mkdir()
    shown.folder_edit.setText(str(out))
    tick(qtbot, shown.format_checks["markdown"], True)
    with qtbot.waitSignal(shown.failed, timeout=60_000) as failed:
        qtbot.mouseClick(shown.export_button, Qt.MouseButton.LeftButton)
    assert failed.args == ["The printer caught fire."]
    assert shown.status_label.text() == "Nothing was written. The printer caught fire."
    assert list(out.iterdir()) == []  # not the Markdown file, no part of the PDF
    assert shown.export_button.isEnabled()
    assert shown.progress_bar.isHidden()


def test_cancel_kills_the_pdf_process_and_writes_nothing(
    qtbot: QtBot, learner: Planner, settings: QSettings, tmp_path: Path
) -> None:
    shown = ExportDialog(learner, settings, make_pdf_process=lambda: fake_pdf_process(HANGING))
    qtbot.addWidget(shown)
    shown.show()
    out = tmp_path / "out"
    out.mkdir()
    shown.folder_edit.setText(str(out))
    tick(qtbot, shown.format_checks["csv"], True)
    qtbot.mouseClick(shown.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drawing_pid(shown) > 0, timeout=60_000)
    pid = drawing_pid(shown)
    assert alive(pid)
    assert shown.close_button.text() == "&Cancel"
    with qtbot.waitSignal(shown.cancelled, timeout=60_000):
        qtbot.mouseClick(shown.close_button, Qt.MouseButton.LeftButton)
    assert not alive(pid)
    assert list(out.iterdir()) == []
    assert shown.isVisible()  # Cancel stops the export, not the dialog
    assert shown.status_label.text() == "Export cancelled. Nothing was written."
    assert shown.close_button.text() == "Close"
    assert shown.export_button.isEnabled()


def test_cancel_right_after_export_writes_nothing(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    with qtbot.waitSignal(dialog.cancelled, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert list((tmp_path / "out").iterdir()) == []


def test_closing_the_dialog_during_an_export_kills_the_pdf_process(
    qtbot: QtBot, learner: Planner, settings: QSettings, tmp_path: Path
) -> None:
    """As in the main window, where the dialog is deleted when it closes."""
    shown = ExportDialog(learner, settings, make_pdf_process=lambda: fake_pdf_process(HANGING))
    shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    shown.show()
    out = tmp_path / "out"
    out.mkdir()
    shown.folder_edit.setText(str(out))
    qtbot.mouseClick(shown.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drawing_pid(shown) > 0, timeout=60_000)
    pid = drawing_pid(shown)
    shown.close()
    qtbot.waitUntil(lambda: not isValid(shown), timeout=60_000)  # deleted, as it closed
    qtbot.waitUntil(lambda: not alive(pid), timeout=60_000)
    QThreadPool.globalInstance().waitForDone()
    assert list(out.iterdir()) == []


def settle() -> None:
    """Let Qt do what it does between two clicks: show new widgets, lay out again what asked
    to be (the events it posted for that)."""
    QCoreApplication.sendPostedEvents(None, 0)


def test_ticking_formats_moves_nothing_so_each_click_lands_where_it_was_aimed(
    qtbot: QtBot, dialog: ExportDialog
) -> None:
    # Where every box is before any click: a learner aims at what they see.
    aimed = {
        fmt: check.mapTo(dialog, QPoint(6, check.height() // 2))
        for fmt, check in dialog.format_checks.items()
    }
    size = dialog.size()
    order = ["markdown", "json", "ics", "csv", "pdf"]  # the PDF's options go grey at the end
    for fmt in order:
        target = dialog.childAt(aimed[fmt])
        assert target is not None
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(dialog, aimed[fmt]))
        settle()
        assert dialog.size() == size
    assert dialog.formats() == ["markdown", "json", "ics", "csv"]
    assert not dialog.pdf_group.isEnabled()  # greyed in place, not taken out
    assert dialog.pdf_group.isVisible()
    for fmt, check in dialog.format_checks.items():
        assert check.mapTo(dialog, QPoint(6, check.height() // 2)) == aimed[fmt]
    # Every file is named on one line: the full list is in the tooltip when it does not fit.
    files = dialog.files_label
    assert files.full_text() == "Writes roadmap-ml-engineer.md, .json, .ics and .csv"
    assert files.text() == files.full_text()  # and it fits
    assert files.height() < 2 * files.fontMetrics().lineSpacing()


def test_choosing_a_role_with_fewer_tracks_keeps_the_format_boxes_in_place(
    qtbot: QtBot, dialog: ExportDialog
) -> None:
    before = {f: c.mapTo(dialog, QPoint(0, 0)) for f, c in dialog.format_checks.items()}
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("ai-engineer"))
    settle()
    assert all(c.isVisible() for c in dialog.track_checks.values())
    assert {f: c.mapTo(dialog, QPoint(0, 0)) for f, c in dialog.format_checks.items()} == before
