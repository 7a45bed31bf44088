"""The remaining steps of the learner's plan as an iCalendar file (RFC 5545).

One all-day event per scheduled step; one all-day event per finished skill on the day its
next review is due (today when it is overdue); one timed event per block of the agenda (this
week and next), in the local time zone, naming the skill and the goal it leads to. Every
event has a stable UID, so that importing a newer export updates the events instead of adding
copies.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from planner.core.agenda import Block, BlockKind, block_start
from planner.core.export_data import ExportData
from planner.core.plan_steps import Step
from planner.core.reviews import ReviewState
from planner.core.units import format_hours, format_minutes

PRODID = "-//roadmap-planner//Study roadmap//EN"
UID_DOMAIN = "roadmap-planner"


def event_uid(profile: str, role: str, skill: str) -> str:
    """The same step of the same learner's role gets the same UID in every export; the
    profile name is hashed because it may hold any character and is nobody else's business."""
    learner = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:12]
    return f"{skill}.{role}.{learner}@{UID_DOMAIN}"


def local_zone() -> tzinfo | None:
    """The computer's time zone by its IANA name (from TZ or /etc/localtime), or None when it
    has none to give (the agenda's times are then "floating": the same clock time anywhere)."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        names.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def export_ics(
    data: ExportData, now: datetime | None = None, zone: tzinfo | Literal["local"] | None = "local"
) -> bytes:
    """The calendar; `now` (UTC) is the DTSTAMP of every event, the time of the export, and
    `zone` the time zone of the agenda's blocks (default: the computer's, `local_zone`; None:
    floating times, the same clock time wherever the calendar is)."""
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
    for state in data.reviews:
        calendar.add_component(_review_event(data, state, stamp))
    where = local_zone() if zone == "local" else zone
    for agenda in data.agenda:
        for block in agenda.blocks:
            goal = agenda.goals.get(block.skill_id)
            calendar.add_component(_block_event(data, block, goal, stamp, where))
    if where is not None:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _name(data: ExportData, skill_id: str) -> str:
    skill = data.library.skills.get(skill_id)
    return skill.name if skill is not None else skill_id


def _review_event(data: ExportData, state: ReviewState, stamp: datetime) -> Event:
    """A finished skill's next review, all day on the day it is due (today when overdue)."""
    day = max(state.due, data.today)
    event = Event()
    event.add("uid", event_uid(data.profile, "review", state.skill_id))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Review: {_name(data, state.skill_id)}")
    last = state.last_reviewed.isoformat() if state.last_reviewed else "never"
    event.add(
        "description",
        f"Is it still solid, or rusty? Finished {state.finished.isoformat()}, last reviewed "
        f"{last}, due {state.due.isoformat()}.\n"
        f"Answer with: planner review {state.skill_id} solid (or rusty)",
    )
    event.add("transp", "TRANSPARENT")
    return event


def _block_event(
    data: ExportData, block: Block, goal: str | None, stamp: datetime, zone: tzinfo | None
) -> Event:
    """A block of the agenda as a timed event (floating when no time zone is known)."""
    start = block_start(block)
    if zone is not None:
        start = start.replace(tzinfo=zone)
    review = block.kind is BlockKind.REVIEW
    event = Event()
    key = f"{block.kind.value}-{block.day.isoformat()}-{block.start:%H%M}"
    event.add("uid", event_uid(data.profile, key, block.skill_id))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=block.minutes))
    name = _name(data, block.skill_id)
    event.add("summary", f"{'Review' if review else 'Study'}: {name}")
    parts = [f"{format_minutes(block.minutes)} of {'review' if review else 'study'}"]
    if goal is not None and goal != block.skill_id:
        parts.append(f"towards your goal {_name(data, goal)}")
    elif goal == block.skill_id:
        parts.append("a goal of your plan")
    event.add("description", " · ".join(parts))
    if block.skill_id in data.library.skills:
        event.add("categories", [data.library.skills[block.skill_id].area])
    return event


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
