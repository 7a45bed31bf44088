"""The learner's plan as a Markdown checklist, by phase or goal, with hours, dates and links."""

from __future__ import annotations

import re
from collections.abc import Mapping

from planner.core.domain import Library, Resource
from planner.core.export_data import ExportData
from planner.core.personal_pace import pace_words
from planner.core.plan_pace import finish_words
from planner.core.plan_steps import Plan
from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_hours, format_logged, plural

_TICK_SAYS_IT = frozenset({Status.TODO, Status.DONE})  # `- [ ]` and `- [x]` need no word
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# A line starting like a list item, a thematic break or a numbered item would become one:
# escape its first punctuation (a backslash before a digit would show, so it goes after).
_LINE_START = re.compile(r"^(\s*)(-|=|\d+[.)])")


def escape(text: str) -> str:
    """Text that Markdown renders literally: markup characters are backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def _link_target(url: str) -> str:
    # Angle brackets allow spaces and parentheses in the address; the URL is http(s) by schema.
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def plan_markdown(plan: Plan, library: Library, notes: Mapping[str, str] | None = None) -> str:
    """A checklist a Markdown viewer shows with ticks: `- [x]` for what is behind you."""
    return "\n".join(_title(plan, library) + _checklist(plan, notes or {})) + "\n"


def export_markdown(data: ExportData) -> str:
    """The checklist with the learner, the export date and a progress summary on top."""
    p = data.progress
    lines = [
        *_title(data.plan, data.library),
        f"For **{escape(data.profile)}** · exported {data.today.isoformat()}",
        "",
        f"Progress: {p.skills_done} of {plural(p.skills_total, 'skill')} behind you · "
        f"{p.percent_done_hours:.0f} % of the hours · {format_logged(p.hours_logged)} studied",
        "",
    ]
    if data.pace.known:
        lines += [f"{escape(pace_words(data.pace))} · {finish_words(data.plan)}", ""]
    return "\n".join(lines + _checklist(data.plan, data.notes)) + "\n"


def _title(plan: Plan, library: Library) -> list[str]:
    role = library.roles[plan.role]
    tracks = [t.name for t in role.tracks if t.id in plan.tracks]
    return [f"# {escape(role.name)}" + (f" + {escape(', '.join(tracks))}" if tracks else ""), ""]


def _checklist(plan: Plan, notes: Mapping[str, str]) -> list[str]:
    lines: list[str] = []
    finish = plan.finish.isoformat() if plan.finish else "nothing left to study"
    lines.append(
        f"{format_hours(plan.remaining_hours)} remaining of {format_hours(plan.total_hours)} · "
        f"{plan.hours_per_week:g} h/week from {plan.start.isoformat()} · finish **{finish}**"
    )
    for group in plan.groups():
        totals = f"{plural(len(group.steps), 'skill')} · {format_hours(group.hours)}"
        if group.start and group.end:
            totals += f" · {group.start.isoformat()} – {group.end.isoformat()}"
        lines += ["", f"## {escape(group.title)} · {totals}", ""]
        for s in group.steps:
            tick = "x" if not s.remaining else " "
            when = f" · {s.start.isoformat()} – {s.end.isoformat()}" if s.start and s.end else ""
            state = "" if s.status in _TICK_SAYS_IT else f" · {STATUS_WORDS[s.status]}"
            if s.started:
                state += f" since {s.started.isoformat()}"
            goal = " ★" if s.goal else ""
            lines.append(
                f"- [{tick}] **{escape(s.skill.name)}**{goal} · {escape(s.skill.area)} · "
                f"{format_hours(s.skill.hours)}{when}{state}"
            )
            lines += [f"  - {_resource(r)}" for r in s.skill.resources]
            note = notes.get(s.skill.id, "").strip()
            if note:
                lines.append(f"  - Note: {_note(note)}")
    return lines


def _resource(r: Resource) -> str:
    about = [w for w in (r.kind, "free" if r.free else None) if w]
    return f"[{escape(r.title)}]({_link_target(r.url)})" + (
        f" · {escape(', '.join(about))}" if about else ""
    )


def _note(note: str) -> str:
    """A note keeps its lines: each ends with a hard line break and continues the list item."""
    lines = [line.rstrip() for line in note.splitlines() if line.strip()]
    escaped = [_LINE_START.sub(_escape_start, escape(line.strip())) for line in lines]
    return "\\\n    ".join(escaped)


def _escape_start(match: re.Match[str]) -> str:
    marker = match[2]
    if marker[0].isdigit():
        return f"{match[1]}{marker[:-1]}\\{marker[-1]}"
    return f"{match[1]}\\{marker}"
