"""Progress over time, computed from the recorded history: streaks, hours per day and per week,
burn-up against the plan, velocity, the forecast finish (core/forecast.py says when there is
one) and what a target date asks for.

How the history is read: a status entry says "from this day on, the skill has this status".
An entry made later overrides earlier ones from its own day on, so a back-dated entry lands on
its day, and the history always ends at the status the learner sees now (the last one entered).
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.forecast import Forecast, first_activity, make_forecast
from planner.core.graph import SkillGraph
from planner.core.pace import MAX_HOURS_PER_WEEK
from planner.core.plan_steps import Plan
from planner.core.status import FINISHED, Status

StatusEntry = tuple[date, str, Status]  # (day, skill, status)


@dataclass(frozen=True)
class History:
    """A learner's history reduced to what every figure needs: one row per study day and one
    per change of a skill's status. Both stay small however many entries were recorded, which
    is what lets the database hand them over instead of every entry."""

    daily_minutes: tuple[tuple[date, int], ...] = ()  # study days, oldest first
    status_changes: tuple[StatusEntry, ...] = ()  # status from that day on, by day then skill

    @classmethod
    def from_records(
        cls, events: Iterable[StatusEntry], sessions: Iterable[tuple[date, int]]
    ) -> History:
        """The history of status entries (in the order entered) and study sessions."""
        minutes: dict[date, int] = defaultdict(int)
        for day, mins in sessions:
            minutes[day] += mins
        return cls(tuple(sorted(minutes.items())), tuple(status_timeline(events)))


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
    velocity: float  # hours a week over `forecast.pace_days`; 0 until the evidence suffices
    planned_finish: date | None
    forecast_finish: date | None  # None unless `forecast.state` is FORECAST
    weekly_hours: tuple[tuple[str, float], ...]
    burnup: tuple[tuple[date, float], ...]
    forecast: Forecast  # the pace and the forecast, or why there is none yet
    daily_minutes: tuple[tuple[date, int], ...] = ()
    as_of: date | None = None  # the day these figures were computed for
    planned_hours_per_week: float | None = None
    target_date: date | None = None
    hours_per_week_needed: float | None = None  # to finish by the target; None: impossible

    @property
    def percent_done_hours(self) -> float:
        """Share of the plan's hours already behind the learner, 0–100."""
        return 100 * self.hours_done / self.hours_total if self.hours_total else 0.0

    @property
    def percent_done_skills(self) -> float:
        """Share of the plan's skills already behind the learner, 0–100."""
        return 100 * self.skills_done / self.skills_total if self.skills_total else 0.0

    @property
    def days_ahead(self) -> int | None:
        """Planned minus forecast finish in days: positive ahead of plan, negative behind."""
        if self.planned_finish is None or self.forecast_finish is None:
            return None
        return (self.planned_finish - self.forecast_finish).days

    @property
    def minutes_by_day(self) -> dict[date, int]:
        """Minutes studied on each study day."""
        return dict(self.daily_minutes)

    @property
    def target_fits(self) -> bool | None:
        """Whether the plan, at its hours per week, finishes by the target (None: no target)."""
        if self.target_date is None:
            return None
        return self.planned_finish is None or self.planned_finish <= self.target_date

    @property
    def target_possible(self) -> bool | None:
        """Whether a week the planner accepts (at most MAX_HOURS_PER_WEEK) reaches the target."""
        if self.target_date is None:
            return None
        needed = self.hours_per_week_needed
        return needed is not None and needed <= MAX_HOURS_PER_WEEK


def iso_week(day: date) -> str:
    """The ISO week of a day, like 2026-W48 (the ISO year, which differs near new year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> date:
    """The Monday of an ISO week written like 2026-W48."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


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


def status_timeline(events: Iterable[StatusEntry]) -> list[StatusEntry]:
    """The status entries (in the order entered) as the changes they make, by day then skill:
    each entry restates the skill's status from its day on, and a day keeps only its result."""
    spans: dict[str, list[tuple[date, Status]]] = {}
    for day, skill, status in events:
        rows = spans.setdefault(skill, [])
        del rows[bisect.bisect_left(rows, day, key=lambda row: row[0]) :]
        if (rows[-1][1] if rows else Status.TODO) != status:
            rows.append((day, status))
    return sorted((day, skill, status) for skill, rows in spans.items() for day, status in rows)


def burnup(
    plan: Plan,
    graph: SkillGraph,
    events: Sequence[StatusEntry],
) -> list[tuple[date, float]]:
    """Estimated hours of the plan's skills behind the learner at the end of each day on which
    a status changed: done, skipped, and what they imply. `events` are in the order entered."""
    return burnup_from_changes(plan, graph, status_timeline(events))


