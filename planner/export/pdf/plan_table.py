"""The plan by phase (or goal) as a table: status box, skill, goal star, area, hours, dates."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from planner.core.plan_steps import Plan, Step
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours, plural
from planner.export.pdf import ink
from planner.export.pdf.context import Context, long_date, short_span
from planner.export.pdf.layout import Flow, Paint
from planner.export.pdf.title import SECTION_TITLES, STRATEGY_WORDS, paint_status_key


@dataclass(frozen=True)
class Columns:
    """Left edge and width of each column, in device units."""

    mark: tuple[float, float]
    skill: tuple[float, float]
    goal: tuple[float, float]
    area: tuple[float, float]
    hours: tuple[float, float]
    dates: tuple[float, float]


def columns(ctx: Context, width: float) -> Columns:
    """Fixed columns around a skill column that takes what is left."""
    pt = ctx.pt
    mark, goal, area, hours, dates, pad = pt(16), pt(12), pt(112), pt(38), pt(116), pt(6)
    skill = width - mark - goal - area - hours - dates - 4 * pad
    x = 0.0
    spans = []
    for w, gap in ((mark, 0), (skill, 0), (goal, pad), (area, pad), (hours, pad), (dates, pad)):
        x += gap
        spans.append((x, w))
        x += w
    return Columns(*spans)


def add_plan(flow: Flow, ctx: Context) -> None:
    """The plan section: a heading, one paragraph of totals and the key, then the phases."""
    plan = ctx.data.plan
    ctx.section_pages["plan"] = flow.start_section(SECTION_TITLES["plan"])
    width = flow.content.width()
    cols = columns(ctx, width)
    intro = _intro(plan)
    heading_h, paint_heading = section_heading(ctx, SECTION_TITLES["plan"], width)
    intro_h = ctx.text_height(intro, ink.font(9.5), width)
    key_h = ctx.metrics(ink.font(10)).height()

    def paint_intro(painter: QPainter) -> None:
        paint_heading(painter)
        y = heading_h
        ink.draw_text(painter, QRectF(0, y, width, intro_h), intro, ink.font(9.5), ink.TEXT)
        paint_status_key(painter, ctx, 0, y + intro_h + ctx.pt(6))

    labels_h, labels = _column_labels(ctx, cols, width)
    flow.place(
        heading_h + intro_h + ctx.pt(6) + key_h,
        paint_intro,
        mark=(SECTION_TITLES["plan"], 0),
    )
    flow.space(ctx.pt(10))
    flow.place(labels_h, labels)
    for number, group in enumerate(plan.groups()):
        if number:
            flow.space(ctx.pt(10))
        title, steps = group.title, group.steps
        span = short_span(group.start, group.end)
        totals = " · ".join(
            x for x in (plural(len(steps), "skill"), format_hours(group.hours), span) if x
        )
        band_h, band = _phase_band(ctx, width, title, totals)
        _, band_more = _phase_band(ctx, width, f"{title} (continued)", totals)
        rows = [_row(ctx, cols, width, step) for step in steps]
        # A new page starts with the column labels, and mid-phase with the phase again.
        flow.page_header = (labels_h, labels)
        flow.place(band_h, band, keep=rows[0][0] if rows else 0.0, mark=(title, 1))
        flow.page_header = (labels_h + band_h, _stacked(labels_h, labels, band_more))
        for height, paint in rows:
            flow.place(height, paint)
    flow.page_header = None


def _stacked(first_h: float, first: Paint, second: Paint) -> Paint:
    def paint(painter: QPainter) -> None:
        first(painter)
        painter.translate(0, first_h)
        second(painter)

    return paint


def section_heading(ctx: Context, title: str, width: float) -> tuple[float, Paint]:
    """A section's title with a rule under it: (height, paint)."""
    f = ink.font(18, bold=True)
    h = ctx.text_height(title, f, width)
    total = h + ctx.pt(14)

    def paint(painter: QPainter) -> None:
        ink.draw_text(painter, QRectF(0, 0, width, h), title, f, ink.TEXT)
        painter.setPen(QPen(ink.ACCENT, ctx.pt(1.5)))
        painter.drawLine(QPointF(0, h + ctx.pt(5)), QPointF(ctx.pt(36), h + ctx.pt(5)))

    return total, paint


def _intro(plan: Plan) -> str:
    phases = sum(1 for phase, _ in plan.phases() if phase > 0)
    finish = f"planned finish {long_date(plan.finish)}" if plan.finish else "nothing left to study"
    first = "What you are studying comes first, after what it still needs. " if plan.focus else ""
    if plan.strategy == "goal-by-goal":
        rule = "Then one goal at a time, the quickest to reach first"
    else:
        rule = "Each phase needs only what earlier phases teach"
    return (
        f"{plural(len(plan.steps), 'skill')} in {plural(phases, 'phase')}: "
        f"{format_hours(plan.total_hours)} in all, {format_hours(plan.remaining_hours)} still "
        f"to study at {plan.hours_per_week:g} h a week from {long_date(plan.start)} "
        f"({STRATEGY_WORDS.get(plan.strategy, plan.strategy)}), {finish}. "
        f"{first}{rule}; {ink.GOAL} marks a goal of the role."
    )


