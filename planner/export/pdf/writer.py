"""The PDF device the roadmap's and the cohort's PDFs are painted on: a QPdfWriter writing
into memory (nothing touches the disk), at ten device units per point, without margins."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageSize, QPdfWriter

from planner import __version__
from planner.export.pdf import fonts
from planner.export.pdf.layout import PageFormat

RESOLUTION = 720  # dots per inch: ten device units per point
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


class PdfTarget:
    """A writer on the paper named (`PAPERS`), with the document's title, author and creator
    (in the XMP metadata too, which some readers prefer); `close` gives the bytes painted."""

    def __init__(self, paper: str, title: str, author: str) -> None:
        fonts.family()
        page_size = QPageSize(PAPERS[paper])
        self.fmt = PageFormat(page_size, RESOLUTION / 72)
        self._data = QByteArray()
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self._buffer)
        self.writer.setResolution(RESOLUTION)
        self.writer.setPageSize(page_size)
        self.writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        self.writer.setTitle(title)
        self.writer.setAuthor(author)
        self.writer.setCreator(f"Roadmap planner {__version__}")

    def close(self) -> bytes:
        """The PDF painted so far (the painter has ended)."""
        self._buffer.close()
        return bytes(self._data.data())
