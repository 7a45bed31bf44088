"""Plans, progress and comparisons as JSON-ready data (the CLI's contract) and as terminal text.
(The library's and the history's listings are export/listings.py.)"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from planner.core.pace import MAX_HOURS_PER_WEEK
from planner.core.personal_pace import pace_words as own_pace_words
from planner.core.plan_pace import finish_words, hours_words
from planner.core.plan_steps import Plan
from planner.core.status import STATUS_WORDS
from planner.core.units import (
    format_hours,
    format_logged,
    format_salary,
    plural,
)
from planner.export.listings import MARKS, iso_day

if TYPE_CHECKING:  # in annotations: a plan's report loads no progress figures, no comparison
    from planner.core.compare import Comparison
    from planner.core.domain import Library
    from planner.core.personal_pace import PersonalPace
    from planner.core.progress import Progress


# ---------------------------------------------------------------------------- JSON shapes
def plan_json(plan: Plan, personal_goals: Collection[str] = ()) -> dict[str, Any]:
    """A plan as `planner roadmap --format json` prints it; `personal_goals` are the goals the
    learner added themselves (marked `personal_goal`, and listed)."""
    return {
        "role": plan.role,
        "tracks": list(plan.tracks),
        "strategy": plan.strategy,
        "hours_per_week": plan.hours_per_week,
        "start": plan.start.isoformat(),
        "total_hours": plan.total_hours,
        "remaining_hours": plan.remaining_hours,
        "finish": iso_day(plan.finish),
        "at_pace": plan.at_pace,
        "finish_as_estimated": iso_day(plan.finish_as_estimated),
        "finish_at_pace": iso_day(plan.finish_at_pace),
        "groups": [
            {
                "phase": g.phase,
                "kind": g.kind,
                "title": g.title,
                "goal": g.goal,
                "skills": len(g.steps),
                "hours": g.hours,
                "start": iso_day(g.start),
                "end": iso_day(g.end),
            }
            for g in plan.groups()
        ],
        "personal_goals": [s.skill.id for s in plan.steps if s.skill.id in personal_goals],
        "steps": [
            {
                "skill": s.skill.id,
                "name": s.skill.name,
                "area": s.skill.area,
                "hours": s.skill.hours,
                "personal_hours": _hours(s.personal_hours),
                "status": s.status,
                "phase": s.phase,
                "goal": s.goal,
                "personal_goal": s.skill.id in personal_goals,
                "start": iso_day(s.start),
                "end": iso_day(s.end),
                "started": iso_day(s.started),
                "implied_by": s.implied_by,
            }
            for s in plan.steps
        ],
    }


def _hours(hours: float | None) -> float | None:
    return round(hours, 1) if hours is not None else None


def progress_json(
    profile: str, plan: Plan, progress: Progress, pace: PersonalPace | None = None
) -> dict[str, Any]:
    """Progress as `planner progress --format json` prints it (with the learner's `pace`,
    when given: the factors and the finish at that pace)."""
    from planner.core.progress import round_up  # the progress figures' modules: not for a plan

    needed = progress.hours_per_week_needed
    f = progress.forecast
    data: dict[str, Any] = {
        "profile": profile,
        "role": plan.role,
        "tracks": list(plan.tracks),
        "as_of": iso_day(progress.as_of),
        "skills_total": progress.skills_total,
        "skills_done": progress.skills_done,
        "percent_done_skills": round(progress.percent_done_skills, 1),
        "hours_total": progress.hours_total,
        "hours_done": progress.hours_done,
        "percent_done_hours": round(progress.percent_done_hours, 1),
        "hours_logged": round(progress.hours_logged, 2),
        "streak_days": progress.streak_days,
        "longest_streak_days": progress.longest_streak_days,
        # Null, like the forecast, until the history can bear a pace (docs/progress.md).
        "velocity_hours_per_week": round(f.velocity, 2) if f.velocity is not None else None,
        "hours_per_week": plan.hours_per_week,
        "planned_finish": iso_day(progress.planned_finish),
        "finish_as_estimated": iso_day(plan.finish_as_estimated),
        "finish_at_pace": iso_day(plan.finish_at_pace),
        "at_pace": plan.at_pace,
        "forecast_finish": iso_day(progress.forecast_finish),
        "days_ahead": progress.days_ahead,
        "forecast_state": f.state,
        "pace_since": iso_day(f.since),
        "pace_days": f.pace_days,
        "more_days_needed": f.more_days,
        "more_hours_needed": round(f.more_minutes / 60, 2),
        "target_date": iso_day(progress.target_date),
        "hours_per_week_needed": round_up(needed) if needed is not None else None,
        "target_fits": progress.target_fits,
        "weekly_hours": [{"week": w, "hours": h} for w, h in progress.weekly_hours],
        "daily_hours": [
            {"date": d.isoformat(), "hours": round(m / 60, 2)} for d, m in progress.daily_minutes
        ],
        "burnup": [{"date": d.isoformat(), "done_hours": h} for d, h in progress.burnup],
    }
    if pace is not None:
        from planner.export.learner_report import pace_json  # the JSON alone: not for text

        data["pace"] = pace_json(pace)
    return data


def pace_words(days_ahead: int | None) -> str:
    """'12 days ahead of plan', 'on plan', '1 day behind plan' ('' when unknown)."""
    if days_ahead is None:
        return ""
    if days_ahead == 0:
        return "on plan"
    word = "ahead of" if days_ahead > 0 else "behind"
    return f"{plural(abs(days_ahead), 'day')} {word} plan"


def compare_json(c: Comparison) -> dict[str, Any]:
    """A comparison as `planner compare --format json` prints it."""
    return {
        "a": c.a,
        "b": c.b,
        "shared": list(c.shared),
        "only_a": list(c.only_a),
        "only_b": list(c.only_b),
        "total_hours_a": c.total_hours_a,
        "total_hours_b": c.total_hours_b,
        "remaining_hours_a": c.remaining_hours_a,
        "remaining_hours_b": c.remaining_hours_b,
        "tracks_a": list(c.tracks_a),
        "tracks_b": list(c.tracks_b),
    }


# ---------------------------------------------------------------------------- terminal text
def _span(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return ""
    return f"{start.isoformat()} – {end.isoformat()}"


def plan_text(plan: Plan, library: Library) -> str:
    """The plan as a terminal reads it: phases with totals, then one line per step."""
    role = library.roles[plan.role]
    tracks = ", ".join(t.name for t in role.tracks if t.id in plan.tracks)
    lines = [f"{role.name}" + (f" + {tracks}" if tracks else "")]
    finish = plan.finish.isoformat() if plan.finish else "nothing left to study"
    if plan.finish_at_pace is not None:
        finish = finish_words(plan).removeprefix("finish ")
    lines.append(
        f"{format_hours(plan.remaining_hours)} remaining of {format_hours(plan.total_hours)} · "
        f"{plan.hours_per_week:g} h/week from {plan.start.isoformat()} · finish {finish} · "
        f"{plan.strategy}"
    )
    for group in plan.groups():
        dates = _span(group.start, group.end)
        lines.append("")
        lines.append(
            f"{group.title} · {plural(len(group.steps), 'skill')} · {format_hours(group.hours)}"
            + (f" · {dates}" if dates else "")
        )
        for s in group.steps:
            star = "*" if s.goal else " "
            began = f" (started {s.started.isoformat()})" if s.started else ""
            hours = hours_words(s) if s.remaining else format_hours(s.skill.hours)
            lines.append(
                f"  {MARKS[s.status]}{star} {s.skill.name:<48} {hours:>6}  "
                f"{_span(s.start, s.end) or STATUS_WORDS[s.status]}{began}"
            )
    return "\n".join(lines)


def progress_text(
    profile: str, plan: Plan, p: Progress, own_pace: PersonalPace | None = None
) -> str:
    """Progress as a few lines of text (and the learner's own pace, when given)."""
    from planner.core.forecast import AT_RECENT_RATE, forecast_words, velocity_words

    pace = pace_words(p.days_ahead)
    if p.forecast_finish is not None:
        forecast = p.forecast_finish.isoformat() + (f" ({pace})" if pace else "")
    else:
        forecast = forecast_words(p.forecast)
    lines = [
        f"{profile} · {plan.role}",
        f"skills: {p.skills_done} of {p.skills_total} done ({p.percent_done_skills:.0f} %)",
        f"hours: {format_hours(p.hours_done)} of {format_hours(p.hours_total)} "
        f"({p.percent_done_hours:.0f} %)",
        f"studied: {format_logged(p.hours_logged)} · {velocity_words(p.forecast)}",
        f"streak: {plural(p.streak_days, 'day')} (longest {plural(p.longest_streak_days, 'day')})",
        *_own_pace(plan, own_pace),
        f"planned finish: {iso_day(p.planned_finish) or '-'} at {plan.hours_per_week:g} h/week · "
        f"forecast {AT_RECENT_RATE}: {forecast}",
    ]
    if p.target_date is not None:
        lines.append(f"target: {p.target_date.isoformat()} · {target_words(plan, p)}")
    return "\n".join(lines)


def _own_pace(plan: Plan, pace: PersonalPace | None) -> list[str]:
    """The learner's pace in words, with the finish both ways once it is known."""
    if pace is None:
        return []
    if not pace.known or plan.finish_at_pace is None:
        return [own_pace_words(pace)]
    return [f"{own_pace_words(pace)} · {finish_words(plan)}"]


def target_words(plan: Plan, p: Progress) -> str:
    """What a target date asks for, in a sentence (empty without a target)."""
    from planner.core.progress import round_up

    if p.target_date is None:
        return ""
    needed = p.hours_per_week_needed
    if not plan.remaining_hours:
        return "nothing left to study"
    if needed is None or not p.target_possible:
        return f"the plan cannot fit before it, even at {MAX_HOURS_PER_WEEK:g} h/week"
    hours = f"{round_up(needed):g} h/week"
    if p.target_fits:
        return f"needs {hours}; your plan of {plan.hours_per_week:g} h/week makes it"
    return f"needs {hours}: the plan does not fit at {plan.hours_per_week:g} h/week"


def counted_tracks(c: Comparison, library: Library) -> str:
    """Which tracks a comparison counts, in words: the learner's own, or none."""
    parts = []
    for role_id, tracks in ((c.a, c.tracks_a), (c.b, c.tracks_b)):
        role = library.roles[role_id]
        names = [t.name for t in role.tracks if t.id in tracks]
        if names:
            label = "track" if len(names) == 1 else "tracks"
            parts.append(f"{role.name} with your {label} {', '.join(names)}")
        else:
            parts.append(f"{role.name} without tracks")
    return "; ".join(parts)


def compare_text(c: Comparison, library: Library) -> str:
    """A comparison as text."""
    a, b = library.roles[c.a], library.roles[c.b]
    lines = [
        f"{a.name} vs {b.name}",
        f"  counts: {counted_tracks(c, library)}",
        f"  shared: {plural(len(c.shared), 'skill')}",
        f"  only {a.name}: {plural(len(c.only_a), 'skill')}",
        f"  only {b.name}: {plural(len(c.only_b), 'skill')}",
        f"  {a.name}: {format_hours(c.total_hours_a)} in all, "
        f"{format_hours(c.remaining_hours_a)} still to study",
        f"  {b.name}: {format_hours(c.total_hours_b)} in all, "
        f"{format_hours(c.remaining_hours_b)} still to study",
    ]
    for role in (a, b):
        if role.salary is not None:
            lines.append(f"  pay, {role.name}: {format_salary(role.salary)}")
    return "\n".join(lines)
