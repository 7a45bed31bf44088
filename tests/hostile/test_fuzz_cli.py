"""Every command and option of `planner`, given hostile values: the contract of docs/cli.md holds.

Commands and options are read from the argparse parser itself, so a new command is fuzzed the
day it is added. Values are random text (unicode, control and bidi characters, surrogates from
undecodable bytes, empty, very long, leading dashes), paths to missing, folder, binary, huge,
special and linked files, bad dates and durations, odd numbers and unknown ids, mixed with
valid ones so that commands get past their first check.

The contract (docs/cli.md): exit status 0 on success; 1 for a user error, with one line per
problem on stderr, no traceback and nothing changed; 2 for bad usage (argparse's message).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.cli.parser import build_parser
from planner.service import Planner
from tests.cli.runner import Cli
from tests.hostile.conftest import fuzz

NOT_RUN = {("gui",)}  # opens the desktop app: not a command-line contract
ROADMAP = """\
format: 1
skills:
  - id: hostile-skill
    name: Hostile skill
    area: Testing
    hours: 2
    requires: [python-basics]
roles:
  - id: hostile-role
    name: Hostile role
    goals: [hostile-skill]
"""


# ---------------------------------------------------------------------------- the parser
@dataclass(frozen=True)
class Command:
    """One runnable command (`profile set`) with its positionals and options."""

    words: tuple[str, ...]
    positionals: tuple[argparse.Action, ...]
    options: tuple[argparse.Action, ...]

    @property
    def name(self) -> str:
        return " ".join(self.words)


def _commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> Iterator[Command]:
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if subparsers:
        for name, sub in subparsers[0].choices.items():
            yield from _commands(sub, (*words, name))
        return
    actions = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    yield Command(
        words,
        tuple(a for a in actions if not a.option_strings),
        tuple(a for a in actions if a.option_strings),
    )


COMMANDS = [c for c in _commands(build_parser()) if c.words not in NOT_RUN]


def test_every_documented_command_is_fuzzed() -> None:
    names = {c.name for c in COMMANDS}
    documented = {"check", "import", "roles", "skills", "roadmap", "status", "log", "progress"}
    documented |= {"export", "compare", "db check", "db backup", "db restore", "profile set"}
    assert documented <= names
    assert sum(len(c.options) + len(c.positionals) for c in COMMANDS) > 50


# ---------------------------------------------------------------------------- values
# Text a shell can pass: anything but NUL (argv cannot hold it); lone surrogates stand for
# bytes that are not UTF-8 (Python decodes argv with surrogateescape).
HOSTILE = [
    "",
    " ",
    "-",
    "--",
    "-x",
    "--role",
    "-h",
    "--help=1",
    "\n",
    "a\nb",
    "a\rb",
    "\t",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\x85",
    "\udcff",
    "caf\udce9",
    "<b>bold</b>",
    "%s %d {0} {}",
    "'; DROP TABLE skill; --",
    "=cmd|' /C calc'!A0",
    "é" * 5000,
    "x" * 100_000,
    "\U0001f600",
    "null",
    "NaN",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_characters="\x00"), max_size=30),
    st.text(st.characters(codec="ascii", blacklist_characters="\x00"), max_size=10),
)
KNOWN_IDS = [
    "python-basics",
    "numpy",
    "ml-engineer",
    "ai-engineer",
    "computer-vision",
    "agents",
    "default",
    "other",
    "hostile-skill",
    "no-such-skill",
    "Numpy",
    "numpy ",
]
ids = st.one_of(st.sampled_from(KNOWN_IDS), st.sampled_from(KNOWN_IDS), hostile_text)
dates = st.one_of(
    st.sampled_from(
        [
            "2026-03-01",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "2026-1-1",
            "2026/03/01",
            "01-03-2026",
            "today",
            "２０２６-０３-０１",
            "2026-03-01T10:00",
            " 2026-03-01 ",
        ]
    ),
    st.dates().map(date.isoformat),
    hostile_text,
)
durations = st.one_of(
    st.sampled_from(
        [
            "90m",
            "1.5h",
            "2h30m",
            "0m",
            "0h",
            "-1h",
            "25h",
            "24h1m",
            "1e308h",
            "1e309h",
            "nanh",
            "infh",
            "99999999999999999999m",
            ".h",
            "h",
            "m",
            "1h1h",
            "１h",
        ]
    ),
    hostile_text,
)
numbers = st.one_of(
    st.sampled_from(["-1", "0", "-0", "1e309", "-1e309", "nan", "inf", "1e-320", "0x10", "10"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(str),
    hostile_text,
)
PATHS = [
    "missing.yaml",
    "missing-folder/out.pdf",
    "folder",
    "folder/",
    "binary.png",
    "huge.yaml",
    "empty.yaml",
    "valid.yaml",
    "with space é/ü ñ.yaml",
    "with space é/new file.md",
    "../outside/valid.yaml",
    "folder/../valid.yaml",
    "link.yaml",
    "dangling.yaml",
    "read-only/out.md",
    "read-only/valid.yaml",
    "planner.sqlite3",
    "backup.sqlite3",
    "caf\udce9.yaml",
    "/dev/null",
    "/dev/zero",
    "/",
    ".",
    "",
    "x" * 300,
    "out.pdf",
    "out.md",
    "out.json",
    "out.ics",
    "out.csv",
    "out.yaml",
]
paths = st.one_of(st.sampled_from(PATHS), hostile_text)


def values_for(action: argparse.Action) -> st.SearchStrategy[str]:
    """Values for one argument: valid and hostile ones of its kind, and any hostile text."""
    hint = f"{action.dest} {action.metavar or ''}".upper()
    if action.choices is not None:
        own = st.sampled_from([str(c) for c in action.choices])
    elif "FILE" in hint or "PATH" in hint:
        own = paths
    elif "YYYY" in hint or "DATE" in hint:
        own = dates
    elif "DURATION" in hint:
        own = durations
    elif (
        action.type in (int, float) or "HOURS" in hint or "LIMIT" in hint or hint.startswith("ID ")
    ):
        own = numbers
    else:
        own = ids
    # Mostly values of the right kind, so that a command gets past its first check and the
    # one hostile value among them reaches deeper.
    return st.one_of(own, own, own, own, own, hostile_text)


@st.composite
def invocations(draw: st.DrawFn, command: Command) -> list[str]:
    """An argument list for one command: its required options and some others in any order,
    then the positionals; sometimes a learner's profile."""
    argv = list(command.words)
    if draw(st.integers(0, 3)) == 0:
        argv = ["--profile", draw(st.one_of(st.sampled_from(["default", "other"]), ids)), *argv]
    chosen = [a for a in command.options if a.required]
    if command.options:
        chosen += draw(st.lists(st.sampled_from(command.options), max_size=4))
    for action in draw(st.permutations(chosen)):
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif draw(st.integers(0, 9)) == 0:
            argv.append(f"{flag}={draw(values_for(action))}")
        else:
            argv += [flag, draw(values_for(action))]
    for action in command.positionals:
        count = {"+": draw(st.integers(1, 3)), "*": draw(st.integers(0, 2))}.get(
            str(action.nargs), draw(st.integers(0, 1)) if action.nargs == "?" else 1
        )
        argv += [draw(values_for(action)) for _ in range(count)]
    return argv


