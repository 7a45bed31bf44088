"""The learner's name in the onboarding: the profile's name, which the PDF is prepared for."""

from __future__ import annotations

import getpass
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.service import DEFAULT_PROFILE

MAX_NAME = 100  # as the service allows for a profile's name


def suggested_name(current: str) -> str:
    """What the name field starts with: the profile's own name, or, for the profile made on
    first use (called "default"), the name the learner logs in with."""
    if current != DEFAULT_PROFILE:
        return current
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name to be had: let them type one
        return ""
    return user.strip()[:MAX_NAME]


def name_problem(name: str, current: str, taken: Iterable[str]) -> str | None:
    """Why `name` cannot be the learner's, in their words; None when it can be."""
    name = name.strip()
    if not name:
        return "Enter your name: your plan and its PDF are prepared for it."
    if len(name) > MAX_NAME:
        return f"A name has at most {MAX_NAME} characters."
    if name != current and name in set(taken):
        return f"Another profile is called “{name}”: choose another name."
    return None


class NameField(QWidget):
    """The name to plan for, with what is wrong with it (if anything) right under it.

    Signals:
        changed(): the name was edited (`problem()` may have changed with it).
    """

    changed = Signal()

    def __init__(self, current: str, taken: Iterable[str], parent: QWidget | None = None):
        super().__init__(parent)
        self._current = current
        self._taken = frozenset(taken)
        self.edit = QLineEdit(suggested_name(current))
        self.edit.setObjectName("learnerName")
        self.edit.setAccessibleName("Your name")
        self.edit.setPlaceholderText("Your name")
        self.edit.setMaxLength(MAX_NAME + 1)  # one more, so that too long is said, not cut
        self.edit.setMaximumWidth(self.edit.fontMetrics().averageCharWidth() * 40)
        hint = QLabel(
            "Your plan and its PDF are prepared for this name; File → Rename profile… "
            "changes it later."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.message = QLabel()
        self.message.setObjectName("learnerNameProblem")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        # Room for the message from the start: the page does not jump as the learner types.
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing())
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Your &name:", self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(self._on_edited)
        self._on_edited()

    def name(self) -> str:
        """The name as typed, without surrounding spaces."""
        return self.edit.text().strip()

    def problem(self) -> str | None:
        """What is wrong with the name, or None."""
        return name_problem(self.edit.text(), self._current, self._taken)

    def _on_edited(self) -> None:
        self.message.setText(self.problem() or "")
        self.changed.emit()
