"""The remaining steps of the learner's plan as an iCalendar file (RFC 5545).

One all-day event per scheduled step, with a stable UID so that importing a newer export
updates the events instead of adding copies.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from planner.core.plan import Step
from planner.core.records import ExportData
from planner.core.units import format_hours

PRODID = "-//roadmap-planner//Study roadmap//EN"
UID_DOMAIN = "roadmap-planner"


def event_uid(profile: str, role: str, skill: str) -> str:
    """The same step of the same learner's role gets the same UID in every export; the
    profile name is hashed because it may hold any character and is nobody else's business."""
    learner = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:12]
    return f"{skill}.{role}.{learner}@{UID_DOMAIN}"


def export_ics(data: ExportData, now: datetime | None = None) -> bytes:
    """The calendar; `now` (UTC) is the DTSTAMP of every event, the time of the export."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    role = data.library.roles[data.plan.role]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Study roadmap: {role.name}")
    for step in data.plan.steps:
        if step.start is None or step.end is None:
            continue
        event = Event()
        event.add("uid", event_uid(data.profile, data.plan.role, step.skill.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", step.start)  # a date: an all-day event
        event.add("dtend", step.end + timedelta(days=1))  # DTEND of a date is exclusive
        event.add("summary", f"Study: {step.skill.name}")
        event.add("description", _description(step, data.notes.get(step.skill.id, "")))
        event.add("categories", [step.skill.area])
        event.add("transp", "TRANSPARENT")  # a study plan should not block the day as busy
        if step.skill.resources:
            event.add("url", step.skill.resources[0].url)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _description(step: Step, note: str) -> str:
    parts = [
        f"{step.skill.area} · {format_hours(step.skill.hours)} · phase {step.phase}"
        + (" · a goal of your role" if step.goal else "")
    ]
    if step.skill.summary:
        parts.append(step.skill.summary.strip())
    if step.skill.resources:
        parts.append("\n".join(f"{r.title}: {r.url}" for r in step.skill.resources))
    if note.strip():
        parts.append(f"Your note: {note.strip()}")
    return "\n\n".join(parts)
