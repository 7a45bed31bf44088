"""Help → Keyboard shortcuts (F1): the keys in one column, what they do in the next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.wording import HIDE_BEHIND

# Each row: the keys (as QKeySequence writes them, joined by " / "), then what they do.
SHORTCUTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Ctrl+F",), "Search skills"),
    (("Space",), "Mark the selected skill done / to do (in the plan)"),
    (("Ctrl+L",), "Log study time on the selected skill"),
    (("Ctrl+Z", "Ctrl+Shift+Z"), "Undo / redo"),
    (("Ctrl+1", "Ctrl+7"), "Plan / graph / progress / library / compare / agenda / review"),
    (("Del",), "Delete the study session selected in the recent activity"),
    (("Ctrl+H",), HIDE_BEHIND),
    (("Ctrl++", "Ctrl+-", "Ctrl+0"), "Zoom the graph in / out / to fit"),
    (("P", "Esc"), "Graph: only the path to the selected skill / all again"),
    (("Ctrl+I",), "Import a roadmap file"),
    (("Ctrl+E",), "Export your roadmap (PDF, Markdown, calendar…)"),
    (("F1",), "These keyboard shortcuts"),
)


def keys_text(keys: tuple[str, ...]) -> str:
    """Keys as the menus show them on this system ("Ctrl+1 … Ctrl+7" for a range of views)."""
    native = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys]
    if keys == ("Ctrl+1", "Ctrl+7"):
        return " … ".join(native)
    return " / ".join(native)


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts as a two-column table, wide enough for every row on one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bold = self.table.font()
        bold.setBold(True)
        for row, (keys, what) in enumerate(SHORTCUTS):
            key_item = QTableWidgetItem(keys_text(keys))
            key_item.setFont(bold)
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        # Columns as wide as their longest text in its own font, rows a line and a half high:
        # worked out from the fonts' metrics, so nothing is cut and nothing wraps at any size.
        pad = 2 * self.fontMetrics().averageCharWidth() + 8
        widths = (
            max(QFontMetrics(bold).horizontalAdvance(keys_text(k)) for k, _ in SHORTCUTS),
            max(self.table.fontMetrics().horizontalAdvance(w) for _, w in SHORTCUTS),
        )
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width + pad)
        row_height = round(QFontMetrics(bold).height() * 1.5)
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumSize(
            sum(widths) + 2 * pad + frame,
            header.sizeHint().height() + len(SHORTCUTS) * row_height + frame,
        )
