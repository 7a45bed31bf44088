"""What each part of the skill panel (timer, sessions) starts from: the app state, the skill."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from planner.ui.state import AppState


class SkillPart(QWidget):
    """A part of the skill panel, showing the skill `skill_id` ("" before any is shown)."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.skill_id = ""
