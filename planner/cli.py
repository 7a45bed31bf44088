"""The `planner` command line: every use case of the app, scriptable and without a display."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from planner import __version__
from planner.errors import PlannerError, Problem, RoadmapError
from planner.library.load import LoadedFile, check_together, read_file
from planner.library.schema import Skill
from planner.paths import builtin_roadmap_files

Handler = Callable[[argparse.Namespace], int]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


# ---------------------------------------------------------------------------- check
def cmd_check(args: argparse.Namespace) -> int:
    """Validate roadmap files together, on top of the built-in library; touch no database."""
    paths = [Path(p) for p in args.files]
    loaded: list[LoadedFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(read_file(path))
        except RoadmapError as error:
            problems.extend(error.problems)
    if not problems:
        problems = check_together(loaded, _builtin_context(paths))
    if problems:
        for problem in sorted(problems):
            _err(str(problem))
        files = len({p.file for p in problems})
        _err(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}"
        )
        return 1
    for f in loaded:
        skills = f.roadmap.skills
        hours = sum(s.hours for s in skills)
        roles = f.roadmap.roles
        tracks = sum(len(r.tracks) for r in roles)
        _out(
            f"{f.name}: ok, {_count(len(skills), 'skill')} ({hours:,.0f} h), "
            f"{_count(len(roles), 'role')}, {_count(tracks, 'track')}"
        )
    return 0


def _builtin_context(checked: Sequence[Path]) -> list[Skill]:
    """Skills of the built-in library that files being checked may refer to."""
    given = {p.resolve() for p in checked}
    context: list[Skill] = []
    for path in builtin_roadmap_files():
        if path.resolve() in given:
            continue
        try:
            context.extend(read_file(path).roadmap.skills)
        except RoadmapError:
            continue  # a broken built-in file is reported when it is checked itself
    return context


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser; `planner --help` shows it."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Plan and track your study roadmap to AI engineer or ML engineer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the database file (default: PLANNER_DB or the user data directory)",
    )
    parser.add_argument(
        "--profile", metavar="NAME", default="default", help="the learner (default: default)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate roadmap files; touches no database")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(handler=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 1 user error, 2 bad usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        _err("planner: the desktop app is not part of this version yet; try 'planner --help'")
        return 1
    try:
        return handler(args)
    except PlannerError as error:
        for line in str(error).splitlines() or ["unknown error"]:
            _err(f"planner: {line}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so in one line rather than dump a traceback
        if os.environ.get("PLANNER_DEBUG"):
            traceback.print_exc()
        _err(
            f"planner: internal error: {type(error).__name__}: {error} "
            "(PLANNER_DEBUG=1 shows details)"
        )
        return 1
