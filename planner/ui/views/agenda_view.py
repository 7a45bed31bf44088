"""The Agenda view: this week and next as day columns, the plan's next steps and the reviews
that are due laid into the learner's study times (planner/core/agenda.py, through
`Planner.agenda`). A block logs its minutes on its day with one click, as an undo step.

A week shows the learner's study days (and today): a day without study time has nothing to
say, and seven narrow columns would squeeze the skills' names.

The agenda is laid out again whenever the plan changes (a status, time logged, the hours a
week, the study times) or a review is answered, like every other view.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from planner.core.agenda import Agenda, Block, BlockKind, slots_text
from planner.core.units import format_hours, format_minutes
from planner.render.charts import chart_style
from planner.render.style import style_for
from planner.ui import commands
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.views.lazy_view import LazyView
from planner.ui.widgets.dates import short_date
from planner.ui.widgets.plain_label import plain_label
from planner.ui.widgets.scroll_area import scroll_area
from planner.ui.widgets.wrapping_label import WrappingLabel

WEEKS = 2
KIND_WORDS = {BlockKind.STUDY: "Study", BlockKind.REVIEW: "Review"}
NO_ROLE_TEXT = "Choose a role to see your agenda.\nFile → Set up your plan… guides you."
NO_SLOTS_TEXT = (
    "When do you study? Tell the planner your study times — say Mon 19:00–21:00 and "
    "Sat 10:00–13:00 — and your agenda lays the plan's next steps and the reviews that are due "
    "into them, week by week."
)
LOGGED = "Logged ✓"


class BlockCard(QFrame):
    """One block: its time, skill, goal and minutes, and "Log this".

    Signals:
        logRequested(object): log this block's minutes (the `Block`).
        clicked(str): the card was clicked (select its skill).
    """

    logRequested = Signal(object)
    clicked = Signal(str)

    def __init__(self, block: Block, name: str, today: date, logged: bool, goal: str = "") -> None:
        super().__init__()
        self.block = block
        kind = KIND_WORDS[block.kind]
        self.setAccessibleName(f"{kind} {name}, {block.start:%H:%M} to {block.end:%H:%M}")
        self.time = plain_label(f"{block.start:%H:%M}–{block.end:%H:%M}", wrap=False)
        self.time.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.name = WrappingLabel(name)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.goal = WrappingLabel(f"{kind} · {format_minutes(block.minutes)}")
        self.goal.setTextFormat(Qt.TextFormat.PlainText)
        if block.kind is BlockKind.REVIEW:
            self.setToolTip(tooltip(f"A short review of {name}: answer it in the Review view"))
        elif goal and goal != name:
            self.setToolTip(tooltip(f"A step toward your goal {goal}"))
        self.log_button = QPushButton("Log this")
        self.log_button.setAccessibleName(f"Log {format_minutes(block.minutes)} on {name}")
        if logged:
            self.log_button.setText(LOGGED)
            self.log_button.setEnabled(False)
            self.log_button.setToolTip("Its time is in your study log")
        elif block.day > today:
            self.log_button.setEnabled(False)
            self.log_button.setToolTip(f"You can log it on {short_date(block.day, 'ddd d MMM')}")
        else:
            self.log_button.setToolTip(
                f"Log {format_minutes(block.minutes)} on {short_date(block.day)} (Ctrl+Z undoes)"
            )
        self.log_button.clicked.connect(lambda: self.logRequested.emit(self.block))
        self.logged = logged
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(2)
        for widget in (self.time, self.name, self.goal):
            layout.addWidget(widget)
        layout.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def stripe(self) -> QColor:
        """The colour of the card's edge: the accent for study, green for a review."""
        look = style_for(self.palette())
        return look.green if self.block.kind is BlockKind.REVIEW else look.accent

    def paintEvent(self, event: QPaintEvent) -> None:
        style = chart_style(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(style.grid, 1))
        painter.setBrush(style.background)
        painter.drawRoundedRect(rect, 5, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.stripe())
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.block.skill_id)
        super().mousePressEvent(event)


class DayColumn(QFrame):
    """A day of the week: its name and date, then its blocks (today in the accent colour)."""

    def __init__(self, day: date, today: date) -> None:
        super().__init__()
        self.day = day
        self.today = day == today
        self.past = day < today
        self.head = plain_label(short_date(day, "ddd d MMM"), wrap=False)
        self.head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.head.font()
        font.setBold(self.today)
        self.head.setFont(font)
        if self.today:
            self.head.setText(f"Today · {short_date(day, 'ddd d')}")
        self.setAccessibleName(short_date(day, "dddd d MMMM"))
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.setSpacing(6)
        self.box.addWidget(self.head)
        self.cards: list[BlockCard] = []
        self.free = plain_label("—", wrap=False)
        self.free.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.free.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.free.setToolTip("Nothing laid out on this day")
        self.box.addWidget(self.free)
        self.box.addStretch(1)
        self.setMinimumWidth(self.head.fontMetrics().horizontalAdvance("Today · Wed 30") + 12)

    def add(self, card: BlockCard) -> None:
        """Add a block, below the ones before it."""
        self.box.insertWidget(self.box.count() - 1, card)
        self.cards.append(card)
        self.free.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.today:
            return
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = palette.color(QPalette.ColorRole.Highlight)
        wash = QColor(accent)
        wash.setAlphaF(0.12)
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(wash)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        painter.end()