def _column_labels(ctx: Context, cols: Columns, width: float) -> tuple[float, Paint]:
    pt = ctx.pt
    head_f = ink.font(6.5, bold=True)
    head_h = ctx.metrics(head_f).height() + pt(6)

    def paint(painter: QPainter) -> None:
        for (x, w), label, align in (
            (cols.skill, "SKILL", Qt.AlignmentFlag.AlignLeft),
            (cols.area, "AREA", Qt.AlignmentFlag.AlignLeft),
            (cols.hours, "HOURS", Qt.AlignmentFlag.AlignRight),
            (cols.dates, "DATES", Qt.AlignmentFlag.AlignLeft),
        ):
            ink.draw_text(
                painter, QRectF(x, 0, w, head_h), label, head_f, ink.FAINT, align, wrap=False
            )
        painter.setPen(QPen(ink.RULE, pt(0.8)))
        painter.drawLine(QPointF(0, head_h - pt(2)), QPointF(width, head_h - pt(2)))

    return head_h, paint


def _phase_band(ctx: Context, width: float, title: str, totals: str) -> tuple[float, Paint]:
    pt = ctx.pt
    title_f, totals_f = ink.font(9.5, bold=True), ink.font(8)
    band_h = pt(19)

    def paint(painter: QPainter) -> None:
        painter.fillRect(QRectF(0, 0, width, band_h), ink.BAND)
        m = ctx.metrics(title_f)
        base = (band_h + m.ascent() - m.descent()) / 2
        painter.setFont(title_f)
        painter.setPen(ink.TEXT)
        painter.drawText(QPointF(pt(6), base), title)
        painter.setFont(totals_f)
        painter.setPen(ink.MUTED)
        tm = ctx.metrics(totals_f)
        painter.drawText(QPointF(width - pt(6) - tm.horizontalAdvance(totals), base), totals)

    return band_h, paint


def _row(ctx: Context, cols: Columns, width: float, step: Step) -> tuple[float, Paint]:
    pt = ctx.pt
    pad = pt(4)
    name_f = ink.font(8.5, bold=step.goal)
    if step.status == Status.SKIPPED:
        name_f.setStrikeOut(True)
    small_f, mark_f = ink.font(8), ink.font(10.5)
    muted = step.status in (Status.SKIPPED, Status.IMPLIED)
    name_color = ink.MUTED if muted else ink.TEXT
    when, when_color = _when(ctx, step)
    name_h = ctx.text_height(step.skill.name, name_f, cols.skill[1])
    area_h = ctx.text_height(step.skill.area, small_f, cols.area[1])
    when_h = ctx.text_height(when, small_f, cols.dates[1])
    height = max(name_h, area_h, when_h, ctx.metrics(mark_f).height() - pad) + 2 * pad

    def cell(span: tuple[float, float], h: float) -> QRectF:
        return QRectF(span[0], pad, span[1], h)

    def paint(painter: QPainter) -> None:
        # The row's cells in reading order, so that copied text reads like the row.
        painter.setFont(mark_f)
        painter.setPen(ink.MARK_COLORS[step.status])
        baseline = pad + ctx.metrics(name_f).ascent() + pt(1)
        painter.drawText(QPointF(cols.mark[0], baseline), ink.MARKS[step.status])
        ink.draw_text(painter, cell(cols.skill, name_h), step.skill.name, name_f, name_color)
        if step.goal:
            ink.draw_text(
                painter, cell(cols.goal, name_h), ink.GOAL, ink.font(8.5), ink.STAR, wrap=False
            )
        ink.draw_text(painter, cell(cols.area, area_h), step.skill.area, small_f, ink.MUTED)
        right = Qt.AlignmentFlag.AlignRight
        hours = format_hours(step.skill.hours)
        ink.draw_text(
            painter, cell(cols.hours, name_h), hours, ink.font(8.5), name_color, right, False
        )
        ink.draw_text(painter, cell(cols.dates, when_h), when, small_f, when_color)
        painter.setPen(QPen(ink.RULE, pt(0.5)))
        painter.drawLine(QPointF(0, height), QPointF(width, height))

    return height, paint


def _when(ctx: Context, step: Step) -> tuple[str, QColor]:
    """The dates of a remaining step, or what the learner already did with it."""
    if step.start is not None and step.end is not None:
        span = short_span(step.start, step.end)
        if step.status == Status.IN_PROGRESS:
            since = f" since {long_date(step.started)}" if step.started else ""
            return f"{span}\n{STATUS_WORDS[Status.IN_PROGRESS]}{since}", ink.ACCENT
        return span, ink.TEXT
    if step.status == Status.IMPLIED:
        after = ctx.data.library.skills.get(step.implied_by or "")
        known = STATUS_WORDS[Status.IMPLIED]
        return (f"{known}: needed for {after.name}" if after else known), ink.MARK_COLORS[
            step.status
        ]
    return STATUS_WORDS[step.status], ink.GREEN if step.status == Status.DONE else ink.FAINT
