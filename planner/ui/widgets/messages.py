"""Message boxes: a plain-text message, a question with Cancel as the default, an error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, informative: str = ""
) -> QMessageBox:
    """A message box whose text is never taken for markup (names come from roadmap files)."""
    box = QMessageBox(icon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    return box


def confirm_box(
    parent: QWidget | None,
    title: str,
    question: str,
    action: str,
    *,
    informative: str = "",
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.DestructiveRole,
) -> tuple[QMessageBox, QAbstractButton]:
    """A question with one action button and Cancel, the default; the box and its action button."""
    box = message_box(parent, QMessageBox.Icon.Question, title, question, informative)
    yes = box.addButton(action, role)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box, yes


def ask(box: QMessageBox, action: QAbstractButton) -> bool:
    """Show a question (from `confirm_box`) and wait for the answer: whether `action` was chosen."""
    box.exec()
    return box.clickedButton() is action


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A warning shown without waiting; returned so the caller keeps it (and tests find it)."""
    box = message_box(parent, QMessageBox.Icon.Warning, title, message)
    box.open()
    return box
