"""The export dialog's "In the PDF" box: the paper and which sections and notes to include."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QVBoxLayout, QWidget

from planner.export.options import PAPERS, SECTIONS, PdfOptions

PAPER_KEY = "export/paper"


class PdfOptionsBox(QGroupBox):
    """Paper size, the PDF's sections and the learner's notes; `options()` is the choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("In the PDF", parent)
        form = self.form = QFormLayout(self)
        self.paper_box = QComboBox()
        self.paper_box.setAccessibleName("Paper size")
        for key, name in PAPERS.items():
            self.paper_box.addItem(name, key)
        form.addRow("&Paper:", self.paper_box)
        self.section_checks: dict[str, QCheckBox] = {}
        sections = self.sections = QWidget()
        sections_layout = QVBoxLayout(sections)
        sections_layout.setContentsMargins(0, 0, 0, 0)
        for key, name in SECTIONS.items():
            check = QCheckBox(name)
            check.setChecked(True)
            self.section_checks[key] = check
            sections_layout.addWidget(check)
        self.notes_check = QCheckBox("Your notes on each skill")
        self.notes_check.setChecked(True)
        sections_layout.addWidget(self.notes_check)
        form.addRow("Include:", sections)

    def show_sections(self, shown: bool) -> None:
        """Offer the sections and notes (a roadmap's), or the paper only (a cohort's page)."""
        self.form.setRowVisible(self.sections, shown)

    def options(self) -> PdfOptions:
        """The PDF's paper and contents as chosen."""
        sections = tuple(k for k, check in self.section_checks.items() if check.isChecked())
        return PdfOptions(
            paper="letter" if self.paper_box.currentData() == "letter" else "a4",
            sections=sections,
            notes=self.notes_check.isChecked(),
        )

    def restore(self, settings: QSettings) -> None:
        """The paper chosen last time (Letter where the locale measures in inches)."""
        us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        paper = str(settings.value(PAPER_KEY, "letter" if us else "a4"))
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))

    def save(self, settings: QSettings) -> None:
        """Remember the paper for next time."""
        settings.setValue(PAPER_KEY, self.paper_box.currentData())
