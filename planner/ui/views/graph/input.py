"""What the mouse and the keys do in the graph view: select, open, drag, zoom, move, menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from planner.ui.views.graph.viewport import ZOOM_STEP
from planner.ui.views.graph.words import arrow_target, skill_tooltip

if TYPE_CHECKING:
    from planner.ui.views.graph.view import GraphView

_MOVES = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}


class GraphInput:
    """The graph view's mouse and keyboard: a click selects, a double click or Enter opens,
    a drag or the wheel pans, Ctrl+wheel and Ctrl+plus/minus/0 zoom, the arrow keys move the
    selection, P and Escape enter and leave path mode. It acts through the view's own API."""

    def __init__(self, view: GraphView) -> None:
        self.view = view
        self._press: QPointF | None = None
        self._press_node: str | None = None
        self._dragging = False

    # ------------------------------------------------------------------ keys
    def takes_shortcut(self, event: QKeyEvent) -> bool:
        """Whether a key belongs to the graph while it has focus, even if a window-wide
        shortcut uses it: the zoom keys, and Escape in path mode."""
        return _zoom_key(event) is not None or (
            event.key() == Qt.Key.Key_Escape and self.view.path_target() is not None
        )

    def key_press(self, event: QKeyEvent) -> bool:
        """Act on a key; whether it was the graph's."""
        view = self.view
        action = _zoom_key(event)
        if action == "in":
            view.zoom_in()
        elif action == "out":
            view.zoom_out()
        elif action == "fit":
            view.fit()
        elif event.key() == Qt.Key.Key_Escape and view.path_target() is not None:
            view.show_path(False)
        elif event.key() == Qt.Key.Key_P and not event.modifiers():
            view.show_path(view.path_target() is None)
        elif not self._navigate(event):
            return False
        return True

    def _navigate(self, event: QKeyEvent) -> bool:
        """Arrow keys move the selection: up and down within a column, left to the nearest
        skill one column back, right to the nearest one column on; Enter activates it."""
        view = self.view
        layout = view.graph_layout()
        if layout is None or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        key = event.key()
        current = view.selected_skill()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if current is None:
                return False
            view.skillActivated.emit(current)
            return True
        if key not in _MOVES:
            return False
        target = arrow_target(layout, current, _MOVES[Qt.Key(key)])
        if target is not None and target != current:
            view.select_skill(target)
            view.skillSelected.emit(target)
        return True

    # ------------------------------------------------------------------ mouse
    def mouse_press(self, event: QMouseEvent) -> bool:
        """A left press: a click or the start of a drag."""
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._press = event.position()
        self._press_node = self.view.skill_at(event.position())
        self._dragging = False
        return True

    def mouse_move(self, event: QMouseEvent) -> bool:
        """Drag to pan; otherwise the pointing hand over a skill. Whether the move was a drag."""
        view = self.view
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if not self._dragging and (delta.manhattanLength() >= QApplication.startDragDistance()):
                self._dragging = True
                view.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                view.pan(delta.x(), delta.y())
                self._press = event.position()
            return True
        if view.skill_at(event.position()) is not None:
            view.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            view.unsetCursor()
        return False

    def mouse_release(self, event: QMouseEvent) -> bool:
        """The end of a click (selects the skill pressed, if still under the pointer) or of
        a drag."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return False
        view = self.view
        clicked = None if self._dragging else self._press_node
        if clicked is not None and view.skill_at(event.position()) == clicked:
            view.select_skill(clicked)
            view.skillSelected.emit(clicked)
        self._press = None
        self._press_node = None
        if self._dragging:
            self._dragging = False
            view.unsetCursor()
        return True

    def double_click(self, event: QMouseEvent) -> bool:
        """A double click on a skill activates it."""
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        skill_id = self.view.skill_at(event.position())
        if skill_id is None:
            return False
        self.view.skillActivated.emit(skill_id)
        return True

    def wheel(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms around the pointer; the wheel alone pans (Shift: sideways)."""
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120
            if steps:
                self.view.zoom_at(ZOOM_STEP ** (steps * 0.5), event.position())
            return
        pixels = event.pixelDelta()
        dx, dy = (pixels.x(), pixels.y()) if not pixels.isNull() else (delta.x(), delta.y())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and dx == 0:
            dx, dy = dy, 0  # Shift+wheel scrolls sideways, as in most apps
        self.view.pan(dx, dy)

    # ------------------------------------------------------------------ menus and tips
    def context_menu(self, pos: QPointF | QPoint) -> QMenu:
        """The menu for a point of the view: the path to the skill under it, the whole plan
        again, Fit."""
        view = self.view
        menu = QMenu(view)
        skill_id = view.skill_at(pos)
        step = view.steps().get(skill_id) if skill_id else None
        path_to = view.path_target()
        if step is not None and skill_id is not None and skill_id != path_to:
            name = step.skill.name.replace("&", "&&")  # a name is never a mnemonic
            action = menu.addAction(f"Show only the path to {name}")
            action.triggered.connect(lambda: self._path_from_menu(skill_id))
        if path_to is not None:
            menu.addAction("Show the whole plan", lambda: view.show_path(False))
        menu.addSeparator()
        menu.addAction("Fit to view", view.fit)
        return menu

    def _path_from_menu(self, skill_id: str) -> None:
        view = self.view
        if skill_id != view.selected_skill():
            view.select_skill(skill_id)
            view.skillSelected.emit(skill_id)
        view.show_path(True)

    def show_tooltip(self, event: QHelpEvent) -> None:
        """The tooltip of the skill under the pointer, if any."""
        view = self.view
        steps = view.steps()
        skill_id = view.skill_at(event.pos())
        step = steps.get(skill_id) if skill_id else None
        if step is None:
            QToolTip.hideText()
            event.ignore()
            return
        QToolTip.showText(event.globalPos(), skill_tooltip(step, steps), view)


def _zoom_key(event: QKeyEvent) -> str | None:
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return None
    key = event.key()
    if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        return "in"
    if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
        return "out"
    if key == Qt.Key.Key_0:
        return "fit"
    return None
