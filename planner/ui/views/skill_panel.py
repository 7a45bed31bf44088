"""The skill panel (a dock): what a skill is, its resources, prerequisites, status, notes, time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import Skill
from planner.core.status import SETTABLE, STATUS_TITLES, STATUS_WORDS, Status
from planner.core.units import format_hours, format_minutes
from planner.core.wording import known_because
from planner.errors import PlannerError
from planner.ui import commands
from planner.ui.state import AppState
from planner.ui.text import hours_with_pace
from planner.ui.views.skill_links import resources_html, safe_link
from planner.ui.views.skill_sessions import SessionList
from planner.ui.views.skill_timer import StudyTimer
from planner.ui.widgets.dates import qdate, short_date, to_date
from planner.ui.widgets.duration_edit import DurationEdit, study_date_edit
from planner.ui.widgets.note_edit import NoteEdit
from planner.ui.widgets.plain_label import plain_label

NOTE_SAVE_DELAY_MS = 800
LEVEL_WORDS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}


# A checked status must stand out in light and dark alike: the palette's highlight.
STATUS_BUTTON_STYLE = (
    "QToolButton:checked { background: palette(highlight); "
    "color: palette(highlighted-text); border-radius: 3px; }"
)


class SkillPanel(QScrollArea):
    """Everything about the selected skill, and the learner's own notes and time on it.

    Its changes (status, note, study time, goal; the timer's and the sessions' too) are undo
    steps run through ui/commands.py."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.skill_id = ""
        self._skill: Skill | None = None  # the skill shown, to draw its links again
        self._saved_note = ""
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(300)

        body = QWidget()
        layout = QVBoxLayout(body)
        self.empty = plain_label(
            "Select a skill in the plan or the graph to see it here.", selectable=True
        )
        self.title = plain_label(selectable=True)
        self.title.setObjectName("skillTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = plain_label(selectable=True)
        self.implied = plain_label(selectable=True)
        self.implied.setObjectName("impliedNote")

        self.status_buttons = QButtonGroup(self)
        self.status_buttons.setExclusive(True)
        buttons = QHBoxLayout()
        for status in SETTABLE:
            button = QToolButton()
            button.setText(STATUS_TITLES[status])
            button.setCheckable(True)
            button.setAccessibleName(f"Mark as {STATUS_WORDS[status]}")
            button.setToolTip(f"Mark this skill as {STATUS_WORDS[status]}")
            button.setObjectName(f"status-{status}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.status_buttons.addButton(button)
            buttons.addWidget(button)
        self._style_status_buttons()
        self._status_of_button = {
            b: Status(b.objectName().removeprefix("status-")) for b in self.status_buttons.buttons()
        }
        # Any skill, the learner's own included, can join their plan as a goal of their own.
        self.goal_button = QPushButton("Add to my plan as a goal")
        self.goal_button.setObjectName("personalGoal")
        self.goal_button.setToolTip("Your plan then includes this skill and all it needs")

        self.summary = plain_label(selectable=True)
        self.resources = QLabel()
        self.resources.setTextFormat(Qt.TextFormat.RichText)  # links; every text is escaped
        self.resources.setWordWrap(True)
        self.resources.setOpenExternalLinks(False)
        self.resources.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.resources.setAccessibleName("Resources")

        self.prerequisites = self._skill_list("Prerequisites")
        self.unlocks = self._skill_list("Unlocks")

        self.notes = NoteEdit()
        self.notes.setPlaceholderText("Your notes on this skill: saved as you type.")
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(110)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)

        self.duration_field = DurationEdit()
        self.duration = self.duration_field.edit  # where the learner types
        self.day = study_date_edit(state.planner.today())
        self.log_button = QPushButton("Log time")
        self.log_button.setAccessibleName("Log study time")
        self.log_message = plain_label(selectable=True)
        self.time_total = plain_label(selectable=True)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day, 1)
        day_row.addWidget(self.log_button)
        self.timer = StudyTimer(state)
        self.sessions = SessionList(state)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.title)
        details.addWidget(self.meta)
        details.addLayout(buttons)
        details.addWidget(self.goal_button)
        details.addWidget(self.implied)
        details.addWidget(self.summary)
        details.addWidget(_group("Resources", self.resources))
        details.addWidget(_group("Prerequisites", self.prerequisites))
        details.addWidget(_group("Unlocks", self.unlocks))
        details.addWidget(_group("Notes", self.notes))
        time_box = QWidget()
        time_layout = QFormLayout(time_box)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addRow("Time", self.duration_field)
        time_layout.addRow("Day", day_row)
        time_layout.addRow(self.log_message)
        time_layout.addRow(self.timer)
        time_layout.addRow(self.time_total)
        time_layout.addRow(self.sessions)
        details.addWidget(_group("Study time", time_box))
        details.addStretch(1)

        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        self.setWidget(body)
        self._connect_signals()
        self.show_skill("")

    def _style_status_buttons(self) -> None:
        # Set on the buttons alone (a style sheet on the whole panel would keep its old
        # colours when the scheme changes), and again on every palette change, because Qt
        # resolves palette(...) in a style sheet only when it is set.
        for button in self.status_buttons.buttons():
            button.setStyleSheet(STATUS_BUTTON_STYLE)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style_status_buttons()
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # The links' colour is fixed when the text is set: draw them again, and only them
            # (a note being typed and the study-time fields stay as they are).
            self._show_resources()
        super().changeEvent(event)

    def _skill_list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setMaximumHeight(120)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        widget.itemActivated.connect(self._on_skill_clicked)
        widget.itemClicked.connect(self._on_skill_clicked)
        return widget

    def _connect_signals(self) -> None:
        self.state.selectionChanged.connect(self.show_skill)
        self.state.planChanged.connect(self._refresh)
        # An edit in the library may rename, re-describe or delete the skill shown.
        self.state.libraryChanged.connect(lambda: self.show_skill(self.skill_id))
        self.state.notesChanged.connect(self._on_note_changed)
        self.state.sessionsChanged.connect(self._on_sessions_changed)
        self.status_buttons.buttonClicked.connect(self._on_status_clicked)
        self.resources.linkActivated.connect(self._open_link)
        self.notes.textChanged.connect(self._note_timer.start)
        self._note_timer.timeout.connect(self.save_note)
        self.notes.focusLost.connect(self.save_note)
        self.log_button.clicked.connect(self._log)
        self.goal_button.clicked.connect(self._on_goal_clicked)
        self.duration.returnPressed.connect(self._log)

    # ------------------------------------------------------------------ showing a skill
    def show_skill(self, skill_id: str) -> None:
        """Show a skill ("" shows the empty state); a pending note is saved first."""
        self.save_note()
        library = self.state.planner.library()
        skill = library.skills.get(skill_id)
        self.skill_id = skill.id if skill is not None else ""
        self._skill = skill
        self.empty.setVisible(skill is None)
        self.details.setVisible(skill is not None)
        if skill is None:
            return
        self.title.setText(skill.name)
        self._show_meta()
        self.summary.setText(skill.summary)
        self.summary.setVisible(bool(skill.summary))
        self._show_resources()
        self._fill_list(self.prerequisites, [*skill.requires, *(f"~{r}" for r in skill.recommends)])
        unlocks = sorted(
            (
                s
                for s in library.skills.values()
                if skill.id in s.requires or skill.id in s.recommends
            ),
            key=lambda s: s.name.lower(),
        )
        self._fill_list(self.unlocks, [s.id for s in unlocks])
        with QSignalBlocker(self.notes):
            note = self.state.planner.progress.note(skill.id)
            self.notes.setPlainText(note)
        self._saved_note = note
        self._say("")
        self.day.setDate(qdate(self.state.planner.today()))  # the app may stay open for days
        self.sessions.show_sessions(skill.id)
        self._refresh()

    def _show_meta(self) -> None:
        """Area, level and hours, with the learner's own hours beside the estimate."""
        skill = self._skill
        if skill is None:
            return
        level = LEVEL_WORDS.get(skill.level or "", "")
        step = self.state.step(skill.id)
        hours = format_hours(skill.hours)
        if step is None or step.remaining:  # what a finished skill took is under Study time
            hours = hours_with_pace(skill.hours, self.state.pace.hours(skill.hours, skill.area))
        hours = hours.replace(" ", "\u00a0")  # "10 h (you: ~14 h)" wraps as a whole
        self.meta.setText(" · ".join(p for p in (skill.area, level, hours) if p))

    def _show_resources(self) -> None:
        if self._skill is not None:
            link = self.palette().color(QPalette.ColorRole.Link)
            self.resources.setText(resources_html(self._skill, link.name()))

    def _fill_list(self, widget: QListWidget, ids: list[str]) -> None:
        widget.clear()
        skills = self.state.planner.library().skills
        for entry in ids:
            soft = entry.startswith("~")
            skill_id = entry.removeprefix("~")
            text = skills[skill_id].name + (" (recommended)" if soft else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, skill_id)
            item.setToolTip("Click to go to this skill")
            widget.addItem(item)
        if not ids:
            item = QListWidgetItem("None")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)

    def _refresh(self) -> None:
        """Status and time, which change while the same skill stays shown."""
        if not self.skill_id:
            return
        self._show_meta()  # the learner's pace moves with every skill finished
        step = self.state.step(self.skill_id)
        status = (
            step.status
            if step is not None
            else self.state.planner.progress.skill_statuses().get(self.skill_id, Status.TODO)
        )
        # An exclusive group ignores unchecking its checked button; an implied skill has none.
        self.status_buttons.setExclusive(False)
        for button, button_status in self._status_of_button.items():
            button.setChecked(button_status == status)
        self.status_buttons.setExclusive(True)
        if status == Status.IMPLIED:
            by = step.implied_by if step is not None else None
            name = self.state.planner.library().skills[by].name if by else "a later skill"
            self.implied.setText(f"{known_because(name)}.")
        elif step is not None and step.start is not None and step.end is not None:
            planned = f"{short_date(step.start)} – {short_date(step.end)}"
            if step.started is not None:  # begun: the day it was, then what the plan gives
                self.implied.setText(f"Started {short_date(step.started)} · planned {planned}")
            else:
                self.implied.setText(f"Planned {planned}")
        else:
            self.implied.setText("Not in your current plan." if step is None else "")
        self.implied.setVisible(bool(self.implied.text()))
        minutes = self.state.planner.progress.minutes_studied(self.skill_id)
        self.time_total.setText(
            f"Studied so far: {format_minutes(minutes)}" if minutes else "No time logged yet."
        )
        self.timer.show_skill(self.skill_id)  # the command line may have started or stopped it
        mine = self.skill_id in self.state.planner.progress.personal_goals()
        self.goal_button.setText("Remove from my goals" if mine else "Add to my plan as a goal")
        self.goal_button.setToolTip(
            "Your plan keeps this skill only if your role needs it"
            if mine
            else "Your plan then includes this skill and all it needs"
        )
        self.goal_button.setProperty("personal", mine)
        self.day.setMaximumDate(qdate(self.state.planner.today()))

    # ------------------------------------------------------------------ actions
    def _on_skill_clicked(self, item: QListWidgetItem) -> None:
        skill_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(skill_id, str):
            self.state.select(skill_id)

    def _on_status_clicked(self, button: QToolButton) -> None:
        if self.skill_id:
            commands.set_status(self.state, self.skill_id, self._status_of_button[button])

    def _open_link(self, url: str) -> None:
        if safe_link(url):
            QDesktopServices.openUrl(QUrl(url))

    def save_note(self) -> None:
        """Store the note if it changed since it was loaded or last saved."""
        self._note_timer.stop()
        text = self.notes.toPlainText()
        if self.skill_id and text != self._saved_note:
            old, self._saved_note = self._saved_note, text
            commands.edit_note(self.state, self.skill_id, old, text)

    def _on_note_changed(self, skill_id: str) -> None:
        if skill_id != self.skill_id:
            return
        note = self.state.planner.progress.note(skill_id)
        if note != self.notes.toPlainText():  # an undo or redo, not the learner typing
            with QSignalBlocker(self.notes):
                self.notes.setPlainText(note)
        self._saved_note = note

    def _on_sessions_changed(self, skill_id: str) -> None:
        if skill_id == self.skill_id:
            self.sessions.show_sessions(skill_id)
            self._refresh()

    def _on_goal_clicked(self) -> None:
        if self.skill_id:
            add = not self.goal_button.property("personal")
            commands.set_personal_goal(self.state, self.skill_id, add)

    def _log(self) -> None:
        if not self.skill_id:
            return
        try:
            minutes = self.duration_field.minutes()
        except PlannerError as error:
            self._say(str(error))
            return
        day = to_date(self.day.date())
        commands.log_study(self.state, self.skill_id, minutes, day)
        self.duration.clear()
        self._say(f"Logged {format_minutes(minutes)} on {short_date(day)}.")

    def _say(self, text: str) -> None:
        # An empty message takes no room in the study-time box.
        self.log_message.setText(text)
        self.log_message.setVisible(bool(text))

    def focus_log(self) -> None:
        """Ctrl+L: put the cursor where study time is typed."""
        self.duration.setFocus()


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(widget)
    return box
