"""File → Export cohort…: a mentor's cohort as a CSV table and a PDF page, written in the
background and offered to open, in the frame of every export (planner/ui/dialogs/file_export.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from planner.export.cohort import CohortReport, write_cohort_exports
from planner.export.pdf_process import PdfProcess
from planner.service import Planner
from planner.ui.dialogs.file_export import FileExportDialog, Job, OpenUrl
from planner.ui.dialogs.save_as_box import slug
from planner.ui.ops import Progress
from planner.ui.views.cohort.view import read_cohort

ALL = "All your cohorts"


def cohort_report(planner: Planner, cohort: str | None) -> CohortReport:
    """The cohort as the export writes it, read now (None: all the login's cohorts)."""
    data = read_cohort(planner, cohort)
    me = planner.team.me()
    return CohortReport(
        cohort=cohort,
        mentor=me.login if me is not None else planner.profile_name,
        today=planner.today(),
        rows=data.rows,
        days=data.days,
        roles=dict(planner.library().roles),
    )


class CohortExportDialog(FileExportDialog):
    """Choose CSV, PDF or both and where; the cohort is read and written off the GUI thread.

    Signals: those of FileExportDialog.
    """

    title = "Export the cohort"
    formats_offered: ClassVar[Mapping[str, str]] = {
        "csv": "CSV table — one row per learner, for a spreadsheet",
        "pdf": "PDF page — the cohort table and its burn-up",
    }
    formats_key = "cohortExport/formats"

    def __init__(
        self,
        planner: Planner,
        settings: QSettings,
        cohort: str | None,
        parent: QWidget | None = None,
        open_url: OpenUrl = QDesktopServices.openUrl,
        make_pdf_process: Callable[[], PdfProcess] = PdfProcess,
    ) -> None:
        self.cohort = cohort
        super().__init__(planner, settings, parent, open_url, make_pdf_process)
        # The roadmap's sections and notes are not in a cohort's page: only the paper is.
        self.pdf_group.show_sections(False)

    def _build_choice(self) -> QGroupBox:
        group = QGroupBox("Cohort")
        form = QFormLayout(group)
        self.cohort_label = QLabel(self.cohort or ALL)
        self.cohort_label.setTextFormat(Qt.TextFormat.PlainText)  # a cohort's name is no markup
        form.addRow("Cohort:", self.cohort_label)
        return group

    def _suggest_name(self) -> None:
        day = self.planner.today().isoformat()
        self.name_edit.setText(f"cohort-{slug(self.cohort or 'all')}-{day}")

    def _job(self, targets: list[tuple[str, Path]], process: PdfProcess) -> Job:
        cohort, options = self.cohort, self.pdf_options()

        def op(planner: Planner, progress: Progress) -> list[Path]:
            report = cohort_report(planner, cohort)
            return write_cohort_exports(
                report, targets, pdf=options, tell=progress, render_pdf=process.render
            )

        return op
