"""Where the graph lies on the widget: its scale and offset, zoomed, panned, fitted, clamped."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSizeF
from PySide6.QtGui import QTransform

MIN_SCALE = 0.05
MAX_SCALE = 2.5
READABLE_SCALE = 0.8  # the first view of a big plan: labels readable, start of the plan shown
ZOOM_STEP = 1.25
EDGE = 16  # distance of the overlays from the widget's border


class Viewport:
    """The scale (1.0: boxes at their natural size) and the offset of the graph on the widget,
    in pixels. `auto` stays true until the learner zooms or pans: until then, resizing the
    widget frames the plan afresh. `content` is the size of what is laid out (None: nothing
    yet), `view` the widget's size."""

    def __init__(self) -> None:
        self.scale = 1.0
        self.offset = QPointF(0, 0)
        self.auto = True

    def saved(self) -> Viewport:
        """A copy to come back to."""
        copy = Viewport()
        copy.scale, copy.offset, copy.auto = self.scale, QPointF(self.offset), self.auto
        return copy

    def restore(self, saved: Viewport) -> None:
        """Back to a copy made by `saved`."""
        self.scale, self.offset, self.auto = saved.scale, saved.offset, saved.auto

    def transform(self) -> QTransform:
        """From layout coordinates to the widget's."""
        return QTransform(self.scale, 0, 0, self.scale, self.offset.x(), self.offset.y())

    def to_scene(self, pos: QPointF) -> QPointF:
        """From the widget's coordinates to the layout's."""
        return (pos - self.offset) / self.scale

    def center_on(self, scene: QPointF, view: QSizeF, content: QSizeF | None) -> None:
        """Put a point of the layout in the middle of the widget (as near as clamping lets)."""
        self.offset = QPointF(view.width() / 2, view.height() / 2) - scene * self.scale
        self.clamp(view, content)

    def zoom_by(self, factor: float, anchor: QPointF, view: QSizeF, content: QSizeF) -> bool:
        """Zoom keeping the point under `anchor` (widget coordinates) where it is; whether the
        scale changed (not at either limit)."""
        scale = min(MAX_SCALE, max(MIN_SCALE, self.scale * factor))
        if scale == self.scale:
            return False
        self.auto = False
        scene = self.to_scene(anchor)  # the point under the anchor stays under it
        self.scale = scale
        self.offset = anchor - scene * scale
        self.clamp(view, content)
        return True

    def pan(self, dx: float, dy: float, view: QSizeF, content: QSizeF) -> None:
        """Move the graph by so many pixels."""
        self.auto = False
        self.offset += QPointF(dx, dy)
        self.clamp(view, content)

    def clamp(self, view: QSizeF, content: QSizeF | None) -> None:
        """Keep part of the plan on screen: a small plan stays inside the view, a big one
        cannot be dragged further than a margin past its edges."""
        if content is None:
            return
        self.offset = QPointF(
            _clamp_axis(self.offset.x(), content.width() * self.scale, view.width()),
            _clamp_axis(self.offset.y(), content.height() * self.scale, view.height()),
        )

    def fit_scale(self, view: QSizeF, content: QSizeF, top: float) -> float:
        """The scale that shows the whole content (never enlarged beyond its natural size)
        within the view's margins, below `top` pixels kept for the buttons."""
        w = max(view.width() - 2 * EDGE, 1)
        h = max(view.height() - 2 * EDGE - top, 1)
        fit = min(w / content.width(), h / content.height(), 1.0)
        return max(MIN_SCALE, fit)


def _clamp_axis(offset: float, size: float, view: float) -> float:
    """An offset along one axis that keeps content of `size` in a view of `view` pixels."""
    if size <= view:
        return min(max(offset, 0.0), view - size)
    return min(max(offset, view - size - EDGE), float(EDGE))
