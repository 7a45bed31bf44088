"""The learner's history as CSV: every status change and study session, one row each, by date."""

from __future__ import annotations

import csv
import io

from planner.core.export_data import ExportData

COLUMNS = ("date", "kind", "skill", "name", "from", "to", "minutes", "note")
# A cell starting with one of these is run as a formula by spreadsheets ("CSV injection");
# a leading apostrophe makes it text, as OWASP recommends.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(data: ExportData) -> bytes:
    """Rows oldest first; on one day the study sessions come before the status changes (a
    session is what usually leads to a change). `kind` is `study` or `status`."""
    skills = data.library.skills
    rows: list[tuple[str, int, int, list[str]]] = []

    def name(skill_id: str) -> str:
        skill = skills.get(skill_id)
        return skill.name if skill is not None else ""

    for order, s in enumerate(data.sessions):
        day = s.day.isoformat()
        row = [day, "study", s.skill, name(s.skill), "", "", str(s.minutes), s.note]
        rows.append((day, 0, order, row))
    for order, h in enumerate(data.history):
        day = h.day.isoformat()
        row = [day, "status", h.skill, name(h.skill), h.previous, h.status, "", ""]
        rows.append((day, 1, order, row))
    rows.sort(key=lambda row: row[:3])
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(COLUMNS)
    writer.writerows([spreadsheet_cell(cell) for cell in row[3]] for row in rows)
    return out.getvalue().encode("utf-8")
