"""The graph view's buttons in its top right corner: zoom out, zoom in, Fit and Path."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


class GraphToolbar(QWidget):
    """A row of small buttons over the graph, for their owner to connect; Path is checked
    while a path is on show and enabled only when there is a skill to show the path to (or a
    path to leave)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.zoom_out_button = self._button("−", "Zoom out (Ctrl+−)", "Zoom out")
        self.zoom_in_button = self._button("+", "Zoom in (Ctrl++)", "Zoom in")
        self.fit_button = self._button(
            "Fit", "Fit the whole plan in view (Ctrl+0)", "Fit plan to view"
        )
        self.path_button = self._button(
            "Path",
            "Show only the prerequisites leading to the selected skill (P)",
            "Show only the path to the selected skill",
        )
        self.path_button.setCheckable(True)
        self.path_button.setEnabled(False)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.path_button,
        ):
            row.addWidget(button)
        self.adjustSize()
        self.hide()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumWidth(30)
        return button

    def show_path_state(self, on: bool, can_start: bool) -> None:
        """Path checked while a path is on show; enabled when on or when a skill is selected."""
        self.path_button.setChecked(on)
        self.path_button.setEnabled(on or can_start)
