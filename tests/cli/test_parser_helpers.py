"""The parser helpers of planner/cli/common.py: a command group whose action must be chosen,
an action run by its handler (its help not repeated as a description), the --date option."""

from __future__ import annotations

import argparse

import pytest

from planner.cli.common import action, date_option, group


def _handler(_args: argparse.Namespace) -> int:
    return 0


def test_a_group_with_actions_parses_to_its_handler() -> None:
    parser = argparse.ArgumentParser(prog="planner")
    sub = parser.add_subparsers(dest="command")
    actions = group(sub, "thing", "things")
    p = action(actions, "do", _handler, "do a thing")
    date_option(p, "when (default: today)")
    args = parser.parse_args(["thing", "do", "--date", "2026-03-01"])
    assert (args.command, args.action, args.date, args.handler) == (
        "thing",
        "do",
        "2026-03-01",
        _handler,
    )
    assert p.description is None
    assert "YYYY-MM-DD" in p.format_help()
    with pytest.raises(SystemExit):
        parser.parse_args(["thing"])  # an action must be chosen
