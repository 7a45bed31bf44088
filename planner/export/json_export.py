"""The learner's roadmap as JSON: the CLI's roadmap shape plus progress, notes and history."""

from __future__ import annotations

import json
from typing import Any

from planner.core.agenda import slots_text
from planner.core.export_data import ExportData
from planner.export.learner_report import agenda_json, pace_json, review_event_json, review_json
from planner.export.report import plan_json, progress_json


def export_dict(data: ExportData) -> dict[str, Any]:
    """`planner roadmap --format json` with `profile`, `exported`, `progress`, `notes` (skill
    id -> text) and `history` (`status_changes`, `study_sessions` and `reviews`, oldest first)
    added; the learner's `pace`, `study_slots`, `plan_by_pace`, every finished skill's review
    (`reviews`, as `planner review --format json`) and the `agenda` (as `planner agenda`)."""
    result = plan_json(data.plan, data.personal_goals)
    result["profile"] = data.profile
    result["exported"] = data.today.isoformat()
    result["progress"] = progress_json(data.profile, data.plan, data.progress, data.pace)
    result["notes"] = dict(data.notes)
    result["pace"] = pace_json(data.pace)
    result["study_slots"] = slots_text(data.study_slots)
    result["plan_by_pace"] = data.plan_by_pace
    result["reviews"] = [review_json(s, data.library, data.today) for s in data.reviews]
    result["agenda"] = agenda_json(data.agenda, data.library, data.study_slots)["weeks"]
    result["history"] = {
        "status_changes": [
            {
                "date": h.day.isoformat(),
                "skill": h.skill,
                "from": h.previous,
                "to": h.status,
            }
            for h in data.history
        ],
        "study_sessions": [
            {
                "date": s.day.isoformat(),
                "skill": s.skill,
                "minutes": s.minutes,
                "note": s.note,
            }
            for s in data.sessions
        ],
        "reviews": [review_event_json(e) for e in data.review_events],
    }
    return result


def export_json(data: ExportData) -> bytes:
    """The JSON document, UTF-8, indented for people who open it."""
    return (json.dumps(export_dict(data), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
