"""The title page: the roadmap's role, learner, key dates and figures, and the contents."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.core.forecast import AT_RECENT_RATE, forecast_card, velocity_words
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours, format_logged, plural
from planner.export.pdf import ink
from planner.export.pdf.context import Context, long_date, short_span
from planner.export.pdf.layout import Flow
from planner.export.pdf.reviews import pace_line

SECTION_TITLES = {
    "plan": "Plan by phase",
    "graph": "Prerequisite graph",
    "progress": "Progress",
    "skills": "Skills in detail",
}
STRATEGY_WORDS = {"foundations-first": "foundations first", "goal-by-goal": "goal by goal"}
STATUS_ORDER = (Status.DONE, Status.IMPLIED, Status.IN_PROGRESS, Status.TODO, Status.SKIPPED)


def add_title_page(flow: Flow, ctx: Context) -> None:
    """The first page, painted in one piece (the contents read the final page numbers)."""
    flow.start_section("")
    flow.mark("Summary", 0)
    flow.place(flow.content.height(), lambda painter: _paint(painter, ctx))


def figures(ctx: Context) -> list[tuple[str, str, str]]:
    """The title page's key figures: (label, value, detail)."""
    plan, p = ctx.data.plan, ctx.data.progress
    remaining = sum(1 for s in plan.steps if s.remaining)
    if p.forecast_finish is None:
        # No date the history cannot bear: what is missing instead (core/forecast.py).
        pace, pace_detail = forecast_card(p.forecast, long_date)
    else:
        pace = long_date(p.forecast_finish)
        ahead = p.days_ahead or 0
        pace_detail = (
            "on schedule"
            if ahead == 0
            else f"{plural(abs(ahead), 'day')} {'ahead of' if ahead > 0 else 'behind'} plan"
        )
    # The plan schedules what is left from today; a learner who began before then has started.
    days = [s.day for s in ctx.data.sessions if not s.deleted]
    days += [h.day for h in ctx.data.history]
    began = min(days, default=plan.start)
    return [
        (
            "Started" if began < plan.start else "Start",
            long_date(min(began, plan.start)),
            f"{plan.hours_per_week:g} h a week · "
            f"{STRATEGY_WORDS.get(plan.strategy, plan.strategy)}",
        ),
        (
            "Planned finish",
            long_date(plan.finish) if plan.finish else "Nothing left",
            f"{format_hours(plan.remaining_hours)} still to study in {plural(remaining, 'skill')}",
        ),
        (AT_RECENT_RATE.capitalize(), pace, pace_detail),
        (
            "Hours in all",
            format_hours(plan.total_hours),
            f"{plural(p.skills_total, 'skill')}, {p.skills_done} behind you",
        ),
        (
            "Studied",
            format_logged(p.hours_logged),
            velocity_words(p.forecast),
        ),
        (
            "Streak",
            plural(p.streak_days, "day"),
            f"longest {plural(p.longest_streak_days, 'day')}",
        ),
    ]


def paint_status_key(
    painter: QPainter, ctx: Context, x: float, y: float, counts: Counter[Status] | None = None
) -> float:
    """The status boxes with their words (and counts), on one line from (x, y); returns the
    height used."""
    mark_font, word_font = ink.font(10), ink.font(8.5)
    metrics, word_metrics = ctx.metrics(mark_font), ctx.metrics(word_font)
    height = metrics.height()
    baseline = y + metrics.ascent()
    for status in STATUS_ORDER:
        if counts is not None and not counts[status]:
            continue
        painter.setFont(mark_font)
        painter.setPen(ink.MARK_COLORS[status])
        painter.drawText(QPointF(x, baseline), ink.MARKS[status])
        x += metrics.horizontalAdvance(ink.MARKS[status]) + ctx.pt(3)
        word = STATUS_WORDS[status]
        if counts is not None:
            word = f"{counts[status]} {word}"
        painter.setFont(word_font)
        painter.setPen(ink.TEXT)
        painter.drawText(QPointF(x, baseline - ctx.pt(0.5)), word)
        x += word_metrics.horizontalAdvance(word) + ctx.pt(12)
    return height


