"""A dialog's own buttons: the one that accepts it (OK, Save…) and Cancel."""

from __future__ import annotations

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
