"""The export dialogs' frame: formats, where to save, the run in the background, cancel, open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.export.bundle import FORMATS
from planner.export.options import PdfOptions
from planner.export.pdf_process import ExportCancelled, PdfProcess
from planner.service import Planner
from planner.ui.dialogs.pdf_options_box import PdfOptionsBox
from planner.ui.dialogs.save_as_box import SaveAsBox
from planner.ui.ops import Progress, QueryOp
from planner.ui.widgets.messages import ask, confirm_box

OpenUrl = Callable[[QUrl], object]
Job = Callable[[Planner, Progress], list[Path]]
"""An export as an operation for a pool thread: it returns the files written."""


class FileExportDialog(QDialog):
    """Choose formats and where; the files are written off the GUI thread.

    What is exported is a subclass's choice (`_build_choice`), file name (`_suggest_name`) and
    job (`_job`): the learner's roadmap (planner/ui/dialogs/export.py), a mentor's cohort
    (planner/ui/dialogs/cohort_export.py). The data and the text formats are prepared on a
    pool thread; the PDF is drawn in a child process (planner.export.pdf_process), never by a
    thread of this process: Qt text layout off the GUI thread deadlocked against it. Cancel,
    or closing the dialog, kills the child.

    Signals:
        exported(list): the files were written (their paths, as strings).
        failed(str): nothing was written; the message says why.
        cancelled(): the learner stopped the export; nothing was written.
    """

    exported = Signal(list)
    failed = Signal(str)
    cancelled = Signal()

    title: ClassVar[str]
    formats_offered: ClassVar[Mapping[str, str]]  # the formats to tick, with their words
    formats_key: ClassVar[str]  # where the formats ticked last are remembered

    def __init__(
        self,
        planner: Planner,
        settings: QSettings,
        parent: QWidget | None = None,
        open_url: OpenUrl = QDesktopServices.openUrl,
        make_pdf_process: Callable[[], PdfProcess] = PdfProcess,
    ) -> None:
        super().__init__(parent)
        self.planner = planner
        self.settings = settings
        self._open_url = open_url
        self._make_pdf_process = make_pdf_process
        self.written: list[Path] = []
        self.pdf_process: PdfProcess | None = None  # while an export runs
        self.setWindowTitle(self.title)
        self._build()
        self._connect_signals()
        self._restore()

    # ------------------------------------------------------------------ building
    def _build_choice(self) -> QGroupBox:
        """What to export, above the formats."""
        raise NotImplementedError

    def _build(self) -> None:
        self.choice = self._build_choice()
        self.format_checks: dict[str, QCheckBox] = {}
        format_group = QGroupBox("Formats")
        format_grid = QGridLayout(format_group)
        for row, fmt in enumerate(self.formats_offered):
            check = QCheckBox(self.formats_offered[fmt])
            check.setAccessibleName(FORMATS[fmt])
            self.format_checks[fmt] = check
            format_grid.addWidget(check, row, 0)

        self.pdf_group = PdfOptionsBox()
        self.paper_box = self.pdf_group.paper_box  # what tests and a learner reach first

        self.save_as = SaveAsBox()
        # What tests and a learner reach: the box's fields.
        self.folder_edit = self.save_as.folder_edit
        self.name_edit = self.save_as.name_edit
        self.files_label = self.save_as.files_label
        self.browse_button = self.save_as.browse_button

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName("Export progress")
        keep_place = self.progress_bar.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # shown while exporting, without a jump
        self.progress_bar.setSizePolicy(keep_place)
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Room for a two-line message from the start, so that one does not push things about.
        self.status_label.setMinimumHeight(2 * self.status_label.fontMetrics().lineSpacing())

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.hide()
        self.folder_button = self.buttons.addButton(
            "Show &folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close_text = self.close_button.text()

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.choice)
        left.addWidget(format_group)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.pdf_group)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.save_as)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        for check in self.format_checks.values():
            check.toggled.connect(self._update)
        self.folder_edit.textChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_first)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self._close_or_cancel)

    def _restore(self) -> None:
        chosen = str(self.settings.value(self.formats_key, "pdf")).split(",")
        for fmt, check in self.format_checks.items():
            check.setChecked(fmt in chosen)
        self.pdf_group.restore(self.settings)
        self.save_as.restore(self.settings)
        self._suggest_name()
        self._update()

    # ------------------------------------------------------------------ state
    def formats(self) -> list[str]:
        """The chosen formats."""
        return [fmt for fmt, check in self.format_checks.items() if check.isChecked()]

    def targets(self) -> list[tuple[str, Path]]:
        """(format, file) for every chosen format."""
        return self.save_as.targets(self.formats())

    def pdf_options(self) -> PdfOptions:
        """The PDF's paper and contents as chosen."""
        return self.pdf_group.options()

    def _suggest_name(self) -> None:
        """Fill in a file name for what is chosen."""
        raise NotImplementedError

    def _update(self) -> None:
        targets = self.targets()
        ready = bool(targets) and self.save_as.filled()
        self.export_button.setEnabled(ready)
        self.pdf_group.setEnabled("pdf" in self.formats())
        self.save_as.show_files([path for _, path in targets] if ready else [])

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        """Write the chosen files in the background (after asking before replacing any)."""
        targets = self.targets()
        if not targets:
            return
        existing = [path.name for _, path in targets if path.exists()]
        if existing and not self._confirm_replace(existing):
            return
        self._save_choices()
        process = self.pdf_process = self._make_pdf_process()
        # The child goes with the dialog, and with the app (the child also watches its stdin).
        self.destroyed.connect(process.cancel)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(process.cancel)

        op = self._job(targets, process)
        self._set_running(True)
        QueryOp(self, self.planner, op, self._on_done).failure(self._on_failed).with_progress(
            self._on_progress
        ).run_in_background()

    def _job(self, targets: list[tuple[str, Path]], process: PdfProcess) -> Job:
        """The export: it writes `targets`, drawing the PDF with `process`."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Stop the running export: the PDF process is killed and nothing is written."""
        process = self.pdf_process
        if process is None or process.cancelled:
            return
        process.cancel()
        self.close_button.setEnabled(False)  # until the background work has wound up
        self.status_label.setText("Cancelling…")

    def _close_or_cancel(self) -> None:
        if self.pdf_process is not None:
            self.cancel()
        else:
            self.reject()

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.browse_button, self.choice, self.name_edit):
            widget.setEnabled(not running)
        self.folder_edit.setEnabled(not running)
        self.close_button.setEnabled(True)
        self.close_button.setText("&Cancel" if running else self._close_text)
        self.close_button.setToolTip("Stop the export; nothing is written" if running else "")
        self.progress_bar.setVisible(running)
        if not running and self.pdf_process is not None:
            self.destroyed.disconnect(self.pdf_process.cancel)
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.disconnect(self.pdf_process.cancel)
            self.pdf_process = None
        if running:
            self.progress_bar.setValue(0)
            self.open_button.hide()
            self.folder_button.hide()
            self.status_label.setText("Exporting…")

    def _on_progress(self, share: float, what: str) -> None:
        if self.pdf_process is not None and self.pdf_process.cancelled:
            return  # "Cancelling…" stays until the work has stopped
        self.progress_bar.setValue(round(share * 1000))
        self.status_label.setText(what)

    def _on_done(self, written: list[Path]) -> None:
        self._set_running(False)
        self._update()
        self.written = written
        names = ", ".join(path.name for path in written)
        self.status_label.setText(f"Exported {names} to {written[0].parent}.")
        self.open_button.setText(f"&Open {written[0].name}")
        self.open_button.show()
        self.folder_button.show()
        self.open_button.setFocus()
        self.exported.emit([str(path) for path in written])

    def _on_failed(self, error: Exception) -> None:
        self._set_running(False)
        self._update()
        if isinstance(error, ExportCancelled):
            self.status_label.setText("Export cancelled. Nothing was written.")
            self.cancelled.emit()
            return
        if isinstance(error, PlannerError):
            message = str(error)
        else:  # a bug: say so plainly rather than pretend the learner did something wrong
            message = f"The export failed: {type(error).__name__}: {error}"
        self.status_label.setText(f"Nothing was written. {message}")
        self.failed.emit(message)

    def open_first(self) -> None:
        """Open the first file written (the PDF when there is one) in its usual app."""
        if self.written:
            self._open_url(QUrl.fromLocalFile(str(self.written[0])))

    def open_folder(self) -> None:
        """Show the folder the files were written to."""
        if self.written:
            self._open_url(QUrl.fromLocalFile(str(self.written[0].parent)))

    def _confirm_replace(self, names: list[str]) -> bool:
        box, replace = confirm_box(
            self,
            "Replace files?",
            f"{', '.join(names)} already {'exists' if len(names) == 1 else 'exist'}.",
            "Replace",
            informative="Replace with the new export?",
            role=QMessageBox.ButtonRole.AcceptRole,
        )
        return ask(box, replace)

    def _save_choices(self) -> None:
        self.settings.setValue(self.formats_key, ",".join(self.formats()))
        self.pdf_group.save(self.settings)
        self.save_as.save(self.settings)

    def reject(self) -> None:
        """Close (Esc, the window's close button): a running export is cancelled first; its
        files are written whole or not at all, so cancelling leaves none."""
        self.cancel()
        super().reject()
