"""The `planner export` command: PDF, Markdown, JSON, iCalendar, CSV and roadmap files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import chosen_role, open_planner
from planner.errors import PlannerError
from planner.export.options import FORMATS, PAPERS, PdfOptions

FLAGS = {"pdf": "--pdf", "markdown": "--markdown", "json": "--json", "ics": "--ics", "csv": "--csv"}


def register(sub: Any) -> None:
    """Add `export` to the `planner` parser."""
    help_text = "write your roadmap as PDF, Markdown, JSON, iCalendar or CSV files"
    p = sub.add_parser(
        "export",
        help=help_text,
        description=f"{help_text}: the plan your profile describes (role, tracks, hours per "
        "week, start, strategy); --role and --track choose another",
    )
    p.add_argument("--role", metavar="ID", help="the role (default: your profile's role)")
    p.add_argument(
        "--track", metavar="ID", action="append", help="a track (repeatable; default: your tracks)"
    )
    for fmt, flag in FLAGS.items():
        p.add_argument(flag, metavar="FILE", dest=f"to_{fmt}", help=f"write the {FORMATS[fmt]}")
    p.add_argument(
        "--yaml", metavar="FILE", dest="to_yaml", help="a roadmap file of the role and its skills"
    )
    p.add_argument(
        "--library", metavar="FILE", dest="to_library", help="a roadmap file of the whole library"
    )
    p.add_argument(
        "--paper", choices=tuple(PAPERS), default="a4", help="paper size of the PDF (default: a4)"
    )

    def handler(args: argparse.Namespace) -> int:
        return _export(p, args)

    p.set_defaults(handler=handler)


def _export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from planner.export.bundle import check_targets, write_exports
    from planner.paths import database_path, names_server

    targets = [
        (fmt, Path(getattr(args, f"to_{fmt}"))) for fmt in FLAGS if getattr(args, f"to_{fmt}")
    ]
    roadmap_files = [Path(f) for f in (args.to_yaml, args.to_library) if f]
    if not targets and not roadmap_files:
        flags = ", ".join([*FLAGS.values(), "--yaml", "--library"])
        parser.error(f"name at least one file to write: {flags}")
    # Before the work, not after it; never over the database itself.
    check_targets([*targets, *(("yaml", path) for path in roadmap_files)])
    database = None if names_server(args.db) else database_path(args.db)  # a server: no file
    ends = ("", "-wal", "-shm")
    own = {database.with_name(database.name + end) for end in ends} if database else set()
    for path in (*(path for _, path in targets), *roadmap_files):
        if path.resolve() in own:
            raise PlannerError(f"{path}: is the planner's database; choose another file")
    planner = open_planner(args)
    try:
        # No --role: the profile's, checked before anything is written.
        role = chosen_role(planner, args.role) if targets or args.to_yaml else None
        # Roadmap files first: they are quick and the plan exports may need Qt.
        if role is not None and args.to_yaml:
            sys.stdout.write(f"wrote {planner.files.export_role_file(role, Path(args.to_yaml))}\n")
        if args.to_library:
            sys.stdout.write(f"wrote {planner.files.export_library_file(Path(args.to_library))}\n")
        if not targets:
            return 0
        data = planner.planning.export_data(role, args.track)  # no --track: the profile's tracks
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
