"""The learner's roadmap as JSON: the CLI's roadmap shape plus progress, notes and history."""

from __future__ import annotations

import json
from typing import Any

from planner.core.records import ExportData
from planner.export.report import plan_json, progress_json


def export_dict(data: ExportData) -> dict[str, Any]:
    """`planner roadmap --format json` with `profile`, `exported`, `progress`, `notes` (skill
    id -> text) and `history` (`status_changes` and `study_sessions`, oldest first) added."""
    result = plan_json(data.plan, data.personal_goals)
    result["profile"] = data.profile
    result["exported"] = data.today.isoformat()
    result["progress"] = progress_json(data.profile, data.plan, data.progress)
    result["notes"] = dict(data.notes)
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
    }
    return result


def export_json(data: ExportData) -> bytes:
    """The JSON document, UTF-8, indented for people who open it."""
    return (json.dumps(export_dict(data), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
