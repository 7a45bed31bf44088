"""The parser built for one command parses as the whole parser does (issue 16: a command
builds and imports only its own part of the command line)."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from planner.cli.parser import COMMANDS, build_parser


def _words(parser: argparse.ArgumentParser) -> list[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_each_module_adds_the_words_the_table_gives_it() -> None:
    import importlib

    for words, module, register in COMMANDS:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        getattr(importlib.import_module(f"planner.cli.{module}"), register)(sub)
        assert tuple(_words(parser)) == words


def test_the_whole_parser_lists_every_command_in_the_tables_order() -> None:
    expected = ["gui", *(word for words, _, _ in COMMANDS for word in words)]
    assert _words(build_parser()) == expected


ARGVS = [
    [],
    ["--db", "x.sqlite3"],
    ["roles"],
    ["--db", "x.sqlite3", "--profile", "ann", "roles", "--format", "json"],
    ["--db=x.sqlite3", "status", "sql", "done", "--date", "2026-01-02"],
    ["--prof", "ann", "log", "sql", "45m", "--note", "roles"],
    ["history", "--limit", "3"],
    ["session", "edit", "4", "--duration", "1h"],
    ["profile", "set", "--role", "ml-engineer"],
    ["team", "add", "ann", "--as", "learner"],
    ["gui"],
    ["--", "roles"],
    ["note", "pandas", "merge: how='left'"],
    ["goal", "add", "sql"],
    ["cohort", "--format", "json"],
]


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[str, dict[str, object]]:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            found = vars(parser.parse_args(argv))
    except SystemExit as exit:
        return f"exit {exit.code}: {out.getvalue()}", {}
    if "handler" in found:  # a wrapper made anew by each parser: what it wraps says which
        handler = found["handler"]
        cells = [c.cell_contents for c in getattr(handler, "__closure__", None) or ()]
        found["handler"] = [f.__qualname__ for f in (handler, *cells) if callable(f)]
    return out.getvalue(), found


@pytest.mark.parametrize("argv", ARGVS, ids=[" ".join(a) or "(none)" for a in ARGVS])
def test_the_parser_for_the_command_parses_as_the_whole_parser(argv: list[str]) -> None:
    assert _parse(build_parser(argv), argv) == _parse(build_parser(), argv)


ERRORS = [
    ["roles", "--bogus"],
    ["rolez"],
    ["status", "sql", "finished"],
    ["--db"],
    ["roles", "--help"],
    ["--help"],
    ["--version"],
    ["profile"],
    ["roadmap", "--hours-per-week", "ten"],
    ["review", "--due", "--within", "a week"],
]


@pytest.mark.parametrize("argv", ERRORS, ids=[" ".join(a) for a in ERRORS])
def test_help_and_errors_read_as_from_the_whole_parser(argv: list[str]) -> None:
    said = _parse(build_parser(argv), argv)
    assert said[0].startswith("exit")
    assert said == _parse(build_parser(), argv)


@pytest.mark.parametrize(
    ("argv", "said", "parsed"),
    [
        (["roadmap", "--hours-per-week", "ten"], "'ten' is not a number of hours", 7.5),
        (["review", "--due", "--within", "a week"], "'a week' is not a number of days", 7),
    ],
)
def test_a_number_option_says_which_number_it_wants(
    argv: list[str], said: str, parsed: float
) -> None:
    text, _ = _parse(build_parser(argv), argv)
    assert text.startswith("exit 2: ") and text.rstrip().endswith(
        f"error: argument {argv[-2]}: {said}"
    )
    good = [*argv[:-1], str(parsed)]
    _, found = _parse(build_parser(good), good)
    assert parsed in found.values()


def test_a_history_limit_past_the_databases_integers_is_a_usage_error() -> None:
    """Found by the fuzz test: `--limit=9223372036854775808` reached SQLite (an internal error)."""
    argv = ["history", "--limit=9223372036854775808"]
    text, _ = _parse(build_parser(argv), argv)
    assert text.startswith("exit 2: ")
    assert "give a number of entries from 0 to 100000" in text
    _, found = _parse(
        build_parser(["history", "--limit", "100000"]), ["history", "--limit", "100000"]
    )
    assert found["limit"] == 100_000


def test_a_command_word_is_found_after_the_global_options_only() -> None:
    from planner.cli.parser import _command_of

    assert _command_of(["--db", "roles", "skills"]) == "skills"
    assert _command_of(["--db", "x"]) == "gui"
    assert _command_of(["--db", "x", "gui"]) == "gui"  # named, as `make run` does
    assert _command_of(["-h"]) is None
    assert _command_of(["nothing"]) is None
    assert _command_of(["note", "sql", "x"]) == "note"
