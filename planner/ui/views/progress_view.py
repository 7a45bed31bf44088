"""The Progress view: summary cards, charts of the study so far, recent activity with undo.

The charts — the burn-up, weekly hours, a year of study days — are painted by
planner/render/charts.py, as in the PDF; the recent activity is an ActivityList
(planner/ui/views/activity_list.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QDate, QEvent, QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from planner.core.forecast import AT_RECENT_RATE, forecast_card, velocity_words
from planner.core.pace import MAX_HOURS_PER_WEEK
from planner.core.plan_steps import Plan
from planner.core.progress import Progress, round_up
from planner.core.units import format_hours, format_logged, plural
from planner.core.wording import ahead_words, pace_sentence
from planner.render.charts import chart_style
from planner.ui.ops import run_change
from planner.ui.state import AppState
from planner.ui.views.activity_list import ActivityList
from planner.ui.views.chart_widgets import (
    BurnupChart,
    Card,
    HeatmapChart,
    Section,
    WeeklyHoursChart,
)
from planner.ui.widgets.dates import qdate, short_date, to_date
from planner.ui.widgets.scroll_area import scroll_area
from planner.ui.widgets.wrapping_label import WrappingLabel

EMPTY_TEXT = "Choose a role to see your progress.\nFile → Set up your plan… guides you."


class ProgressView(QWidget):
    """How far the learner has come, how fast, and what they recorded lately."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.read_only = False  # someone else's progress: shown, never changed
        self.done_card = Card("Done", "behind")  # done, known and skipped: behind the learner
        self.studied_card = Card("Studied", "studied")
        self.streak_card = Card("Streak", "streak")
        self.finish_card = Card("Finish", "finish")
        self.target_card = Card("Target", "target")
        # The learner's own pace in words, with the finish both ways, under the cards.
        self.pace_line = WrappingLabel()
        self.pace_line.setObjectName("paceLine")
        self.pace_line.setTextFormat(Qt.TextFormat.PlainText)
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
        self.activity_list = ActivityList(state)
        # The recent activity's parts, under the names the view has always given them.
        self.activity = self.activity_list.tree
        self.undo_button = self.activity_list.undo_button
        self.edit_button = self.activity_list.edit_button
        self.delete_button = self.activity_list.delete_button
        self.restore_button = self.activity_list.restore_button
        self.revert_button = self.activity_list.revert_button
        self.selected_activity = self.activity_list.selected_activity

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
        grid.addWidget(Section("Recent activity", self.activity_list, self.undo_button), 0, 1, 2, 1)
        grid.addWidget(Section("Hours per week", self.weekly), 1, 0)
        grid.addWidget(Section("Study days", self.heatmap), 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 2)

        column = QVBoxLayout()
        column.addLayout(self.cards_rows)
        column.addWidget(self.pace_line)
        column.addLayout(grid, 1)
        scroll = scroll_area(column, margin=10, spacing=10)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        self.content = scroll
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.state.planChanged.connect(self.refresh)
        self.state.reviewsChanged.connect(self.refresh)  # the heatmap's dots
        self.target_check.toggled.connect(self._on_target_toggled)
        self.target_edit.dateChanged.connect(self._on_target_date)

    def set_read_only(self, read_only: bool) -> None:
        """Show someone else's progress: no target date to set, no history to correct."""
        self.read_only = read_only
        self.target_check.setEnabled(not read_only)
        self.activity_list.set_read_only(read_only)
        self.refresh()

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
        reviews = Counter(e.day for e in self.state.planner.reviews.events())
        self.heatmap.set_days(progress.minutes_by_day, today, dict(reviews))
        self.activity_list.refresh()

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
                ahead_words(p.days_ahead),  # the card says of what
                f"planned {planned}\n{AT_RECENT_RATE} {short_date(p.forecast_finish)}",
            )
        self._fill_pace()
        self._fill_target(plan, p)

    def _fill_pace(self) -> None:
        self.pace_line.setText(pace_sentence(self.state.pace, self.state.plan, short_date))

    def _fill_target(self, plan: Plan, p: Progress) -> None:
        today = p.as_of or self.state.planner.today()
        for widget in (self.target_check, self.target_edit):
            widget.blockSignals(True)
        self.target_edit.setMinimumDate(qdate(min(today, p.target_date or today)))
        self.target_check.setChecked(p.target_date is not None)
        self.target_edit.setEnabled(p.target_date is not None and not self.read_only)
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
        if self.read_only:
            return
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
