"""The `planner export` command: PDF, Markdown, JSON, iCalendar and CSV files, all or none."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.export.bundle import FORMATS, check_targets, write_exports
from planner.export.options import PAPERS, PdfOptions
from planner.service import Planner

Opener = Callable[[argparse.Namespace], Planner]
FLAGS = {"pdf": "--pdf", "markdown": "--markdown", "json": "--json", "ics": "--ics", "csv": "--csv"}


def register(sub: Any, opener: Opener) -> None:
    """Add `export` to the `planner` parser; `opener` opens the database for it."""
    help_text = "write your roadmap as PDF, Markdown, JSON, iCalendar or CSV files"
    p = sub.add_parser("export", help=help_text, description=help_text)
    p.add_argument("--role", metavar="ID", required=True)
    p.add_argument("--track", metavar="ID", action="append", help="add a track (repeatable)")
    for fmt, flag in FLAGS.items():
        p.add_argument(flag, metavar="FILE", dest=f"to_{fmt}", help=f"write the {FORMATS[fmt]}")
    p.add_argument(
        "--paper", choices=tuple(PAPERS), default="a4", help="paper size of the PDF (default: a4)"
    )

    def handler(args: argparse.Namespace) -> int:
        return _export(opener, p, args)

    p.set_defaults(handler=handler)


def _export(opener: Opener, parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    targets = [
        (fmt, Path(getattr(args, f"to_{fmt}"))) for fmt in FLAGS if getattr(args, f"to_{fmt}")
    ]
    if not targets:
        parser.error(f"name at least one file to write: {', '.join(FLAGS.values())}")
    check_targets(targets)  # before the work, not after it
    planner = opener(args)
    try:
        data = planner.export_data(args.role, args.track)  # no --track: the profile's tracks
    finally:
        planner.close()
    options = PdfOptions(paper="letter" if args.paper == "letter" else "a4")
    if any(fmt == "pdf" for fmt, _ in targets):
        from planner.export.pdf.qt import gui_application  # Qt only when a PDF is asked for

        with gui_application():
            written = write_exports(data, targets, pdf=options)
    else:
        written = write_exports(data, targets, pdf=options)
    for path in written:
        sys.stdout.write(f"wrote {path}\n")
    return 0
