"""What the app's item models share: column titles and tips in the header, a flat table's size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ColumnHeaders:
    """A model's horizontal header: its `columns` as titles, `column_tips` as tooltips (mixed
    into a Qt item model, before it)."""

    columns: ClassVar[Sequence[str]] = ()
    column_tips: ClassVar[Mapping[int, str]] = {}

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.column_tips.get(section)
        return None


class TableModel(ColumnHeaders, QAbstractTableModel):
    """A flat table: `row_total()` rows (no children), a column per title."""

    def row_total(self) -> int:
        """How many rows the table has."""
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)
