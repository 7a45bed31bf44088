"""One word per status wherever a person reads it: the app, the PDF, the Markdown checklist and
the command line's text all call an implied skill "known" (the JSON keeps the value)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.core.export_data import ExportData
from planner.core.plan import Plan
from planner.core.status import STATUS_WORDS, Status
from planner.export import report
from planner.export.markdown import export_markdown
from planner.export.options import PdfOptions
from planner.export.pdf import render_pdf
from planner.service import Planner
from planner.ui.views.plan_model import PlanModel
from tests.cli.runner import Cli
from tests.conftest import TODAY

IMPLIED = "calculus"  # a hard prerequisite of backpropagation, which the learner finished


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A learner on the ML-engineer plan who finished backpropagation: calculus is implied."""
    path = tmp_path / "planner.sqlite3"
    planner = Planner.open(path, today=lambda: TODAY)
    try:
        planner.profiles.update(role="ml-engineer", hours_per_week=10, start=date(2026, 1, 5))
        planner.progress.set_status("backpropagation", "done")
        planner.progress.set_status("numpy", "in-progress")
        planner.progress.set_status("git", "skipped")
    finally:
        planner.close()
    return path


@pytest.fixture
def planner(db: Path) -> Iterator[Planner]:
    """That learner's planner (conftest's `planner` opens a fresh database)."""
    p = Planner.open(db, today=lambda: TODAY)
    yield p
    p.close()


@pytest.fixture
def plan(planner: Planner) -> Plan:
    plan = planner.planning.plan()
    assert next(s for s in plan.steps if s.skill.id == IMPLIED).status == Status.IMPLIED
    return plan


@pytest.fixture
def data(planner: Planner) -> ExportData:
    return planner.planning.export_data()


def name_of(planner: Planner, skill_id: str = IMPLIED) -> str:
    return planner.library().skills[skill_id].name


def app_word(plan: Plan, skill_id: str = IMPLIED) -> str:
    """The plan view's status column for a skill."""
    model = PlanModel()
    model.set_plan(plan)
    index = model.index_of(skill_id)
    return str(index.siblingAtColumn(1).data(Qt.ItemDataRole.DisplayRole))


def cli_word(db: Path, capsys: pytest.CaptureFixture[str], name: str) -> str:
    """What `planner roadmap` prints after the skill's hours, when it has no dates."""
    text = Cli(db, capsys).ok("roadmap")
    line = next(ln for ln in text.splitlines() if f" {name} " in ln)
    return line.rsplit("  ", 1)[1].strip()


def markdown_word(data: ExportData, name: str) -> str:
    """The status word after a checklist item's hours (none for to do and done)."""
    line = next(ln for ln in export_markdown(data).splitlines() if f"**{name}**" in ln)
    return line.rsplit(" · ", 1)[1]


def pdf_words(data: ExportData) -> str:
    """The PDF's plan table as a reader extracts it."""
    raw = render_pdf(data, PdfOptions(sections=("plan",), notes=False))
    pages = PdfReader(io.BytesIO(raw)).pages
    return " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in pages)


def test_every_place_calls_an_implied_skill_known(
    qtbot: QtBot,
    db: Path,
    planner: Planner,
    plan: Plan,
    data: ExportData,
    capsys: pytest.CaptureFixture[str],
) -> None:
    word = STATUS_WORDS[Status.IMPLIED]
    assert word == "known"
    name = name_of(planner)
    seen = {
        "app": app_word(plan).lower(),
        "cli text": cli_word(db, capsys, name),
        "markdown": markdown_word(data, name),
    }
    assert seen == dict.fromkeys(seen, word)
    finished = name_of(planner, "backpropagation")
    assert f"{word}: needed for {finished}" in pdf_words(data)
    # and nowhere a reader looks does the stored value show
    assert "implied" not in export_markdown(data)
    assert "implied" not in report.plan_text(plan, planner.library())
    assert "implied" not in pdf_words(data).lower()
    # while the JSON keeps it: it is the contract
    assert '"status": "implied"' in Cli(db, capsys).ok("roadmap", "--format", "json")


@pytest.mark.parametrize("status", [Status.IN_PROGRESS, Status.SKIPPED])
def test_the_other_statuses_read_the_same_in_the_app_the_cli_and_markdown(
    qtbot: QtBot,
    db: Path,
    planner: Planner,
    plan: Plan,
    data: ExportData,
    capsys: pytest.CaptureFixture[str],
    status: Status,
) -> None:
    skill = {Status.IN_PROGRESS: "numpy", Status.SKIPPED: "git"}[status]
    name = name_of(planner, skill)
    word = STATUS_WORDS[status]
    markdown = markdown_word(data, name)
    assert markdown.startswith(word)  # "in progress since …"
    if status == Status.SKIPPED:  # dated steps show their dates in the app and the CLI
        assert app_word(plan, skill).lower() == word
        assert cli_word(db, capsys, name) == word
    assert word in pdf_words(data)
