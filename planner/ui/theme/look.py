"""Look and feel: the Fusion style, light and dark palettes that follow the system, the app icon."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

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
from PySide6.QtWidgets import QApplication, QStyleFactory

from planner.core.status import Status

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


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Use the light or dark palette, or the system's choice for "system"."""
    dark = system_is_dark() if scheme == "system" else scheme == "dark"
    style = app.style()
    if dark:
        # Only where it is needed: the proxy brings every primitive Qt draws through Python.
        from planner.ui.theme.dark_style import ClearIndicators

        if not isinstance(style, ClearIndicators):
            app.setStyle(ClearIndicators(QStyleFactory.create("Fusion")))
    elif style is None or style.name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette() if dark else light_palette())


@cache  # the application's and the main window's (drawn at seven sizes: once is enough)
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


def status_icons(palette: QPalette) -> dict[Status, QIcon]:
    """The status marks of the graph, as icons for lists (one visual language everywhere)."""
    from planner.render.style import paint_status_mark, style_for  # after the first paint

    style = style_for(palette)
    icons: dict[Status, QIcon] = {}
    for status in Status:
        icon = QIcon()
        for size in (16, 32):
            # On a selected row the mark sits on a disc of the view's base colour: the accent
            # of "in progress" is the selection's colour, and would vanish into it.
            for mode, disc in ((QIcon.Mode.Normal, None), (QIcon.Mode.Selected, style.card)):
                pixmap = QPixmap(size, size)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                if disc is not None:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(disc)
                    painter.drawEllipse(QRectF(0, 0, size, size))
                inset = size * 0.08
                paint_status_mark(
                    painter, QRectF(inset, inset, size - 2 * inset, size - 2 * inset), status, style
                )
                painter.end()
                icon.addPixmap(pixmap, mode)
        icons[status] = icon
    return icons


def view_icons() -> dict[str, QIcon]:
    """The sidebar's icons, drawn in mid tones that read on light and dark alike (and the same
    on every platform, unlike the style's standard icons)."""
    return {
        "Plan": _drawn_icon(_draw_plan),
        "Graph": _drawn_icon(_draw_graph),
        "Progress": _drawn_icon(_draw_chart),
        "Library": _drawn_icon(_draw_library),
        "Compare": _drawn_icon(_draw_compare),
        "Agenda": _drawn_icon(_draw_agenda),
        "Review": _drawn_icon(_draw_review),
        "Cohort": _drawn_icon(_draw_cohort),
    }


_BLUE, _GREEN, _GREY = "#4e79a7", "#59a14f", "#8c8c8c"


def _drawn_icon(draw: Callable[[QPainter, float], None]) -> QIcon:
    """An icon drawn by `draw(painter, scale)` on a 16-unit square, at the sizes the sidebar
    shows it: 22 pixels, and 44 on a screen of twice the density (drawn before the window's
    first frame, so no size nothing asks for)."""
    icon = QIcon()
    for size in (22, 44):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        draw(painter, size / 16)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _draw_chart(painter: QPainter, s: float) -> None:
    for i, (height, color) in enumerate(((5, _BLUE), (8, _BLUE), (12, _GREEN))):
        painter.setBrush(QColor(color))
        bar = QRectF((1.5 + 4.6 * i) * s, (14.5 - height) * s, 3.6 * s, height * s)
        painter.drawRoundedRect(bar, s, s)


def _draw_plan(painter: QPainter, s: float) -> None:
    # A list of steps: a mark, then a line of text, three times.
    for i, color in enumerate((_GREEN, _BLUE, _BLUE)):
        y = (2.5 + 4.5 * i) * s
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF(1 * s, y, 3.4 * s, 3.4 * s))
        painter.setBrush(QColor(_GREY))
        painter.drawRoundedRect(QRectF(6 * s, y + 0.9 * s, 9 * s, 1.8 * s), 0.9 * s, 0.9 * s)


