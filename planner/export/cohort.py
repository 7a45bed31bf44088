"""A mentor's cohort as an export: the CSV table (team.md's cohort fields) and the words of the
cohort table that the Cohort view and the cohort's PDF page share. Plain records in, bytes or
text out; no Qt, no service.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.core.domain import Role
from planner.core.team import COHORT_FIELDS, CohortDay, CohortRow
from planner.core.units import format_hours, plural
from planner.core.wording import ahead_words
from planner.errors import UsageError
from planner.export.bundle import check_targets
from planner.export.csv_history import spreadsheet_cell
from planner.export.options import PdfOptions, Tell, quiet
from planner.paths import write_atomically

TABLE_COLUMNS = (
    "Learner",
    "Cohort",
    "Role",
    "Done",
    "Last 4 weeks",
    "Streak",
    "Last active",
    "Forecast finish",
    "Ahead / behind",
)
"""The cohort table's columns, on screen and on paper."""
TOO_EARLY = "too early to tell"
NO_ROLE = "no role yet"


@dataclass(frozen=True)
class CohortReport:
    """What a cohort export holds: the learners, the burn-up, the roles they study for (to
    name them), whose export it is and when; `cohort` None for all the mentor's cohorts."""

    cohort: str | None
    mentor: str
    today: date
    rows: tuple[CohortRow, ...]
    days: tuple[CohortDay, ...]
    roles: Mapping[str, Role]

    @property
    def title(self) -> str:
        """'Cohort spring-2026', or 'Your cohorts' for all of them."""
        return f"Cohort {self.cohort}" if self.cohort else "Your cohorts"


CohortPdfRenderer = Callable[[CohortReport, PdfOptions, Tell], bytes]
"""Draws the cohort's PDF (the desktop app has it drawn in a child process)."""


# ---------------------------------------------------------------------------- words
def role_words(row: CohortRow, roles: Mapping[str, Role]) -> str:
    """The learner's role by its name, with their tracks ('' without a role)."""
    if not row.role:
        return ""
    role = roles.get(row.role)
    if role is None:
        return row.role
    tracks = [t.name for t in role.tracks if t.id in row.tracks]
    return role.name + (f" + {', '.join(tracks)}" if tracks else "")


def cohort_cells(
    row: CohortRow, roles: Mapping[str, Role], day: Callable[[date], str]
) -> tuple[str, ...]:
    """A learner's row in words, one per `TABLE_COLUMNS`; dates written by `day`."""
    if not row.plan_skills:
        done = forecast = "—"
    else:
        done = f"{row.percent_done_hours:.0f} %"
        forecast = day(row.forecast_finish) if row.forecast_finish else TOO_EARLY
    return (
        row.login,
        row.cohort,
        role_words(row, roles) or NO_ROLE,
        done,
        format_hours(row.hours_last_28_days),
        plural(row.streak_days, "day"),
        day(row.last_active) if row.last_active else "never",
        forecast,
        "—" if row.days_ahead is None else ahead_words(row.days_ahead),
    )


def behind(row: CohortRow) -> bool:
    """Whether the learner is behind their target (or their plan)."""
    return row.days_ahead is not None and row.days_ahead < 0


def summary_words(rows: Sequence[CohortRow]) -> str:
    """'5 learners · 2 behind · 31 h studied in the last 4 weeks'."""
    if not rows:
        return "No learners yet"
    late = sum(1 for r in rows if behind(r))
    hours = sum(r.hours_last_28_days for r in rows)
    parts = [plural(len(rows), "learner")]
    if late:
        parts.append(f"{late} behind")
    parts.append(f"{format_hours(hours)} studied in the last 4 weeks")
    return " · ".join(parts)


# ---------------------------------------------------------------------------- CSV
def export_cohort_csv(rows: Sequence[CohortRow]) -> bytes:
    """One line per learner with team.md's cohort fields (`planner cohort --format csv`'s
    columns): tracks joined by '|', dates as YYYY-MM-DD, empty for none."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(COHORT_FIELDS)
    for row in rows:
        fields = row.as_json()
        writer.writerow(_csv_cell(fields[name]) for name in COHORT_FIELDS)
    return out.getvalue().encode("utf-8")


def _csv_cell(value: object) -> str:
    """Numbers as they are (a negative `days_ahead` stays a number); text never a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "|".join(str(v) for v in value)
    if isinstance(value, str):
        return spreadsheet_cell(value)
    return str(value)


# ---------------------------------------------------------------------------- files
def write_cohort_exports(
    report: CohortReport,
    targets: Sequence[tuple[str, Path]],
    *,
    pdf: PdfOptions | None = None,
    tell: Tell = quiet,
    render_pdf: CohortPdfRenderer | None = None,
) -> list[Path]:
    """Write the cohort's CSV and PDF (`targets`: (format, path) pairs), all or none, as the
    roadmap's exports are written; returns the paths in the order given. `render_pdf` draws
    the PDF elsewhere (the desktop app: in a child process); else it is drawn here."""
    check_targets(targets)
    options = pdf or PdfOptions()
    files: list[tuple[Path, bytes]] = []
    for fmt, path in targets:
        tell(0.0 if fmt == "csv" else 0.05, f"Writing {path.name}")
        if fmt == "csv":
            files.append((path, export_cohort_csv(report.rows)))
        elif fmt == "pdf":
            if render_pdf is None:
                # Imported here: the CSV alone needs no Qt.
                from planner.export.pdf.cohort_page import render_cohort_pdf

                render_pdf = render_cohort_pdf
            files.append((path, render_pdf(report, options, tell)))
        else:
            raise UsageError(f"unknown cohort export format '{fmt}' (formats: csv, pdf)")
    write_atomically(files)
    tell(1.0, "Done")
    return [path for path, _ in files]