def _paint(painter: QPainter, ctx: Context) -> None:
    width = flow_width = ctx.fmt.content(False).width()
    pt = ctx.pt
    y = 0.0

    def text(value: str, f: QFont, color: QColor, gap: float = 0.0) -> None:
        nonlocal y
        h = ctx.text_height(value, f, width)
        ink.draw_text(painter, QRectF(0, y, width, h), value, f, color)
        y += h + gap

    kicker = ink.font(9, bold=True)
    text("STUDY ROADMAP", kicker, ink.ACCENT, pt(6))
    text(ctx.role.name, ink.font(26, bold=True), ink.TEXT, pt(4))
    if ctx.tracks:
        words = "track" if len(ctx.tracks) == 1 else "tracks"
        text(
            f"with the {', '.join(t.name for t in ctx.tracks)} {words}",
            ink.font(13),
            ink.MUTED,
            pt(2),
        )
    y += pt(10)
    text(
        f"Prepared for {ctx.data.profile} · exported {long_date(ctx.data.today)}",
        ink.font(10),
        ink.TEXT,
        pt(26),
    )
    y = _paint_progress(painter, ctx, y, flow_width) + pt(26)
    y = _paint_figures(painter, ctx, y, flow_width) + pt(14)
    text(pace_line(ctx), ink.font(9.5), ink.TEXT, pt(20))

    counts = Counter(s.status for s in ctx.data.plan.steps)
    y += paint_status_key(painter, ctx, 0, y, counts) + pt(22)

    if ctx.role.summary.strip():
        text("About the role", ink.font(11, bold=True), ink.TEXT, pt(4))
        text(ctx.role.summary.strip(), ink.font(9.5), ink.TEXT, pt(20))
    # The contents sit at the foot of the page, as on a report's cover; what comes next in
    # the plan fills the room above them.
    contents_top = ctx.fmt.content(False).height() - _contents_height(ctx)
    _paint_next_up(painter, ctx, y, contents_top - pt(20), width)
    _paint_contents(painter, ctx, max(y, contents_top))


