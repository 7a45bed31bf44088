"""File → Export: the learner's roadmap — a role's plan and its tracks — in the chosen formats."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QVBoxLayout, QWidget

from planner.export.bundle import write_exports
from planner.export.pdf_process import PdfProcess
from planner.service import Planner
from planner.ui.dialogs.file_export import FileExportDialog, Job
from planner.ui.dialogs.save_as_box import slug
from planner.ui.ops import Progress
from planner.ui.text import button_text, tooltip

FORMAT_LABELS = {
    "pdf": "PDF document — to print or send to a mentor",
    "markdown": "Markdown checklist",
    "json": "JSON data (plan, notes and history)",
    "ics": "Calendar (iCalendar) — one event per step",
    "csv": "CSV of your history — for a spreadsheet",
}


class ExportDialog(FileExportDialog):
    """Choose a role's plan, its tracks, the formats and where.

    Signals: those of FileExportDialog.
    """

    title = "Export your roadmap"
    formats_offered: ClassVar[Mapping[str, str]] = FORMAT_LABELS
    formats_key = "export/formats"

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

    def _suggest_name(self) -> None:
        self.name_edit.setText(f"roadmap-{slug(self.role_id or 'plan')}")

    def _on_role_changed(self) -> None:
        self._fill_tracks()
        self._suggest_name()

    def _job(self, targets: list[tuple[str, Path]], process: PdfProcess) -> Job:
        """The learner's roadmap read on the pool thread, then written in every format."""
        role, tracks, options = self.role_id, self.tracks(), self.pdf_options()

        def op(planner: Planner, progress: Progress) -> list[Path]:
            data = planner.planning.export_data(role, tracks)
            return write_exports(
                data, targets, pdf=options, tell=progress, render_pdf=process.render
            )

        return op
