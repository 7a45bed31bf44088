"""The PDF read back with pypdf, as a reader and a search engine would see it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from planner.core.export_data import ExportData
from planner.core.status import Status
from planner.export.options import PdfOptions
from planner.export.pdf import document_title, render_pdf
from planner.export.pdf.ink import MARKS
from planner.service import Planner
from tests.export.conftest import MARKUP, MARKUP_NOTE, open_learner, squeeze

pytestmark = pytest.mark.gui  # drawing text needs a QGuiApplication (offscreen)

SECTIONS = ["Summary", "Plan by phase", "Prerequisite graph", "Progress", "Skills in detail"]


@dataclass
class Pdf:
    """A rendered PDF and what a reader finds in it."""

    data: ExportData
    raw: bytes

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.raw))

    @cached_property
    def _texts(self) -> list[str]:
        return [page.extract_text().replace("\t", " ") for page in self.reader.pages]

    def texts(self) -> list[str]:
        """Each page's text; Qt places words one by one, which pypdf reads as tabs."""
        return list(self._texts)

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, page index) of every bookmark, in order."""
        reader = self.reader
        found: list[tuple[int, str, int]] = []

        def walk(items: list[Any], level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    page = reader.get_destination_page_number(item)
                    assert page is not None
                    found.append((level, str(item.title), page))

        walk(reader.outline, 0)
        return found

    def section_pages(self) -> dict[str, int]:
        return {title: page for level, title, page in self.outline() if level == 0}


def render(data: ExportData, **options: Any) -> Pdf:
    return Pdf(data, render_pdf(data, PdfOptions(**options)))


@pytest.fixture(scope="module")
def pdf(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pdf]:
    """The learner's whole roadmap on A4, rendered once for the tests that only read it."""
    planner = open_learner(tmp_path_factory.mktemp("pdf") / "planner.sqlite3")
    try:
        yield render(planner.planning.export_data())
    finally:
        planner.close()


def page_body(text: str, data: ExportData) -> str:
    """A page's text without its running head and footer."""
    noise = [document_title(data), f"{data.profile} · exported", "Page ", *SECTIONS]
    lines = [ln for ln in text.splitlines() if not any(ln.strip().startswith(n) for n in noise)]
    return squeeze("".join(lines))


def test_every_step_is_listed_in_order_with_its_status_box(pdf: Pdf) -> None:
    pages = pdf.section_pages()
    plan_text = squeeze("".join(pdf.texts()[pages["Plan by phase"] : pages["Prerequisite graph"]]))
    position = 0
    for step in pdf.data.plan.steps:
        found = plan_text.find(squeeze(MARKS[step.status] + step.skill.name), position)
        assert found >= 0, f"{step.status} {step.skill.name} missing or out of order"
        position = found + 1
    statuses = {s.status for s in pdf.data.plan.steps}
    assert {"done", "in-progress", "skipped", "todo"} <= statuses
    assert plan_text.count(MARKS[Status.TODO]) >= sum(1 for s in pdf.data.plan.steps if s.remaining)


def test_the_skill_in_progress_leads_the_plan_with_the_day_it_was_started(pdf: Pdf) -> None:
    pages = pdf.section_pages()
    plan_text = squeeze("".join(pdf.texts()[pages["Plan by phase"] : pages["Prerequisite graph"]]))
    assert squeeze("Phase 1: in progress") in plan_text
    assert squeeze("in progress since 1 Mar 2026") in plan_text
    doing = next(s for s in pdf.data.plan.steps if s.status == "in-progress")
    first = next(s for s in pdf.data.plan.steps if s.remaining)
    assert doing.phase == first.phase == 1


def test_bookmarks_point_at_their_sections(pdf: Pdf) -> None:
    outline = pdf.outline()
    texts = pdf.texts()
    assert [title for level, title, _ in outline if level == 0] == SECTIONS
    pages = [page for level, _, page in outline if level == 0]
    assert pages == sorted(pages) and pages[0] == 0
    for level, title, page in outline:
        if level == 0 and title != "Summary":
            assert title in texts[page]
    phases = [(t, p) for level, t, p in outline if level == 1 and t.startswith("Phase")]
    assert len(phases) == sum(1 for phase, _ in pdf.data.plan.phases() if phase > 0)
    for title, page in phases:
        assert title in texts[page]
    skills_start = pdf.section_pages()["Skills in detail"]
    skill_marks = [(t, p) for level, t, p in outline if level == 1 and p >= skills_start]
    assert [t for t, _ in skill_marks] == [s.skill.name for s in pdf.data.plan.steps]
    for title, page in skill_marks:
        assert squeeze(title) in squeeze(texts[page])