def _paint_next_up(painter: QPainter, ctx: Context, y: float, bottom: float, width: float) -> None:
    """The next few steps to study, with their dates, as many as there is room for (up to 6)."""
    pt = ctx.pt
    steps = [s for s in ctx.data.plan.steps if s.remaining][:6]
    heading_f, name_f, goal_f, date_f = (
        ink.font(11, bold=True),
        ink.font(9.5),
        ink.font(9.5, bold=True),
        ink.font(9),
    )
    heading_h = ctx.metrics(heading_f).height() + pt(6)
    row_h = ctx.metrics(name_f).height() + pt(5)
    rows = min(len(steps), int((bottom - y - heading_h) // row_h))
    if rows <= 0:
        return
    ink.draw_text(painter, QRectF(0, y, width, heading_h), "Next up", heading_f, ink.TEXT)
    y += heading_h
    mark_f = ink.font(10)
    dates_w = pt(150)
    for step in steps[:rows]:
        baseline = y + ctx.metrics(name_f).ascent()
        painter.setFont(mark_f)
        painter.setPen(ink.MARK_COLORS[step.status])
        painter.drawText(QPointF(0, baseline), ink.MARKS[step.status])
        f = goal_f if step.goal else name_f
        name = ctx.metrics(f).elidedText(
            step.skill.name, Qt.TextElideMode.ElideRight, width - dates_w - pt(24)
        )
        painter.setFont(f)
        painter.setPen(ink.TEXT)
        painter.drawText(QPointF(pt(18), baseline), name)
        when = short_span(step.start, step.end)
        painter.setFont(date_f)
        painter.setPen(ink.ACCENT if step.status == Status.IN_PROGRESS else ink.MUTED)
        painter.drawText(
            QPointF(width - ctx.metrics(date_f).horizontalAdvance(when), baseline), when
        )
        painter.setPen(QPen(ink.RULE, pt(0.5)))
        painter.drawLine(QPointF(0, y + row_h - pt(1)), QPointF(width, y + row_h - pt(1)))
        y += row_h


def _paint_progress(painter: QPainter, ctx: Context, y: float, width: float) -> float:
    pt = ctx.pt
    p = ctx.data.progress
    big, small = ink.font(24, bold=True), ink.font(10)
    big_m, small_m = ctx.metrics(big), ctx.metrics(small)
    baseline = y + big_m.ascent()
    percent = f"{p.percent_done_hours:.0f} %"
    painter.setFont(big)
    painter.setPen(ink.GREEN)
    painter.drawText(QPointF(0, baseline), percent)
    painter.setFont(small)
    painter.setPen(ink.MUTED)
    painter.drawText(
        QPointF(big_m.horizontalAdvance(percent) + pt(8), baseline),
        "of the plan's hours are behind you",
    )
    right = f"{p.skills_done} of {plural(p.skills_total, 'skill')}"
    painter.drawText(QPointF(width - small_m.horizontalAdvance(right), baseline), right)
    y += big_m.height() + pt(6)
    bar = QRectF(0, y, width, pt(9))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink.BAND)
    painter.drawRoundedRect(bar, pt(4.5), pt(4.5))
    share = min(max(p.percent_done_hours / 100, 0.0), 1.0)
    if share > 0:
        painter.setBrush(ink.GREEN)
        painter.drawRoundedRect(QRectF(0, y, max(width * share, pt(9)), pt(9)), pt(4.5), pt(4.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    return y + pt(9)


def _paint_figures(painter: QPainter, ctx: Context, y: float, width: float) -> float:
    pt = ctx.pt
    columns, gap = 3, pt(18)
    cell = (width - gap * (columns - 1)) / columns
    label_f = ink.font(7, bold=True)
    value_f, detail_f = ink.font(15, bold=True), ink.font(8)
    rows = [figures(ctx)[k : k + columns] for k in range(0, 6, columns)]
    for row in rows:
        heights = []
        for i, (label, value, detail) in enumerate(row):
            x = i * (cell + gap)
            painter.setPen(QPen(ink.RULE, pt(0.8)))
            painter.drawLine(QPointF(x, y), QPointF(x + cell, y))
            cy = y + pt(7)
            h = ctx.text_height(label.upper(), label_f, cell)
            ink.draw_text(painter, QRectF(x, cy, cell, h), label.upper(), label_f, ink.MUTED)
            cy += h + pt(3)
            h = ctx.text_height(value, value_f, cell)
            ink.draw_text(painter, QRectF(x, cy, cell, h), value, value_f, ink.TEXT)
            cy += h + pt(2)
            h = ctx.text_height(detail, detail_f, cell)
            ink.draw_text(painter, QRectF(x, cy, cell, h), detail, detail_f, ink.MUTED)
            heights.append(cy + h - y)
        y += max(heights) + pt(14)
    return y - pt(14)


def _contents_entries(ctx: Context) -> list[tuple[str, str]]:
    return [(key, SECTION_TITLES[key]) for key in ctx.section_pages if key in SECTION_TITLES]


def _contents_height(ctx: Context) -> float:
    rows = len(_contents_entries(ctx))
    heading = ctx.metrics(ink.font(11, bold=True)).height() + ctx.pt(6)
    return heading + rows * (ctx.metrics(ink.font(10)).height() + ctx.pt(5))


def _paint_contents(painter: QPainter, ctx: Context, y: float) -> None:
    pt = ctx.pt
    width = ctx.fmt.content(False).width()
    entries = _contents_entries(ctx)
    if not entries:
        return
    heading = ink.font(11, bold=True)
    h = ctx.text_height("Contents", heading, width)
    ink.draw_text(painter, QRectF(0, y, width, h), "Contents", heading, ink.TEXT)
    y += h + pt(6)
    entry_f = ink.font(10)
    metrics = ctx.metrics(entry_f)
    origin = ctx.fmt.content(False).topLeft()
    for number, (key, title) in enumerate(entries, start=1):
        page = str(ctx.section_pages[key] + 1)
        label = f"{number}   {title}"
        baseline = y + metrics.ascent()
        painter.setFont(entry_f)
        painter.setPen(ink.TEXT)
        painter.drawText(QPointF(0, baseline), label)
        page_x = width - metrics.horizontalAdvance(page)
        painter.drawText(QPointF(page_x, baseline), page)
        # Dotted leaders between the title and its page number, as in a printed book.
        start = metrics.horizontalAdvance(label) + pt(6)
        painter.setPen(QPen(ink.RULE, pt(1), Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(start, baseline), QPointF(page_x - pt(6), baseline))
        row = QRectF(0, y, width, metrics.height())
        ctx.contents_links.append((0, row.translated(origin), key))
        y += metrics.height() + pt(5)
