"""What every part of the PDF shares: the data, options and device it is laid out for, and dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, QLocale, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice

from planner.core.domain import Role, Track
from planner.core.export_data import ExportData
from planner.export.options import PdfOptions
from planner.export.pdf.layout import PageFormat


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
