"""Pages laid out before anything is drawn, so page numbers are known before painting.

Blocks flow down the pages, sections start on a fresh page, and every page holds what it will
paint: the contents, the footers and the bookmarks can then name any page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageSize, QPainter

Paint = Callable[[QPainter], None]
"""Paints one block with its top left corner at the painter's origin."""


@dataclass(frozen=True)
class PageFormat:
    """Paper and margins; geometry comes out in device units (`unit` of them per point)."""

    size: QPageSize
    unit: float
    margins: tuple[float, float, float, float] = (50.0, 58.0, 50.0, 54.0)  # l, t, r, b in pt

    def page_size(self, landscape: bool) -> QSizeF:
        """The sheet in device units."""
        points = self.size.size(QPageSize.Unit.Point)
        w, h = points.width() * self.unit, points.height() * self.unit
        return QSizeF(h, w) if landscape else QSizeF(w, h)

    def content(self, landscape: bool) -> QRectF:
        """The area between the margins, in device units."""
        page = self.page_size(landscape)
        left, top, right, bottom = (m * self.unit for m in self.margins)
        return QRectF(left, top, page.width() - left - right, page.height() - top - bottom)


@dataclass
class Page:
    """One page: its orientation, the section it belongs to and what it paints where."""

    landscape: bool
    section: str
    ops: list[tuple[float, float, Paint]] = field(default_factory=list)


@dataclass(frozen=True)
class Mark:
    """A bookmark: a title at a level of the outline, a page, and a height on it (device
    units from the top of the sheet)."""

    title: str
    level: int
    page: int
    y: float


class Flow:
    """Places blocks down the pages, in order; a block that does not fit goes to a new page.

    A page is never left empty by a break: asking for a new page while the current one has
    nothing on it reuses it.
    """

    def __init__(self, fmt: PageFormat) -> None:
        self.fmt = fmt
        self.pages: list[Page] = []
        self.marks: list[Mark] = []
        self.y = 0.0  # from the top of the current page's content area
        self.page_header: tuple[float, Paint] | None = None  # repeated when a page breaks

    # ------------------------------------------------------------------ pages
    @property
    def page(self) -> Page:
        """The page being filled."""
        return self.pages[-1]

    @property
    def content(self) -> QRectF:
        """The content area of the current page."""
        return self.fmt.content(self.page.landscape)

    @property
    def room(self) -> float:
        """The height still free on the current page."""
        return self.content.height() - self.y

    def start_section(self, section: str, *, landscape: bool = False) -> int:
        """Begin a section on a new page; returns the page's index."""
        if self.pages and not self.page.ops:
            self.page.section = section
            self.page.landscape = landscape
        else:
            self.pages.append(Page(landscape, section))
        self.y = 0.0
        self.page_header = None
        return len(self.pages) - 1

    def new_page(self) -> None:
        """Continue the section on a new page (unless the current one is still empty); the
        page starts with `page_header` when one is set (a table's column labels)."""
        if self.page.ops:
            self.pages.append(Page(self.page.landscape, self.page.section))
        self.y = 0.0
        if self.page_header is not None:
            height, paint = self.page_header
            self._put(height, paint)

    # ------------------------------------------------------------------ blocks
    def mark(self, title: str, level: int) -> None:
        """A bookmark at the current position (call it just before placing the block)."""
        self.marks.append(Mark(title, level, len(self.pages) - 1, self.content.top() + self.y))

    def space(self, height: float) -> None:
        """Vertical space, dropped at the top of a page."""
        if self.page.ops:
            self.y = min(self.y + height, self.content.height())

    def fits(self, height: float) -> bool:
        """Whether a block of this height fits on the current page (anything fits on a page
        with nothing, or nothing but its header, on it)."""
        header_only = (
            self.page_header is not None
            and len(self.page.ops) == 1
            and (self.y <= self.page_header[0] + 1e-6)
        )
        return height <= self.room + 1e-6 or not self.page.ops or header_only

    def place(
        self,
        height: float,
        paint: Paint,
        *,
        keep: float = 0.0,
        mark: tuple[str, int] | None = None,
    ) -> None:
        """Place a block, on a new page if it (with `keep` more of what follows) does not fit;
        `mark` is a bookmark (title, level) pointing at the block."""
        if not self.fits(height + keep):
            self.new_page()
        if mark is not None:
            self.mark(*mark)
        self._put(height, paint)

    def _put(self, height: float, paint: Paint) -> None:
        content = self.content
        self.page.ops.append((content.left(), content.top() + self.y, paint))
        self.y += height
