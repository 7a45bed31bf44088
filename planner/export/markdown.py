"""The learner's plan as a Markdown checklist, grouped by phase, with hours, dates and links."""

from __future__ import annotations

import re

from planner.core.model import Library
from planner.core.plan import Plan
from planner.core.units import format_hours, plural

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def escape(text: str) -> str:
    """Text that Markdown renders literally: markup characters are backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def _link_target(url: str) -> str:
    # Angle brackets allow spaces and parentheses in the address; the URL is http(s) by schema.
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def plan_markdown(plan: Plan, library: Library, notes: dict[str, str] | None = None) -> str:
    """A checklist a Markdown viewer shows with ticks: `- [x]` for what is behind you."""
    notes = notes or {}
    role = library.roles[plan.role]
    tracks = [t.name for t in role.tracks if t.id in plan.tracks]
    lines = [f"# {escape(role.name)}" + (f" + {escape(', '.join(tracks))}" if tracks else "")]
    lines.append("")
    finish = plan.finish.isoformat() if plan.finish else "nothing left to study"
    lines.append(
        f"{format_hours(plan.remaining_hours)} remaining of {format_hours(plan.total_hours)} · "
        f"{plan.hours_per_week:g} h/week from {plan.start.isoformat()} · finish **{finish}**"
    )
    for phase, steps in plan.phases():
        hours = sum(s.skill.hours for s in steps)
        title = "Already known" if phase == 0 else f"Phase {phase}"
        lines += ["", f"## {title} · {plural(len(steps), 'skill')} · {format_hours(hours)}", ""]
        for s in steps:
            tick = "x" if not s.remaining else " "
            when = f" · {s.start.isoformat()} – {s.end.isoformat()}" if s.start and s.end else ""
            state = "" if s.status in ("todo", "done") else f" · {s.status}"
            goal = " ★" if s.goal else ""
            lines.append(
                f"- [{tick}] **{escape(s.skill.name)}**{goal} · {escape(s.skill.area)} · "
                f"{format_hours(s.skill.hours)}{when}{state}"
            )
            for r in s.skill.resources:
                lines.append(f"  - [{escape(r.title)}]({_link_target(r.url)})")
            note = notes.get(s.skill.id, "").strip()
            if note:
                lines.append(f"  - Note: {escape(note)}")
    return "\n".join(lines) + "\n"
