"""Study-time inputs: a duration field that says what it read, and the day studied."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from planner.core.units import format_minutes, parse_duration
from planner.errors import PlannerError
from planner.ui.widgets.dates import qdate

HINT = "h or min"


class DurationEdit(QWidget):
    """A line edit for a study duration ("45m", "1h30", "1.5h") with, beside it, what it
    reads as ("= 1 h 30 min"), so the unit is never a guess. `edit` is the QLineEdit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("45m or 1h30")
        self.edit.setAccessibleName("Study time")
        self.edit.setToolTip("How long you studied: 45m, 1.5h, 1h30 or 2h30m")
        # Wide enough for its placeholder and a long duration, whatever the font.
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance("45m or 1h30") + 16)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.reading = QLabel(HINT)
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.reading.setAccessibleName("Study time read as")
        self.reading.setMinimumWidth(metrics.horizontalAdvance("= 23 h 59 min") + 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reading)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._show_reading)

    def text(self) -> str:
        """What was typed."""
        return self.edit.text()

    def clear(self) -> None:
        """Empty the field."""
        self.edit.clear()

    def minutes(self) -> int:
        """The minutes typed; a PlannerError says how to write a duration."""
        return parse_duration(self.edit.text())

    def _show_reading(self, text: str) -> None:
        if not text.strip():
            self.reading.setText(HINT)
            return
        try:
            self.reading.setText(f"= {format_minutes(parse_duration(text))}")
        except PlannerError:
            self.reading.setText("? (45m, 1h30)")


def study_date_edit(today: date) -> QDateEdit:
    """A day picker for study time: today at the latest."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMaximumDate(qdate(today))
    edit.setDate(qdate(today))
    edit.setAccessibleName("Study date")
    edit.setToolTip("The day you studied")
    return edit
