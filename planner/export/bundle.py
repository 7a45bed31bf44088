"""Write one or more exports of the learner's roadmap, all of them or none.

Each format is rendered in memory first; then every file is written next to its target and
renamed into place, so that a failure leaves neither a half-written file nor a mix of old
and new ones.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from planner.core.export_data import ExportData
from planner.errors import PlannerError, UsageError
from planner.export.options import FORMATS as FORMATS  # the export formats, by their key
from planner.export.options import PdfOptions, Tell, quiet
from planner.paths import refuse_special_target, write_atomically

SUFFIXES = {"pdf": ".pdf", "markdown": ".md", "json": ".json", "ics": ".ics", "csv": ".csv"}
# Rough shares of the work, so that progress moves evenly: the PDF is nearly all of it.
_WEIGHTS = {"pdf": 20.0, "markdown": 1.0, "json": 1.0, "ics": 1.0, "csv": 1.0}

PdfRenderer = Callable[[ExportData, PdfOptions, Tell], bytes]
"""Draws the PDF somewhere else than on the calling thread (the GUI: in a child process)."""


def render(data: ExportData, fmt: str, pdf: PdfOptions | None = None, tell: Tell = quiet) -> bytes:
    """One format's bytes, drawn here, on the calling thread."""
    if fmt == "pdf":
        # Imported here: the other formats, and the CLI writing only them, need no Qt at all.
        from planner.export.pdf import render_pdf

        return render_pdf(data, pdf or PdfOptions(), tell)
    # Each format's writer is imported when it is asked for: the window imports this module
    # for its export dialogs, and the iCalendar writer alone (icalendar) costs more to import
    # than opening the window's remaining views.
    if fmt == "markdown":
        from planner.export.markdown import export_markdown

        return export_markdown(data).encode("utf-8")
    if fmt == "json":
        from planner.export.json_export import export_json

        return export_json(data)
    if fmt == "ics":
        from planner.export.ics import export_ics

        return export_ics(data)
    if fmt == "csv":
        from planner.export.csv_history import export_csv

        return export_csv(data)
    raise UsageError(f"unknown export format '{fmt}' (formats: {', '.join(FORMATS)})")


def check_targets(targets: Sequence[tuple[str, Path]]) -> None:
    """Refuse, before any work, targets that cannot be written: a missing or read-only
    folder, a folder in place of a file, a device or pipe, the same file twice."""
    seen: set[Path] = set()
    for _fmt, path in targets:
        resolved = path.resolve()
        if resolved in seen:
            raise UsageError(f"{path}: given for two formats")
        seen.add(resolved)
        if path.is_dir():
            raise PlannerError(f"{path}: is a folder, not a file")
        refuse_special_target(path)
        folder = resolved.parent
        if not folder.is_dir():
            raise PlannerError(f"{path}: cannot write: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise PlannerError(f"{path}: cannot write: permission denied")


def write_exports(
    data: ExportData,
    targets: Sequence[tuple[str, Path]],
    *,
    pdf: PdfOptions | None = None,
    tell: Tell = quiet,
    render_pdf: PdfRenderer | None = None,
) -> list[Path]:
    """Render every (format, path) and write them all, or none; returns the paths, in the
    order given. The quick formats are rendered first, the PDF last: by `render_pdf` when
    given (the desktop app has it drawn in a child process), otherwise here."""
    check_targets(targets)
    total = sum(_WEIGHTS.get(fmt, 1.0) for fmt, _ in targets) or 1.0
    done = 0.0
    rendered: dict[int, tuple[Path, bytes]] = {}
    order = sorted(range(len(targets)), key=lambda i: targets[i][0] == "pdf")
    for index in order:
        fmt, path = targets[index]
        weight = _WEIGHTS.get(fmt, 1.0)
        start = done

        def inner(share: float, what: str, start: float = start, weight: float = weight) -> None:
            tell(min((start + share * weight) / total, 1.0), what)

        inner(0.0, f"Writing {path.name}")
        if fmt == "pdf" and render_pdf is not None:
            content = render_pdf(data, pdf or PdfOptions(), inner)
        else:
            content = render(data, fmt, pdf, inner)
        rendered[index] = (path, content)
        done += weight
    files = [rendered[index] for index in range(len(targets))]
    write_atomically(files)
    tell(1.0, "Done")
    return [path for path, _ in files]
