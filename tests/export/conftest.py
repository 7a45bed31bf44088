"""Learners to export: one with progress, notes and history, one named with markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.core.export_data import ExportData
from planner.service import Planner
from tests.conftest import TODAY

MARKUP = "<img src=x> <b>bold</b>"
MARKUP_NOTE = "Ask about <script>alert(1)</script> & *this*\n- not a list\n1. not numbered"
MARKUP_ROADMAP = """\
format: 1
name: Markup test
skills:
  - id: markup-skill
    name: "<img src=x> <b>bold</b>"
    area: "A & <B> area"
    hours: 5
    summary: "Summary with <i>tags</i> & [a link](http://x) *stars*"
    requires: [python-basics]
    resources:
      - title: "<i>Docs</i> & more"
        url: https://example.com/a?b=1&c=2
        kind: docs
        free: true
roles:
  - id: markup-role
    name: "Role <u>x</u> & co"
    summary: "A role named with <markup>."
    goals: [markup-skill]
"""


def open_learner(path: Path) -> Planner:
    """A learner on the ML-engineer plan with the ML-platform track: six skills done on
    weekly dates, one in progress, one skipped, forty study sessions and two notes."""
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(
        role="ml-engineer", tracks=["ml-platform"], hours_per_week=10, start=date(2026, 1, 5)
    )
    ids = [s.skill.id for s in planner.planning.plan().steps]
    for i, skill in enumerate(ids[:6]):
        planner.progress.set_status(skill, "done", date(2026, 1, 10) + timedelta(days=7 * i))
    planner.progress.set_status(ids[6], "in-progress", date(2026, 3, 1))
    planner.progress.set_status(ids[7], "skipped", date(2026, 2, 1))
    for k in range(40):
        day = date(2026, 1, 5) + timedelta(days=int(k * 1.6))
        planner.progress.log_study(ids[min(k // 6, 6)], 45 + (k * 17) % 90, day, f"session {k}")
    planner.progress.set_note(ids[0], "Finished the course.\nRedo the dict exercises.")
    planner.progress.set_note(ids[6], "Watch lecture 4 again.")
    return planner


@pytest.fixture
def learner(tmp_path: Path) -> Iterator[Planner]:
    """The learner with progress (see `open_learner`)."""
    planner = open_learner(tmp_path / "planner.sqlite3")
    yield planner
    planner.close()


@pytest.fixture
def data(learner: Planner) -> ExportData:
    """What that learner's export shows."""
    return learner.planning.export_data()


@pytest.fixture
def markup_data(tmp_path: Path) -> ExportData:
    """A plan whose role, skill, area, resource and note hold markup characters."""
    planner = Planner.open(tmp_path / "markup.sqlite3", today=lambda: TODAY)
    try:
        roadmap = tmp_path / "markup.yaml"
        roadmap.write_text(MARKUP_ROADMAP, encoding="utf-8")
        planner.editing.import_files([roadmap])
        planner.profiles.update(role="markup-role")
        planner.progress.set_note("markup-skill", MARKUP_NOTE)
        planner.progress.log_study("markup-skill", 30, TODAY, MARKUP)
        planner.progress.log_study("markup-skill", 20, TODAY, 'one, "two"\nthree')
        return planner.planning.export_data()
    finally:
        planner.close()


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF text extraction breaks lines and words its own way."""
    return re.sub(r"\s+", "", text)
