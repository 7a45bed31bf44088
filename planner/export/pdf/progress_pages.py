"""Progress in the PDF: a summary, then the Progress view's charts, drawn by its painters."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from planner.core.forecast import AT_RECENT_RATE, forecast_words, velocity_words
from planner.core.units import format_hours, format_logged, plural
from planner.export.pdf import ink
from planner.export.pdf.context import Context, long_date
from planner.export.pdf.layout import Flow, Paint
from planner.export.pdf.plan_table import section_heading
from planner.export.pdf.reviews import add_reviews, pace_line
from planner.export.pdf.title import SECTION_TITLES
from planner.render.charts import (
    StudyDays,
    chart_style,
    paint_burnup,
    paint_heatmap,
    paint_weekly_hours,
)

ChartPaint = Callable[[QPainter, QRectF], None]


def add_progress(flow: Flow, ctx: Context) -> None:
    """The section: heading, summary, then one block per chart (kept whole on a page)."""
    title = SECTION_TITLES["progress"]
    ctx.section_pages["progress"] = flow.start_section(title)
    width = flow.content.width()
    heading_h, paint_heading = section_heading(ctx, title, width)
    summary = summary_text(ctx)
    summary_h = ctx.text_height(summary, ink.font(9.5), width)

    def paint_intro(painter: QPainter) -> None:
        paint_heading(painter)
        ink.draw_text(
            painter, QRectF(0, heading_h, width, summary_h), summary, ink.font(9.5), ink.TEXT
        )

    style = dataclasses.replace(
        chart_style(ink.light_palette()), font=ink.font(8.5), small_font=ink.font(7.5)
    )
    plan, progress = ctx.data.plan, ctx.data.progress
    charts: list[tuple[str, str, float, Paint]] = []

    def burnup(painter: QPainter, rect: QRectF) -> None:
        paint_burnup(painter, rect, style, plan, progress)

    charts.append(
        (
            "Burn-up",
            "Hours of the skills behind you, day by day, against the plan and your own pace.",
            ctx.pt(230),
            _chart(ctx, burnup, width, ctx.pt(230)),
        )
    )
    if progress.weekly_hours:

        def weekly(painter: QPainter, rect: QRectF) -> None:
            paint_weekly_hours(painter, rect, style, progress)

        charts.append(
            (
                "Hours per week",
                "Time you logged in each week, with the hours a week the plan counts on.",
                ctx.pt(170),
                _chart(ctx, weekly, width, ctx.pt(170)),
            )
        )

        reviews = dict(Counter(e.day for e in ctx.data.review_events))

        def heatmap(painter: QPainter, rect: QRectF) -> None:
            today = progress.as_of or ctx.data.today
            paint_heatmap(painter, rect, style, StudyDays(progress.minutes_by_day, today, reviews))

        charts.append(
            (
                "Study days",
                "The last year, one square a day: the darker, the longer you studied; "
                "a dot marks a day you answered a review.",
                ctx.pt(120),
                _chart(ctx, heatmap, width, ctx.pt(120)),
            )
        )
    first_h = _titled_height(ctx, width, *charts[0][:3])
    flow.place(heading_h + summary_h, paint_intro, mark=(title, 0), keep=first_h + ctx.pt(14))
    for name, caption, height, paint in charts:
        flow.space(ctx.pt(14))
        block_h = _titled_height(ctx, width, name, caption, height)
        flow.place(block_h, _titled(ctx, width, name, caption, paint))
    if not progress.weekly_hours:
        flow.space(ctx.pt(10))
        note = "No study time logged yet: weekly hours and study days appear once you log some."
        h = ctx.text_height(note, ink.font(9), width)
        flow.place(
            h, lambda p: ink.draw_text(p, QRectF(0, 0, width, h), note, ink.font(9), ink.MUTED)
        )
    add_reviews(flow, ctx)


def summary_text(ctx: Context) -> str:
    """The progress figures in words."""
    p, plan = ctx.data.progress, ctx.data.plan
    parts = [
        f"{p.skills_done} of {plural(p.skills_total, 'skill')} are behind you "
        f"({p.percent_done_hours:.0f} % of the plan's {format_hours(p.hours_total)}).",
        f"You logged {format_logged(p.hours_logged)} of study "
        f"({velocity_words(p.forecast)}); "
        f"your streak is {plural(p.streak_days, 'day')} "
        f"(longest {plural(p.longest_streak_days, 'day')}).",
    ]
    if plan.finish is not None:
        line = f"At {plan.hours_per_week:g} h a week the plan ends on {long_date(plan.finish)}"
        if p.forecast_finish is not None:
            line += f"; {AT_RECENT_RATE} you would finish on {long_date(p.forecast_finish)}"
        else:
            line += f"; {AT_RECENT_RATE}: {forecast_words(p.forecast, long_date)}"
        parts.append(line + ".")
    if ctx.data.pace.known:  # the title page says how it becomes known
        parts.append(pace_line(ctx))
    return " ".join(parts)


def _chart(ctx: Context, paint: ChartPaint, width: float, height: float) -> Paint:
    def draw(painter: QPainter) -> None:
        paint(painter, QRectF(0, 0, width, height))

    return draw


def _titled_height(ctx: Context, width: float, name: str, caption: str, height: float) -> float:
    return (
        ctx.metrics(ink.font(11, bold=True)).height()
        + ctx.text_height(caption, ink.font(8.5), width)
        + ctx.pt(8)
        + height
    )


def _titled(ctx: Context, width: float, name: str, caption: str, chart: Paint) -> Paint:
    name_f, caption_f = ink.font(11, bold=True), ink.font(8.5)
    name_h = ctx.metrics(name_f).height()
    caption_h = ctx.text_height(caption, caption_f, width)

    def paint(painter: QPainter) -> None:
        ink.draw_text(painter, QRectF(0, 0, width, name_h), name, name_f, ink.TEXT)
        ink.draw_text(painter, QRectF(0, name_h, width, caption_h), caption, caption_f, ink.MUTED)
        painter.translate(0, name_h + caption_h + ctx.pt(8))
        chart(painter)

    return paint
