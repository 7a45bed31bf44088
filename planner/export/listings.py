"""The library and the learner's history as `planner roles`, `skills` and `history` list them:
JSON-ready data (the CLI's contract) and terminal lines. Apart from the plan's and progress
reports (export/report.py), so that listing them loads no planning engine."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from planner.core.status import Status
from planner.core.units import format_minutes

if TYPE_CHECKING:
    from planner.core.domain import Role, Skill
    from planner.core.history import Activity

MARKS = {
    Status.TODO: "[ ]",
    Status.IN_PROGRESS: "[~]",
    Status.DONE: "[x]",
    Status.SKIPPED: "[-]",
    Status.IMPLIED: "[x]",
}
"""A box per status in terminal text; JSON writes the status's value, text its word."""


def iso_day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def duration(minutes: int) -> str:
    """A study duration the way people say it: 45 min, 1 h 30 min."""
    return format_minutes(minutes)


# ---------------------------------------------------------------------------- JSON shapes
def role_json(role: Role) -> dict[str, Any]:
    """A role as `planner roles --format json` prints it."""
    data: dict[str, Any] = {
        "id": role.id,
        "name": role.name,
        "summary": role.summary,
        "goals": list(role.goals),
        "tracks": [
            {
                "id": t.id,
                "name": t.name,
                "summary": t.summary,
                "goals": list(t.goals),
                "later_career": t.later_career,
            }
            for t in role.tracks
        ],
        "track_choice": None
        if role.track_choice is None
        else {
            "name": role.track_choice.name,
            "choose_at_least": role.track_choice.choose_at_least,
            "tracks": list(role.track_choice.tracks),
        },
    }
    if role.salary is not None:
        data["salary"] = {
            "amount": role.salary.amount,
            "currency": role.salary.currency,
            "region": role.salary.region,
            "source": role.salary.source,
        }
    return data


def skill_json(skill: Skill, status: Status) -> dict[str, Any]:
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


def activity_json(a: Activity) -> dict[str, Any]:
    """An entry of the history as `planner history --format json` prints it."""
    data: dict[str, Any] = {
        "kind": a.kind,
        "id": a.id,
        "recorded_at": a.recorded_at.isoformat(timespec="seconds") + "Z",
        "skill": a.skill,
        "date": a.day.isoformat(),
    }
    if a.kind == "status":
        data |= {"status": a.status, "previous": a.previous, "latest": a.latest}
    else:
        data |= {
            "session": a.session_id,
            "minutes": a.minutes,
            "note": a.note,
            "session_deleted": a.session_deleted,
        }
    if a.kind == "edited":
        data |= {"old_date": iso_day(a.old_day), "old_minutes": a.old_minutes}
    return data


def activity_text(a: Activity) -> str:
    """An entry of the history as one line: when it was entered, then what it says."""
    when = a.recorded_at.strftime("%Y-%m-%d %H:%M")  # UTC, as stored
    day = a.day.isoformat()
    if a.kind == "status":
        what = f"{a.skill}: {a.previous} -> {a.status} ({day})"
    elif a.kind == "edited":
        old = f"{duration(a.old_minutes or 0)} on {iso_day(a.old_day)}"
        what = f"#{a.session_id} {a.skill}: {old} -> {duration(a.minutes)} on {day}"
    else:
        gone = " [deleted]" if a.kind == "logged" and a.session_deleted else ""
        what = f"#{a.session_id} {a.skill}: {duration(a.minutes)} on {day}{gone}"
        if a.note and a.kind == "logged":
            what += f" · {a.note}"
    return f"{when} UTC  {a.kind:<8} {what}"
