"""A mentor's cohort as a PDF page: the cohort table and its burn-up, drawn with Qt's own PDF
writer (QtGui only) in the typeface, colours and footer of the learner's roadmap PDF.

The table takes the Cohort view's words (planner.export.cohort.cohort_cells); a table too long
for one page goes on over the next ones, its column labels repeated. Laid out first, then
painted, then given its metadata, all in memory.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPainter,
    QPen,
)

from planner import __version__
from planner.errors import PlannerError
from planner.export.cohort import TABLE_COLUMNS, CohortReport, behind, cohort_cells, summary_words
from planner.export.options import PdfOptions, Tell, quiet
from planner.export.pdf import ink, outline
from planner.export.pdf.context import Sheet, long_date
from planner.export.pdf.layout import Flow, Page, PageFormat
from planner.export.pdf.writer import PdfTarget
from planner.render.chart_axes import chart_style
from planner.render.cohort_chart import paint_cohort_burnup

BEHIND = QColor("#b3261e")  # "12 days behind", as the Cohort view writes it on a light palette
# Shares of the table's width, by column (TABLE_COLUMNS' order); the cohort's is left out
# when the table holds one cohort only.
SHARES = (0.13, 0.10, 0.22, 0.06, 0.08, 0.07, 0.10, 0.12, 0.12)
RIGHT_ALIGNED = {3, 4, 5}  # done, hours, streak: figures


def render_cohort_pdf(report: CohortReport, options: PdfOptions, tell: Tell = quiet) -> bytes:
    """The cohort's PDF as bytes: a landscape page (or more) with the table and the burn-up."""
    target = PdfTarget(options.paper, report.title, report.mentor)
    writer, fmt = target.writer, target.fmt
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    sheet = Sheet(writer, fmt)

    tell(0.0, "Laying out the cohort")
    flow = Flow(fmt)
    flow.start_section(report.title, landscape=True)
    _add_heading(flow, sheet, report)
    _add_table(flow, sheet, report)
    _add_burnup(flow, sheet, report)

    tell(0.4, "Drawing the cohort")
    painter = QPainter()
    if not painter.begin(writer):
        raise PlannerError("cannot start the PDF")
    try:
        for number, page in enumerate(flow.pages):
            if number:
                writer.newPage()
            _paint_page(painter, sheet, fmt, report, page, number, len(flow.pages))
    finally:
        painter.end()
    pdf = target.close()
    tell(0.9, "Adding the document's details")
    finished = outline.finish(
        pdf,
        flow.marks,
        [],
        {
            "/Title": report.title,
            "/Author": report.mentor,
            "/Subject": f"{report.title} on {report.today.isoformat()}",
            "/Creator": f"Roadmap planner {__version__}",
        },
        fmt.unit,
    )
    tell(1.0, "Done")
    return finished


def _add_heading(flow: Flow, sheet: Sheet, report: CohortReport) -> None:
    width = flow.content.width()
    title_f, line_f = ink.font(18, bold=True), ink.font(9.5)
    title_h = sheet.text_height(report.title, title_f, width)
    line = (
        f"{summary_words(report.rows)}. Exported by {report.mentor} on "
        f"{long_date(report.today)}; “behind” and “ahead” compare each learner's forecast "
        "finish with their target date, or with their plan's finish without one."
    )
    line_h = sheet.text_height(line, line_f, width)

    def paint(painter: QPainter) -> None:
        ink.draw_text(painter, QRectF(0, 0, width, title_h), report.title, title_f, ink.TEXT)
        painter.setPen(QPen(ink.ACCENT, sheet.pt(1.5)))
        y = title_h + sheet.pt(5)
        painter.drawLine(QPointF(0, y), QPointF(sheet.pt(36), y))
        top = title_h + sheet.pt(14)
        ink.draw_text(painter, QRectF(0, top, width, line_h), line, line_f, ink.MUTED)

    flow.place(title_h + sheet.pt(14) + line_h, paint, mark=(report.title, 0))
    flow.space(sheet.pt(12))


def _spans(width: float, columns: list[int], pad: float) -> list[tuple[float, float]]:
    total = sum(SHARES[c] for c in columns)
    room = width - pad * (len(columns) - 1)
    spans = []
    x = 0.0
    for c in columns:
        w = room * SHARES[c] / total
        spans.append((x, w))
        x += w + pad
    return spans


