"""The graph's legend: what the status marks, the goal star and the two kinds of edge mean."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from planner.core.status import STATUS_WORDS, Status
from planner.render.style import GraphStyle, mix, paint_goal_star, paint_status_mark

_LEGEND_ITEMS: tuple[tuple[Status | str, str], ...] = (
    *STATUS_WORDS.items(),  # every status, in the order of `Status`
    ("goal", "goal"),
    ("hard", "needed first"),
    ("soft", "recommended first"),
)
_ROWS = 4
_ROW = 20.0
_SAMPLE = 26.0  # room for a mark or an edge sample before each label
_LEGEND_PAD = 10.0
_COLUMN_GAP = 18.0


def legend_size(font: QFont) -> QSizeF:
    """The size `paint_legend` needs with this font."""
    metrics = QFontMetricsF(font)
    columns = [_LEGEND_ITEMS[k : k + _ROWS] for k in range(0, len(_LEGEND_ITEMS), _ROWS)]
    widths = [max(metrics.horizontalAdvance(label) for _, label in col) for col in columns]
    width = sum(_SAMPLE + w for w in widths) + _COLUMN_GAP * (len(columns) - 1)
    row = max(_ROW, metrics.height() + 4)
    return QSizeF(width + 2 * _LEGEND_PAD, row * _ROWS + 2 * _LEGEND_PAD)


def paint_legend(painter: QPainter, rect: QRectF, style: GraphStyle) -> None:
    """The key to the graph: status marks, the goal star and the two kinds of edge."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    panel = QColor(style.card)
    panel.setAlphaF(0.94)
    painter.setPen(QPen(mix(style.card, style.text, 0.2), 1))
    painter.setBrush(panel)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

    metrics = QFontMetricsF(painter.font())
    row = max(_ROW, metrics.height() + 4)
    x = rect.x() + _LEGEND_PAD
    for k in range(0, len(_LEGEND_ITEMS), _ROWS):
        column = _LEGEND_ITEMS[k : k + _ROWS]
        y = rect.y() + _LEGEND_PAD
        for key, label in column:
            middle = y + row / 2
            sample = QRectF(x, middle - 6, 12, 12)
            if key == "goal":
                paint_goal_star(painter, sample.adjusted(-1, -1, 1, 1), style)
            elif key in ("hard", "soft"):
                _legend_edge(painter, x, middle, key == "hard", style)
            elif isinstance(key, Status):
                paint_status_mark(painter, sample, key, style)
            painter.setPen(style.text)
            baseline = middle + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(x + _SAMPLE, baseline), label)
            y += row
        x += _SAMPLE + max(metrics.horizontalAdvance(label) for _, label in column)
        x += _COLUMN_GAP
    painter.restore()


def _legend_edge(painter: QPainter, x: float, y: float, hard: bool, style: GraphStyle) -> None:
    pen = QPen(style.edge, 1.3)
    if not hard:
        pen.setDashPattern([4.0, 3.0])
    painter.setPen(pen)
    painter.drawLine(QPointF(x - 2, y), QPointF(x + 14, y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.edge)
    painter.drawPolygon(
        QPolygonF([QPointF(x + 20, y), QPointF(x + 13, y - 4), QPointF(x + 13, y + 4)])
    )


def paint_banner(
    painter: QPainter, at: QPointF, max_width: float, text: str, style: GraphStyle
) -> QRectF:
    """A one-line note on a card over the graph (elided to `max_width`); where it went."""
    metrics = QFontMetricsF(painter.font())
    pad = 8.0
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(max_width - 2 * pad, 0))
    rect = QRectF(
        at.x(), at.y(), metrics.horizontalAdvance(shown) + 2 * pad, metrics.height() + pad
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(style.accent, 1.5))
    panel = QColor(style.card)
    panel.setAlphaF(0.96)
    painter.setBrush(panel)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
    painter.setPen(style.text)
    baseline = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
    painter.drawText(QPointF(rect.x() + pad, baseline), shown)
    painter.restore()
    return rect
