"""The dialog that corrects a study session: its time, day and note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from planner.core.units import duration_text, parse_duration
from planner.errors import PlannerError
from planner.service import StudySession
from planner.ui import commands
from planner.ui.state import AppState
from planner.ui.widgets.buttons import accept_buttons
from planner.ui.widgets.dates import qdate, to_date


class SessionDialog(QDialog):
    """Correct a study session: its time, day and note."""

    def __init__(
        self,
        minutes: int,
        day: date,
        note: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct a study session")
        self.minutes = minutes
        self.duration = QLineEdit(duration_text(minutes))
        self.duration.setAccessibleName("Study time")
        self.duration.setToolTip("How long you studied: 45m, 1.5h or 2h30m")
        self.date = QDateEdit(qdate(day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setMaximumDate(qdate(today))
        self.date.setAccessibleName("Study date")
        self.note = QLineEdit(note)
        self.note.setAccessibleName("Note")
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons, _ok = accept_buttons(self)
        form = QFormLayout(self)
        form.addRow("Time", self.duration)
        form.addRow("Day", self.date)
        form.addRow("Note", self.note)
        form.addRow(self.problem)
        form.addRow(self.buttons)

    def day(self) -> date:
        """The chosen day."""
        return to_date(self.date.date())

    def accept(self) -> None:
        try:
            self.minutes = parse_duration(self.duration.text())
        except PlannerError as error:
            self.problem.setText(str(error))
            return
        super().accept()


def correct_session(state: AppState, session: StudySession, parent: QWidget) -> SessionDialog:
    """Open the correction dialog on a session: accepting it corrects the session (an undo
    step, ui/commands.py). The skill panel's sessions and the recent activity both use it."""
    today = state.planner.today()
    dialog = SessionDialog(session.minutes, session.day, session.note, today, parent)
    dialog.accepted.connect(
        lambda: commands.edit_study_session(
            state, session.id, dialog.minutes, dialog.day(), dialog.note.text()
        )
    )
    dialog.open()
    return dialog
