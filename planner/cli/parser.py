"""The `planner` parser: the command table, the global options and the parser built for the
command being run. Building it loads neither the service nor SQLAlchemy: each command's module
is imported, and its parser built, only for the command run (issue 16)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from planner import __version__
from planner.cli.common import DEFAULT_PROFILE, command
from planner.errors import UsageError

# The commands in the order `planner --help` lists them: the words each module's function adds
# to the parser (tests/cli/test_parser.py holds the words to what the functions add).
COMMANDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("check",), "check", "register"),
    (("import", "roles", "skills"), "library", "register_listing"),
    (("roadmap",), "plan", "register_roadmap"),
    (("status", "log"), "tracking", "register_status_and_log"),
    (("progress",), "plan", "register_progress"),
    (("history", "session"), "tracking", "register_history"),
    (("profile", "note"), "profile", "register"),
    (("export",), "export", "register"),
    (("db",), "db", "register"),
    (("skill", "role"), "library", "register"),
    (("timer", "goal"), "timer", "register"),
    (("compare",), "plan", "register_compare"),
    (("team", "cohort"), "team", "register"),
    (("review",), "review", "register"),
    (("agenda",), "agenda", "register"),
)


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app."""
    from planner.app import run

    explicit_profile = args.profile if args.profile != DEFAULT_PROFILE else None
    return run(args.db, explicit_profile)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; `planner --help` shows it. Given the arguments it is to parse, it
    holds only the command they run when they name one (the parse is the same)."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Plan and track your study roadmap to AI engineer or ML engineer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    command(sub, "gui", cmd_gui, "open the desktop app (the default)")
    wanted = None if argv is None else _command_of(argv)
    for words, module, register in COMMANDS:
        if wanted is None or wanted in words:
            getattr(importlib.import_module(f"planner.cli.{module}"), register)(sub)
    return parser


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URI",
        help="database file, or a shared PostgreSQL database as postgresql://LOGIN@HOST/DBNAME "
        "(password from PGPASSWORD or ~/.pgpass; default: $PLANNER_DB or the user data folder)",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=DEFAULT_PROFILE,
        help=f"the learner (default: {DEFAULT_PROFILE})",
    )


def _command_of(argv: Sequence[str]) -> str | None:
    """The command `argv` runs ("gui" when it names none and asks nothing else), or None when
    that takes the whole parser to say: help, the version, a word that is no command."""
    if "--" in argv:  # what follows is not options: the whole parser says what it makes of it
        return None
    probe = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _global_options(probe)
    probe.add_argument("word", nargs="?")
    try:
        found, rest = probe.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None
    if found.word is None:
        return None if rest else "gui"
    known = {"gui"} | {word for words, _, _ in COMMANDS for word in words}
    return found.word if found.word in known else None


# Arguments naming files: a file name may hold any bytes, other text must be Unicode.
_PATH_ARGUMENTS = ("db", "file", "to_")


def check_text(args: argparse.Namespace) -> None:
    """Refuse text that is not UTF-8 (Python passes its bytes on as lone surrogates): a name
    or a note cannot be stored or shown with them."""
    for dest, value in vars(args).items():
        if dest.startswith(_PATH_ARGUMENTS):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and _has_surrogates(item):
                raise UsageError(f"'{item}' is not UTF-8 text (check the terminal's encoding)")


def _has_surrogates(text: str) -> bool:
    """Whether `text` holds lone surrogates, the only characters UTF-8 cannot encode (asked of
    the codec: compiling a regular expression for them took every command 0.25 ms)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return True
    return False
