"""A mentor's cohort exported: the CSV's columns and cells as a spreadsheet reads them, and the
PDF page read back with pypdf (the table's words, the burn-up, a long cohort over pages)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.core.domain import Library
from planner.core.team import COHORT_FIELDS, CohortDay, CohortRow
from planner.errors import PlannerError
from planner.export.cohort import (
    CohortReport,
    cohort_cells,
    export_cohort_csv,
    write_cohort_exports,
)
from planner.export.options import PdfOptions
from planner.export.pdf.context import long_date
from planner.service import Planner
from tests.conftest import TODAY


def row(login: str, **figures: object) -> CohortRow:
    values: dict[str, object] = {
        "login": login,
        "profile": login,
        "cohort": "spring-2026",
        "role": "ml-engineer",
        "tracks": (),
        "plan_skills": 57,
        "done_skills": 6,
        "percent_done_hours": 9.4,
        "hours_last_28_days": 31.25,
        "streak_days": 4,
        "last_active": TODAY - timedelta(days=1),
        "planned_finish": date(2027, 12, 28),
        "forecast_finish": date(2027, 6, 24),
        "target_date": None,
        "days_ahead": 187,
    }
    values.update(figures)
    return CohortRow(**values)  # type: ignore[arg-type]


ROWS = (
    row("ana"),
    row(
        "ben",
        role="ai-engineer",
        tracks=("agents", "llm-ops"),
        forecast_finish=date(2029, 12, 10),
        days_ahead=-943,
        streak_days=0,
    ),
    row("chloe", forecast_finish=None, days_ahead=None, hours_last_28_days=2.25),
    row("emma", role=None, plan_skills=0, done_skills=0, percent_done_hours=0.0,
        planned_finish=None, forecast_finish=None, days_ahead=None, last_active=None,
        hours_last_28_days=0.0, streak_days=0),
)  # fmt: skip
DAYS = tuple(
    CohortDay(TODAY - timedelta(days=n), 3.0 * (40 - n), 2.5 * (40 - n), 3700.0)
    for n in range(40, -1, -1)
)


@pytest.fixture(scope="module")
def library() -> Library:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        planner = Planner.open(Path(folder) / "planner.sqlite3")
        try:
            return planner.library()
        finally:
            planner.close()


@pytest.fixture
def report(library: Library) -> CohortReport:
    return CohortReport("spring-2026", "mia", TODAY, ROWS, DAYS, dict(library.roles))


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_csv_has_the_cohort_fields_of_the_command_line() -> None:
    data = export_cohort_csv(ROWS)
    header = data.decode("utf-8").splitlines()[0].split(",")
    assert header == list(COHORT_FIELDS)
    assert data.count(b"\r\n") == len(ROWS) + 1  # RFC 4180 line ends
    rows = read_csv(data)
    assert [r["login"] for r in rows] == ["ana", "ben", "chloe", "emma"]
    ben = rows[1]
    assert ben["tracks"] == "agents|llm-ops"
    assert ben["days_ahead"] == "-943"  # a number, not text guarded against formulas
    assert ben["forecast_finish"] == "2029-12-10"
    assert rows[0]["percent_done_hours"] == "9.4" and rows[0]["hours_last_28_days"] == "31.25"
    emma = rows[3]
    assert emma["role"] == "" and emma["last_active"] == "" and emma["days_ahead"] == ""


def test_a_name_that_looks_like_a_formula_stays_text() -> None:
    rows = read_csv(export_cohort_csv([row("ana", cohort="=HYPERLINK(1)")]))
    assert rows[0]["cohort"] == "'=HYPERLINK(1)"


def test_the_table_words_are_the_views(report: CohortReport) -> None:
    cells = [cohort_cells(r, report.roles, long_date) for r in ROWS]
    assert cells[0][2:] == (
        "Machine-learning engineer",
        "9 %",
        "31.2 h",
        "4 days",
        long_date(TODAY - timedelta(days=1)),
        long_date(date(2027, 6, 24)),
        "187 days ahead",
    )
    assert cells[1][2] == "AI engineer + Agents and tool use (MCP), Production LLM operations"
    assert cells[1][-1] == "943 days behind"
    assert cells[2][-2:] == ("too early to tell", "—")
    assert cells[3][2:4] == ("no role yet", "—") and cells[3][6] == "never"


@pytest.mark.gui  # drawing text needs a QGuiApplication (offscreen)
def test_the_pdf_page_holds_the_table_and_the_burnup(
    qapp: object, report: CohortReport, tmp_path: Path
) -> None:
    written = write_cohort_exports(
        report, [("csv", tmp_path / "c.csv"), ("pdf", tmp_path / "c.pdf")], pdf=PdfOptions()
    )
    assert [p.name for p in written] == ["c.csv", "c.pdf"]
    reader = PdfReader(tmp_path / "c.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape: the table's nine columns fit
    text = reader.pages[0].extract_text().replace("\t", " ")
    for words in (
        "Cohort spring-2026",
        "4 learners · 1 behind · 64.8 h studied in the last 4 weeks",
        "Exported by mia",
        "LEARNER",
        "AHEAD / BEHIND",
        "943 days behind",
        "187 days ahead",
        "too early to tell",
        "no role yet",
        "Cohort burn-up",
        "their plans in all: 3700 h",
        "Page 1 of 1",
    ):
        assert words in " ".join(text.split()), words
    assert reader.metadata is not None and reader.metadata.title == "Cohort spring-2026"
    assert reader.metadata.author == "mia"


@pytest.mark.gui
def test_a_long_cohort_goes_on_over_pages_with_its_column_labels(
    qapp: object, library: Library, tmp_path: Path
) -> None:
    rows = tuple(row(f"learner{n:03d}", cohort=("a", "b")[n % 2]) for n in range(60))
    report = CohortReport(None, "postgres", TODAY, rows, DAYS, dict(library.roles))
    path = tmp_path / "all.pdf"
    write_cohort_exports(report, [("pdf", path)])
    pages = [p.extract_text().replace("\t", " ") for p in PdfReader(path).pages]
    assert len(pages) >= 2
    assert all("LEARNER" in page for page in pages if "learner0" in page)
    assert "Your cohorts" in pages[0]
    assert "COHORT" in pages[0]  # two cohorts: each row says which
    seen = [f"learner{n:03d}" for n in range(60) if any(f"learner{n:03d}" in p for p in pages)]
    assert len(seen) == 60
    assert "Cohort burn-up" in pages[-1]


def test_nothing_is_written_when_a_target_cannot_be(report: CohortReport, tmp_path: Path) -> None:
    with pytest.raises(PlannerError):
        write_cohort_exports(
            report, [("csv", tmp_path / "c.csv"), ("csv", tmp_path / "missing" / "d.csv")]
        )
    assert not (tmp_path / "c.csv").exists()


def test_the_app_has_the_page_drawn_in_a_child_process(report: CohortReport) -> None:
    from planner.export.pdf_process import PdfProcess

    pdf = PdfProcess().render(report, PdfOptions(paper="letter"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "Cohort spring-2026" in page.extract_text().replace("\t", " ")
    assert round(float(page.mediabox.width)) == 792  # US Letter, landscape
