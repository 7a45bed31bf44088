"""What every part of the PDF shares: data, options, device, colours, fonts and text helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPalette

from planner.core.domain import Role, Track
from planner.core.records import ExportData
from planner.core.status import Status
from planner.export.options import PdfOptions
from planner.export.pdf import fonts
from planner.export.pdf.layout import PageFormat

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


class Measures:
    """Points and texts measured on the PDF device (not the screen), for a class with a
    `device` and its page `fmt`."""

    device: QPaintDevice
    fmt: PageFormat

    def pt(self, points: float) -> float:
        """Points in device units."""
        return points * self.fmt.unit

    def metrics(self, font: QFont) -> QFontMetricsF:
        """Font metrics on the PDF device (not the screen)."""
        return QFontMetricsF(font, self.device)

    def text_height(self, text: str, font: QFont, width: float) -> float:
        """The height `draw_text` needs to wrap `text` into `width`."""
        flags = Qt.AlignmentFlag.AlignLeft.value | Qt.TextFlag.TextWordWrap.value
        rect = self.metrics(font).boundingRect(QRectF(0, 0, width, 1e9), flags, text)
        return max(rect.height(), self.metrics(font).height())


@dataclass
class Sheet(Measures):
    """A device and its page format, to measure with (the cohort's PDF has no `Context`)."""

    device: QPaintDevice
    fmt: PageFormat


@dataclass
class Context(Measures):
    """The export being laid out: data, options and the device it is measured for."""

    data: ExportData
    options: PdfOptions
    device: QPaintDevice
    fmt: PageFormat
    section_pages: dict[str, int] = field(default_factory=dict)  # filled in by the layout
    contents_links: list[tuple[int, QRectF, str]] = field(default_factory=list)

    @property
    def role(self) -> Role:
        """The plan's role."""
        return self.data.library.roles[self.data.plan.role]

    @property
    def tracks(self) -> list[Track]:
        """The plan's tracks, in the role's order."""
        return [t for t in self.role.tracks if t.id in self.data.plan.tracks]


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


def long_date(day: date | None) -> str:
    """A date as people write it, in the user's locale: 2 Mar 2026."""
    if day is None:
        return "—"
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def short_span(start: date | None, end: date | None) -> str:
    """Two dates, the year once when they share it: 2 Mar – 27 Apr 2026."""
    if start is None or end is None:
        return ""
    locale = QLocale()
    first = locale.toString(
        QDate(start.year, start.month, start.day),
        "d MMM" if start.year == end.year else "d MMM yyyy",
    )
    return f"{first} – {long_date(end)}"


def font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the PDF's typeface."""
    return fonts.font(points, bold=bold, italic=italic)
