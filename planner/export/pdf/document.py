"""The PDF of a learner's roadmap, laid out, painted and finished in memory.

Every page is laid out first, then painted with QPdfWriter, then given bookmarks, links and
metadata; nothing touches the disk, so a failure leaves no file behind.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPainter, QPdfWriter, QPen

from planner import __version__
from planner.core.export_data import ExportData
from planner.errors import PlannerError
from planner.export.options import PdfOptions, Tell, quiet
from planner.export.pdf import ink, outline
from planner.export.pdf.context import Context, long_date
from planner.export.pdf.graph_pages import add_graph
from planner.export.pdf.layout import Flow, Page
from planner.export.pdf.plan_table import add_plan
from planner.export.pdf.progress_pages import add_progress
from planner.export.pdf.skills import add_skills
from planner.export.pdf.title import add_title_page
from planner.export.pdf.writer import PdfTarget


def render_pdf(data: ExportData, options: PdfOptions, tell: Tell = quiet) -> bytes:
    """The whole PDF as bytes."""
    title = document_title(data)
    target = PdfTarget(options.paper, title, data.profile)
    writer, fmt = target.writer, target.fmt

    ctx = Context(data, options, writer, fmt)
    flow = Flow(fmt)
    tell(0.0, "Laying out the pages")
    add_title_page(flow, ctx)
    builders = {
        "plan": add_plan,
        "graph": add_graph,
        "progress": add_progress,
        "skills": add_skills,
    }
    for section in options.sections:
        builder = builders.get(section)
        if builder is not None:
            builder(flow, ctx)
    tell(0.3, "Drawing the pages")

    painter = QPainter()
    _orient(writer, flow.pages[0])
    if not painter.begin(writer):
        raise PlannerError("cannot start the PDF")
    try:
        total = len(flow.pages)
        for number, page in enumerate(flow.pages):
            if number:
                _orient(writer, page)
                writer.newPage()
            _paint_page(painter, ctx, page, number, total)
            tell(0.3 + 0.6 * (number + 1) / total, f"Drawing page {number + 1} of {total}")
    finally:
        painter.end()
    pdf = target.close()
    tell(0.9, "Adding bookmarks")
    links = [(page, rect, ctx.section_pages[key]) for page, rect, key in ctx.contents_links]
    finished = outline.finish(
        pdf,
        flow.marks,
        links,
        {
            "/Title": title,
            "/Author": data.profile,
            "/Subject": f"Study roadmap for {ctx.role.name}, exported {data.today.isoformat()}",
            "/Creator": f"Roadmap planner {__version__}",
        },
        fmt.unit,
    )
    tell(1.0, "Done")
    return finished


def document_title(data: ExportData) -> str:
    """The PDF's title: the role (and tracks) it is the roadmap to."""
    role = data.library.roles[data.plan.role]
    tracks = [t.name for t in role.tracks if t.id in data.plan.tracks]
    return f"Study roadmap: {role.name}" + (f" + {', '.join(tracks)}" if tracks else "")


def _orient(writer: QPdfWriter, page: Page) -> None:
    orientation = (
        QPageLayout.Orientation.Landscape if page.landscape else (QPageLayout.Orientation.Portrait)
    )
    writer.setPageOrientation(orientation)


def _margin_line(painter: QPainter, box: QRectF, left: str, right: str, small: QFont) -> None:
    """A running head or foot: `left` at the left (faint), `right` at the right (muted)."""
    ink.draw_text(painter, box, left, small, ink.FAINT, wrap=False)
    ink.draw_text(painter, box, right, small, ink.MUTED, Qt.AlignmentFlag.AlignRight, wrap=False)


def _paint_page(painter: QPainter, ctx: Context, page: Page, number: int, total: int) -> None:
    content = ctx.fmt.content(page.landscape)
    pt = ctx.pt
    small = ink.font(7.5)
    line = ctx.metrics(small).height()
    if number:
        # Running head: what the document is, and the section of this page.
        top = content.top() - pt(22)
        box = QRectF(content.left(), top, content.width(), line)
        _margin_line(painter, box, document_title(ctx.data), page.section, small)
        painter.setPen(QPen(ink.RULE, pt(0.6)))
        y = top + line + pt(4)
        painter.drawLine(QPointF(content.left(), y), QPointF(content.right(), y))
    box = QRectF(content.left(), content.bottom() + pt(20), content.width(), line)
    footer = f"{ctx.data.profile} · exported {long_date(ctx.data.today)}"
    _margin_line(painter, box, footer, f"Page {number + 1} of {total}", small)
    for x, y, paint in page.ops:
        painter.save()
        painter.translate(x, y)
        paint(painter)
        painter.restore()
