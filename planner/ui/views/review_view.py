"""The Review view: finished skills due for a short review, answered "still solid" or "rusty".

The schedule is FSRS's (planner/core/reviews.py, through `Planner.reviews`). An answer is
appended to the history at once — no undo step: an answer is what the learner recalled that
day, and a new answer is the way to say otherwise — and every view follows from its `Change`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from planner.core.reviews import ANSWER_WORDS, Answer, ReviewState
from planner.core.status import Status
from planner.core.units import plural
from planner.render.charts import chart_style
from planner.ui import commands
from planner.ui.ops import run_change
from planner.ui.state import AppState
from planner.ui.views.lazy_view import LazyView
from planner.ui.widgets.dates import short_date
from planner.ui.widgets.plain_label import plain_label
from planner.ui.widgets.scroll_area import scroll_area
from planner.ui.widgets.wrapping_label import WrappingLabel

WEEK_DAYS = 6  # "this week": due within the next six days after today
REVIEW_HELP = (
    "A skill you finished comes back after growing intervals. Take a few minutes: recall what "
    "it was about, skim your notes, redo a small exercise. Then answer honestly — “Rusty” "
    "brings it back sooner."
)
NOTHING_FINISHED = (
    "Nothing to review yet.\nA skill you finish comes up here for a short review some days later."
)
REOPEN_TIP = "Set the skill back to in progress: your plan makes room to study it again"


def due_words(due: date, today: date) -> str:
    """When a review is due, in words: 'due today', '3 days overdue', 'due Thu 12 Mar'."""
    late = (today - due).days
    if late > 0:
        return f"{plural(late, 'day')} overdue"
    if late == 0:
        return "due today"
    if late == -1:
        return "due tomorrow"
    return f"due {short_date(due, 'ddd d MMM')}"


def review_details(state: ReviewState, today: date) -> str:
    """One line: when a skill was finished, last reviewed and is due."""
    parts = [f"Finished {short_date(state.finished)}"]
    if state.last_reviewed is not None:
        parts.append(f"last reviewed {short_date(state.last_reviewed)}")
    else:
        parts.append("not reviewed yet")
    parts.append(due_words(state.due, today))
    return " · ".join(parts)


def reviews_due_words(count: int) -> str:
    """'3 reviews due' ('' for none): the status bar's words."""
    return f"{plural(count, 'review')} due" if count else ""


class ReviewRow(QFrame):
    """One skill to review: its name and dates, and the answer buttons.

    Signals:
        answered(str, str): the learner answered (skill id, `Answer` value).
        reopenRequested(str): the learner wants to study the skill again.
        clicked(str): the row was clicked (select the skill).
    """

    answered = Signal(str, str)
    reopenRequested = Signal(str)
    clicked = Signal(str)

    def __init__(self, name: str, state: ReviewState, today: date, answerable: bool) -> None:
        super().__init__()
        self.skill_id = state.skill_id
        self.selected = False
        self.setAccessibleName(f"Review of {name}")
        self.name = QLabel(name)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.details = WrappingLabel(review_details(state, today))
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.details)
        self.advice = WrappingLabel()
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setObjectName("reopenAdvice")
        if state.suggest_reopening:
            self.advice.setText(
                f"Rusty {plural(state.rusty_in_a_row, 'time')} in a row: worth studying it again?"
            )
            text.addWidget(self.advice)
        self.advice.setVisible(state.suggest_reopening)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.solid_button = QPushButton(ANSWER_WORDS[Answer.SOLID])
        self.solid_button.setToolTip("You still know it: the next review comes later")
        self.rusty_button = QPushButton(ANSWER_WORDS[Answer.RUSTY])
        self.rusty_button.setToolTip("It has faded: the next review comes sooner")
        self.reopen_button = QPushButton("Study it again")
        self.reopen_button.setToolTip(REOPEN_TIP)
        self.reopen_button.setVisible(state.suggest_reopening)
        for button in (self.solid_button, self.rusty_button):
            button.setVisible(answerable)
            buttons.addWidget(button)
        buttons.addWidget(self.reopen_button)
        self.solid_button.clicked.connect(lambda: self.answered.emit(self.skill_id, Answer.SOLID))
        self.rusty_button.clicked.connect(lambda: self.answered.emit(self.skill_id, Answer.RUSTY))
        self.reopen_button.clicked.connect(lambda: self.reopenRequested.emit(self.skill_id))

        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addLayout(text, 1)
        row.addLayout(buttons)

    def set_selected(self, selected: bool) -> None:
        """Outline the row in the accent colour when its skill is the selection."""
        if selected != self.selected:
            self.selected = selected
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.skill_id)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        style = chart_style(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(accent if self.selected else style.grid, 2 if self.selected else 1))
        painter.setBrush(style.background)
        painter.drawRoundedRect(self.rect().toRectF().adjusted(1, 1, -1, -1), 6, 6)
        painter.end()


