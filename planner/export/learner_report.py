"""The learner's own figures as JSON-ready data (the CLI's contract, docs/cli.md) and terminal
text: their pace, the reviews of finished skills, and the agenda of study blocks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from planner.core.personal_pace import pace_words
from planner.core.plan_pace import day_words
from planner.core.units import format_minutes

if TYPE_CHECKING:  # in annotations: `planner progress` words a pace, not reviews or an agenda
    from planner.core.agenda import Agenda, StudySlot
    from planner.core.domain import Library
    from planner.core.personal_pace import PersonalPace
    from planner.core.reviews import ReviewEvent, ReviewState

NO_SLOTS = (
    "no study times set: set them with "
    '`planner profile set --slots "Mon 19:00-21:00, Sat 10:00-13:00"`'
)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _name(library: Library, skill_id: str) -> str:
    skill = library.skills.get(skill_id)
    return skill.name if skill is not None else skill_id


def week_label(monday: date) -> str:
    """The ISO week of a Monday, as `--week` takes it: 2026-W11."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


# ---------------------------------------------------------------------------- pace
def pace_json(pace: PersonalPace) -> dict[str, Any]:
    """The learner's pace: the factors their estimates are multiplied by, and in words."""
    return {
        "overall": round(pace.overall, 3),
        "by_area": {area: round(f, 3) for area, f in pace.by_area.items()},
        "skills": pace.skills,
        "known": pace.known,
        "words": pace_words(pace),
    }


# ---------------------------------------------------------------------------- reviews
def review_json(state: ReviewState, library: Library, today: date) -> dict[str, Any]:
    """A finished skill's review as `planner review --format json` prints it."""
    return {
        "skill": state.skill_id,
        "name": _name(library, state.skill_id),
        "finished": state.finished.isoformat(),
        "last_reviewed": _day(state.last_reviewed),
        "due": state.due.isoformat(),
        "overdue_days": max(0, (today - state.due).days),
        "reviews": state.reviews,
        "rusty_in_a_row": state.rusty_in_a_row,
        "suggest_reopening": state.suggest_reopening,
    }


def review_event_json(event: ReviewEvent) -> dict[str, Any]:
    """A review answer, as the JSON export writes the history."""
    return {"date": event.day.isoformat(), "skill": event.skill_id, "answer": event.answer.value}


def _when_due(state: ReviewState, today: date) -> str:
    days = (state.due - today).days
    if days < 0:
        return f"due {day_words(state.due)}, {-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"due {day_words(state.due)}"


def review_line(state: ReviewState, library: Library, today: date) -> str:
    """One review as a line of text."""
    last = day_words(state.last_reviewed) if state.last_reviewed else "never"
    line = (
        f"{_name(library, state.skill_id)} ({state.skill_id}) · {_when_due(state, today)} · "
        f"finished {day_words(state.finished)} · last reviewed {last}"
    )
    if state.suggest_reopening:
        line += " · rusty again: consider studying it again"
    return line


def reviews_text(states: Sequence[ReviewState], library: Library, today: date, heading: str) -> str:
    """Reviews as text, under a heading (the list may be empty)."""
    if not states:
        return f"{heading}: none"
    return "\n".join([f"{heading}:", *(f"  {review_line(s, library, today)}" for s in states)])


def answered_text(state: ReviewState, answer: str, day: date, today: date) -> str:
    """What `planner review SKILL solid|rusty` prints."""
    line = f"{state.skill_id}: {answer} ({day.isoformat()}) · next review {day_words(state.due)}"
    if state.suggest_reopening:
        line += (
            f"\nnote: {state.skill_id} was rusty {state.rusty_in_a_row} times in a row: "
            f"consider studying it again (`planner status {state.skill_id} in-progress`)"
        )
    return line


# ---------------------------------------------------------------------------- agenda
def agenda_json(
    weeks: Sequence[Agenda], library: Library, slots: Sequence[StudySlot]
) -> dict[str, Any]:
    """The agenda as `planner agenda --format json` prints it."""
    from planner.core.agenda import slots_text

    return {
        "slots": slots_text(slots),
        "weeks": [
            {
                "week": week_label(a.week),
                "monday": a.week.isoformat(),
                "minutes": a.minutes,
                "blocks": [
                    {
                        "date": b.day.isoformat(),
                        "start": f"{b.start:%H:%M}",
                        "end": f"{b.end:%H:%M}",
                        "minutes": b.minutes,
                        "kind": b.kind.value,
                        "skill": b.skill_id,
                        "name": _name(library, b.skill_id),
                        "goal": a.goals.get(b.skill_id),
                        "logged": b.logged,
                    }
                    for b in a.blocks
                ],
                "left": dict(a.left),
            }
            for a in weeks
        ],
    }


def agenda_text(weeks: Sequence[Agenda], library: Library, slots: Sequence[StudySlot]) -> str:
    """The agenda as a terminal reads it: each week, then a line per block."""
    from planner.core.agenda import BlockKind

    lines: list[str] = []
    if not slots:
        lines.append(NO_SLOTS)
    for a in weeks:
        sunday = a.week + timedelta(days=6)
        if lines:
            lines.append("")
        lines.append(
            f"Week {week_label(a.week)} ({day_words(a.week)} – {day_words(sunday)}) · "
            f"{format_minutes(a.minutes)}"
        )
        if not a.blocks:
            lines.append("  nothing laid out")
        for b in a.blocks:
            goal = a.goals.get(b.skill_id)
            towards = f" · for {_name(library, goal)}" if goal and goal != b.skill_id else ""
            what = "logged" if b.logged else "review" if b.kind is BlockKind.REVIEW else "study "
            lines.append(
                f"  {b.day:%a} {day_words(b.day):<12} {b.start:%H:%M}-{b.end:%H:%M}  {what}  "
                f"{_name(library, b.skill_id)}{towards}"
            )
    return "\n".join(lines)
