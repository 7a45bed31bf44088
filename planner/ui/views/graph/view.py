"""The graph view: the plan's prerequisite graph, zoomable and pannable, painted by render/."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMenu, QToolButton, QToolTip, QWidget

from planner.core.domain import Skill
from planner.core.plan import Plan, Step
from planner.core.search import matches, search_words
from planner.render.graph.cache import GraphCache
from planner.render.graph.geometry import GraphLayout, Related
from planner.render.graph.labels import PlacedLabel
from planner.render.graph.layout import layout_plan, path_layout, plan_edges
from planner.render.graph.legend import legend_size, paint_banner, paint_legend
from planner.render.graph.painter import LOW_DETAIL, paint_graph
from planner.render.style import GraphStyle, style_for
from planner.ui.views.graph.words import arrow_target, path_banner, skill_tooltip

MIN_SCALE = 0.05
MAX_SCALE = 2.5
READABLE_SCALE = 0.8  # the first view of a big plan: labels readable, start of the plan shown
ZOOM_STEP = 1.25
EDGE = 16  # distance of the overlays from the widget's border
EMPTY_TEXT = "Choose a role to see your plan"

_Shape = tuple[tuple[str, ...], tuple[tuple[str, str, bool], ...]]


class _LayoutSignals(QObject):
    finished = Signal(int, object)  # generation, GraphLayout


def _lay_out_in_background(generation: int, plan: Plan, signals: _LayoutSignals) -> None:
    """Lay out a big plan on a pool thread (the layout is pure Python on immutable data);
    the result comes back to the GUI thread through a queued signal."""

    def run() -> None:
        signals.finished.emit(generation, layout_plan(plan))

    QThreadPool.globalInstance().start(run)


def _clamp_axis(offset: float, size: float, view: float) -> float:
    """An offset along one axis that keeps content of `size` in a view of `view` pixels."""
    if size <= view:
        return min(max(offset, 0.0), view - size)
    return min(max(offset, view - size - EDGE), float(EDGE))


class GraphView(QWidget):
    """The prerequisite graph of a plan.

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
        self._plan: Plan | None = None
        self._steps: dict[str, Step] = {}
        self._layout: GraphLayout | None = None  # what is on screen: the plan or a path
        self._whole: GraphLayout | None = None  # the whole plan's layout
        self._path_to: str | None = None  # path mode: the skill whose chain alone is shown
        self._view_before_path: tuple[float, QPointF, bool] | None = None
        self._cache: GraphCache | None = None  # for painting this layout of this plan
        self._shape: _Shape | None = None
        self._skills: tuple[Skill, ...] = ()  # those of the shape, kept alive
        self._skill_ids: frozenset[int] = frozenset()
        self._selected: str | None = None
        self._related: Related | None = None
        self._filter = ""
        self._matches: frozenset[str] | None = None
        self._scale = 1.0
        self._offset = QPointF(0, 0)
        self._auto_view = True  # until the learner zooms or pans, resizing re-frames the plan
        self._press: QPointF | None = None
        self._press_node: str | None = None
        self._dragging = False
        self._generation = 0
        self._pending = False  # a layout is being computed off the GUI thread
        self._deferred = False  # the plan is to be laid out when the view is shown
        self._signals = _LayoutSignals()
        self._style: GraphStyle = style_for(self.palette())

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 180)
        self.setAccessibleName("Prerequisite graph")
        self.setAccessibleDescription(
            "The skills of the plan from left to right in the order they can be studied. "
            "Arrow keys move between skills, Ctrl+plus and Ctrl+minus zoom, Ctrl+0 fits."
        )
        self._buttons = QWidget(self)
        row = QHBoxLayout(self._buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self._zoom_out_button = self._button("−", "Zoom out (Ctrl+−)", "Zoom out", self.zoom_out)
        self._zoom_in_button = self._button("+", "Zoom in (Ctrl++)", "Zoom in", self.zoom_in)
        self._fit_button = self._button(
            "Fit", "Fit the whole plan in view (Ctrl+0)", "Fit plan to view", self.fit
        )
        self._path_button = self._button(
            "Path",
            "Show only the prerequisites leading to the selected skill (P)",
            "Show only the path to the selected skill",
            self._path_button_clicked,
        )
        self._path_button.setCheckable(True)
        self._path_button.setEnabled(False)
        for button in (
            self._zoom_out_button,
            self._zoom_in_button,
            self._fit_button,
            self._path_button,
        ):
            row.addWidget(button)
        self._buttons.adjustSize()
        self._buttons.hide()
        self._connect_signals()

    def _button(self, text: str, tip: str, name: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self._buttons)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumWidth(30)
        button.clicked.connect(slot)
        return button

    def _connect_signals(self) -> None:
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
            self._view_before_path = (self._scale, QPointF(self._offset), self._auto_view)
        self._path_to = target
        self._layout = path_layout(self._whole, target)
        self._related = self._layout.related(target)
        self._auto_view = True  # fitted, and fitted again when the window is resized
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
            self._scale, self._offset, self._auto_view = saved
            self._clamp()
        else:
            self._initial_view()
        if self._selected is not None:
            self._ensure_visible(self._selected)
        self._update_path_button()
        self.update()
        self.pathChanged.emit("")

    def _path_button_clicked(self) -> None:
        self.show_path(self._path_button.isChecked())
        self._update_path_button()  # a click without a selection leaves it unchecked

    def _update_path_button(self) -> None:
        on = self._path_to is not None
        self._path_button.setChecked(on)
        self._path_button.setEnabled(on or self._selected is not None)

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

    def zoom(self) -> float:
        """The current scale: 1.0 shows boxes at their natural size."""
        return self._scale

    def zoom_in(self) -> None:
        """Zoom in around the middle of the view."""
        self._zoom_by(ZOOM_STEP, QPointF(self.width() / 2, self.height() / 2))

    def zoom_out(self) -> None:
        """Zoom out around the middle of the view."""
        self._zoom_by(1 / ZOOM_STEP, QPointF(self.width() / 2, self.height() / 2))

    def fit(self) -> None:
        """Show the whole plan (never enlarged beyond its natural size)."""
        if self._layout is None:
            return
        self._auto_view = False
        self._scale = self._fit_scale()
        self._center_on(QPointF(self._layout.width / 2, self._layout.height / 2))

    def skill_rect(self, skill_id: str) -> QRectF | None:
        """Where a skill's box is on the widget, if it is laid out."""
        if self._layout is None or skill_id not in self._layout.nodes:
            return None
        box = self._layout.nodes[skill_id]
        return self._transform().mapRect(QRectF(box.x, box.y, box.w, box.h))

    def skill_at(self, pos: QPointF | QPoint) -> str | None:
        """The skill under a point of the widget."""
        if self._layout is None:
            return None
        point = QPointF(pos)
        for label in reversed(self.names_shown()):  # a name drawn over other boxes is its own
            if label.rect.contains(point):
                return label.node
        scene = self._to_scene(point)
        return self._layout.node_at(scene.x(), scene.y())

    def names_shown(self) -> list[PlacedLabel]:
        """The names the last frame drew at a fixed size because the boxes were too small
        for their text (none when zoomed in): which skill, where on the widget, how big."""
        cache, layout, plan = self._cache, self._layout, self._plan
        if cache is None or layout is None or plan is None or self._scale >= LOW_DETAIL:
            return []
        return cache.names.placed if cache.fits(layout, plan) else []

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
        self._auto_view = True
        self._initial_view()
        self.update()
        if left_path:
            self.pathChanged.emit("")
        self.layoutReady.emit()

    def _initial_view(self) -> None:
        """Fit a small plan; show a big one at a readable scale from where it starts, or
        around the selected skill."""
        if self._layout is None:
            return
        self._scale = min(max(self._fit_scale(), READABLE_SCALE), 1.0)
        layout = self._layout
        if self._path_to is not None:  # a path is shown whole
            self._scale = self._fit_scale()
            self._center_on(QPointF(layout.width / 2, layout.height / 2))
            return
        if self._selected is not None and self._selected in layout.nodes:
            self._center_on(QPointF(*layout.nodes[self._selected].center))
            return
        visible_w = self.width() / self._scale
        self._center_on(QPointF(min(layout.width, visible_w) / 2, layout.height / 2))

    def _fit_scale(self) -> float:
        if self._layout is None:
            return 1.0
        w = max(self.width() - 2 * EDGE, 1)
        h = max(self.height() - 2 * EDGE - self._buttons.height(), 1)
        fit = min(w / self._layout.width, h / self._layout.height, 1.0)
        return max(MIN_SCALE, fit)

    def _compute_matches(self) -> frozenset[str] | None:
        if not self._filter:
            return None
        words = search_words(self._filter)  # the same rule as the plan view's search
        return frozenset(s for s, step in self._steps.items() if matches(step.skill, words))

    # ------------------------------------------------------------------ view transform
    def _transform(self) -> QTransform:
        return QTransform(self._scale, 0, 0, self._scale, self._offset.x(), self._offset.y())

    def _to_scene(self, pos: QPointF) -> QPointF:
        return (pos - self._offset) / self._scale

    def _center_on(self, scene: QPointF) -> None:
        self._offset = QPointF(self.width() / 2, self.height() / 2) - scene * self._scale
        self._clamp()
        self.update()

    def _zoom_by(self, factor: float, anchor: QPointF) -> None:
        if self._layout is None:
            return
        scale = min(MAX_SCALE, max(MIN_SCALE, self._scale * factor))
        if scale == self._scale:
            return
        self._auto_view = False
        scene = self._to_scene(anchor)  # the point under the anchor stays under it
        self._scale = scale
        self._offset = anchor - scene * scale
        self._clamp()
        self.update()

    def _pan(self, dx: float, dy: float) -> None:
        if self._layout is None:
            return
        self._auto_view = False
        self._offset += QPointF(dx, dy)
        self._clamp()
        self.update()

    def _clamp(self) -> None:
        """Keep part of the plan on screen: a small plan stays inside the view, a big one
        cannot be dragged further than a margin past its edges."""
        if self._layout is None:
            return
        self._offset = QPointF(
            _clamp_axis(self._offset.x(), self._layout.width * self._scale, self.width()),
            _clamp_axis(self._offset.y(), self._layout.height * self._scale, self.height()),
        )

    def _ensure_visible(self, skill_id: str) -> None:
        rect = self.skill_rect(skill_id)
        if rect is None:
            return
        margin = 24
        inside = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        if not inside.contains(rect) and self._layout is not None:
            self._auto_view = False
            self._center_on(QPointF(*self._layout.nodes[skill_id].center))

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        style = self._style
        painter.fillRect(self.rect(), style.canvas)
        if self._plan is None or (self._layout is None and not self._pending):
            self._paint_message(painter, EMPTY_TEXT)
            painter.end()
            return
        if self._layout is None:
            self._paint_message(painter, "Laying out the plan…")
            painter.end()
            return
        # Where the overlays go: names in the overview keep clear of them.
        size = legend_size(self.font())
        legend = QRectF(EDGE, self.height() - EDGE - size.height(), size.width(), size.height())
        show_legend = legend.top() > EDGE and legend.right() < self.width() - EDGE
        overlays = [QRectF(self._buttons.geometry())]
        if show_legend:
            overlays.append(legend)
        if self._path_to is not None:
            overlays.append(
                QRectF(EDGE, EDGE, self._buttons.x() - 2 * EDGE, self._buttons.height())
            )
        transform = self._transform()
        painter.setTransform(transform)
        visible, _ok = transform.inverted()
        if self._cache is None or not self._cache.fits(self._layout, self._plan):
            self._cache = GraphCache(self._layout, self._plan)  # a new plan or layout
        paint_graph(
            painter,
            self._layout,
            self._plan,
            style,
            selected=self._selected,
            related=self._related,
            matches=self._matches,
            visible=visible.mapRect(QRectF(event.rect())),
            detail=self._scale,
            cache=self._cache,
            lit=self._path_to is None or self._selected != self._path_to,
            reserved=overlays,
        )
        painter.resetTransform()
        painter.setFont(self.font())
        if show_legend:
            paint_legend(painter, legend, style)
        if self._path_to is not None:
            self._paint_path_banner(painter)
        if self.hasFocus() and self._selected is None:
            pen = painter.pen()
            pen.setColor(style.accent)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -1.5, -1.5))
        painter.end()

    def _paint_path_banner(self, painter: QPainter) -> None:
        """Top left in path mode: whose path this is and how to leave it."""
        step = self._steps.get(self._path_to or "")
        if step is None or self._layout is None:
            return
        text = path_banner(step.skill.name, len(self._layout.nodes) - 1)
        room = self._buttons.x() - 2 * EDGE
        paint_banner(painter, QPointF(EDGE, EDGE), room, text, self._style)

    def _paint_message(self, painter: QPainter, text: str) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        painter.setFont(font)
        painter.setPen(self._style.muted)
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, text)

    # ------------------------------------------------------------------ events
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.StyleChange,
            QEvent.Type.ThemeChange,
        ):
            self._style = style_for(self.palette())
            self.update()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._deferred and self._plan is not None:
            self._deferred = False
            self._start_layout(self._plan)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._buttons.adjustSize()
        self._buttons.move(self.width() - self._buttons.width() - EDGE, EDGE)
        if self._auto_view:
            self._initial_view()
        else:
            self._clamp()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(event)
            return True
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                self._zoom_key(event) is not None
                or (event.key() == Qt.Key.Key_Escape and self._path_to is not None)
            )
        ):
            # Zoom keys (and Escape, in path mode) belong to the graph while it has focus,
            # even if a window-wide shortcut uses the same keys.
            event.accept()
            return True
        return super().event(event)

    def _show_tooltip(self, event: QHelpEvent) -> None:
        skill_id = self.skill_at(event.pos())
        step = self._steps.get(skill_id) if skill_id else None
        if step is None:
            QToolTip.hideText()
            event.ignore()
            return
        QToolTip.showText(event.globalPos(), skill_tooltip(step, self._steps), self)

    @staticmethod
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._zoom_key(event)
        if action == "in":
            self.zoom_in()
        elif action == "out":
            self.zoom_out()
        elif action == "fit":
            self.fit()
        elif event.key() == Qt.Key.Key_Escape and self._path_to is not None:
            self.show_path(False)
        elif event.key() == Qt.Key.Key_P and not event.modifiers():
            self.show_path(self._path_to is None)
        elif not self._navigate(event):
            super().keyPressEvent(event)
            return
        event.accept()

    def _navigate(self, event: QKeyEvent) -> bool:
        """Arrow keys move the selection: up and down within a column, left to the nearest
        skill one column back, right to the nearest one column on; Enter activates it."""
        if self._layout is None or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        key = event.key()
        layout = self._layout
        current = self._selected
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if current is None:
                return False
            self.skillActivated.emit(current)
            return True
        moves = {
            Qt.Key.Key_Up: "up",
            Qt.Key.Key_Down: "down",
            Qt.Key.Key_Left: "left",
            Qt.Key.Key_Right: "right",
        }
        if key not in moves:
            return False
        target = arrow_target(layout, current, moves[Qt.Key(key)])
        if target is not None and target != current:
            self.select_skill(target)
            self.skillSelected.emit(target)
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_node = self.skill_at(event.position())
            self._dragging = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if not self._dragging and (delta.manhattanLength() >= QApplication.startDragDistance()):
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                self._pan(delta.x(), delta.y())
                self._press = event.position()
            event.accept()
            return
        over = self.skill_at(event.position()) is not None
        if over:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            clicked = None if self._dragging else self._press_node
            if clicked is not None and self.skill_at(event.position()) == clicked:
                self.select_skill(clicked)
                self.skillSelected.emit(clicked)
            self._press = None
            self._press_node = None
            if self._dragging:
                self._dragging = False
                self.unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def context_menu(self, pos: QPointF | QPoint) -> QMenu:
        """The menu for a point of the view: the path to the skill under it, the whole plan
        again, Fit."""
        menu = QMenu(self)
        skill_id = self.skill_at(pos)
        step = self._steps.get(skill_id) if skill_id else None
        if step is not None and skill_id is not None and skill_id != self._path_to:
            name = step.skill.name.replace("&", "&&")  # a name is never a mnemonic
            action = menu.addAction(f"Show only the path to {name}")
            action.triggered.connect(lambda: self._path_from_menu(skill_id))
        if self._path_to is not None:
            menu.addAction("Show the whole plan", lambda: self.show_path(False))
        menu.addSeparator()
        menu.addAction("Fit to view", self.fit)
        return menu

    def _path_from_menu(self, skill_id: str) -> None:
        if skill_id != self._selected:
            self.select_skill(skill_id)
            self.skillSelected.emit(skill_id)
        self.show_path(True)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._layout is None:
            super().contextMenuEvent(event)
            return
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            skill_id = self.skill_at(event.position())
            if skill_id is not None:
                self.skillActivated.emit(skill_id)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120
            if steps:
                self._zoom_by(ZOOM_STEP ** (steps * 0.5), event.position())
            event.accept()
            return
        pixels = event.pixelDelta()
        dx, dy = (pixels.x(), pixels.y()) if not pixels.isNull() else (delta.x(), delta.y())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and dx == 0:
            dx, dy = dy, 0  # Shift+wheel scrolls sideways, as in most apps
        self._pan(dx, dy)
        event.accept()
