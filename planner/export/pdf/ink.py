"""How the PDF prints: its colours, a mark per status, its typeface and plain text in a box."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette

from planner.core.status import Status
from planner.export.pdf import fonts

# Print colours: dark text on white, one blue accent, status hues from the app's light theme.
TEXT = QColor("#1f2328")
MUTED = QColor("#5a636e")
FAINT = QColor("#8c959f")
RULE = QColor("#d8dde3")
BAND = QColor("#eef2f6")
ACCENT = QColor("#1a5fb4")
GREEN = QColor("#2e7d32")
STAR = QColor("#d49a00")
NOTE_FILL = QColor("#fff7dc")

MARKS = {
    Status.TODO: "☐",
    Status.IN_PROGRESS: "◧",
    Status.DONE: "☑",
    Status.SKIPPED: "☒",
    Status.IMPLIED: "☑",
}
"""A box per status, as text, so that the status can be searched and copied with the row.
(Its words are the app's: `planner.core.status.STATUS_WORDS`.)"""
MARK_COLORS = {
    Status.TODO: MUTED,
    Status.IN_PROGRESS: ACCENT,
    Status.DONE: GREEN,
    Status.SKIPPED: FAINT,
    Status.IMPLIED: QColor("#6f9f72"),
}
GOAL = "★"


def light_palette() -> QPalette:
    """The palette the graph and the charts are drawn with on paper, whatever the screen's."""
    palette = QPalette()
    role = QPalette.ColorRole
    for r in (role.Window, role.Base, role.Button, role.AlternateBase, role.ToolTipBase):
        palette.setColor(r, QColor("#ffffff"))
    for r in (role.Text, role.WindowText, role.ButtonText, role.ToolTipText):
        palette.setColor(r, TEXT)
    palette.setColor(role.Highlight, ACCENT)
    palette.setColor(role.HighlightedText, QColor("#ffffff"))
    palette.setColor(role.Mid, RULE)
    return palette


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    wrap: bool = True,
) -> None:
    """Plain text in a rectangle: never interpreted as markup."""
    painter.setFont(font)
    painter.setPen(color)
    flags = align.value | Qt.AlignmentFlag.AlignTop.value
    if wrap:
        flags |= Qt.TextFlag.TextWordWrap.value
    painter.drawText(rect, flags, text)


def font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the PDF's typeface."""
    return fonts.font(points, bold=bold, italic=italic)
