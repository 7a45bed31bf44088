"""The Markdown checklist, JSON, iCalendar and CSV exports: the rows a learner would check."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from planner.core.export_data import ExportData
from planner.export.csv_history import COLUMNS, export_csv
from planner.export.ics import export_ics
from planner.export.json_export import export_json
from planner.export.markdown import export_markdown
from planner.export.report import plan_json
from tests.export.conftest import MARKUP, MARKUP_NOTE

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


# ---------------------------------------------------------------------------- Markdown
def test_markdown_ticks_what_is_behind_and_groups_by_phase(data: ExportData) -> None:
    text = export_markdown(data)
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(items) == len(data.plan.steps)
    for line, step in zip(items, data.plan.steps, strict=True):
        assert line.startswith("- [x]" if not step.remaining else "- [ ]")
        assert f"**{step.skill.name}**" in line.replace("\\", "")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    phases = [phase for phase, _ in data.plan.phases()]
    assert len(headings) == len(phases)
    # The first group is named for what it holds: here done in the app and skipped.
    assert {s.status for s in data.plan.steps if not s.remaining} == {"done", "skipped"}
    assert headings[0].startswith("## Done and skipped · ")
    # A skill is in progress: it and what it still needs come first, as phase 1.
    assert headings[1].startswith("## Phase 1: in progress · ")
    assert [h.split(" · ")[0] for h in headings[2:]] == [f"## Phase {p}" for p in phases[2:]]
    assert " · in progress since 2026-03-01" in text  # the word, as in the app and the PDF


def test_markdown_has_hours_links_notes_and_who_it_is_for(data: ExportData) -> None:
    text = export_markdown(data)
    assert text.startswith("# Machine-learning engineer + ML platform engineer\n")
    assert f"For **{data.profile}**" in text
    first = data.plan.steps[0]
    resource = first.skill.resources[0]
    assert f"]({'<'}{resource.url}>)" in text
    assert f"{first.skill.hours:g} h" in text
    # A note keeps its lines, as a hard break inside the list item.
    assert "  - Note: Finished the course.\\\n    Redo the dict exercises." in text


def test_markdown_shows_markup_literally(markup_data: ExportData) -> None:
    text = export_markdown(markup_data)
    assert "\\<img src=x\\> \\<b\\>bold\\</b\\>" in text
    assert "<img" not in text.replace("\\<img", "")
    assert "\\<script\\>alert\\(1\\)\\</script\\> & \\*this\\*" in text.replace("\\&", "&")
    # Lines of a note that look like list items stay text.
    assert "    \\- not a list" in text
    assert "    1\\. not numbered" in text


# ---------------------------------------------------------------------------- JSON
def test_json_is_the_roadmap_json_with_notes_progress_and_history(data: ExportData) -> None:
    exported = json.loads(export_json(data))
    roadmap = json.loads(json.dumps(plan_json(data.plan)))
    assert {k: exported[k] for k in roadmap} == roadmap
    assert exported["profile"] == data.profile
    assert exported["notes"] == dict(data.notes)
    assert len(exported["notes"]) == 2
    history = exported["history"]
    assert len(history["status_changes"]) == len(data.history) == 8
    assert len(history["study_sessions"]) == 40
    first = history["status_changes"][0]
    assert {"date", "skill", "from", "to"} <= set(first)
    assert first["from"] == "todo"
    assert exported["progress"]["skills_done"] == data.progress.skills_done


def test_json_keeps_markup_as_data(markup_data: ExportData) -> None:
    exported = json.loads(export_json(markup_data))
    assert exported["steps"][-1]["name"] == MARKUP
    assert exported["notes"]["markup-skill"] == MARKUP_NOTE


# ---------------------------------------------------------------------------- iCalendar
def test_ics_has_one_all_day_event_per_remaining_step(data: ExportData) -> None:
    calendar = Calendar.from_ical(export_ics(data, NOW))
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar
    events = [  # the plan's steps (reviews and the agenda's blocks: tests/export/test_learner.py)
        e
        for e in calendar.walk("VEVENT")
        if str(e["SUMMARY"]).startswith("Study:") and type(e.decoded("DTSTART")) is date
    ]
    scheduled = [s for s in data.plan.steps if s.start is not None]
    assert len(scheduled) == sum(1 for s in data.plan.steps if s.remaining)
    assert len(events) == len(scheduled)
    for event, step in zip(events, scheduled, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date  # all day, not midnight-to-midnight
        assert step.start is not None and step.end is not None
        assert start == step.start
        assert end == step.end + timedelta(days=1)  # DTEND is exclusive
        assert str(event["SUMMARY"]) == f"Study: {step.skill.name}"
        assert event.decoded("DTSTAMP") == NOW
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_ics_uids_are_stable_from_one_export_to_the_next(data: ExportData) -> None:
    def uids(raw: bytes) -> list[str]:
        return [str(e["UID"]) for e in Calendar.from_ical(raw).walk("VEVENT")]

    later = datetime(2026, 4, 1, tzinfo=UTC)
    assert uids(export_ics(data, NOW)) == uids(export_ics(data, later))


def test_ics_lines_are_folded_and_end_with_crlf(data: ExportData) -> None:
    raw = export_ics(data, NOW)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545: 75 octets


def test_ics_keeps_markup_literal(markup_data: ExportData) -> None:
    events = Calendar.from_ical(export_ics(markup_data, NOW)).walk("VEVENT")
    event = next(e for e in events if "markup-skill" in str(e["UID"]))
    assert str(event["SUMMARY"]) == f"Study: {MARKUP}"
    assert "<script>alert(1)</script>" in str(event["DESCRIPTION"])


# ---------------------------------------------------------------------------- CSV
def rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_csv_has_every_status_change_and_session_by_date(data: ExportData) -> None:
    table = rows(export_csv(data))
    assert tuple(table[0]) == COLUMNS
    assert len(table) == len(data.history) + len(data.sessions) == 48
    assert [r["date"] for r in table] == sorted(r["date"] for r in table)
    kinds = {r["kind"] for r in table}
    assert kinds == {"status", "study"}
    status = [r for r in table if r["kind"] == "status"]
    assert [(r["skill"], r["from"], r["to"]) for r in status][:1] == [
        (data.plan.steps[0].skill.id, "todo", "done")
    ]
    study = [r for r in table if r["kind"] == "study"]
    assert sum(int(r["minutes"]) for r in study) == sum(s.minutes for s in data.sessions)
    assert all(r["name"] for r in table)


def test_csv_keeps_markup_commas_quotes_and_newlines_literal(markup_data: ExportData) -> None:
    table = rows(export_csv(markup_data))
    notes = [r["note"] for r in table if r["kind"] == "study"]
    assert notes == [MARKUP, 'one, "two"\nthree']
    assert {r["name"] for r in table if r["skill"] == "markup-skill"} == {MARKUP}


def test_markdown_says_study_under_an_hour_in_minutes(data: ExportData) -> None:
    text = export_markdown(replace(data, progress=replace(data.progress, hours_logged=0.75)))
    assert "45 min studied" in text and "0.8 h" not in text


def test_json_marks_the_learners_own_goals(data: ExportData) -> None:
    own = data.plan.steps[-1].skill.id
    exported = json.loads(export_json(replace(data, personal_goals=frozenset({own}))))
    assert exported["personal_goals"] == [own]
    assert [s["skill"] for s in exported["steps"] if s["personal_goal"]] == [own]
    assert not json.loads(export_json(data))["personal_goals"]