def _draw_graph(painter: QPainter, s: float) -> None:
    nodes = [QPointF(3, 12.5), QPointF(3, 4), QPointF(8.5, 8), QPointF(13, 3.5), QPointF(13, 12.5)]
    painter.setPen(QPen(QColor(_GREY), 1.2 * s))
    for a, b in ((0, 2), (1, 2), (2, 3), (2, 4)):
        painter.drawLine(nodes[a] * s, nodes[b] * s)
    painter.setPen(Qt.PenStyle.NoPen)
    for point, color in zip(nodes, (_GREEN, _GREEN, _BLUE, _BLUE, _BLUE), strict=True):
        painter.setBrush(QColor(color))
        painter.drawEllipse(point * s, 2.2 * s, 2.2 * s)


def _draw_library(painter: QPainter, s: float) -> None:
    # Books on a shelf: three spines and one leaning.
    for x, height, color in ((1.5, 11, _BLUE), (4.7, 12.5, _GREEN), (7.9, 10, _BLUE)):
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(QRectF(x * s, (14 - height) * s, 2.6 * s, height * s), s, s)
    painter.save()
    painter.translate(12.2 * s, 14 * s)
    painter.rotate(-18)
    painter.setBrush(QColor(_GREY))
    painter.drawRoundedRect(QRectF(0, -11 * s, 2.6 * s, 11 * s), s, s)
    painter.restore()
    painter.setBrush(QColor(_GREY))
    painter.drawRect(QRectF(0.5 * s, 14 * s, 15 * s, 1.2 * s))


def _draw_compare(painter: QPainter, s: float) -> None:
    # Two roles side by side: two columns of bars of different lengths.
    for column, color in ((0, _BLUE), (1, _GREEN)):
        x = (1.5 + 7 * column) * s
        for row, width in enumerate((5.5, 3.5, 4.5) if column == 0 else (4, 5.5, 3)):
            painter.setBrush(QColor(color))
            box = QRectF(x, (2.5 + 4.2 * row) * s, width * s, 2.6 * s)
            painter.drawRoundedRect(box, 0.8 * s, 0.8 * s)


def _draw_agenda(painter: QPainter, s: float) -> None:
    # A calendar page: a blue top band, then two rows of days, one of them a study block.
    painter.setBrush(QColor(_BLUE))
    painter.drawRoundedRect(QRectF(1.5 * s, 2 * s, 13 * s, 3.4 * s), s, s)
    for row in range(2):
        for column in range(3):
            color = _GREEN if (row, column) == (0, 1) else _GREY
            painter.setBrush(QColor(color))
            cell = QRectF((1.5 + 4.6 * column) * s, (6.6 + 4.3 * row) * s, 3.8 * s, 3.4 * s)
            painter.drawRoundedRect(cell, 0.8 * s, 0.8 * s)


def _draw_review(painter: QPainter, s: float) -> None:
    # A circular arrow around a tick: a finished skill coming round again.
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(_BLUE), 1.8 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawArc(QRectF(2 * s, 2 * s, 12 * s, 12 * s), 100 * 16, 290 * 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_BLUE))
    head = QPainterPath()
    head.moveTo(5.2 * s, 0.6 * s)
    head.lineTo(9.4 * s, 2.4 * s)
    head.lineTo(5.6 * s, 5.0 * s)
    head.closeSubpath()
    painter.drawPath(head)
    painter.setPen(QPen(QColor(_GREEN), 1.9 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    tick = [QPointF(5.4 * s, 8.2 * s), QPointF(7.4 * s, 10.2 * s), QPointF(10.8 * s, 6.2 * s)]
    painter.drawPolyline(tick)


def _draw_cohort(painter: QPainter, s: float) -> None:
    # A group: two people behind, one in front (a head and shoulders each).
    for cx, top, color in ((4.5, 2.5, _GREY), (11.5, 2.5, _GREY), (8, 5.5, _BLUE)):
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF((cx - 2) * s, top * s, 4 * s, 4 * s))
        painter.drawRoundedRect(QRectF((cx - 3.5) * s, (top + 5) * s, 7 * s, 5 * s), 2 * s, 2 * s)