# ---------------------------------------------------------------------------- the database
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a learner who has a role, progress, a session, a note, two profiles."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "planner.sqlite3"
    planner = Planner.open(path, today=lambda: date(2026, 3, 10))
    try:
        planner.profiles.update(role="ml-engineer", hours_per_week=8, start=date(2026, 1, 5))
        planner.progress.set_status("python-basics", "done", date(2026, 1, 20))
        planner.progress.log_study("numpy", 90, date(2026, 2, 1), "first <b>session</b>")
        planner.progress.set_note("numpy", "a note")
        planner.profiles.create("other")
    finally:
        planner.close()
    return path


def checksum(db: Path) -> str:
    """The database's content: every table, row, index and trigger as SQL."""
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def workspace(root: Path, template: Path) -> Path:
    """A fresh folder with the database and every kind of file and path the values name."""
    n = len(list(root.iterdir()))
    folder = root / f"run{n}"
    (folder / "folder").mkdir(parents=True)
    shutil.copy(template, folder / "planner.sqlite3")
    shutil.copy(template, folder / "backup.sqlite3")
    (folder / "binary.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with (folder / "huge.yaml").open("wb") as out:
        out.truncate(100 * 1024 * 1024)  # sparse: nothing is written
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "valid.yaml").write_text(ROADMAP, encoding="utf-8")
    (folder / "with space é").mkdir()
    (folder / "with space é" / "ü ñ.yaml").write_text(ROADMAP, encoding="utf-8")
    (root / "outside").mkdir(exist_ok=True)
    (root / "outside" / "valid.yaml").write_text(ROADMAP, encoding="utf-8")
    (folder / "link.yaml").symlink_to(folder / "valid.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "caf\udce9.yaml").write_text(ROADMAP, encoding="utf-8")
    read_only = folder / "read-only"
    read_only.mkdir()
    (read_only / "valid.yaml").write_text(ROADMAP, encoding="utf-8")
    read_only.chmod(0o555)
    return folder


@pytest.fixture
def runs(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "runs"
    root.mkdir()
    yield root
    for folder in root.glob("run*/read-only"):
        folder.chmod(0o755)


def run(cli: Cli, argv: list[str]) -> tuple[int, str, str]:
    """`planner --db DB ARGV...` in-process; argparse's exits become exit statuses."""
    try:
        return cli(*argv)
    except SystemExit as exit:
        captured = cli.capsys.readouterr()
        code = exit.code if isinstance(exit.code, int) else 1
        return code, captured.out, captured.err


LOCATED = re.compile(r"^.+?(:\d+)?: \S")


def assert_contract(command: Command, argv: list[str], code: int, out: str, err: str) -> None:
    shown = f"planner {' '.join(map(repr, argv))} -> {code}\n{err[:2000]}"
    assert code in (0, 1, 2), shown
    assert "Traceback" not in err and "Traceback" not in out, shown
    assert "internal error" not in err, shown
    if code == 2:  # argparse: a usage line, then `planner ...: error: ...`
        assert err.startswith("usage: planner"), shown
        assert re.search(r"^planner[^\n]*: error: ", err, re.MULTILINE), shown
        return
    if code == 0:
        return
    lines = err.splitlines()
    assert lines and all(line.strip() for line in lines), shown
    assert err.endswith("\n") and "\r" not in err, shown
    # `check` names problems of files: FILE:LINE: message per problem, then a count. A
    # mistake on the command line itself (a --profile that is not UTF-8) is one line, as for
    # every command.
    if command.words == ("check",) and not lines[0].startswith("planner: "):
        *problems, total = lines
        assert re.fullmatch(r"\d+ problems? in \d+ files?", total), shown
        assert problems and all(LOCATED.match(p) for p in problems), shown
        return
    assert all(line.startswith("planner: ") for line in lines), shown
    if command.words != ("import",):  # import lists every problem of every file
        assert len(lines) == 1, shown


# ---------------------------------------------------------------------------- the test
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name.replace(" ", "-"))
def test_hostile_arguments_keep_the_contract(
    command: Command,
    template: Path,
    runs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PLANNER_DEBUG", raising=False)

    @fuzz(12)
    @given(invocations(command))
    def check(argv: list[str]) -> None:
        folder = workspace(runs, template)
        db = folder / "planner.sqlite3"
        monkeypatch.chdir(folder)
        before_bytes, before = db.read_bytes(), checksum(db)
        code, out, err = run(Cli(db, capsys), argv)
        assert_contract(command, argv, code, out, err)
        if code != 0:
            assert checksum(db) == before, f"{argv}: a failed command changed the data"
            assert db.read_bytes() == before_bytes, f"{argv}: a failed command wrote the file"

    check()
