"""The learner's own figures in the exports: reviews as all-day events and the agenda's blocks as
timed events in the .ics, the pace line in the Markdown, review history in the JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from planner.core.agenda import BlockKind
from planner.core.export_data import ExportData
from planner.export.ics import export_ics
from planner.export.json_export import export_json
from planner.export.markdown import export_markdown
from planner.service import Planner
from tests.conftest import TODAY

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def learner_data(planner: Planner) -> ExportData:
    """ml-engineer, studying Mon and Wed evenings and Saturday mornings; python-basics finished
    in September (72 h logged against 40 estimated) and reviewed once, rusty."""
    planner.profiles.update(
        role="ml-engineer",
        hours_per_week=10,
        study_slots="Mon 19:00-21:00, Wed 19:00-21:00, Sat 10:00-13:00",
    )
    for k in range(6):
        planner.progress.log_study("python-basics", 12 * 60, date(2025, 8, 1) + timedelta(days=k))
    planner.progress.set_status("python-basics", "done", date(2025, 9, 20))
    planner.reviews.answer("python-basics", "rusty", date(2026, 3, 9))
    return planner.planning.export_data()


def test_ics_has_reviews_all_day_and_agenda_blocks_timed_in_the_zone(planner: Planner) -> None:
    data = learner_data(planner)
    calendar = Calendar.from_ical(export_ics(data, NOW, zone=BERLIN))
    events = calendar.walk("VEVENT")
    (review,) = [e for e in events if str(e["UID"]).startswith("python-basics.review.")]
    (state,) = data.reviews
    assert str(review["SUMMARY"]) == "Review: Python programming"
    assert review.decoded("DTSTART") == max(state.due, TODAY)  # a date: all day
    assert "planner review python-basics solid" in str(review["DESCRIPTION"])

    blocks = [(a, b) for a in data.agenda for b in a.blocks]
    assert blocks
    timed = [e for e in events if isinstance(e.decoded("DTSTART"), datetime)]
    assert len(timed) == len(blocks)
    for event, (agenda, block) in zip(timed, blocks, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == datetime.combine(block.day, block.start, tzinfo=BERLIN)
        assert end - start == timedelta(minutes=block.minutes)
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        word = "Review" if block.kind is BlockKind.REVIEW else "Study"
        assert str(event["SUMMARY"]) == f"{word}: {data.library.skills[block.skill_id].name}"
        goal = agenda.goals[block.skill_id]
        if goal != block.skill_id:
            assert data.library.skills[goal].name in str(event["DESCRIPTION"]).replace("\n ", "")
    assert calendar.walk("VTIMEZONE")  # the zone is described for calendars that lack it
    assert datetime.combine(date(2026, 3, 11), time(19), tzinfo=BERLIN) in [
        e.decoded("DTSTART") for e in timed
    ]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_ics_without_a_zone_writes_floating_times(planner: Planner) -> None:
    data = learner_data(planner)
    text = export_ics(data, NOW, zone=None).decode()
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert "DTSTART:20260311T190000\r\n" in text  # 19:00 wherever the calendar is


def test_json_and_markdown_carry_the_learners_figures(planner: Planner) -> None:
    data = learner_data(planner)
    exported = json.loads(export_json(data))
    assert exported["history"]["reviews"] == [
        {"date": "2026-03-09", "skill": "python-basics", "answer": "rusty"}
    ]
    assert exported["study_slots"] == "Mon 19:00-21:00, Wed 19:00-21:00, Sat 10:00-13:00"
    assert exported["pace"]["known"] and exported["progress"]["pace"] == exported["pace"]
    markdown = export_markdown(data)
    assert "Your pace: skills take you about" in markdown
    assert "(at your pace: " in markdown
