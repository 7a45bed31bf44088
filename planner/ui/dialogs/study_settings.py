"""The study settings of a profile: when the learner studies each week (their agenda's times)
and whether their plan is dated by their own pace. Saved through `Planner.profiles.update`."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.agenda import DAY_NAMES, StudySlot, parse_slots, slots_text
from planner.core.personal_pace import pace_words
from planner.core.units import format_minutes
from planner.errors import PlannerError
from planner.render.charts import chart_style
from planner.ui.ops import run_change
from planner.ui.state import AppState
from planner.ui.widgets.wrapping_label import WrappingLabel

PACE_HELP = (
    "Your pace compares the time you logged on finished skills with their estimates. "
    "Planned with it, every step takes the hours it is likely to take you."
)


class SlotRow(QWidget):
    """One weekly study time: a day, from, to, and a button to remove it.

    Signals:
        changed(): the day or a time changed.
        removeRequested(): the learner removes this time.
    """

    changed = Signal()
    removeRequested = Signal()

    def __init__(self, slot: StudySlot) -> None:
        super().__init__()
        self.day = QComboBox()
        self.day.addItems(list(DAY_NAMES))
        self.day.setCurrentIndex(slot.weekday)
        self.day.setAccessibleName("Day")
        self.start = _time_edit(slot.start, "From")
        self.end = _time_edit(slot.end, "To")
        self.remove = QPushButton("Remove")
        self.remove.setToolTip("Remove this study time")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(QLabel("from"))
        row.addWidget(self.start)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end)
        row.addStretch(1)
        row.addWidget(self.remove)
        self.day.currentIndexChanged.connect(self.changed)
        self.start.timeChanged.connect(self.changed)
        self.end.timeChanged.connect(self.changed)
        self.remove.clicked.connect(self.removeRequested)

    def text(self) -> str:
        """The slot as a learner writes it: 'Mon 19:00-21:00'."""
        start, end = self.start.time().toString("HH:mm"), self.end.time().toString("HH:mm")
        return f"{DAY_NAMES[self.day.currentIndex()]} {start}-{end}"


class StudySettingsDialog(QDialog):
    """Study times and planning by pace; Save stores both in one change."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Study times and pace")
        profile = state.planner.profile()
        self.rows: list[SlotRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.add_button = QPushButton("Add a study time")
        self.add_button.clicked.connect(self.add_slot)
        self.total = QLabel()
        self.total.setObjectName("slotsTotal")
        self.problem = WrappingLabel()
        self.problem.setObjectName("slotsProblem")
        times = QGroupBox("When you study each week")
        times_box = QVBoxLayout(times)
        intro = WrappingLabel(
            "Your agenda lays the plan's next steps and your reviews into these times."
        )
        times_box.addWidget(intro)
        times_box.addLayout(self.rows_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        times_box.addLayout(add_row)
        times_box.addWidget(self.total)
        times_box.addWidget(self.problem)

        self.by_pace = QCheckBox("Plan with my own pace")
        self.by_pace.setChecked(profile.plan_by_pace)
        self.by_pace.setToolTip("Date the plan with the hours skills are likely to take you")
        self.pace = WrappingLabel(pace_words(state.pace))
        self.pace.setObjectName("paceWords")
        pace_help = WrappingLabel(PACE_HELP)
        pace_help.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        pace = QGroupBox("Your pace")
        pace_box = QVBoxLayout(pace)
        pace_box.addWidget(self.pace)
        pace_box.addWidget(self.by_pace)
        pace_box.addWidget(pace_help)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(times)
        layout.addWidget(pace)
        layout.addWidget(self.buttons)
        for slot in profile.study_slots:
            self.add_slot(slot)
        self._check()
        self.setMinimumWidth(480)

    def add_slot(self, slot: StudySlot | None = None) -> SlotRow:
        """Another study time: the one given, or an evening on the day after the last one."""
        if not isinstance(slot, StudySlot):
            after = self._slots_read()
            weekday = (after[-1].weekday + 1) % 7 if after else 0
            slot = StudySlot(weekday, time(19), time(21))
        row = SlotRow(slot)
        row.changed.connect(self._check)
        row.removeRequested.connect(lambda: self._remove(row))
        self.rows_box.addWidget(row)
        self.rows.append(row)
        self._check()
        return row

    def _remove(self, row: SlotRow) -> None:
        self.rows.remove(row)
        row.hide()  # its own button was clicked: Qt deletes it once the click is over
        row.deleteLater()
        self._check()

    def slots_text(self) -> str:
        """The study times as the profile stores them."""
        return ", ".join(row.text() for row in self.rows)

    def _slots_read(self) -> list[StudySlot]:
        try:
            return parse_slots(self.slots_text())
        except PlannerError:
            return []

    def _check(self) -> bool:
        """Show what the times add up to, or what is wrong with them; whether they can be saved."""
        try:
            slots = parse_slots(self.slots_text())
        except PlannerError as error:
            self.problem.setText(f"{str(error)[:1].upper()}{str(error)[1:]}.")
            self.problem.show()
            self.total.hide()
            self.save_button.setEnabled(False)
            return False
        self.problem.hide()
        self.save_button.setEnabled(True)
        hours = self.state.planner.profile().hours_per_week
        minutes = sum(s.minutes for s in slots)
        self.total.setText(
            f"{format_minutes(minutes)} a week in these times; your plan asks for {hours:g} h."
            if slots
            else "No study times: your agenda stays empty."
        )
        self.total.show()
        warn = bool(slots) and minutes < hours * 60
        palette = QPalette(self.palette())
        if warn:  # fewer hours in the times than the plan counts on: the forecast's amber
            palette.setColor(QPalette.ColorRole.WindowText, chart_style(self.palette()).forecast)
        self.total.setPalette(palette)
        problem = QPalette(self.palette())
        problem.setColor(QPalette.ColorRole.WindowText, chart_style(self.palette()).forecast)
        self.problem.setPalette(problem)
        return True

    def save(self) -> None:
        """Store the times and the pace setting; the dialog closes once they are saved."""
        if not self._check():
            return
        planner = self.state.planner
        text = slots_text(parse_slots(self.slots_text()))
        by_pace = self.by_pace.isChecked()
        saved = run_change(
            self.state,
            lambda: planner.profiles.update(study_slots=text, plan_by_pace=by_pace),
        )
        if saved is not None:
            self.accept()


def _time_edit(value: time, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit
