"""A plan at the learner's own pace: each step's likely hours for them, and both finish dates.

The order of a plan never depends on the pace, only its dates: `with_pace` takes a plan made
by `core.plan.make_plan` and gives each step the hours it is likely to take this learner
(`PersonalPace.hours`: the library's estimate times their factor for the skill's area). The
plan keeps both finish dates, by the library's estimates and at the learner's pace, and is
dated by one of them (`at_pace`). The library's estimate stays on each step (`skill.hours`),
so a view can show "12 h (you: ~18 h)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from planner.core.personal_pace import PersonalPace
from planner.core.plan import day_of, step_days
from planner.core.plan_steps import Plan, Step
from planner.core.units import format_hours


def with_pace(plan: Plan, pace: PersonalPace, at_pace: bool) -> Plan:
    """The plan with the learner's hours on each step and its finish both ways, dated at their
    pace when `at_pace`. While the pace is not known (no evidence) the plan is unchanged."""
    if not pace.known:
        return plan
    personal = [
        replace(s, personal_hours=pace.hours(s.skill.hours, s.skill.area)) for s in plan.steps
    ]
    as_estimated = _dated(personal, plan.start, plan.hours_per_week, by_pace=False)
    at_your_pace = _dated(personal, plan.start, plan.hours_per_week, by_pace=True)
    return replace(
        plan,
        steps=tuple(at_your_pace if at_pace else as_estimated),
        at_pace=at_pace,
        finish_as_estimated=_finish(as_estimated),
        finish_at_pace=_finish(at_your_pace),
    )


def _dated(steps: Sequence[Step], start: date, hours_per_week: float, by_pace: bool) -> list[Step]:
    """The steps studied back to back from `start` (as `make_plan` dates them), by the
    library's hours or, `by_pace`, by the learner's."""
    days_per_hour = 7 / hours_per_week
    base = start.toordinal()
    done = 0.0
    dated: list[Step] = []
    for step in steps:
        if not step.remaining:
            dated.append(step)
            continue
        hours = step.personal_hours if by_pace and step.personal_hours is not None else None
        hours = step.skill.hours if hours is None else hours
        first, last = step_days(done, hours, days_per_hour)
        done += hours
        dated.append(replace(step, start=day_of(base + first), end=day_of(base + last)))
    return dated


def _finish(steps: Sequence[Step]) -> date | None:
    return max((s.end for s in steps if s.end is not None), default=None)


def day_words(day: date) -> str:
    """A date as people write it: 12 Jul 2028."""
    return f"{day.day} {day:%b %Y}"


def finish_words(plan: Plan, day: Callable[[date], str] = day_words) -> str:
    """The plan's finish as a learner reads it: "finish 12 Jul 2028 (at your pace: 3 Oct
    2028)" once their pace is known (the other way round when the plan is dated at their pace:
    "finish 3 Oct 2028 at your pace (as estimated: 12 Jul 2028)"). `day` writes a date (the
    app: in the learner's locale)."""
    if plan.finish is None:
        return "nothing left to study"
    finish = f"finish {day(plan.finish)}"
    if plan.finish_at_pace is None or plan.finish_as_estimated is None:
        return finish
    if plan.at_pace:
        return f"{finish} at your pace (as estimated: {day(plan.finish_as_estimated)})"
    return f"{finish} (at your pace: {day(plan.finish_at_pace)})"


def hours_words(step: Step) -> str:
    """A step's hours: "12 h (you: ~18 h)" once the learner's pace is known, "12 h" before."""
    return estimate_words(step.skill.hours, step.personal_hours)


def estimate_words(estimate: float, mine: float | None) -> str:
    """An estimate with the learner's likely hours beside it: "12 h (you: ~18 h)" ("12 h"
    without them)."""
    hours = format_hours(estimate)
    if mine is None:
        return hours
    return f"{hours} (you: ~{format_hours(round(mine) if mine >= 10 else mine)})"
