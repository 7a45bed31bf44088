"""Skills in detail: summary, prerequisites, resources as links and the learner's notes."""

from __future__ import annotations

import html
from collections import defaultdict
from urllib.parse import urlsplit

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPen, QTextDocument

from planner.core.plan_steps import Step
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours
from planner.export.pdf import ink
from planner.export.pdf.context import Context, short_span
from planner.export.pdf.layout import Flow
from planner.export.pdf.plan_table import section_heading
from planner.export.pdf.title import SECTION_TITLES

INTRO = (
    "Every skill of the plan in study order: what it is about, what it needs first and what "
    "it leads to, where to learn it (the titles are links), and your notes."
)


def add_skills(flow: Flow, ctx: Context) -> None:
    """The section: a heading, then one block per step."""
    title = SECTION_TITLES["skills"]
    ctx.section_pages["skills"] = flow.start_section(title)
    width = flow.content.width()
    heading_h, paint_heading = section_heading(ctx, title, width)
    intro_h = ctx.text_height(INTRO, ink.font(9.5), width)

    def paint_intro(painter: QPainter) -> None:
        paint_heading(painter)
        ink.draw_text(painter, QRectF(0, heading_h, width, intro_h), INTRO, ink.font(9.5), ink.TEXT)

    flow.place(heading_h + intro_h, paint_intro, mark=(title, 0), keep=ctx.pt(120))
    leads_to = _leads_to(ctx)
    for step in ctx.data.plan.steps:
        _add_step(flow, ctx, step, width, leads_to.get(step.skill.id, []))


def _leads_to(ctx: Context) -> dict[str, list[str]]:
    """For each skill of the plan, the names of the plan's skills that need it."""
    in_plan = {s.skill.id for s in ctx.data.plan.steps}
    found: dict[str, list[str]] = defaultdict(list)
    for step in ctx.data.plan.steps:
        for prereq in step.skill.requires:
            if prereq in in_plan:
                found[prereq].append(step.skill.name)
    return found


def _add_step(flow: Flow, ctx: Context, step: Step, width: float, leads_to: list[str]) -> None:
    doc = document(ctx, step, width, leads_to)
    gap = ctx.pt(18)  # a rule halfway between two skills
    height = doc.size().height()
    page_height = flow.content.height()
    mark = (step.skill.name, 1)

    def rule(painter: QPainter) -> None:
        painter.setPen(QPen(ink.RULE, ctx.pt(0.6)))
        painter.drawLine(QPointF(0, gap / 2), QPointF(width, gap / 2))

    if gap + height <= page_height:

        def paint(painter: QPainter) -> None:
            rule(painter)
            painter.translate(0, gap)
            doc.drawContents(painter)

        flow.place(gap + height, paint, mark=mark)
        return
    # Longer than a page (a very long note): it starts here and goes on over the next pages,
    # cut between lines.
    if flow.room < gap + ctx.pt(80):
        flow.new_page()
    first_room = flow.room - gap
    slices = split_lines(doc, first_room, page_height)
    for k, (top, bottom) in enumerate(slices):

        def paint_slice(painter: QPainter, top: float = top, bottom: float = bottom) -> None:
            if top == 0:
                rule(painter)
                painter.translate(0, gap)
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, width, bottom - top))

        flow.place(
            (gap if k == 0 else 0.0) + bottom - top, paint_slice, mark=mark if k == 0 else None
        )


def split_lines(doc: QTextDocument, first: float, page: float) -> list[tuple[float, float]]:
    """Cut a laid-out document into slices of at most `first`, then `page`, high (in its own
    units), each cut between two lines of text."""
    layout = doc.documentLayout()
    ends: list[float] = []
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            ends.append(top + line.y() + line.height())
        block = block.next()
    ends.sort()
    total = doc.size().height()
    slices: list[tuple[float, float]] = []
    top, room = 0.0, first
    while total - top > room:
        fitting = [e for e in ends if top < e <= top + room]
        bottom = fitting[-1] if fitting else top + room
        slices.append((top, bottom))
        top, room = bottom, page
    slices.append((top, total))
    return slices


