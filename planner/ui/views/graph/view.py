"""The graph view widget: plans laid out (big ones off the GUI thread), selection, search, path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QThreadPool, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QWidget

from planner.core.domain import Skill
from planner.core.plan_steps import Plan, Step
from planner.core.search import matches, search_words
from planner.render.graph.geometry import GraphLayout, Related
from planner.render.graph.layout import layout_plan, path_layout, plan_edges
from planner.ui.views.graph.canvas import GraphCanvas
from planner.ui.views.graph.input import GraphInput
from planner.ui.views.graph.viewport import Viewport

_Shape = tuple[tuple[str, ...], tuple[tuple[str, str, bool], ...]]


class _LayoutSignals(QObject):
    finished = Signal(int, object)  # generation, GraphLayout


def _lay_out_in_background(generation: int, plan: Plan, signals: _LayoutSignals) -> None:
    """Lay out a big plan on a pool thread (the layout is pure Python on immutable data);
    the result comes back to the GUI thread through a queued signal."""

    def run() -> None:
        signals.finished.emit(generation, layout_plan(plan))

    QThreadPool.globalInstance().start(run)


class GraphView(GraphCanvas):
    """The prerequisite graph of a plan: what the learner does with it (see `GraphCanvas` for
    how it is drawn).

    Signals:
        skillSelected(str): the learner clicked a skill (or moved to it with the arrow keys).
        skillActivated(str): the learner double-clicked a skill, or pressed Enter on it.
        layoutReady(): a new layout is on screen (after `set_plan`, at once or from a worker).
        pathChanged(str): path mode began for a skill, or ended ("").
    """

    skillSelected = Signal(str)
    skillActivated = Signal(str)
    layoutReady = Signal()
    pathChanged = Signal(str)

    async_threshold = 2000
    """Plans with more skills than this are laid out off the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole: GraphLayout | None = None  # the whole plan's layout
        self._view_before_path: Viewport | None = None
        self._shape: _Shape | None = None
        self._skills: tuple[Skill, ...] = ()  # those of the shape, kept alive
        self._skill_ids: frozenset[int] = frozenset()
        self._filter = ""
        self._input = GraphInput(self)
        self._generation = 0
        self._deferred = False  # the plan is to be laid out when the view is shown
        self._signals = _LayoutSignals()
        self.setAccessibleName("Prerequisite graph")
        self.setAccessibleDescription(
            "The skills of the plan from left to right in the order they can be studied. "
            "Arrow keys move between skills, Ctrl+plus and Ctrl+minus zoom, Ctrl+0 fits."
        )
        self._buttons.path_button.clicked.connect(
            lambda: self._path_button_clicked(self._buttons.path_button.isChecked())
        )
        self._signals.finished.connect(self._layout_finished)

    # ------------------------------------------------------------------ public API
    def set_plan(self, plan: Plan | None) -> None:
        """Show a plan (None: the empty state). A plan with the same skills and edges keeps
        the layout and the view; only the statuses and goals are redrawn."""
        self._plan = plan
        self._steps = {step.skill.id: step for step in plan.steps} if plan else {}
        shape: _Shape | None = None
        if plan is not None:
            # The same skill objects as the plan on show make the same graph: no need to work
            # out its edges (tens of milliseconds at 10,000 skills, after every click). The
            # skills are kept, so that no new object can take the address of an old one.
            skills = tuple(step.skill for step in plan.steps)
            same = frozenset(map(id, skills))
            if same == self._skill_ids and self._shape is not None:
                shape = self._shape
            else:
                shape = (tuple(sorted(self._steps)), tuple(plan_edges(plan)))
                self._skills, self._skill_ids = skills, same
        if self._selected is not None and self._selected not in self._steps:
            self._selected = None
        self._matches = self._compute_matches()
        laid_out = self._layout is not None or self._pending or self._deferred
        if shape == self._shape and (laid_out or plan is None):
            self.update()
            return
        self._shape = shape
        self._generation += 1
        self._deferred = False
        if plan is None:
            self._pending = False
            self._apply_layout(None)
        elif not self.isVisible():
            # Laid out when the view is first shown: until the learner opens the graph, a big
            # plan costs neither the time of a layout nor the memory of one.
            self._pending = False
            self._layout = None
            self._related = None
            self._deferred = True
        else:
            self._start_layout(plan)

    def _start_layout(self, plan: Plan) -> None:
        if len(plan.steps) > self.async_threshold:
            self._pending = True
            _lay_out_in_background(self._generation, plan, self._signals)
            self.update()
        else:
            self._apply_layout(layout_plan(plan))

    def plan(self) -> Plan | None:
        """The plan on show."""
        return self._plan

    def steps(self) -> Mapping[str, Step]:
        """The plan's steps by skill id."""
        return self._steps

    def graph_layout(self) -> GraphLayout | None:
        """The layout on show (None while a big plan is still being laid out, and until the
        view is first shown): the whole plan's, or in path mode the path's."""
        return self._layout

    # ------------------------------------------------------------------ path mode
    def path_target(self) -> str | None:
        """The skill whose prerequisite chain alone is on show (None: the whole plan)."""
        return self._path_to

    def show_path(self, on: bool = True) -> None:
        """Path mode: show only the selected skill and the chain of prerequisites leading to
        it, laid out alone and fitted to the view (on=False: back to the whole plan, as it
        was framed before)."""
        if not on:
            self._leave_path()
            return
        target = self._selected
        if target is None or self._whole is None or target not in self._whole.nodes:
            return
        if self._path_to is None:
            self._view_before_path = self._viewport.saved()
        self._path_to = target
        self._layout = path_layout(self._whole, target)
        self._related = self._layout.related(target)
        self._viewport.auto = True  # fitted, and fitted again when the window is resized
        self._initial_view()
        self._update_path_button()
        self.update()
        self.pathChanged.emit(target)

    def _leave_path(self) -> None:
        if self._path_to is None:
            return
        self._path_to = None
        self._layout = self._whole
        self._related = None
        if self._layout is not None and self._selected is not None:
            self._related = self._layout.related(self._selected)
        saved, self._view_before_path = self._view_before_path, None
        if saved is not None:
            self._viewport.restore(saved)
            self._clamp()
        else:
            self._initial_view()
        if self._selected is not None:
            self._ensure_visible(self._selected)
        self._update_path_button()
        self.update()
        self.pathChanged.emit("")

    def _path_button_clicked(self, on: bool) -> None:
        self.show_path(on)
        self._update_path_button()  # a click without a selection leaves it unchecked

    def _update_path_button(self) -> None:
        on = self._path_to is not None
        self._buttons.show_path_state(on, self._selected is not None)

    def select_skill(self, skill_id: str | None) -> None:
        """Select a skill (None: no selection) and bring it into view if it is off-screen;
        emits nothing, so views can follow each other without a loop."""
        if skill_id is not None and skill_id not in self._steps:
            skill_id = None
        if skill_id == self._selected:
            return
        path = self._layout if self._path_to is not None else None
        if skill_id is not None and path is not None and skill_id not in path.nodes:
            self._leave_path()  # a skill off the path: back to the whole plan to show it
        self._selected = skill_id
        self._update_path_button()
        self._related = None
        if skill_id is not None and self._layout is not None:
            self._related = self._layout.related(skill_id)
            self._ensure_visible(skill_id)
        self.update()

    def selected_skill(self) -> str | None:
        """The selected skill's id."""
        return self._selected

    def related(self) -> Related | None:
        """The selected skill's prerequisites and what it unlocks."""
        return self._related

    def set_filter(self, text: str) -> None:
        """Dim every skill whose name, id and area do not contain the text (any case)."""
        self._filter = text.strip()
        self._matches = self._compute_matches()
        self.update()

    def filter_matches(self) -> frozenset[str] | None:
        """The skills matching the filter (None: no filter, nothing dimmed)."""
        return self._matches

    def _compute_matches(self) -> frozenset[str] | None:
        if not self._filter:
            return None
        words = search_words(self._filter)  # the same rule as the plan view's search
        return frozenset(s for s, step in self._steps.items() if matches(step.skill, words))

    # ------------------------------------------------------------------ layout
    def _layout_finished(self, generation: int, layout: object) -> None:
        if generation != self._generation or not isinstance(layout, GraphLayout):
            return  # a newer plan arrived meanwhile
        self._pending = False
        self._apply_layout(layout)

    def _apply_layout(self, layout: GraphLayout | None) -> None:
        self._whole = self._layout = layout
        target = self._path_to
        left_path = False
        if target is not None and layout is not None and target in layout.nodes:
            self._layout = path_layout(layout, target)  # the same path, in the new plan
        elif target is not None:
            self._path_to = None  # the skill left the plan: so does path mode
            self._view_before_path = None
            left_path = True
        self._related = None
        if self._layout is not None and self._selected is not None:
            self._related = self._layout.related(self._selected)
        self._buttons.setVisible(layout is not None)
        self._update_path_button()
        self._viewport.auto = True
        self._initial_view()
        self.update()
        if left_path:
            self.pathChanged.emit("")
        self.layoutReady.emit()

    # ------------------------------------------------------------------ events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._deferred and self._plan is not None:
            self._deferred = False
            self._start_layout(self._plan)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._input.show_tooltip(event)
            return True
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._input.takes_shortcut(event)
        ):
            # Zoom keys (and Escape, in path mode) belong to the graph while it has focus,
            # even if a window-wide shortcut uses the same keys.
            event.accept()
            return True
        return super().event(event)

    # The input handler answers each event first; what it leaves goes to QWidget as usual.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        _handle(event, self._input.key_press, super().keyPressEvent)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        _handle(event, self._input.mouse_press, super().mousePressEvent)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        _handle(event, self._input.mouse_move, super().mouseMoveEvent)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        _handle(event, self._input.mouse_release, super().mouseReleaseEvent)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        _handle(event, self._input.double_click, super().mouseDoubleClickEvent)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._input.wheel(event)
        event.accept()

    def context_menu(self, pos: QPointF | QPoint) -> QMenu:
        """The menu for a point of the view: the path to the skill under it, the whole plan
        again, Fit."""
        return self._input.context_menu(pos)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._layout is None:
            super().contextMenuEvent(event)
            return
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
        event.accept()


E = TypeVar("E", bound=QEvent)


def _handle(event: E, handled: Callable[[E], bool], otherwise: Callable[[E], None]) -> None:
    """Accept the event when `handled` took it; else pass it to `otherwise` (the base class)."""
    if handled(event):
        event.accept()
    else:
        otherwise(event)
