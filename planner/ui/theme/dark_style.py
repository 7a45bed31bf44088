"""Dark palettes: telling one apart, and Fusion with check boxes and radio buttons outlined."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (by the lightness of its window colour)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class ClearIndicators(QProxyStyle):
    """Fusion, with check boxes and radio buttons outlined so they show on dark palettes too:
    Fusion draws their outline from the window colour, which nearly vanishes there."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        indicators = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        if element not in indicators or not is_dark(option.palette):
            return
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(150, 155, 162), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()
