"""Buttons: a push button with its tooltip and click, a dialog's OK (or Save…) and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

Standard = QDialogButtonBox.StandardButton


def accept_buttons(
    dialog: QDialog, accept: Standard = Standard.Ok
) -> tuple[QDialogButtonBox, QPushButton]:
    """`accept` and Cancel, wired to the dialog's accept and reject: the box and its `accept`
    button (to enable, or to name)."""
    box = QDialogButtonBox(accept | Standard.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, box.button(accept)


def push_button(text: str, tip: str, clicked: Callable[[], object]) -> QPushButton:
    """A button saying `text`, explained by its tooltip `tip`, calling `clicked` when clicked."""
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(clicked)
    return button
