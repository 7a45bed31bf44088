"""Progress over time, computed from the recorded history: streaks, weekly hours, burn-up,
velocity and the forecast finish."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.graph import FINISHED, SkillGraph, implied
from planner.core.plan import Plan

VELOCITY_DAYS = 28


@dataclass(frozen=True)
class Progress:
    """Where a learner stands on a plan, and how fast they are moving."""

    skills_total: int
    skills_done: int  # done, skipped or implied
    hours_total: float
    hours_done: float
    hours_logged: float
    streak_days: int
    longest_streak_days: int
    velocity: float  # hours studied per week over the last four weeks
    planned_finish: date | None
    forecast_finish: date | None
    weekly_hours: tuple[tuple[str, float], ...]
    burnup: tuple[tuple[date, float], ...]

    @property
    def percent_done_hours(self) -> float:
        """Share of the plan's hours already behind the learner, 0–100."""
        return 100 * self.hours_done / self.hours_total if self.hours_total else 0.0

    @property
    def days_ahead(self) -> int | None:
        """Planned minus forecast finish in days: positive ahead of plan, negative behind."""
        if self.planned_finish is None or self.forecast_finish is None:
            return None
        return (self.planned_finish - self.forecast_finish).days


def iso_week(day: date) -> str:
    """The ISO week of a day, like 2026-W48 (the ISO year, which differs near new year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days. The current run still counts when
    the last study day was yesterday: today is not over yet."""
    studied = sorted(set(days))
    longest = run = 0
    previous: date | None = None
    for day in studied:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in studied else today - timedelta(days=1)
    studied_set = set(studied)
    while cursor in studied_set:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest


def weekly_hours(sessions: Iterable[tuple[date, int]], today: date) -> list[tuple[str, float]]:
    """Hours per ISO week from the first study week to this week, empty weeks included."""
    minutes: dict[str, int] = defaultdict(int)
    days: list[date] = []
    for day, mins in sessions:
        minutes[iso_week(day)] += mins
        days.append(day)
    if not days:
        return []
    result = []
    monday = min(days) - timedelta(days=min(days).weekday())
    last = max(today, *days)
    while monday <= last:
        week = iso_week(monday)
        result.append((week, round(minutes.get(week, 0) / 60, 2)))
        monday += timedelta(days=7)
    return result


def burnup(
    plan: Plan,
    graph: SkillGraph,
    events: Sequence[tuple[date, str, str]],
) -> list[tuple[date, float]]:
    """Estimated hours of the plan's skills behind the learner at the end of each day on which
    a status changed: done, skipped, and what they imply. Events replay by day, then in the
    order they were entered, so back-dated entries land where they belong."""
    in_plan = {s.skill.id: s.skill.hours for s in plan.steps}
    ordered = sorted(enumerate(events), key=lambda item: (item[1][0], item[0]))
    status: dict[str, str] = {}
    points: list[tuple[date, float]] = []
    for position, (_, (day, skill, new_status)) in enumerate(ordered):
        status[skill] = new_status
        last_of_day = position + 1 == len(ordered) or ordered[position + 1][1][0] != day
        if last_of_day:
            known = {s for s, st in status.items() if st in FINISHED} | set(implied(graph, status))
            points.append((day, sum(h for s, h in in_plan.items() if s in known)))
    return points


def summarise(
    plan: Plan,
    graph: SkillGraph,
    events: Sequence[tuple[date, str, str]],
    sessions: Sequence[tuple[date, int]],
    today: date,
) -> Progress:
    """Every progress figure for one plan, from the history of status changes and sessions."""
    current, longest = streaks((day for day, _ in sessions), today)
    window_start = today - timedelta(days=VELOCITY_DAYS - 1)
    recent = sum(m for day, m in sessions if window_start <= day <= today)
    velocity = recent / 60 / (VELOCITY_DAYS / 7)
    remaining = plan.remaining_hours
    forecast: date | None = None
    if remaining > 0 and velocity > 0:
        forecast = today + timedelta(days=math.ceil(remaining / velocity * 7))
    return Progress(
        skills_total=len(plan.steps),
        skills_done=sum(1 for s in plan.steps if not s.remaining),
        hours_total=plan.total_hours,
        hours_done=plan.total_hours - remaining,
        hours_logged=sum(m for _, m in sessions) / 60,
        streak_days=current,
        longest_streak_days=longest,
        velocity=velocity,
        planned_finish=plan.finish,
        forecast_finish=forecast,
        weekly_hours=tuple(weekly_hours(sessions, today)),
        burnup=tuple(burnup(plan, graph, events)),
    )