def document(ctx: Context, step: Step, width: float, leads_to: list[str]) -> QTextDocument:
    """The rich text of one skill; every piece of the learner's or the library's text is
    escaped, so markup characters in a name or a note print as themselves."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(ctx.device)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(ink.font(9))
    doc.setDefaultStyleSheet(f"a {{ color: {ink.ACCENT.name()}; text-decoration: none; }}")
    doc.setHtml(_html(ctx, step, leads_to))
    doc.setTextWidth(width)
    return doc


def _html(ctx: Context, step: Step, leads_to: list[str]) -> str:
    e = html.escape
    skill = step.skill
    muted, mark = ink.MUTED.name(), ink.MARK_COLORS[step.status].name()
    parts = [
        f'<p style="margin:0"><span style="font-size:12pt; color:{mark}">'
        f"{ink.MARKS[step.status]}</span>&nbsp; "
        f'<span style="font-size:11.5pt; font-weight:bold">{e(skill.name)}</span>'
        + (
            f' <span style="font-size:10pt; color:{ink.STAR.name()}">{ink.GOAL}</span>'
            if step.goal
            else ""
        )
        + "</p>"
    ]
    facts = [skill.area, format_hours(skill.hours)]
    if skill.level:
        facts.append(skill.level)
    if step.phase:
        facts.append(f"phase {step.phase}")
    span = short_span(step.start, step.end)
    if span:
        facts.append(span)
    if step.status != Status.TODO:
        facts.append(STATUS_WORDS[step.status])
    parts.append(
        f'<p style="margin-top:3px; font-size:8pt; color:{muted}">{e(" · ".join(facts))}</p>'
    )
    if skill.summary.strip():
        parts.append(f'<p style="margin-top:7px">{_lines(skill.summary)}</p>')
    names = ctx.data.library.skills
    needs = [names[p].name for p in skill.requires if p in names]
    relations = []
    if needs:
        relations.append(f"<b>Needs</b> {e(', '.join(needs))}")
    if leads_to:
        relations.append(f"<b>Leads to</b> {e(', '.join(leads_to))}")
    if relations:
        parts.append(
            f'<p style="margin-top:5px; font-size:8pt; color:{muted}">'
            + " &nbsp;·&nbsp; ".join(relations)
            + "</p>"
        )
    if skill.resources:
        parts.append(_label("Resources", muted))
        for r in skill.resources:
            about = [w for w in (r.kind, "free" if r.free else None, urlsplit(r.url).netloc) if w]
            # Paragraphs with a bullet rather than a list: Qt's list indents by screen pixels
            # and drops the space after it.
            parts.append(
                f'<p style="margin-top:1px; margin-bottom:0; margin-left:10px">•&nbsp; '
                f'<a href="{e(r.url, quote=True)}">{e(r.title)}</a>'
                f' <span style="color:{muted}; font-size:8pt">· {e(" · ".join(about))}</span></p>'
            )
    note = ctx.data.notes.get(skill.id, "").strip() if ctx.options.notes else ""
    if note:
        parts.append(_label("Your notes", muted))
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="6" bgcolor="{ink.NOTE_FILL.name()}">'
            f"<tr><td>{_lines(note)}</td></tr></table>"
        )
    return "".join(parts)


def _label(text: str, color: str) -> str:
    # Qt's rich text takes margins in pixels (1/96 in) only; a size in points is ignored.
    return (
        f'<p style="margin-top:9px; margin-bottom:1px; font-size:7pt; font-weight:bold; '
        f'color:{color}">{html.escape(text.upper())}</p>'
    )


def _lines(text: str) -> str:
    """Escaped text whose line breaks stay line breaks."""
    return "<br>".join(html.escape(line) for line in text.strip().splitlines())
