"""The learner's pace and reviews in the PDF, read back with pypdf: the title page and the
progress summary give both finish dates, the progress section closes with the reviews due
and the latest answers."""

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
from tests.export.conftest import squeeze

pytestmark = pytest.mark.gui  # drawing text needs a QGuiApplication (offscreen)


def pages(data: ExportData) -> list[str]:
    raw = render_pdf(data, PdfOptions(sections=("progress",)))
    return [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(raw)).pages]


def slow_learner(path: Path) -> Planner:
    """Python (40 h) took 80 h and SQL (20 h) 40 h, both finished months ago; Python was
    reviewed and found rusty, then solid."""
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    for skill, hours, days in (("python-basics", 80, 40), ("sql", 40, 20)):
        for day in range(days):
            start = TODAY - timedelta(days=200)
            planner.progress.log_study(skill, hours * 60 // days, start + timedelta(days=day))
        planner.progress.set_status(skill, "done", TODAY - timedelta(days=200 - days))
    planner.reviews.answer("python-basics", "rusty", TODAY - timedelta(days=20))
    planner.reviews.answer("python-basics", "solid", TODAY - timedelta(days=19))
    return planner


def test_pace_and_reviews_are_in_the_pdf(qapp: Any, tmp_path: Path) -> None:
    planner = slow_learner(tmp_path / "p.sqlite3")
    try:
        data = planner.planning.export_data()
    finally:
        planner.close()
    plan = data.plan
    assert data.pace.known and plan.finish_as_estimated and plan.finish_at_pace
    title, *progress_pages = pages(data)
    progress = "".join(progress_pages)
    both = squeeze(
        f"finish {long_date(plan.finish_as_estimated)} by the estimates, "
        f"{long_date(plan.finish_at_pace)} at your own pace"
    )
    assert squeeze("Your pace: skills take you about") in title
    assert both in title
    assert both in progress
    assert squeeze("Reviews") in progress
    assert squeeze("2 finished skills come back for review") in progress
    assert squeeze("2 answers so far: 1 still solid, 1 rusty") in progress
    # SQL, finished months ago and never reviewed, is due; the latest answers are listed.
    assert squeeze("DUE THIS WEEK") in progress and squeeze("SQL") in progress
    assert squeeze("LATEST ANSWERS") in progress
    assert squeeze(f"{long_date(TODAY - timedelta(days=20))} rusty") in progress


def test_a_new_learner_reads_that_pace_and_reviews_come_later(qapp: Any, tmp_path: Path) -> None:
    planner = Planner.open(tmp_path / "p.sqlite3", today=lambda: TODAY)
    try:
        planner.profiles.update(role="ml-engineer")
        data = planner.planning.export_data()
    finally:
        planner.close()
    title, *progress_pages = pages(data)
    progress = "".join(progress_pages)
    assert squeeze("Your pace: not known yet") in title
    assert "Reviews" not in progress and "DUETHISWEEK" not in progress