def _add_table(flow: Flow, sheet: Sheet, report: CohortReport) -> None:
    width = flow.content.width()
    several = len({r.cohort for r in report.rows}) > 1
    columns = [c for c in range(len(TABLE_COLUMNS)) if several or c != 1]
    spans = _spans(width, columns, sheet.pt(6))
    head_f, cell_f = ink.font(7, bold=True), ink.font(8.5)
    head_h = sheet.metrics(head_f).height() + sheet.pt(8)
    row_h = sheet.metrics(cell_f).height() + sheet.pt(8)

    def align(column: int) -> Qt.AlignmentFlag:
        return (
            Qt.AlignmentFlag.AlignRight if column in RIGHT_ALIGNED else Qt.AlignmentFlag.AlignLeft
        )

    def labels(painter: QPainter) -> None:
        for (x, w), c in zip(spans, columns, strict=True):
            box = QRectF(x, sheet.pt(3), w, head_h)
            ink.draw_text(
                painter, box, TABLE_COLUMNS[c].upper(), head_f, ink.FAINT, align(c), wrap=False
            )
        painter.setPen(QPen(ink.RULE, sheet.pt(0.8)))
        painter.drawLine(QPointF(0, head_h - sheet.pt(1)), QPointF(width, head_h - sheet.pt(1)))

    flow.page_header = (head_h, labels)
    flow.place(head_h, labels, keep=row_h)
    metrics = sheet.metrics(cell_f)
    for number, row in enumerate(report.rows):
        cells = cohort_cells(row, report.roles, long_date)
        late = behind(row)

        def paint(
            painter: QPainter,
            cells: tuple[str, ...] = cells,
            shaded: bool = number % 2 == 1,
            late: bool = late,
        ) -> None:
            if shaded:
                painter.fillRect(QRectF(0, 0, width, row_h), ink.BAND)
            for (x, w), c in zip(spans, columns, strict=True):
                text = metrics.elidedText(cells[c], Qt.TextElideMode.ElideRight, w)
                color = BEHIND if c == len(TABLE_COLUMNS) - 1 and late else ink.TEXT
                box = QRectF(x, sheet.pt(4), w, row_h - sheet.pt(4))
                ink.draw_text(painter, box, text, cell_f, color, align(c), wrap=False)

        flow.place(row_h, paint)
    flow.page_header = None
    if not report.rows:
        note = "No learners in this cohort yet."
        h = sheet.text_height(note, ink.font(9), width)
        flow.place(
            h, lambda p: ink.draw_text(p, QRectF(0, 0, width, h), note, ink.font(9), ink.MUTED)
        )


def _add_burnup(flow: Flow, sheet: Sheet, report: CohortReport) -> None:
    width = flow.content.width()
    name_f, caption_f = ink.font(11, bold=True), ink.font(8.5)
    caption = (
        "Hours of the skills the learners finished, all together, day by day; the dashed line "
        "is the hours their plans counted on by then."
    )
    name_h = sheet.metrics(name_f).height()
    caption_h = sheet.text_height(caption, caption_f, width)
    chart_h = sheet.pt(220)
    style = dataclasses.replace(
        chart_style(ink.light_palette()), font=ink.font(8.5), small_font=ink.font(7.5)
    )

    def paint(painter: QPainter) -> None:
        ink.draw_text(painter, QRectF(0, 0, width, name_h), "Cohort burn-up", name_f, ink.TEXT)
        ink.draw_text(painter, QRectF(0, name_h, width, caption_h), caption, caption_f, ink.MUTED)
        top = name_h + caption_h + sheet.pt(8)
        paint_cohort_burnup(
            painter, QRectF(0, top, width, chart_h), style, report.days, report.today
        )

    flow.space(sheet.pt(18))
    flow.place(name_h + caption_h + sheet.pt(8) + chart_h, paint, mark=("Cohort burn-up", 1))


def _paint_page(
    painter: QPainter,
    sheet: Sheet,
    fmt: PageFormat,
    report: CohortReport,
    page: Page,
    number: int,
    total: int,
) -> None:
    content = fmt.content(page.landscape)
    small = ink.font(7.5)
    line = sheet.metrics(small).height()
    bottom = content.bottom() + sheet.pt(20)
    footer = f"{report.title} · exported by {report.mentor} on {long_date(report.today)}"
    box = QRectF(content.left(), bottom, content.width(), line)
    ink.draw_text(painter, box, footer, small, ink.FAINT, wrap=False)
    ink.draw_text(
        painter,
        box,
        f"Page {number + 1} of {total}",
        small,
        ink.MUTED,
        Qt.AlignmentFlag.AlignRight,
        wrap=False,
    )
    for x, y, paint in page.ops:
        painter.save()
        painter.translate(x, y)
        paint(painter)
        painter.restore()
