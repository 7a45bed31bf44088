"""The learner's pace and reviews in the PDF: the pace line of the title page and the progress
summary, and a short "Reviews" block closing the progress section (what is due, what was
answered)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.core.reviews import Answer, ReviewState
from planner.core.units import plural
from planner.core.wording import pace_sentence
from planner.export.pdf import ink
from planner.export.pdf.context import Context, long_date
from planner.export.pdf.layout import Flow

DUE_WITHIN_DAYS = 6  # "this week", as the app's Review view says it
MAX_DUE_ROWS = 12
MAX_ANSWERS_SHOWN = 8


def pace_line(ctx: Context) -> str:
    """'Your pace: … — finish 12 Jul 2028 by the estimates, 3 Oct 2028 at your own pace.'
    and which of the two dates this plan's steps."""
    plan = ctx.data.plan
    words = pace_sentence(ctx.data.pace, plan, long_date)
    if not ctx.data.pace.known or plan.finish_at_pace is None:
        return words
    return (
        f"{words} This plan is dated {'at your own pace' if plan.at_pace else 'by the estimates'}."
    )


def due_soon(ctx: Context) -> list[ReviewState]:
    """The reviews due today or within the week, the most overdue first."""
    today = ctx.data.today
    due = [s for s in ctx.data.reviews if s.is_due(today, DUE_WITHIN_DAYS)]
    return sorted(due, key=lambda s: (s.due, s.skill_id))


def reviews_text(ctx: Context) -> str:
    """The reviews in words: how many finished skills are kept alive, what was answered."""
    states, events = ctx.data.reviews, ctx.data.review_events
    answers = Counter(e.answer for e in events)
    due = due_soon(ctx)
    today = ctx.data.today
    now = sum(1 for s in due if s.is_due(today))
    parts = [
        f"{plural(len(states), 'finished skill')} come back for review at growing intervals.",
        f"{plural(len(events), 'answer')} so far: {answers[Answer.SOLID]} still solid, "
        f"{answers[Answer.RUSTY]} rusty.",
    ]
    if due:
        later = len(due) - now
        parts.append(f"{now} due today" + (f", {later} more within the week." if later else "."))
    else:
        upcoming = min(states, key=lambda s: (s.due, s.skill_id))
        parts.append(f"Nothing due this week; the next review is on {long_date(upcoming.due)}.")
    return " ".join(parts)


def add_reviews(flow: Flow, ctx: Context) -> None:
    """The "Reviews" block: words, the reviews due this week, the latest answers (none
    before a skill is finished: there is nothing to review)."""
    if not ctx.data.reviews:
        return
    width = flow.content.width()
    name_f, text_f, row_f, head_f = (
        ink.font(11, bold=True),
        ink.font(9.5),
        ink.font(9),
        ink.font(7, bold=True),
    )
    name_h = ctx.metrics(name_f).height()
    text = reviews_text(ctx)
    text_h = ctx.text_height(text, text_f, width)
    row_h = ctx.metrics(row_f).height() + ctx.pt(4)
    skills = ctx.data.library.skills
    today = ctx.data.today
    due = due_soon(ctx)[:MAX_DUE_ROWS]
    latest = sorted(ctx.data.review_events, key=lambda e: (e.day, e.seq))[-MAX_ANSWERS_SHOWN:]
    gap = ctx.pt(8)
    due_h = (row_h * (len(due) + 1) + gap) if due else 0.0
    latest_h = (row_h * (len(latest) + 1) + gap) if latest else 0.0
    height = name_h + text_h + gap + due_h + latest_h

    def name(skill_id: str) -> str:
        skill = skills.get(skill_id)
        return skill.name if skill is not None else skill_id

    def paint(painter: QPainter) -> None:
        ink.draw_text(painter, QRectF(0, 0, width, name_h), "Reviews", name_f, ink.TEXT)
        ink.draw_text(painter, QRectF(0, name_h, width, text_h), text, text_f, ink.TEXT)
        y = name_h + text_h + gap
        table = _Table(painter, ctx, width, row_h)
        if due:
            heads = ("DUE THIS WEEK", "FINISHED", "LAST REVIEWED", "DUE")
            y = table.row(y, heads, head_f, ink.MUTED)
            for state in due:
                cells = (
                    name(state.skill_id),
                    long_date(state.finished),
                    long_date(state.last_reviewed) if state.last_reviewed else "not yet",
                    "today" if state.due <= today else long_date(state.due),
                )
                y = table.row(
                    y, cells, row_f, ink.ACCENT if state.due <= today else ink.TEXT, rule=True
                )
            y += gap
        if latest:
            heads = ("LATEST ANSWERS", "DAY", "ANSWER", "")
            y = table.row(y, heads, head_f, ink.MUTED)
            for event in reversed(latest):
                solid = event.answer is Answer.SOLID
                cells = (
                    name(event.skill_id),
                    long_date(event.day),
                    "still solid" if solid else "rusty",
                    "",
                )
                y = table.row(y, cells, row_f, ink.GREEN if solid else ink.MUTED, rule=True)

    flow.space(ctx.pt(14))
    flow.place(height, paint, mark=("Reviews", 1))


class _Table:
    """Rows of four cells (a skill's name, then three short ones), each elided to its column."""

    def __init__(self, painter: QPainter, ctx: Context, width: float, height: float) -> None:
        self.painter, self.ctx, self.width, self.height = painter, ctx, width, height
        self.columns = (0.0, width * 0.46, width * 0.64, width * 0.82, width)

    def row(
        self, y: float, cells: tuple[str, ...], f: QFont, color: QColor, *, rule: bool = False
    ) -> float:
        """Draw a row at `y`; returns the top of the next."""
        painter, pt = self.painter, self.ctx.pt
        metrics = self.ctx.metrics(f)
        baseline = y + metrics.ascent()
        painter.setFont(f)
        painter.setPen(color)
        for index, cell in enumerate(cells):
            left, right = self.columns[index], self.columns[index + 1]
            shown = metrics.elidedText(cell, Qt.TextElideMode.ElideRight, right - left - pt(6))
            painter.drawText(QPointF(left, baseline), shown)
        if rule:
            painter.setPen(QPen(ink.RULE, pt(0.5)))
            bottom = y + self.height - pt(1)
            painter.drawLine(QPointF(0, bottom), QPointF(self.width, bottom))
        return y + self.height
