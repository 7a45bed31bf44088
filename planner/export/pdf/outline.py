"""What Qt's PDF writer cannot add, added with pypdf: bookmarks, internal links, metadata.

Bookmarks for every section (and phase, graph part and skill), links from the contents to
their pages, the document's title and author, and opening with the bookmarks shown.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import Fit
from PySide6.QtCore import QRectF

from planner.export.pdf.layout import Mark


def finish(
    raw: bytes,
    marks: Sequence[Mark],
    links: Sequence[tuple[int, QRectF, int]],
    metadata: Mapping[str, str],
    unit: float,
) -> bytes:
    """The PDF with an outline from `marks` (device units from the top of the content area
    are given as page heights in points), internal links `(page, rect, target page)`, and
    metadata like {"/Title": ..., "/Author": ...}."""
    reader = PdfReader(io.BytesIO(raw))
    writer = PdfWriter(clone_from=reader)
    heights = [float(page.mediabox.height) for page in writer.pages]
    parents: dict[int, object] = {}
    for mark in marks:
        top = heights[mark.page] - mark.y / unit
        parent = parents.get(mark.level - 1) if mark.level > 0 else None
        item = writer.add_outline_item(
            title=mark.title,
            page_number=mark.page,
            parent=parent,  # type: ignore[arg-type]
            fit=Fit.xyz(left=0, top=top),
            is_open=False,
        )
        parents[mark.level] = item
    for page, rect, target in links:
        height = heights[page]
        writer.add_annotation(
            page,
            Link(
                rect=(
                    rect.left() / unit,
                    height - rect.bottom() / unit,
                    rect.right() / unit,
                    height - rect.top() / unit,
                ),
                target_page_index=target,
                border=[0, 0, 0],
            ),
        )
    writer.add_metadata(dict(metadata))
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
