"""PdfTarget, the device both PDFs are painted on: the paper named, ten device units per
point, the document's metadata, and the bytes painted given back in memory."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPageSize, QPainter

from planner.export.pdf.writer import RESOLUTION, PdfTarget

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


def test_a_target_paints_into_memory_on_the_paper_named() -> None:
    target = PdfTarget("letter", "A title", "An author")
    assert target.writer.resolution() == RESOLUTION
    assert target.fmt.unit == pytest.approx(10.0)
    assert target.writer.title() == "A title"
    assert target.writer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    painter = QPainter()
    assert painter.begin(target.writer)
    painter.drawText(100, 100, "hello")
    painter.end()
    pdf = target.close()
    assert pdf.startswith(b"%PDF")
    assert b"A title" in pdf or b"FEFF" in pdf  # the title, in plain or UTF-16 hex
