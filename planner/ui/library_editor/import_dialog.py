"""Why an import was refused: every problem of every file, one FILE:LINE entry each."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.units import plural
from planner.errors import PlannerError, RoadmapError


def problem_lines(error: PlannerError) -> list[str]:
    """One line per problem: `FILE:LINE: message` for file problems, else the message."""
    if isinstance(error, RoadmapError):
        return [str(p) for p in error.problems]
    return str(error).splitlines() or [type(error).__name__]


class ImportProblemsDialog(QDialog):
    """Nothing was imported: the list of problems to fix, which can be copied."""

    def __init__(
        self, paths: Sequence[str], error: PlannerError, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import refused")
        self.lines = problem_lines(error)
        heading = QLabel(
            f"Nothing was imported from {plural(len(paths), 'file')}. "
            f"Fix {'this problem' if len(self.lines) == 1 else 'these problems'} and try again:"
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.problems.setWordWrap(True)
        self.problems.addItems(self.lines)  # QListWidget items are plain text
        copy = QPushButton("Copy")
        copy.setToolTip("Copy every problem, one per line")
        copy.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def copy(self) -> None:
        """Put the problems on the clipboard (to paste into an editor or an issue)."""
        QGuiApplication.clipboard().setText("\n".join(self.lines))
