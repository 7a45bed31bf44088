"""Look and feel: the Fusion style, light and dark palettes that follow the system, the app icon."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from planner.render.style import paint_status_mark, style_for

SCHEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion (Qt's own dark palette is only used on some platforms)."""
    p = QPalette()
    window, base, text = QColor(37, 39, 43), QColor(28, 30, 33), QColor(228, 230, 235)
    mid = QColor(60, 63, 68)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(33, 35, 39),
        QPalette.ColorRole.ToolTipBase: QColor(50, 52, 57),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(140, 144, 150),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(47, 50, 55),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 120, 120),
        QPalette.ColorRole.Light: QColor(70, 73, 79),
        QPalette.ColorRole.Midlight: mid,
        QPalette.ColorRole.Mid: QColor(45, 47, 51),
        QPalette.ColorRole.Dark: QColor(20, 21, 23),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
        QPalette.ColorRole.Highlight: QColor(72, 130, 220),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(110, 165, 245),
        QPalette.ColorRole.LinkVisited: QColor(170, 140, 240),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 124, 130))
    return p


def light_palette() -> QPalette:
    """Fusion's light palette with a slightly warmer highlight."""
    p = QApplication.style().standardPalette() if QApplication.instance() else QPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor(48, 110, 205))
    p.setColor(QPalette.ColorRole.Link, QColor(30, 95, 190))
    return p


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark scheme (unknown counts as light)."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


class _ClearIndicators(QProxyStyle):
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


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Use the light or dark palette, or the system's choice for "system"."""
    dark = system_is_dark() if scheme == "system" else scheme == "dark"
    if not isinstance(app.style(), _ClearIndicators):
        app.setStyle(_ClearIndicators(QStyleFactory.create("Fusion")))
    app.setPalette(dark_palette() if dark else light_palette())


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (by the lightness of its window colour)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def app_icon() -> QIcon:
    """The application icon: a small prerequisite graph, drawn so it needs no image files."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(_icon_pixmap(size))
    return icon


def _icon_pixmap(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    background = QPainterPath()
    background.addRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 14 * s, 14 * s)
    painter.fillPath(background, QColor(38, 84, 160))
    nodes = [QPointF(16, 44), QPointF(16, 20), QPointF(34, 32), QPointF(50, 16), QPointF(50, 46)]
    edges = [(0, 2), (1, 2), (2, 3), (2, 4)]
    painter.setPen(QPen(QColor(200, 220, 255), max(1.0, 3.2 * s)))
    for a, b in edges:
        painter.drawLine(nodes[a] * s, nodes[b] * s)
    colors = [
        QColor(120, 210, 140),
        QColor(120, 210, 140),
        QColor(255, 200, 80),
        QColor(255, 255, 255),
        QColor(255, 255, 255),
    ]
    painter.setPen(Qt.PenStyle.NoPen)
    for point, color in zip(nodes, colors, strict=True):
        painter.setBrush(color)
        painter.drawEllipse(point * s, 6.5 * s, 6.5 * s)
    painter.end()
    return pixmap


def status_icons(palette: QPalette) -> dict[str, QIcon]:
    """The status marks of the graph, as icons for lists (one visual language everywhere)."""
    style = style_for(palette)
    icons: dict[str, QIcon] = {}
    for status in ("todo", "in-progress", "done", "skipped", "implied"):
        icon = QIcon()
        for size in (16, 32):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            inset = size * 0.08
            paint_status_mark(
                painter, QRectF(inset, inset, size - 2 * inset, size - 2 * inset), status, style
            )
            painter.end()
            icon.addPixmap(pixmap)
        icons[status] = icon
    return icons
