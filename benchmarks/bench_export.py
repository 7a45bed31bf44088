"""Exporting a 300-step plan: the PDF against bare QPdfWriter text, and the text formats."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from benchmarks.common import Row, measure, synthetic_library
from planner.core.domain import Library, Resource
from planner.core.export_data import ExportData
from planner.db import queries
from planner.db.engine import Database
from planner.export.bundle import render
from planner.export.options import PdfOptions
from planner.export.pdf import render_pdf
from planner.export.pdf.fonts import font
from planner.export.pdf.qt import gui_application
from planner.service import Planner

SKILLS = 340  # the synthetic role's plan then holds a little over 300 of them
TARGET_MS = 3000
TODAY = date(2026, 3, 10)
SUMMARY = (
    "You can explain the main ideas of this skill, apply them to a small project of your own, "
    "and recognise when a problem calls for them. You know where the common mistakes are."
)


def export_library(n: int) -> Library:
    """The synthetic library with what real skills carry: a summary and two resources."""
    base = synthetic_library(n)
    skills = {
        skill_id: replace(
            skill,
            summary=SUMMARY,
            resources=(
                Resource(f"{skill.name}: the course", f"https://example.com/{skill_id}", "course"),
                Resource(f"{skill.name}: the book", f"https://example.org/{skill_id}", "book"),
            ),
        )
        for skill_id, skill in base.skills.items()
    }
    return Library(skills, base.roles)


def learner_data(folder: Path) -> tuple[Planner, ExportData]:
    """A learner of that library: 5 % done, eight weeks of study sessions, notes on a tenth."""
    db = Database.open(folder / "bench.sqlite3")
    with db.session() as session:
        queries.save_library(session, export_library(SKILLS))
    planner = Planner(db, today=lambda: TODAY)
    planner.profiles.update(role="role", hours_per_week=10, start=date(2026, 1, 5))
    ids = [s.skill.id for s in planner.planning.plan().steps]
    for i, skill in enumerate(ids[: len(ids) // 20]):
        planner.progress.set_status(skill, "done", date(2026, 1, 10) + timedelta(days=i))
    for k in range(56):
        planner.progress.log_study(
            ids[len(ids) // 20], 60, date(2026, 1, 12) + timedelta(days=k), ""
        )
    for skill in ids[::10]:
        planner.progress.set_note(
            skill, "Revisit the exercises.\nAsk a mentor about the hard parts."
        )
    return planner, planner.planning.export_data()


def bare_pdf(lines: list[str]) -> bytes:
    """The baseline: the same text, one drawText per line, 60 lines a page, nothing else."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(720)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.setFont(font(9))
    for i, line in enumerate(lines):
        if i and i % 60 == 0:
            writer.newPage()
        painter.drawText(QPointF(500, 600 + (i % 60) * 120), line)
    painter.end()
    buffer.close()
    return bytes(data.data())


def text_lines(data: ExportData) -> list[str]:
    """Every piece of text the PDF shows about the steps, as lines."""
    lines: list[str] = []
    for step in data.plan.steps:
        skill = step.skill
        lines.append(f"{skill.name}  {skill.area}  {skill.hours:g} h  {step.start} – {step.end}")
        lines += [skill.name, skill.area, SUMMARY[:90], SUMMARY[90:]]
        lines += [r.title for r in skill.resources]
        lines += data.notes.get(skill.id, "").splitlines()
    return lines


def run() -> list[Row]:
    with gui_application(), tempfile.TemporaryDirectory() as folder:
        planner, data = learner_data(Path(folder))
        steps = len(data.plan.steps)
        size = f"{steps} steps"
        lines = text_lines(data)
        pdf = measure(lambda: render_pdf(data, PdfOptions()), runs=5)
        bare = measure(lambda: bare_pdf(lines), runs=5)
        read = measure(planner.planning.export_data, runs=5)
        text = measure(lambda: [render(data, fmt) for fmt in ("markdown", "json", "ics", "csv")])
        planner.close()
    return [
        Row(
            "export to PDF (every section)",
            size,
            pdf,
            f"bare QPdfWriter, {len(lines)} lines",
            bare,
            f"<= {TARGET_MS / 1000:g} s",
            pdf.median_ms <= TARGET_MS,
        ),
        Row("read the export's data", size, read, "bare QPdfWriter", bare, "", None),
        Row("Markdown + JSON + ICS + CSV", size, text, "bare QPdfWriter", bare, "", None),
    ]
