"""What every `planner` command shares: output, one-line errors, JSON, opening the planner."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from planner.errors import UsageError

if TYPE_CHECKING:  # the service (and SQLAlchemy) load when a command opens the database
    from planner.service import Planner

# planner.service.DEFAULT_PROFILE, known without loading the service (a test holds them equal)
DEFAULT_PROFILE = "default"
Handler = Callable[[argparse.Namespace], int]
PlannerHandler = Callable[["Planner", argparse.Namespace], int]

NO_ROLE = (
    "no role chosen: pass --role ID, or give your profile one with "
    "`planner profile set --role ID` (the roles: `planner roles`)"
)


def out(text: str = "") -> None:
    """One line on stdout."""
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    """One line on stderr, whatever `text` holds."""
    sys.stderr.write(one_line(text) + "\n")


def one_line(text: str) -> str:
    """`text` as one line a terminal shows as written: line breaks, control and bidi
    characters, and bytes of a name that are not UTF-8 are shown as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def print_json(data: object) -> None:
    """`data` as indented JSON on stdout (what every `--format json` prints)."""
    out(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def count(n: int, word: str) -> str:
    """`3 skills`, `1 skill`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def open_planner(args: argparse.Namespace) -> Planner:
    """The planner on the database and profile of `--db` and `--profile`."""
    from planner.service import Planner  # here, not at the top: --help and check stay lean

    return Planner.open(args.db, args.profile)


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Planner]:
    """The planner on the database and profile of `--db` and `--profile`, for one command:
    what the command does in the block is one transaction, committed when it ends (nothing
    of it on an error), the profile read once (`Planner.opened`); closed after."""
    from planner.service import Planner  # here, not at the top: --help and check stay lean

    with Planner.opened(args.db, args.profile) as planner:
        yield planner


def with_planner(handler: PlannerHandler, *, one_transaction: bool = True) -> Handler:
    """Turn `handler(planner, args)` into a command handler that opens and closes the database:
    the command in one transaction (`opened`), or, for one that reaches the database by other
    roads too (a backup, the database's check), its use cases each in their own."""

    def wrapped(args: argparse.Namespace) -> int:
        if one_transaction:
            with opened(args) as planner:
                return handler(planner, args)
        planner = open_planner(args)
        try:
            return handler(planner, args)
        finally:
            planner.close()

    return wrapped


def chosen_role(planner: Planner, role: str | None) -> str:
    """The role given on the command line, else the profile's; one clear line when neither."""
    chosen = role or planner.profile().role
    if chosen is None:
        raise UsageError(NO_ROLE)
    return chosen


def command(sub: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    """A command of the `planner` parser, run by `handler`."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


def group(sub: Any, name: str, help_text: str) -> Any:
    """A command group of the `planner` parser (`planner profile ...`): what its actions are
    added to, one of which must be chosen."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def action(
    actions: Any, name: str, handler: Handler, help_text: str, **options: Any
) -> argparse.ArgumentParser:
    """An action of a command group (`planner profile set`, `planner timer start`), run by
    `handler`; unlike a `command`, its help is not repeated as its description."""
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text, **options)
    parser.set_defaults(handler=handler)
    return parser


def number_of(unit: str, convert: Callable[[str], float]) -> Callable[[str], float]:
    """An option's type: its text as a number of `unit` (`convert`: int or float), or the
    message that it is not one."""

    def number(text: str) -> float:
        try:
            return convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number of {unit}") from None

    return number


def date_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The `--date YYYY-MM-DD` option of a command."""
    parser.add_argument("--date", metavar="YYYY-MM-DD", help=help_text)


def formats(parser: argparse.ArgumentParser, *choices: str) -> None:
    """The `--format` option of a command (default: text)."""
    parser.add_argument("--format", choices=choices, default="text")