def burnup_from_changes(
    plan: Plan, graph: SkillGraph, changes: Sequence[StatusEntry]
) -> list[tuple[date, float]]:
    """The burn-up from a status timeline (see `status_timeline`), one point per day in it.

    Sets of skills are integers used as bit sets, so that a day costs a few big-integer
    operations rather than a walk of the graph: histories can span thousands of days.
    """
    bit = {skill: 1 << i for i, skill in enumerate(sorted(graph.preds))}
    by_hours: dict[float, int] = defaultdict(int)
    for step in plan.steps:
        by_hours[step.skill.hours] |= bit.get(step.skill.id, 0)
    hour_masks = sorted(by_hours.items())
    ancestors: dict[str, int] = {}
    status: dict[str, Status] = {}
    todo, in_progress = Status.TODO, Status.IN_PROGRESS
    finished_skills: set[str] = set()
    finished = started = union = 0
    stale = False  # a skill stopped being finished: the union of ancestors must be rebuilt
    points: list[tuple[date, float]] = []
    for position, (day, skill, new) in enumerate(changes):
        b = bit.get(skill)
        if b is not None:
            old = status.get(skill, todo)
            status[skill] = new
            if old in FINISHED and new not in FINISHED:
                finished &= ~b
                finished_skills.discard(skill)
                stale = True
            elif new in FINISHED and old not in FINISHED:
                finished |= b
                finished_skills.add(skill)
                union |= _ancestors(skill, graph, bit, ancestors)
            started = started | b if new == in_progress else started & ~b
        if position + 1 < len(changes) and changes[position + 1][0] == day:
            continue  # the day's last change gives the day's point
        if stale:
            union = 0
            for s in finished_skills:
                union |= ancestors[s]  # memoised when the skill became finished
            stale = False
        known = finished | (union & ~started)
        points.append((day, sum(h * (known & mask).bit_count() for h, mask in hour_masks)))
    return points


def _ancestors(skill: str, graph: SkillGraph, bit: Mapping[str, int], memo: dict[str, int]) -> int:
    """Every hard prerequisite of a skill, transitively, as a bit set (memoised)."""
    if skill in memo:
        return memo[skill]
    stack = [(skill, False)]
    while stack:
        node, expanded = stack.pop()
        if node in memo:
            continue
        if expanded:
            mask = 0
            for prereq in graph.hard_preds[node]:
                mask |= bit[prereq] | memo[prereq]
            memo[node] = mask
        else:
            stack.append((node, True))
            stack.extend((p, False) for p in graph.hard_preds[node] if p not in memo)
    return memo[skill]


def hours_per_week_needed(remaining: float, start: date, target: date) -> float | None:
    """Weekly hours that finish `remaining` hours by the target day (included), studying from
    `start` the way plans are scheduled; None when the target comes before the start."""
    if remaining <= 0:
        return 0.0
    days = (target - start).days + 1
    return remaining * 7 / days if days > 0 else None


def round_up(hours: float) -> float:
    """Hours rounded up to a tenth: an amount that is enough, as shown to the learner."""
    return math.ceil(hours * 10 - 1e-9) / 10


def summarise_history(
    plan: Plan,
    graph: SkillGraph,
    history: History,
    today: date,
    *,
    target: date | None = None,
    start: date | None = None,
) -> Progress:
    """Every progress figure for one plan, from the learner's reduced history; `start` is the
    day the learner chose to begin (None: not set), from which their pace is measured."""
    daily = history.daily_minutes
    current, longest = streaks((day for day, _ in daily), today)
    remaining = plan.remaining_hours
    first = first_activity(daily, [day for day, _, _ in history.status_changes[:1]])
    forecast = make_forecast(remaining, daily, first, start, today)
    return Progress(
        skills_total=len(plan.steps),
        skills_done=sum(1 for s in plan.steps if not s.remaining),
        hours_total=plan.total_hours,
        hours_done=plan.total_hours - remaining,
        hours_logged=sum(m for _, m in daily) / 60,
        streak_days=current,
        longest_streak_days=longest,
        velocity=forecast.velocity or 0.0,
        planned_finish=plan.finish,
        forecast_finish=forecast.finish,
        weekly_hours=tuple(weekly_hours(daily, today)),
        burnup=tuple(burnup_from_changes(plan, graph, history.status_changes)),
        forecast=forecast,
        daily_minutes=daily,
        as_of=today,
        planned_hours_per_week=plan.hours_per_week,
        target_date=target,
        hours_per_week_needed=(
            hours_per_week_needed(remaining, plan.start, target) if target is not None else None
        ),
    )


def summarise(
    plan: Plan,
    graph: SkillGraph,
    events: Sequence[StatusEntry],
    sessions: Sequence[tuple[date, int]],
    today: date,
    *,
    target: date | None = None,
    start: date | None = None,
) -> Progress:
    """Every progress figure for one plan, from the status entries (in the order entered) and
    the study sessions. The service reads a reduced `History` from the database instead."""
    return summarise_history(
        plan, graph, History.from_records(events, sessions), today, target=target, start=start
    )
