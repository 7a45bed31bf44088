"""File → Export: choose formats and where; written in the background, then offered to open.

What is exported is the dialog's choice (`_build_choice`) and its job (`_job`): the learner's
roadmap here, a mentor's cohort in planner/ui/dialogs/cohort_export.py.

The data and the text formats are prepared on a pool thread; the PDF is drawn in a child
process (planner.export.pdf_process), never by a thread of this process: Qt text layout off
the GUI thread deadlocked against it. Cancel, or closing the dialog, kills the child.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.export.bundle import FORMATS, SUFFIXES, write_exports
from planner.export.options import PdfOptions
from planner.export.pdf_process import ExportCancelled, PdfProcess
from planner.service import Planner
from planner.ui.dialogs.pdf_options_box import PdfOptionsBox
from planner.ui.ops import Progress, QueryOp
from planner.ui.text import button_text, tooltip
from planner.ui.widgets.elided_label import ElidedLabel
from planner.ui.widgets.messages import ask, confirm_box

FORMAT_LABELS = {
    "pdf": "PDF document — to print or send to a mentor",
    "markdown": "Markdown checklist",
    "json": "JSON data (plan, notes and history)",
    "ics": "Calendar (iCalendar) — one event per step",
    "csv": "CSV of your history — for a spreadsheet",
}
OpenUrl = Callable[[QUrl], object]


class ExportDialog(QDialog):
    """Choose what to export and where; the files are written off the GUI thread.

    Signals:
        exported(list): the files were written (their paths, as strings).
        failed(str): nothing was written; the message says why.
        cancelled(): the learner stopped the export; nothing was written.
    """

    exported = Signal(list)
    failed = Signal(str)
    cancelled = Signal()

    title = "Export your roadmap"
    formats_offered: ClassVar[Mapping[str, str]] = (
        FORMAT_LABELS  # the formats to tick, with their words
    )
    formats_key = "export/formats"  # where the formats ticked last are remembered

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
        """What to export: the plan of a role and its tracks."""
        profile = self.planner.profile()
        library = self.planner.library()

        self.role_box = QComboBox()
        self.role_box.setAccessibleName("Role")
        for role in library.roles.values():
            self.role_box.addItem(role.name, role.id)
        self.role_box.setCurrentIndex(max(0, self.role_box.findData(profile.role or "")))
        self.tracks_box = QWidget()
        self.tracks_layout = QVBoxLayout(self.tracks_box)
        self.tracks_layout.setContentsMargins(0, 0, 0, 0)
        # As high as the role with the most tracks needs: choosing another role must not
        # move the format boxes under the learner's pointer.
        most = max((len(r.tracks) for r in library.roles.values()), default=0)
        row = QCheckBox("Track").sizeHint().height() + self.tracks_layout.spacing()
        self.tracks_box.setMinimumHeight(most * row)
        self.tracks_layout.addStretch(1)
        self.track_checks: dict[str, QCheckBox] = {}
        plan_group = QGroupBox("Plan")
        plan_form = QFormLayout(plan_group)
        plan_form.addRow("&Role:", self.role_box)
        plan_form.addRow("Tracks:", self.tracks_box)
        self._fill_tracks()
        self.role_box.currentIndexChanged.connect(self._on_role_changed)
        return plan_group

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

        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName("Folder")
        self.browse_button = QPushButton("Choose…")
        self.browse_button.setToolTip("Choose the folder to write the files in")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("File name")
        # One line whatever is ticked: a label that wrapped to a second line as formats were
        # ticked moved every box above it, and the next click landed on the wrong one.
        self.files_label = ElidedLabel(Qt.TextElideMode.ElideRight)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        where_group = QGroupBox("Save as")
        where_form = QFormLayout(where_group)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder_edit)  # a row of widgets has no buddy of its own
        where_form.addRow(folder_label, folder_row)
        where_form.addRow("File &name:", self.name_edit)
        where_form.addRow("", self.files_label)

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
        layout.addWidget(where_group)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        for check in self.format_checks.values():
            check.toggled.connect(self._update)
        self.folder_edit.textChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self.browse_button.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_first)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self._close_or_cancel)

    def _restore(self) -> None:
        chosen = str(self.settings.value(self.formats_key, "pdf")).split(",")
        for fmt, check in self.format_checks.items():
            check.setChecked(fmt in chosen)
        self.pdf_group.restore(self.settings)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.folder_edit.setText(str(self.settings.value("export/folder", documents or "")))
        self._suggest_name()
        self._update()

    def _fill_tracks(self) -> None:
        for check in self.track_checks.values():
            self.tracks_layout.removeWidget(check)  # gone now, not when deleted later
            check.hide()
            check.deleteLater()
        self.track_checks.clear()
        profile = self.planner.profile()
        role = self.planner.library().roles.get(self.role_id)
        if role is None:
            return
        for track in role.tracks:
            check = QCheckBox(button_text(track.name))
            check.setToolTip(tooltip(track.summary))
            check.setChecked(role.id == profile.role and track.id in profile.tracks)
            self.track_checks[track.id] = check
            self.tracks_layout.insertWidget(self.tracks_layout.count() - 1, check)

    # ------------------------------------------------------------------ state
    @property
    def role_id(self) -> str:
        """The chosen role."""
        return str(self.role_box.currentData() or "")

    def tracks(self) -> list[str]:
        """The chosen tracks, in the role's order."""
        return [t for t, check in self.track_checks.items() if check.isChecked()]

    def formats(self) -> list[str]:
        """The chosen formats."""
        return [fmt for fmt, check in self.format_checks.items() if check.isChecked()]

    def targets(self) -> list[tuple[str, Path]]:
        """(format, file) for every chosen format."""
        folder = Path(self.folder_edit.text().strip()).expanduser()
        name = self.name_edit.text().strip()
        return [(fmt, folder / f"{name}{SUFFIXES[fmt]}") for fmt in self.formats()]

    def pdf_options(self) -> PdfOptions:
        """The PDF's paper and contents as chosen."""
        return self.pdf_group.options()

    def _suggest_name(self) -> None:
        self.name_edit.setText(f"roadmap-{_slug(self.role_id or 'plan')}")

    def _on_role_changed(self) -> None:
        self._fill_tracks()
        self._suggest_name()

    def _update(self) -> None:
        targets = self.targets()
        ready = bool(targets and self.name_edit.text().strip() and self.folder_edit.text().strip())
        self.export_button.setEnabled(ready)
        self.pdf_group.setEnabled("pdf" in self.formats())
        self.files_label.set_full_text(_writes([path for _, path in targets]) if ready else "")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

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

    def _job(
        self, targets: list[tuple[str, Path]], process: PdfProcess
    ) -> Callable[[Planner, Progress], list[Path]]:
        """The export as an operation for a pool thread: it writes `targets`, drawing the PDF
        with `process`, and returns the files written."""
        role, tracks, options = self.role_id, self.tracks(), self.pdf_options()

        def op(planner: Planner, progress: Progress) -> list[Path]:
            data = planner.planning.export_data(role, tracks)
            return write_exports(
                data, targets, pdf=options, report=progress, render_pdf=process.render
            )

        return op

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
        self.settings.setValue("export/folder", self.folder_edit.text().strip())

    def reject(self) -> None:
        """Close (Esc, the window's close button): a running export is cancelled first; its
        files are written whole or not at all, so cancelling leaves none."""
        self.cancel()
        super().reject()


def _writes(paths: list[Path]) -> str:
    """`Writes roadmap.pdf, .md and .ics`: the name once, then each format's ending."""
    names = [path.name for path in paths]
    if len(names) > 1 and len({path.stem for path in paths}) == 1:
        names = names[:1] + [path.suffix for path in paths[1:]]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Writes {listed}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "roadmap"
