"""The PDF's title page and progress page give a forecast only with evidence: read back with
pypdf, a first evening's study says "too early to tell", never "days behind" (issue 14)."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from planner.core.export_data import ExportData
from planner.export.options import PdfOptions
from planner.export.pdf import render_pdf
from planner.export.pdf.context import long_date
from planner.service import Planner
from tests.conftest import TODAY
from tests.export.conftest import open_learner, squeeze

pytestmark = pytest.mark.gui  # drawing text needs a QGuiApplication (offscreen)


def pages(data: ExportData) -> list[str]:
    """The title page's and the progress pages' text, whitespace removed (see `squeeze`)."""
    raw = render_pdf(data, PdfOptions(sections=("progress",)))
    return [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(raw)).pages]


def test_ninety_minutes_before_the_start_are_too_early_to_tell(qapp: Any, tmp_path: Path) -> None:
    monday = TODAY + timedelta(days=7 - TODAY.weekday())
    planner = Planner.open(tmp_path / "p.sqlite3", today=lambda: TODAY)
    try:
        planner.profiles.update(role="ml-engineer", hours_per_week=12, start=monday)
        planner.progress.log_study("clustering", 90, TODAY)
        data = planner.planning.export_data()
    finally:
        planner.close()
    title, progress = pages(data)
    missing = squeeze(f"14 days and 3 h of study from your start on {long_date(monday)}")
    assert squeeze("AT YOUR RECENT RATE Too early to tell") + missing in title
    assert squeeze("1.5 h no pace yet") in title
    assert squeeze("at your recent rate: too early to tell — ") + missing in progress
    for text in (title, progress):
        assert "behindplan" not in text and "aheadofplan" not in text


def test_weeks_of_study_give_the_date_and_how_far_behind(qapp: Any, tmp_path: Path) -> None:
    planner = open_learner(tmp_path / "p.sqlite3")  # two months of sessions, up to today
    try:
        data = planner.planning.export_data()
    finally:
        planner.close()
    p = data.progress
    assert p.forecast_finish is not None and p.days_ahead is not None and p.days_ahead < 0
    title, progress = pages(data)[:2]
    # The plan schedules what is left from today; the title page says when the learner began.
    began = min(s.day for s in data.sessions if not s.deleted)
    assert began < data.plan.start
    assert squeeze(f"STARTED {long_date(began)}") in title
    assert squeeze(f"{long_date(p.forecast_finish)} {-p.days_ahead} days behind plan") in title
    assert squeeze(f"{p.velocity:.1f} h/week over the last 4 weeks") in title
    assert squeeze(f"you would finish on {long_date(p.forecast_finish)}") in progress
