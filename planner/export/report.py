"""Plans, progress and comparisons as JSON-ready data (the CLI's contract) and as terminal text."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.core.model import Library, Role, Skill
from planner.core.plan import Comparison, Plan
from planner.core.progress import Progress
from planner.core.units import format_hours, plural

MARKS = {
    "todo": "[ ]",
    "in-progress": "[~]",
    "done": "[x]",
    "skipped": "[-]",
    "implied": "[x]",
}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def duration(minutes: int) -> str:
    """A study duration the way people say it: 45 min, 1 h 30 min."""
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    return f"{hours} h" if hours else f"{mins} min"


# ---------------------------------------------------------------------------- JSON shapes
def role_json(role: Role) -> dict[str, Any]:
    """A role as `planner roles --format json` prints it."""
    data: dict[str, Any] = {
        "id": role.id,
        "name": role.name,
        "summary": role.summary,
        "goals": list(role.goals),
        "tracks": [
            {"id": t.id, "name": t.name, "summary": t.summary, "goals": list(t.goals)}
            for t in role.tracks
        ],
    }
    if role.salary is not None:
        data["salary"] = {
            "amount": role.salary.amount,
            "currency": role.salary.currency,
            "region": role.salary.region,
            "source": role.salary.source,
        }
    return data


def skill_json(skill: Skill, status: str) -> dict[str, Any]:
    """A skill as `planner skills --format json` prints it."""
    return {
        "id": skill.id,
        "name": skill.name,
        "area": skill.area,
        "hours": skill.hours,
        "level": skill.level,
        "requires": list(skill.requires),
        "recommends": list(skill.recommends),
        "status": status,
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    """A plan as `planner roadmap --format json` prints it."""
    return {
        "role": plan.role,
        "tracks": list(plan.tracks),
        "strategy": plan.strategy,
        "hours_per_week": plan.hours_per_week,
        "start": plan.start.isoformat(),
        "total_hours": plan.total_hours,
        "remaining_hours": plan.remaining_hours,
        "finish": _day(plan.finish),
        "steps": [
            {
                "skill": s.skill.id,
                "name": s.skill.name,
                "area": s.skill.area,
                "hours": s.skill.hours,
                "status": s.status,
                "phase": s.phase,
                "goal": s.goal,
                "start": _day(s.start),
                "end": _day(s.end),
                "implied_by": s.implied_by,
            }
            for s in plan.steps
        ],
    }


def progress_json(profile: str, plan: Plan, progress: Progress) -> dict[str, Any]:
    """Progress as `planner progress --format json` prints it."""
    return {
        "profile": profile,
        "role": plan.role,
        "tracks": list(plan.tracks),
        "skills_total": progress.skills_total,
        "skills_done": progress.skills_done,
        "hours_total": progress.hours_total,
        "hours_done": progress.hours_done,
        "percent_done_hours": round(progress.percent_done_hours, 1),
        "hours_logged": round(progress.hours_logged, 2),
        "streak_days": progress.streak_days,
        "longest_streak_days": progress.longest_streak_days,
        "velocity_hours_per_week": round(progress.velocity, 2),
        "planned_finish": _day(progress.planned_finish),
        "forecast_finish": _day(progress.forecast_finish),
        "days_ahead": progress.days_ahead,
        "weekly_hours": [{"week": w, "hours": h} for w, h in progress.weekly_hours],
        "burnup": [{"date": d.isoformat(), "done_hours": h} for d, h in progress.burnup],
    }


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
    lines.append(
        f"{format_hours(plan.remaining_hours)} remaining of {format_hours(plan.total_hours)} · "
        f"{plan.hours_per_week:g} h/week from {plan.start.isoformat()} · finish {finish} · "
        f"{plan.strategy}"
    )
    for phase, steps in plan.phases():
        hours = sum(s.skill.hours for s in steps)
        title = "Already known" if phase == 0 else f"Phase {phase}"
        dates = _span(
            min((s.start for s in steps if s.start), default=None),
            max((s.end for s in steps if s.end), default=None),
        )
        lines.append("")
        lines.append(
            f"{title} · {plural(len(steps), 'skill')} · {format_hours(hours)}"
            + (f" · {dates}" if dates else "")
        )
        for s in steps:
            star = "*" if s.goal else " "
            lines.append(
                f"  {MARKS[s.status]}{star} {s.skill.name:<48} {format_hours(s.skill.hours):>6}  "
                f"{_span(s.start, s.end) or s.status}"
            )
    return "\n".join(lines)


def progress_text(profile: str, plan: Plan, p: Progress) -> str:
    """Progress as a few lines of text."""
    lines = [
        f"{profile} · {plan.role}",
        f"skills: {p.skills_done} of {p.skills_total} done",
        f"hours: {format_hours(p.hours_done)} of {format_hours(p.hours_total)} "
        f"({p.percent_done_hours:.0f} %)",
        f"studied: {format_hours(p.hours_logged)} · {p.velocity:.1f} h/week over the last 4 weeks",
        f"streak: {plural(p.streak_days, 'day')} (longest {plural(p.longest_streak_days, 'day')})",
        f"planned finish: {_day(p.planned_finish) or '-'} · "
        f"forecast at your pace: {_day(p.forecast_finish) or '-'}",
    ]
    return "\n".join(lines)


def compare_text(c: Comparison, library: Library) -> str:
    """A comparison as text."""
    a, b = library.roles[c.a], library.roles[c.b]
    lines = [
        f"{a.name} vs {b.name}",
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
            s = role.salary
            lines.append(
                f"  pay, {role.name}: {s.amount:,.0f} {s.currency}"
                + (f" ({s.region}, {s.source})" if s.region or s.source else "")
            )
    return "\n".join(lines)