class ReviewView(LazyView):
    """Reviews due today (with their answers) and later this week."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows: list[ReviewRow] = []
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.summary.setFont(font)
        self.help = WrappingLabel(REVIEW_HELP)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.today_title = _heading("Due today")
        self.week_title = _heading("Later this week")
        self.today_box = QVBoxLayout()
        self.week_box = QVBoxLayout()
        for box in (self.today_box, self.week_box):
            box.setSpacing(8)

        column = QVBoxLayout()
        column.addWidget(self.summary)
        column.addWidget(self.help)
        column.addSpacing(6)
        column.addWidget(self.today_title)
        column.addLayout(self.today_box)
        column.addSpacing(6)
        column.addWidget(self.week_title)
        column.addLayout(self.week_box)
        column.addStretch(1)
        self.content = scroll_area(column, margin=12, spacing=8)

        self.empty = QLabel()
        self.empty.setObjectName("reviewEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.content)
        self._connect_signals()

    def _connect_signals(self) -> None:
        # Finishing or re-opening a skill changes what there is to review; so does an answer.
        self.state.planChanged.connect(self._on_changed)
        self.state.reviewsChanged.connect(self._on_changed)
        self.state.selectionChanged.connect(self._on_selection_changed)

    # ------------------------------------------------------------------ state -> view
    def _lay_out(self) -> None:
        """Show what is due now."""
        planner = self.state.planner
        today = planner.today()
        states = self.state.review_states()
        due = sorted(
            (s for s in states if s.is_due(today, WEEK_DAYS)), key=lambda s: (s.due, s.skill_id)
        )
        now = [s for s in due if s.is_due(today)]
        later = [s for s in due if not s.is_due(today)]
        for row in self.rows:  # a click in a row may be what refreshed: Qt deletes it later
            row.hide()
            row.deleteLater()
        self.rows = []
        if not due:
            self.empty.setText(_nothing_due(states, today, self._name))
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        self.summary.setText(
            f"{plural(len(now), 'review')} due today"
            + (f" · {len(later)} more this week" if later else "")
        )
        for box, items, answerable in ((self.today_box, now, True), (self.week_box, later, False)):
            for item in items:
                row = ReviewRow(self._name(item.skill_id), item, today, answerable)
                row.answered.connect(self.answer)
                row.reopenRequested.connect(self._reopen)
                row.clicked.connect(self.state.select)
                row.set_selected(item.skill_id == self.state.selected)
                box.addWidget(row)
                self.rows.append(row)
        self.today_title.setVisible(bool(now))
        self.week_title.setVisible(bool(later))

    def _name(self, skill_id: str) -> str:
        skill = self.state.planner.library().skills.get(skill_id)
        return skill.name if skill is not None else skill_id

    def row(self, skill_id: str) -> ReviewRow | None:
        """The row of a skill, if it is shown."""
        return next((r for r in self.rows if r.skill_id == skill_id), None)

    def _on_selection_changed(self, skill_id: str) -> None:
        for row in self.rows:
            row.set_selected(row.skill_id == skill_id)

    # ------------------------------------------------------------------ view -> state
    def answer(self, skill_id: str, answer: str) -> None:
        """Record the learner's answer today; the list follows at once."""
        self.state.select(skill_id)
        reviews = self.state.planner.reviews
        run_change(self.state, lambda: reviews.answer(skill_id, answer))

    def _reopen(self, skill_id: str) -> None:
        self.state.select(skill_id)
        commands.set_status(self.state, skill_id, Status.IN_PROGRESS)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            for row in self.rows:
                row.update()
        super().changeEvent(event)


def _heading(text: str) -> QLabel:
    label = plain_label(text, wrap=False)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _nothing_due(states: list[ReviewState], today: date, name: Callable[[str], str]) -> str:
    if not states:
        return NOTHING_FINISHED
    upcoming = min(states, key=lambda s: (s.due, s.skill_id))
    skill = name(upcoming.skill_id)
    return (
        f"Nothing to review — next review on {short_date(upcoming.due, 'ddd d MMM yyyy')} "
        f"({skill})."
    )
