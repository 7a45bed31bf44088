"""The `planner` command line: every use case of the app, scriptable and without a display.

`main` runs one command; the parser is `planner.cli.parser`, the commands live in one module
per group. `planner` alone (or `planner gui`) opens the desktop app without building a parser
or importing the command line's modules: its window's frame is on screen sooner (issue 16).
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from collections.abc import Callable, Sequence

# The arguments that open the app and nothing else: `planner`, `planner gui`.
APP_ONLY: tuple[list[str], ...] = ([], ["gui"])


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 1 user error, 2 bad usage)."""
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 reaches us as surrogates: show it escaped, not crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv in APP_ONLY:  # what the parser would make of it: the app, default data and profile
        from planner.app import run

        return _guarded(lambda: run(None, None), None)
    from planner.core.perf import paused_gc

    # A command is a short-lived process: what it makes (the modules as they load, SQLAlchemy
    # among them, the rows it reads) stays alive until it ends, so the cyclic collector's runs
    # midway free nothing, and they cost a twentieth of `planner roadmap`. Peak memory measured
    # the same with it paused, or 5 % more (importing a big library), up to a 10,000-skill PDF
    # (benchmarks/README, tenth look). The app is not a short-lived process: it runs the
    # collector its own way (planner.ui.collector).
    with paused_gc(aged=True):
        from planner.cli.parser import build_parser, check_text, cmd_gui

        args = build_parser(argv).parse_args(argv)
    handler: Callable[..., int] = getattr(args, "handler", cmd_gui)

    def command() -> int:
        check_text(args)
        if handler is cmd_gui:
            return handler(args)
        with paused_gc(aged=True):
            return handler(args)

    return _guarded(command, args.db)


def _guarded(run: Callable[[], int], db: str | None) -> int:
    """`run`'s exit status; a problem it raises told in one line each, with status 1."""
    try:
        return run()
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        return _told(error, db)


def _told(error: Exception, db: str | None) -> int:
    """Tell the problem `error` stands for in one line each; the exit status: 1."""
    from planner.cli.common import err
    from planner.errors import DatabaseError, PlannerError, RoadmapError

    if isinstance(error, PlannerError):
        # One line per problem: a message quoting a value with a line break stays one line.
        problems = error.problems if isinstance(error, RoadmapError) else [error]
        lines = [str(p) for p in problems] or ["unknown error"]
        if isinstance(error, DatabaseError):
            from planner.cli.db import restore_hint

            lines[-1] += restore_hint(error, db)
        for line in lines:
            err(f"planner: {line}")
    elif isinstance(error, OSError):  # a path the system refuses: too long, not allowed, full
        where = f"{error.filename}: " if error.filename else ""
        err(f"planner: {where}{error.strerror or error}")
    else:  # a bug: say so in one line rather than dump a traceback
        if os.environ.get("PLANNER_DEBUG"):
            traceback.print_exc()
        err(
            f"planner: internal error: {type(error).__name__}: {error} "
            "(PLANNER_DEBUG=1 shows details)"
        )
    return 1