def test_the_contents_on_the_title_page_link_to_the_sections(pdf: Pdf) -> None:
    reader = pdf.reader
    first = reader.pages[0]
    links = [a.get_object() for a in first.get("/Annots", [])]
    pages = [page.indirect_reference for page in reader.pages]
    targets = [pages.index(link["/Dest"][0]) for link in links]
    assert targets == list(pdf.section_pages().values())[1:]
    contents = squeeze(pdf.texts()[0])
    for title, page in list(pdf.section_pages().items())[1:]:
        assert squeeze(f"{title}") in contents
        assert str(page + 1) in contents


def test_page_count_is_sane_and_no_page_is_blank(pdf: Pdf) -> None:
    texts = pdf.texts()
    steps = len(pdf.data.plan.steps)
    assert steps // 6 < len(texts) < steps
    for number, text in enumerate(texts, start=1):
        assert page_body(text, pdf.data), f"page {number} has nothing but its head and foot"
        assert f"Page {number} of {len(texts)}" in text


def test_metadata_names_the_roadmap_and_the_learner(pdf: Pdf) -> None:
    meta = pdf.reader.metadata
    assert meta is not None
    assert meta.title == "Study roadmap: Machine-learning engineer + ML platform engineer"
    assert meta.author == pdf.data.profile
    assert "Roadmap planner" in (meta.creator or "")


def test_fonts_are_embedded(pdf: Pdf) -> None:
    names: set[str] = set()
    for page in pdf.reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descriptors = [d.get_object()["/FontDescriptor"] for d in font["/DescendantFonts"]]
            for fd in descriptors:
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(fd.get_object())
    assert any("DejaVuSans" in name for name in names)


def test_resources_are_clickable_links(pdf: Pdf) -> None:
    uris = set()
    for page in pdf.reader.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    wanted = {r.url for s in pdf.data.plan.steps for r in s.skill.resources}
    assert wanted <= uris


def test_the_graph_is_on_landscape_pages_and_the_rest_is_a4(pdf: Pdf) -> None:
    pages = pdf.section_pages()
    for index, page in enumerate(pdf.reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        landscape = pages["Prerequisite graph"] <= index < pages["Progress"]
        assert (round(width), round(height)) == ((842, 595) if landscape else (595, 842))


def test_notes_are_printed_and_can_be_left_out(pdf: Pdf, qtbot: QtBot) -> None:
    assert "Redo the dict exercises." in "".join(pdf.texts())
    without = render(pdf.data, notes=False, sections=("skills",))
    assert "Redo the dict exercises." not in "".join(without.texts())


def test_letter_paper_and_chosen_sections(pdf: Pdf, qtbot: QtBot) -> None:
    small = render(pdf.data, paper="letter", sections=("plan",))
    assert [t for level, t, _ in small.outline() if level == 0] == ["Summary", "Plan by phase"]
    for page in small.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            612,
            792,
        )


def test_markup_in_names_and_notes_prints_literally(markup_data: ExportData, qtbot: QtBot) -> None:
    text = "".join(render(markup_data).texts())
    flat = squeeze(text)
    assert flat.count(squeeze(MARKUP)) >= 3  # the plan table, the graph and the details
    assert squeeze("Role <u>x</u> & co") in flat
    assert squeeze("<script>alert(1)</script> & *this*") in flat
    assert squeeze("<i>Docs</i> & more") in flat
    assert squeeze(MARKUP_NOTE.splitlines()[2]) in flat


def test_a_note_longer_than_a_page_flows_onto_the_next(tmp_path: Path, qtbot: QtBot) -> None:
    planner = open_learner(tmp_path / "long.sqlite3")
    try:
        first = planner.planning.plan().steps[0].skill.id
        planner.progress.set_note(
            first, "\n".join(f"Line {i} of a very long note." for i in range(150))
        )
        long = render(planner.planning.export_data(), sections=("skills",))
    finally:
        planner.close()
    texts = long.texts()
    assert "Line 0 of" in texts[1]  # right under the heading, not on a page of its own
    assert "Line 149 of" in "".join(texts[2:])
    for number, text in enumerate(texts, start=1):
        assert page_body(text, long.data), f"page {number} is blank"


def test_a_learner_without_history_gets_a_plain_progress_page(tmp_path: Path, qtbot: QtBot) -> None:
    planner = Planner.open(tmp_path / "new.sqlite3")
    try:
        planner.profiles.update(role="ai-engineer")
        fresh = render(planner.planning.export_data(), sections=("progress",))
    finally:
        planner.close()
    texts = fresh.texts()
    assert len(texts) == 2
    assert "No study time logged yet" in texts[1]
