"""The skill panel's study timer: Start times the skill shown, Stop logs the minutes.

The start is stored in the database (the service's `start_timer`), so a timer keeps running
while the app is closed and shows again when it opens; the display ticks once a second.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from planner.errors import PlannerError
from planner.service import RunningTimer
from planner.ui import commands
from planner.ui.ops import run_change
from planner.ui.state import AppState
from planner.ui.views.skill_part import SkillPart
from planner.ui.widgets.buttons import push_button

TICK_MS = 1000


def elapsed_text(seconds: int) -> str:
    """A running clock: 0:04:09, 1:30:00."""
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours}:{rest // 60:02}:{rest % 60:02}"


class StudyTimer(SkillPart):
    """Start / Stop for the skill shown, the time elapsed, and Discard; Stop is an undo step
    (ui/commands.stop_timer)."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.running: RunningTimer | None = None
        self.start_button = push_button(
            "Start timer", "Time your study of this skill; Stop logs the time", self.start
        )
        self.stop_button = push_button(
            "Stop and log", "Stop the timer and log the time as a study session", self.stop
        )
        self.discard_button = push_button(
            "Discard", "Stop the timer without logging anything", self.discard
        )
        self.clock = QLabel()
        self.clock.setTextFormat(Qt.TextFormat.PlainText)
        self.clock.setAccessibleName("Study timer")
        self.clock.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.clock, 1)
        layout.addWidget(self.discard_button)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._tick)

    def show_skill(self, skill_id: str) -> None:
        """Show the timer for a skill (a timer running on another skill is named)."""
        self.skill_id = skill_id
        self.refresh()

    def refresh(self) -> None:
        """Read the running timer from the database (another window or the CLI may have
        started or stopped it) and show it."""
        try:
            self.running = self.state.planner.timer.running()
        except PlannerError:
            self.running = None
        here = self.running is not None and self.running.skill == self.skill_id
        elsewhere = self.running is not None and not here
        self.start_button.setVisible(self.running is None)
        self.stop_button.setVisible(here)
        self.discard_button.setVisible(here)
        if elsewhere:
            assert self.running is not None
            skills = self.state.planner.library().skills
            name = skills[self.running.skill].name
            self.clock.setText(f"A timer is running on {name}.")
        if self.running is not None:
            self.ticker.start()
        else:
            self.ticker.stop()
            self.clock.setText("")
        self._tick()

    def _tick(self) -> None:
        if self.running is None or self.running.skill != self.skill_id:
            return
        seconds = int((self.state.planner.now() - self.running.started).total_seconds())
        self.clock.setText(f"Studying for {elapsed_text(seconds)}")

    def start(self) -> None:
        """Start timing the skill shown."""
        if not self.skill_id:
            return
        skill_id = self.skill_id
        run_change(self.state, lambda: self.state.planner.timer.start(skill_id))
        self.refresh()

    def stop(self) -> None:
        """Stop the timer and log its time (an undo step), then show what is left running."""
        commands.stop_timer(self.state)
        self.refresh()

    def discard(self) -> None:
        """Stop the timer without logging."""
        run_change(self.state, self.state.planner.timer.cancel)
        self.refresh()
