"""Lists and tables the learner reads and picks a row of, never editing a cell in place."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView


def pick_one_row(view: QAbstractItemView) -> None:
    """Whole rows, one at a time, alternately shaded; no cell is edited in place (the data
    changes through the service)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
