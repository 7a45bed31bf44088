"""The Progress view: summary cards, charts of the study so far, recent activity with undo.

The charts — the burn-up, weekly hours, a year of study days — are painted by
planner/render/charts.py, as in the PDF.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QPoint,
    QSize,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPalette, QResizeEvent, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QStackedLayout,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.forecast import forecast_card, velocity_words
from planner.core.plan import MAX_HOURS_PER_WEEK, Plan
from planner.core.progress import Progress, round_up
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours, format_logged, format_minutes, plural
from planner.errors import PlannerError
from planner.render.charts import chart_style
from planner.service import Activity
from planner.ui.dialogs.study_session import SessionDialog
from planner.ui.ops import report, run_change
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.views.chart_widgets import (
    BurnupChart,
    Card,
    HeatmapChart,
    Section,
    WeeklyHoursChart,
)
from planner.ui.widgets.dates import qdate, short_date, to_date

ACTIVITY_LIMIT = 100
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_TEXT = "Choose a role to see your progress.\nFile → Set up your plan… guides you."


class ProgressView(QWidget):
    """How far the learner has come, how fast, and what they recorded lately.

    Signals:
        statusRequested(str, str): set a skill's status (reverting a status change).
        sessionEditRequested(int, int, object, str): correct a session (id, minutes, day, note).
        sessionDeleteRequested(int): delete a study session.
        sessionRestoreRequested(int): bring a deleted session back.
    """

    statusRequested = Signal(str, str)
    sessionEditRequested = Signal(int, int, object, str)
    sessionDeleteRequested = Signal(int)
    sessionRestoreRequested = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.done_card = Card("Done", "behind")  # done, known and skipped: behind the learner
        self.studied_card = Card("Studied", "studied")
        self.streak_card = Card("Streak", "streak")
        self.finish_card = Card("Finish", "finish")
        self.target_card = Card("Target", "target")
        self.target_check = QCheckBox("Finish by")
        self.target_check.setToolTip("Aim for a finish date: see the hours per week it needs")
        self.target_edit = QDateEdit()
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("d MMM yyyy")
        self.target_edit.setKeyboardTracking(False)  # one change per date, not per keystroke
        self.target_edit.setAccessibleName("Target date")
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_check)
        target_row.addWidget(self.target_edit, 1)
        self.target_card.box.insertLayout(2, target_row)

        self.burnup = BurnupChart()
        self.weekly = WeeklyHoursChart()
        self.heatmap = HeatmapChart()
        self.activity = QTreeWidget()
        self.activity.setAccessibleName("Recent activity")
        self.activity.setHeaderLabels(["Day", "What you recorded"])
        self.activity.setRootIsDecorated(False)
        self.activity.setUniformRowHeights(True)
        self.activity.setAlternatingRowColors(True)
        self.activity.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.activity.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The day column takes the width of its longest date in the current font, so that no
        # date is cut ("20 Dec …") at any size; the words take the rest (elided, tooltip whole).
        self.activity.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.activity.header().setStretchLastSection(True)
        self.activity.setMinimumHeight(160)
        self.undo_button = self._tool_button("Undo", "Undo the last change (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self._undo_stack: QUndoStack | None = None
        self.edit_button = self._tool_button("Edit…", "Correct this study session")
        self.delete_button = self._tool_button("Delete", "Delete this study session")
        self.restore_button = self._tool_button("Restore", "Bring this study session back")
        self.revert_button = self._tool_button("Revert", "Set the skill back to its status before")
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.revert_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        activity_body = QWidget()
        activity_layout = QVBoxLayout(activity_body)
        activity_layout.setContentsMargins(0, 0, 0, 0)
        activity_layout.addWidget(self.activity, 1)
        activity_layout.addLayout(actions)

        self.cards = [
            self.done_card,
            self.studied_card,
            self.streak_card,
            self.finish_card,
            self.target_card,
        ]
        # One row of cards when they fit, else two or three rows (large fonts): see resizeEvent.
        self.cards_rows = QVBoxLayout()
        self.cards_rows.setSpacing(10)
        self.card_rows = [QHBoxLayout() for _ in self.cards]
        for row in self.card_rows:
            row.setSpacing(10)
            self.cards_rows.addLayout(row)
        self.cards_per_row = 0
        self._place_cards(len(self.cards))
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(Section("Burn-up", self.burnup), 0, 0)
        grid.addWidget(Section("Recent activity", activity_body, self.undo_button), 0, 1, 2, 1)
        grid.addWidget(Section("Hours per week", self.weekly), 1, 0)
        grid.addWidget(Section("Study days", self.heatmap), 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 2)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(10, 10, 10, 10)
        column.setSpacing(10)
        column.addLayout(self.cards_rows)
        column.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        self.content = scroll
        self._connect_signals()
        self.refresh()

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _connect_signals(self) -> None:
        self._follow_undo_stack(self.state.undo_stack)
        self.state.planChanged.connect(self.refresh)
        self.activity.currentItemChanged.connect(self._update_buttons)
        self.activity.customContextMenuRequested.connect(self._context_menu)
        self.activity.itemDoubleClicked.connect(self._on_double_clicked)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.activity)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.revert_button.clicked.connect(self.revert_selected)
        self.target_check.toggled.connect(self._on_target_toggled)
        self.target_edit.dateChanged.connect(self._on_target_date)

    def _follow_undo_stack(self, stack: QUndoStack) -> None:
        """The window's undo stack: the activity's Undo button undoes its last step."""
        self._undo_stack = stack
        self.undo_button.clicked.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.undoTextChanged.connect(self._show_undo_text)
        self.undo_button.setEnabled(stack.canUndo())
        self._show_undo_text(stack.undoText())

    def _show_undo_text(self, menu_text: str) -> None:
        # undoText() is the Edit menu's, `&` doubled (see ops.ChangeCommand): the tooltip shows
        # the step's own text. (The stack says "" as it is deleted: it is then left alone.)
        stack = self._undo_stack
        text = stack.text(stack.index() - 1) if menu_text and stack is not None else ""
        self.undo_button.setToolTip(
            tooltip(f"Undo: {text} (Ctrl+Z)") if text else "Nothing to undo"
        )

    # ------------------------------------------------------------------ state -> view
    def refresh(self) -> None:
        """Show the current plan's progress and the newest entries."""
        plan, progress = self.state.plan, self.state.progress
        self.stack.setCurrentWidget(self.content if plan is not None else self.empty)
        if plan is None or progress is None:
            return
        today = progress.as_of or self.state.planner.today()
        self._fill_cards(plan, progress)
        self.burnup.set_data(plan, progress)
        self.weekly.set_progress(progress)
        self.heatmap.set_days(progress.minutes_by_day, today)
        self._fill_activity(self.state.planner.progress.recent_activity(ACTIVITY_LIMIT))

    def _fill_cards(self, plan: Plan, p: Progress) -> None:
        self.done_card.show_figure(
            f"{p.percent_done_hours:.0f} %",
            f"{format_hours(p.hours_done)} of {format_hours(p.hours_total)}\n"
            f"{p.skills_done} of {plural(p.skills_total, 'skill')} ({p.percent_done_skills:.0f} %)",
        )
        self.studied_card.show_figure(format_logged(p.hours_logged), velocity_words(p.forecast))
        self.streak_card.show_figure(
            plural(p.streak_days, "day"), f"longest {plural(p.longest_streak_days, 'day')}"
        )
        planned = short_date(p.planned_finish) if p.planned_finish else ""
        if not plan.remaining_hours:
            self.finish_card.show_figure("Finished", "nothing left to study in this plan")
        elif p.forecast_finish is None:
            # No date the history cannot bear: what is missing instead (core/forecast.py).
            headline, detail = forecast_card(p.forecast, short_date)
            self.finish_card.show_figure(headline, f"{detail}\nplanned {planned}")
        else:
            self.finish_card.show_figure(
                _pace(p.days_ahead),
                f"planned {planned}\nat your pace {short_date(p.forecast_finish)}",
            )
        self._fill_target(plan, p)

    def _fill_target(self, plan: Plan, p: Progress) -> None:
        today = p.as_of or self.state.planner.today()
        for widget in (self.target_check, self.target_edit):
            widget.blockSignals(True)
        self.target_edit.setMinimumDate(qdate(min(today, p.target_date or today)))
        self.target_check.setChecked(p.target_date is not None)
        self.target_edit.setEnabled(p.target_date is not None)
        default = p.target_date or p.planned_finish or today
        self.target_edit.setDate(qdate(default))
        for widget in (self.target_check, self.target_edit):
            widget.blockSignals(False)
        warn = False
        if p.target_date is None:
            value, detail = "None", "Set a date to see the hours per week it needs."
        elif not plan.remaining_hours:
            value, detail = short_date(p.target_date), "Nothing left to study."
        elif not p.target_possible or p.hours_per_week_needed is None:
            value, warn = short_date(p.target_date), True
            detail = f"The plan cannot fit before it, even at {MAX_HOURS_PER_WEEK:g} h/week."
        else:
            value = short_date(p.target_date)
            needed = f"{round_up(p.hours_per_week_needed):g} h/week"
            if p.target_fits:
                detail = f"Needs {needed}; your {plan.hours_per_week:g} h/week make it."
            else:
                warn = True
                detail = f"Needs {needed}: the plan does not fit at {plan.hours_per_week:g} h/week."
        self.target_card.show_figure(value, detail)
        palette = QPalette(self.palette())
        if warn:  # the forecast's amber, chosen to read on light and on dark
            palette.setColor(QPalette.ColorRole.WindowText, chart_style(self.palette()).forecast)
        self.target_card.detail.setPalette(palette)
        self.target_card.detail.setAccessibleDescription("warning" if warn else "")

    def _fill_activity(self, entries: list[Activity]) -> None:
        selected = self.selected_activity()
        key = (selected.kind, selected.id) if selected is not None else None
        self.activity.clear()
        skills = self.state.planner.library().skills
        this_year = self.state.planner.today().year
        locale = QLocale()
        for entry in entries:
            name = skills[entry.skill].name if entry.skill in skills else entry.skill
            pattern = "d MMM" if entry.day.year == this_year else "d MMM yyyy"
            day = locale.toString(qdate(entry.day), pattern)
            words = _describe(entry, name)
            item = QTreeWidgetItem([day, words])
            item.setData(0, ACTIVITY_ROLE, entry)
            entered = _local(entry.recorded_at)
            # Corrections are made after the day they correct by nature; only a status or a
            # session recorded after its day is back-dated.
            back_dated = entry.kind in ("status", "logged") and entered.date() != qdate(entry.day)
            when = f"Entered {locale.toString(entered, 'd MMM yyyy, HH:mm')}"
            if back_dated:
                when += f", for {short_date(entry.day)} (back-dated)"
            for column in (0, 1):
                item.setToolTip(column, tooltip(words) + tooltip(when))
            if entry.kind == "logged" and entry.session_deleted:
                font = item.font(1)
                font.setStrikeOut(True)
                item.setFont(1, font)
                item.setForeground(1, self.palette().color(QPalette.ColorRole.PlaceholderText))
            if back_dated:
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
            self.activity.addTopLevelItem(item)
            if key == (entry.kind, entry.id):
                self.activity.setCurrentItem(item)
        self._update_buttons()

    # ------------------------------------------------------------------ activity actions
    def selected_activity(self) -> Activity | None:
        """The entry selected in the recent activity, if any."""
        item = self.activity.currentItem()
        entry = item.data(0, ACTIVITY_ROLE) if item is not None else None
        return entry if isinstance(entry, Activity) else None

    def _update_buttons(self) -> None:
        entry = self.selected_activity()
        live = entry is not None and entry.session_id is not None and not entry.session_deleted
        self.edit_button.setVisible(live)
        self.delete_button.setVisible(live)
        self.restore_button.setVisible(
            entry is not None and entry.session_id is not None and entry.session_deleted
        )
        revertable = entry is not None and entry.kind == "status" and entry.latest
        self.revert_button.setVisible(revertable)
        if entry is not None and entry.previous is not None and revertable:
            self.revert_button.setText(f"Back to {STATUS_WORDS[entry.previous]}")

    def edit_selected(self) -> None:
        """Open the correction dialog for the selected session."""
        entry = self.selected_activity()
        if entry is None or entry.session_id is None or entry.session_deleted:
            return
        try:
            session = self.state.planner.progress.study_session(entry.session_id)
        except PlannerError as error:
            report(self.state, error)
            return
        dialog = SessionDialog(
            session.minutes, session.day, session.note, self.state.planner.today(), self
        )
        dialog.accepted.connect(
            lambda: self.sessionEditRequested.emit(
                session.id, dialog.minutes, dialog.day(), dialog.note.text()
            )
        )
        dialog.open()

    def delete_selected(self) -> None:
        """Delete the selected session (undoable)."""
        entry = self.selected_activity()
        if entry is not None and entry.session_id is not None and not entry.session_deleted:
            self.sessionDeleteRequested.emit(entry.session_id)

    def restore_selected(self) -> None:
        """Bring the selected deleted session back (undoable)."""
        entry = self.selected_activity()
        if entry is not None and entry.session_id is not None and entry.session_deleted:
            self.sessionRestoreRequested.emit(entry.session_id)

    def revert_selected(self) -> None:
        """Set the selected status change's skill back to the status before it (undoable)."""
        entry = self.selected_activity()
        if entry is not None and entry.previous is not None and entry.latest:
            self.statusRequested.emit(entry.skill, entry.previous)

    def _on_double_clicked(self, item: QTreeWidgetItem) -> None:
        entry = item.data(0, ACTIVITY_ROLE)
        if isinstance(entry, Activity):
            self.state.select(entry.skill)

    def _context_menu(self, position: QPoint) -> None:
        if self.activity.itemAt(position) is None:
            return
        menu = QMenu(self)
        for button in (
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.revert_button,
        ):
            if not button.isHidden():
                menu.addAction(button.text(), button.click)
        entry = self.selected_activity()
        if entry is not None:
            menu.addSeparator()
            menu.addAction("Select the skill", lambda: self.state.select(entry.skill))
        menu.popup(self.activity.viewport().mapToGlobal(position))

    # ------------------------------------------------------------------ target date
    def _on_target_toggled(self, on: bool) -> None:
        self.target_edit.setEnabled(on)
        self._set_target(self._edit_day() if on else None)

    def _on_target_date(self, _date: QDate) -> None:
        if self.target_check.isChecked():
            self._set_target(self._edit_day())

    def _edit_day(self) -> date:
        return to_date(self.target_edit.date())

    def _set_target(self, day: date | None) -> None:
        run_change(self.state, lambda: self.state.planner.profiles.set_target_date(day))

    def changeEvent(self, event: QEvent) -> None:
        # Item and warning colours are taken from the palette when filled: light and dark
        # each need their own.
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(900, 700)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.content.viewport().width() - 20  # the column's margins

        def fits(per_row: int) -> bool:
            rows = [self.cards[i : i + per_row] for i in range(0, len(self.cards), per_row)]
            return all(
                sum(c.minimumSizeHint().width() for c in row) + 10 * (len(row) - 1) <= width
                for row in rows
            )

        self._place_cards(next((n for n in (5, 3, 2) if fits(n)), 1))

    def _place_cards(self, per_row: int) -> None:
        if per_row == self.cards_per_row:
            return
        self.cards_per_row = per_row
        for row in self.card_rows:
            for card in self.cards:
                row.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.card_rows[index // per_row].addWidget(card)


def _describe(entry: Activity, name: str) -> str:
    """An entry in the learner's words."""
    if entry.status is not None and entry.previous is not None:  # a status change
        words = {
            Status.DONE: f"Finished “{name}”",
            Status.IN_PROGRESS: f"Started “{name}”",
            Status.SKIPPED: f"Skipped “{name}”",
            Status.TODO: f"Set “{name}” back to {STATUS_WORDS[Status.TODO]}",
        }
        return f"{words[entry.status]} (was {STATUS_WORDS[entry.previous]})"
    time = format_minutes(entry.minutes)
    if entry.kind == "logged":
        text = f"Studied “{name}” for {time}"
        if entry.session_deleted:
            text += " (deleted)"
        return text + (f" · {entry.note}" if entry.note else "")
    if entry.kind == "edited":
        before = format_minutes(entry.old_minutes or 0)
        if entry.old_day is not None and entry.old_day != entry.day:
            before += f" on {short_date(entry.old_day)}"
        return f"Corrected time on “{name}”: {before} → {time}"
    verb = "Deleted" if entry.kind == "deleted" else "Restored"
    return f"{verb} {time} on “{name}”"


def _pace(days_ahead: int | None) -> str:
    """'12 days ahead', 'On plan', '3 days behind' (the card says of what)."""
    if not days_ahead:
        return "On plan"
    return f"{plural(abs(days_ahead), 'day')} {'ahead' if days_ahead > 0 else 'behind'}"


def _local(utc: datetime) -> QDateTime:
    """A stored UTC time in the learner's time zone."""
    return QDateTime(
        qdate(utc), QTime(utc.hour, utc.minute, utc.second), QTimeZone.utc()
    ).toLocalTime()
