"""The export dialogs' "Save as" box: the folder, the file name and the files it will write."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from planner.export.bundle import SUFFIXES
from planner.ui.widgets.elided_label import ElidedLabel

FOLDER_KEY = "export/folder"


class SaveAsBox(QGroupBox):
    """A folder (typed or chosen) and a file name; `targets` are the files for some formats."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Save as", parent)
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
        form = QFormLayout(self)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder_edit)  # a row of widgets has no buddy of its own
        form.addRow(folder_label, folder_row)
        form.addRow("File &name:", self.name_edit)
        form.addRow("", self.files_label)
        self.browse_button.clicked.connect(self._browse)

    def targets(self, formats: list[str]) -> list[tuple[str, Path]]:
        """(format, file) for each of `formats`."""
        folder = Path(self.folder_edit.text().strip()).expanduser()
        name = self.name_edit.text().strip()
        return [(fmt, folder / f"{name}{SUFFIXES[fmt]}") for fmt in formats]

    def filled(self) -> bool:
        """Whether a folder and a file name are given."""
        return bool(self.name_edit.text().strip() and self.folder_edit.text().strip())

    def show_files(self, paths: list[Path]) -> None:
        """Say which files an export would write (none: say nothing)."""
        self.files_label.set_full_text(_writes(paths) if paths else "")

    def restore(self, settings: QSettings) -> None:
        """The folder written to last time (the Documents folder at first)."""
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.folder_edit.setText(str(settings.value(FOLDER_KEY, documents or "")))

    def save(self, settings: QSettings) -> None:
        """Remember the folder for next time."""
        settings.setValue(FOLDER_KEY, self.folder_edit.text().strip())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)


def _writes(paths: list[Path]) -> str:
    """`Writes roadmap.pdf, .md and .ics`: the name once, then each format's ending."""
    names = [path.name for path in paths]
    if len(names) > 1 and len({path.stem for path in paths}) == 1:
        names = names[:1] + [path.suffix for path in paths[1:]]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Writes {listed}"


def slug(text: str) -> str:
    """`text` as a safe part of a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "roadmap"
