"""The graph view's surface: the plan's graph framed, zoomed and painted with its overlays."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from planner.core.plan_steps import Plan, Step
from planner.render.graph.boxes import box_rect
from planner.render.graph.cache import GraphCache
from planner.render.graph.geometry import GraphLayout, Related
from planner.render.graph.labels import PlacedLabel
from planner.render.graph.legend import legend_size, paint_banner, paint_legend
from planner.render.graph.painter import LOW_DETAIL, PaintOptions, paint_graph
from planner.render.style import GraphStyle, style_for
from planner.ui.views.graph.toolbar import GraphToolbar
from planner.ui.views.graph.viewport import EDGE, READABLE_SCALE, ZOOM_STEP, Viewport
from planner.ui.views.graph.words import path_banner

EMPTY_TEXT = "Choose a role to see your plan"


class GraphCanvas(QWidget):
    """What the graph view shows and where: the plan, the layout on show (the whole plan's
    or a path's), the selection, its chain and the search's matches, painted through
    `render.graph` within a `Viewport`, with the buttons, the legend and the path banner over
    it. `GraphView` adds what changes these: plans, selection, search, path mode, input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: Plan | None = None
        self._steps: dict[str, Step] = {}
        self._layout: GraphLayout | None = None  # what is on screen: the plan or a path
        self._path_to: str | None = None  # path mode: the skill whose chain alone is shown
        self._cache: GraphCache | None = None  # for painting this layout of this plan
        self._selected: str | None = None
        self._related: Related | None = None
        self._matches: frozenset[str] | None = None
        self._pending = False  # a layout is being computed off the GUI thread
        self._viewport = Viewport()
        self._style: GraphStyle = style_for(self.palette())

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 180)
        self._buttons = GraphToolbar(self)  # Path is for the view to connect
        self._buttons.zoom_out_button.clicked.connect(self.zoom_out)
        self._buttons.zoom_in_button.clicked.connect(self.zoom_in)
        self._buttons.fit_button.clicked.connect(self.fit)

    # ------------------------------------------------------------------ zoom and framing
    def zoom(self) -> float:
        """The current scale: 1.0 shows boxes at their natural size."""
        return self._viewport.scale

    def zoom_in(self) -> None:
        """Zoom in around the middle of the view."""
        self.zoom_at(ZOOM_STEP, QPointF(self.width() / 2, self.height() / 2))

    def zoom_out(self) -> None:
        """Zoom out around the middle of the view."""
        self.zoom_at(1 / ZOOM_STEP, QPointF(self.width() / 2, self.height() / 2))

    def fit(self) -> None:
        """Show the whole plan (never enlarged beyond its natural size)."""
        if self._layout is None:
            return
        self._viewport.auto = False
        self._viewport.scale = self._fit_scale()
        self._center_on(QPointF(self._layout.width / 2, self._layout.height / 2))

    def skill_rect(self, skill_id: str) -> QRectF | None:
        """Where a skill's box is on the widget, if it is laid out."""
        if self._layout is None or skill_id not in self._layout.nodes:
            return None
        box = self._layout.nodes[skill_id]
        return self._viewport.transform().mapRect(box_rect(box))

    def skill_at(self, pos: QPointF | QPoint) -> str | None:
        """The skill under a point of the widget."""
        if self._layout is None:
            return None
        point = QPointF(pos)
        for label in reversed(self.names_shown()):  # a name drawn over other boxes is its own
            if label.rect.contains(point):
                return label.node
        scene = self._viewport.to_scene(point)
        return self._layout.node_at(scene.x(), scene.y())

    def names_shown(self) -> list[PlacedLabel]:
        """The names the last frame drew at a fixed size because the boxes were too small
        for their text (none when zoomed in): which skill, where on the widget, how big."""
        cache, layout, plan = self._cache, self._layout, self._plan
        if cache is None or layout is None or plan is None or self._viewport.scale >= LOW_DETAIL:
            return []
        return cache.names.placed if cache.fits(layout, plan) else []

    def _initial_view(self) -> None:
        """Fit a small plan; show a big one at a readable scale from where it starts, or
        around the selected skill."""
        if self._layout is None:
            return
        self._viewport.scale = min(max(self._fit_scale(), READABLE_SCALE), 1.0)
        layout = self._layout
        if self._path_to is not None:  # a path is shown whole
            self._viewport.scale = self._fit_scale()
            self._center_on(QPointF(layout.width / 2, layout.height / 2))
            return
        if self._selected is not None and self._selected in layout.nodes:
            self._center_on(QPointF(*layout.nodes[self._selected].center))
            return
        visible_w = self.width() / self._viewport.scale
        self._center_on(QPointF(min(layout.width, visible_w) / 2, layout.height / 2))

    def _fit_scale(self) -> float:
        content = self._content()
        if content is None:
            return 1.0
        return self._viewport.fit_scale(QSizeF(self.size()), content, self._buttons.height())

    def _content(self) -> QSizeF | None:
        """The size of the layout on show."""
        layout = self._layout
        return None if layout is None else QSizeF(layout.width, layout.height)

    def _center_on(self, scene: QPointF) -> None:
        self._viewport.center_on(scene, QSizeF(self.size()), self._content())
        self.update()

    def zoom_at(self, factor: float, anchor: QPointF) -> None:
        """Zoom by a factor keeping the point under `anchor` (widget coordinates) in place."""
        content = self._content()
        if content is not None and self._viewport.zoom_by(
            factor, anchor, QSizeF(self.size()), content
        ):
            self.update()

    def pan(self, dx: float, dy: float) -> None:
        """Move the graph by so many pixels."""
        content = self._content()
        if content is not None:
            self._viewport.pan(dx, dy, QSizeF(self.size()), content)
            self.update()

    def _clamp(self) -> None:
        self._viewport.clamp(QSizeF(self.size()), self._content())

    def _ensure_visible(self, skill_id: str) -> None:
        rect = self.skill_rect(skill_id)
        if rect is None:
            return
        margin = 24
        inside = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        if not inside.contains(rect) and self._layout is not None:
            self._viewport.auto = False
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
        transform = self._viewport.transform()
        painter.setTransform(transform)
        visible, _ok = transform.inverted()
        if self._cache is None or not self._cache.fits(self._layout, self._plan):
            self._cache = GraphCache(self._layout, self._plan)  # a new plan or layout
        options = PaintOptions(
            selected=self._selected,
            related=self._related,
            matches=self._matches,
            visible=visible.mapRect(QRectF(event.rect())),
            detail=self._viewport.scale,
            cache=self._cache,
            lit=self._path_to is None or self._selected != self._path_to,
            reserved=overlays,
        )
        paint_graph(painter, self._layout, self._plan, style, options)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._buttons.adjustSize()
        self._buttons.move(self.width() - self._buttons.width() - EDGE, EDGE)
        if self._viewport.auto:
            self._initial_view()
        else:
            self._clamp()
        super().resizeEvent(event)