class WeekSection(QWidget):
    """One week: a heading with its dates and hours, and a column for each of `weekdays`."""

    def __init__(
        self,
        title: str,
        agenda: Agenda,
        today: date,
        hours_per_week: float,
        weekdays: Sequence[int],
    ) -> None:
        super().__init__()
        sunday = agenda.week + timedelta(days=6)
        laid = format_minutes(agenda.minutes) if agenda.minutes else "nothing"
        self.title = plain_label(
            f"{title} · {short_date(agenda.week, 'd MMM')} – {short_date(sunday)} · "
            f"{laid} laid out of your {format_hours(hours_per_week)} a week",
            wrap=False,
        )
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.days = [DayColumn(agenda.week + timedelta(days=i), today) for i in weekdays]
        for i, column in enumerate(self.days):
            grid.addWidget(column, 0, i)
            grid.setColumnStretch(i, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)

    def column(self, day: date) -> DayColumn:
        """The column of a day of this week (every block's day has one)."""
        return next(c for c in self.days if c.day == day)


class AgendaView(LazyView):
    """This week and next, block by block.

    Signals:
        settingsRequested(): the learner wants to set their study times.
    """

    settingsRequested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.weeks: list[WeekSection] = []
        self.slots = plain_label(wrap=False)
        self.slots.setObjectName("agendaSlots")
        self.change_button = QPushButton("Change study times…")
        self.change_button.setToolTip("When you study each week, and planning by your own pace")
        self.change_button.clicked.connect(self.settingsRequested)
        head = QHBoxLayout()
        head.addWidget(self.slots, 1)
        head.addWidget(self.change_button)
        self.weeks_box = QVBoxLayout()
        self.weeks_box.setSpacing(16)
        column = QVBoxLayout()
        column.addLayout(head)
        column.addLayout(self.weeks_box)
        column.addStretch(1)
        self.content = scroll_area(column, margin=12, spacing=12)

        self.no_role = plain_label(NO_ROLE_TEXT, wrap=False)
        self.no_role.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_slots = QWidget()
        self.no_slots_text = WrappingLabel(NO_SLOTS_TEXT)
        self.no_slots_text.setTextFormat(Qt.TextFormat.PlainText)
        self.no_slots_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_slots_text.setMaximumWidth(520)
        self.set_slots_button = QPushButton("Set your study times…")
        self.set_slots_button.clicked.connect(self.settingsRequested)
        empty = QVBoxLayout(self.no_slots)
        empty.addStretch(1)
        empty.addWidget(self.no_slots_text, 0, Qt.AlignmentFlag.AlignHCenter)
        empty.addSpacing(8)
        empty.addWidget(self.set_slots_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty.addStretch(1)
        self.stack = QStackedLayout(self)
        for page in (self.no_role, self.no_slots, self.content):
            self.stack.addWidget(page)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.state.planChanged.connect(self._on_changed)
        self.state.reviewsChanged.connect(self._on_changed)

    # ------------------------------------------------------------------ state -> view
    def _lay_out(self) -> None:
        """Lay out this week and next again."""
        planner = self.state.planner
        profile = planner.profile()
        if self.state.plan is None:
            self.stack.setCurrentWidget(self.no_role)
            return
        if not profile.study_slots:
            self.stack.setCurrentWidget(self.no_slots)
            return
        self.stack.setCurrentWidget(self.content)
        self.slots.setText(f"Your study times: {slots_text(profile.study_slots)}")
        today = planner.today()
        agendas = planner.agenda.weeks(count=WEEKS)
        names = planner.library().skills
        blocks = [b for agenda in agendas for b in agenda.blocks]
        weekdays = sorted(
            {s.weekday for s in profile.study_slots}
            | {b.day.weekday() for b in blocks}
            | {today.weekday()}
        )
        for week in self.weeks:  # "Log this" in a week may be what refreshed: deleted later
            week.hide()
            week.deleteLater()
        self.weeks = []
        for index, agenda in enumerate(agendas):
            title = ("This week", "Next week")[index] if index < 2 else "Later"
            section = WeekSection(title, agenda, today, profile.hours_per_week, weekdays)
            for block in agenda.blocks:
                skill = names.get(block.skill_id)
                name = skill.name if skill else block.skill_id
                goal = names.get(agenda.goals.get(block.skill_id, ""))
                card = BlockCard(block, name, today, block.logged, goal.name if goal else "")
                card.logRequested.connect(self._log)
                card.clicked.connect(self.state.select)
                section.column(block.day).add(card)
            self.weeks_box.addWidget(section)
            self.weeks.append(section)

    def cards(self) -> list[BlockCard]:
        """Every block shown, week by week, day by day."""
        return [card for week in self.weeks for day in week.days for card in day.cards]

    # ------------------------------------------------------------------ view -> state
    def _log(self, block: Block) -> None:
        self.state.select(block.skill_id)
        commands.log_study(self.state, block.skill_id, block.minutes, block.day)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            for week in self.weeks:
                week.update()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(900, 600)
