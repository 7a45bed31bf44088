"""The roadmap loader under hostile input: it returns a library or raises RoadmapError whose
every problem reads `FILE:LINE: message` — never any other exception, never a crash.

Bytes, text, plausible-looking YAML built from the format's real keys mixed with junk (random
ids, references and cycles), and mutations of the built-in files; then the classic attacks one
by one: alias bombs, deep nesting, huge files and values, binary files and other encodings.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from planner.core.domain import Library
from planner.core.graph import build_graph, find_cycle
from planner.errors import Problem, RoadmapError
from planner.fileformat import yamlread
from planner.fileformat.load import (
    LoadedFile,
    check_together,
    load_files,
    parse_bytes,
    read_file,
)
from planner.fileformat.schema import Skill
from planner.paths import builtin_roadmap_files
from tests.hostile.conftest import fuzz

NAME = "fuzz.yaml"
# Problems about the file as a whole carry no line (`FILE: message`); every other one has one.
WHOLE_FILE = ("the file is empty", "file is larger than 5 MiB", "cannot read: ")
# A message is one line a person reads: long values are shortened, not repeated in full.
MAX_MESSAGE = 400

BUILTIN = {path.name: path.read_text(encoding="utf-8") for path in builtin_roadmap_files()}


def _builtin_skills(exclude: str) -> list[Skill]:
    return [
        s
        for path in builtin_roadmap_files()
        if path.name != exclude
        for s in read_file(path).roadmap.skills
    ]


CONTEXT = {name: _builtin_skills(name) for name in BUILTIN}


def assert_located(problem: Problem, name: str = NAME) -> None:
    """The problem names the file and, unless about the whole file, the line: `FILE:LINE: `."""
    shown = str(problem)
    assert problem.file == name, shown
    assert "\n" not in shown and "\r" not in shown, shown
    assert problem.message.strip(), shown
    assert len(problem.message) <= MAX_MESSAGE, shown[:200] + "..."
    if problem.line == 0:
        assert problem.message.startswith(WHOLE_FILE), shown
    else:
        assert problem.line >= 1, shown
        assert re.match(rf"{re.escape(name)}:\d+: \S", shown), shown


def load(raw: bytes, context: list[Skill] | None = None, name: str = NAME) -> Library | None:
    """Load one file's bytes as an import does; the library, or None when it was refused
    with properly located problems. Any other exception propagates and fails the test."""
    try:
        loaded = parse_bytes(raw, name)
        problems = check_together([loaded], context or [])
        if problems:
            raise RoadmapError(problems)
    except RoadmapError as error:
        assert error.problems, "a RoadmapError lists at least one problem"
        for problem in error.problems:
            assert_located(problem, name)
        assert str(error).splitlines() == [str(p) for p in error.problems]
        return None
    library = Library.from_files([loaded])
    if not context:  # every reference resolved inside the file: its graph must be acyclic
        assert find_cycle(build_graph(library.skills)) is None
    return library


def refused(raw: bytes, name: str = NAME) -> list[str]:
    """The messages of a file that must be refused."""
    with pytest.raises(RoadmapError) as caught:
        loaded = parse_bytes(raw, name)
        problems = check_together([loaded])
        if problems:
            raise RoadmapError(problems)
    for problem in caught.value.problems:
        assert_located(problem, name)
    return [str(p) for p in caught.value.problems]


# ---------------------------------------------------------------------------- (a) and (b)
@fuzz(300)
@given(st.binary(max_size=2000))
@example(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
@example(b"\xff\xfef\x00o\x00r\x00")
@example(b"\x00" * 64)
@example(b"format: 1\x00\n")
@example(b"\xef\xbb\xbf")
@example(b"\xef\xbb\xbf\xef\xbb\xbfformat: 1\n")
def test_arbitrary_bytes(raw: bytes) -> None:
    load(raw)


YAML_PIECES = [
    "format: 1\n",
    "skills:\n",
    "  - id: a\n",
    "    name: A\n",
    "    area: X\n",
    "    hours: 1\n",
    "    requires: [a]\n",
    "roles:\n",
    "  - {id: r, name: R, goals: [a]}\n",
    "&x ",
    "*x ",
    "!!binary ",
    "<<: *x\n",
    "? ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "#",
    "\t",
    "\r\n",
    "\r",
    "\ufeff",
    "\u2028",
    "\x85",
    "\ud800",
]
yaml_ish_text = st.lists(
    st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=12)), max_size=40
).map("".join)


@fuzz(300)
@given(st.one_of(st.text(max_size=2000), yaml_ish_text))
@example("format: 1\nskills: [\ud800]\n")
@example("format: 1\nname: \U0001f600\u202e\u200b\n")
@example("format: 1\nname: 2026-02-30\n")
@example("format: 1\nname: 2026-01-01 25:00:00\n")
@example("format: 1\nskills: [!!int 1x, !!float x, !!bool maybe, !!timestamp 2026-13-01]\n")
@example("format: 1\nname: !<tag:yaml.org,2002:python/name:os.system> x\n")
@example("format: 1\r\nskills:\r\n  - {id: a, name: A, area: X, hours: 1, requires: [b]}\r\n")
@example("format: 1\rskills:\r  - {id: a, name: A, area: X, hours: 1, nope: 1}\r")
def test_arbitrary_text(text: str) -> None:
    load(text.encode("utf-8", errors="surrogatepass"))


# ---------------------------------------------------------------------------- (c)
POOL = ["a", "b", "c", "d", "python-basics"]
ids = st.one_of(
    st.sampled_from(POOL),
    st.sampled_from(["A", "a b", "a--b", "-a", "a" * 65, "", "é", "1", "a_b"]),
    st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True),
    st.text(max_size=10),
)
references = st.lists(st.one_of(st.sampled_from(POOL), ids), max_size=4)
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "<b>bold</b>",
            "&amp;",
            "%s {0}",
            "\u202e\u200b",
            " ",
            "",
            "x" * 201,
            "yes",
            "null",
            "=cmd|' /C calc'!A0",
        ]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    hostile_text,
)
junk = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
urls = st.one_of(
    st.sampled_from(
        [
            "https://example.org/",
            "http://x.io/a?b=1#c",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "ftp://example.org/f",
            "https://",
            "https:// spaced",
            "HTTPS://EXAMPLE.ORG",
            "//example.org",
            "https://" + "a" * 2000,
        ]
    ),
    st.text(max_size=30),
)


def entry(required: dict[str, Any], optional: dict[str, Any]) -> Any:
    """A mapping of the format's keys with plausible or junk values, plus junk keys."""

    def maybe_junk(strategy: Any) -> Any:
        return st.one_of(strategy, strategy, strategy, junk)

    mapping = st.fixed_dictionaries(
        {k: maybe_junk(v) for k, v in required.items()},
        optional={
            **{k: maybe_junk(v) for k, v in optional.items()},
            **dict.fromkeys(("nmae", "requirs", "id ", "Name", "<<", "on"), junk),
        },
    )
    return st.one_of(mapping, mapping, mapping, junk)


resources = entry(
    {"title": hostile_text, "url": urls},
    {
        "kind": st.sampled_from(["course", "book", "docs", "video", "movie"]),
        "free": st.one_of(st.booleans(), junk),
    },
)
skills = entry(
    {
        "id": ids,
        "name": hostile_text,
        "area": hostile_text,
        "hours": st.one_of(st.floats(), st.integers(-5, 3000), st.sampled_from([0, 2000, 2000.1])),
    },
    {
        "level": st.sampled_from(["beginner", "intermediate", "advanced", "expert"]),
        "summary": hostile_text,
        "requires": references,
        "recommends": references,
        "resources": st.lists(resources, max_size=3),
    },
)
tracks = entry(
    {"id": ids, "name": hostile_text, "goals": references},
    {"summary": hostile_text},
)
roles = entry(
    {"id": ids, "name": hostile_text, "goals": references},
    {
        "summary": hostile_text,
        "tracks": st.lists(tracks, max_size=3),
        "salary": entry(
            {"amount": st.one_of(st.floats(), st.integers()), "currency": hostile_text},
            {"region": hostile_text, "source": hostile_text},
        ),
    },
)
documents = entry(
    {"format": st.one_of(st.just(1), st.just(1), junk)},
    {
        "name": hostile_text,
        "skills": st.lists(skills, max_size=6),
        "roles": st.lists(roles, max_size=3),
    },
)


@st.composite
def cycles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid file but for a prerequisite cycle (or a self-reference) of random length."""
    n = draw(st.integers(min_value=1, max_value=6))
    names = [f"s{i}" for i in range(n)]
    skill_list: list[dict[str, Any]] = []
    for i, ident in enumerate(names):
        after = names[(i + 1) % n]
        key = draw(st.sampled_from(["requires", "recommends"]))
        skill_list.append(
            {"id": ident, "name": ident.upper(), "area": "X", "hours": 1, key: [after]}
        )
    draw(st.randoms()).shuffle(skill_list)
    return {"format": 1, "skills": skill_list, "roles": [{"id": "r", "name": "R", "goals": names}]}


def dump(data: Any, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)


@fuzz(150)
@given(
    st.one_of(documents, cycles()),
    st.sampled_from([None, False, True]),
    st.booleans(),
)
def test_structurally_plausible_yaml(data: Any, flow: bool | None, unicode: bool) -> None:
    load(dump(data, flow, unicode).encode("utf-8", errors="surrogatepass"))


@fuzz(40)
@given(cycles())
def test_every_cycle_is_refused_with_its_path(data: dict[str, Any]) -> None:
    [message] = refused(dump(data, None, True).encode())
    n = len(data["skills"])
    if n == 1:
        assert re.search(r"fuzz.yaml:\d+: skill 's0' (requires|recommends) itself", message)
    else:
        assert re.search(r"fuzz.yaml:\d+: prerequisite cycle: s0 -> .* -> s0$", message)


# ---------------------------------------------------------------------------- (d)
@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """A built-in roadmap file with one to four lines deleted, duplicated, replaced, swapped or
    characters flipped."""
    name = draw(st.sampled_from(sorted(BUILTIN)))
    lines = BUILTIN[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "replace", "swap", "flip", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "replace":
            lines[i] = draw(st.one_of(yaml_ish_text, st.text(max_size=30))) + "\n"
        elif op == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[i].lstrip(" ")
        elif lines[i]:
            k = draw(st.integers(min_value=0, max_value=len(lines[i]) - 1))
            char = draw(st.characters(codec="utf-8"))
            lines[i] = lines[i][:k] + char + lines[i][k + 1 :]
        if not lines:
            break
    return name, "".join(lines).encode("utf-8", errors="surrogatepass")


@fuzz(150)
@given(mutations())
def test_mutated_builtin_files(mutated: tuple[str, bytes]) -> None:
    name, raw = mutated
    load(raw, CONTEXT[name], name=name)


def test_the_builtin_files_load_unchanged() -> None:
    """The mutations start from files that are valid: a refusal is caused by the mutation."""
    for name, text in BUILTIN.items():
        assert load(text.encode(), CONTEXT[name], name=name) is not None


# ---------------------------------------------------------------------------- classic attacks
def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["format: 1", 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        lines.append(f"lol{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    started = time.process_time()
    [message] = refused("\n".join(lines).encode())
    assert time.process_time() - started < 5
    assert "expands to more than" in message


def test_alias_bomb_through_mappings_and_keys_is_refused() -> None:
    lines = ["format: 1", "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}"]
    for level in range(1, 10):
        keys = ", ".join(f"k{k}: *m{level - 1}" for k in range(9))
        lines.append(f"m{level}: &m{level} {{{keys}}}")
    [message] = refused("\n".join(lines).encode())
    assert "expands to more than" in message
    # An alias of a list as a mapping key is refused too (it could not be a plain word).
    assert refused(b"format: 1\nx: &k [a]\n*k : 1\n")[0].startswith(f"{NAME}:3: ")


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nskills: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "format: 1\nskills: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "format: 1\nskills:\n" + "- " * 10_000 + "x\n",
        "format: 1\nskills: " + "[" * 10_000 + "\n",  # and never closed
        "format: 1\n" + "".join(" " * i + "a:\n" for i in range(200)) + "x\n",
    ],
    ids=["flow-lists", "flow-mappings", "block-sequences", "unclosed", "block-mappings"],
)
def test_nesting_thousands_deep_is_an_error_not_a_crash(text: str) -> None:
    started = time.process_time()
    messages = refused(text.encode())
    assert time.process_time() - started < 5
    assert any("nested more than" in m or "invalid YAML" in m for m in messages), messages


@pytest.mark.parametrize(
    "escape",
    ["\\e[31m", "\\e]8;;https://evil.example\\e\\\\", "\\a", "\\b", "\\r", "\\x9b", "\\N", "\\0"],
)
def test_terminal_escapes_in_text_are_refused(escape: str) -> None:
    """Text is plain: a control character (only a YAML escape can make one) could drive the
    terminal that `planner roles` prints a shared file's names to."""
    [message] = refused(f'format: 1\nname: "red {escape} text"\n'.encode())
    assert message.startswith(f"{NAME}:2: text holds a control character (U+")


def test_tabs_and_line_breaks_stay_allowed() -> None:
    text = 'format: 1\nskills:\n  - {id: a, name: A, area: "X\\tY", hours: 1, summary: "1\\n2"}\n'
    library = load(text.encode())
    assert library is not None and library.skills["a"].summary == "1\n2"


def test_file_far_over_the_limit_is_refused_by_its_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sparse 100 MiB file: its size is known without reading (or writing) a byte of it."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.truncate(100 * 1024 * 1024)

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(RoadmapError) as caught:
        load_files([path])
    [problem] = caught.value.problems
    assert_located(problem, str(path))
    assert problem.message == "file is larger than 5 MiB (104,857,600 bytes); refused"


def test_the_limit_holds_for_bytes_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", 1000)
    [message] = refused(b"format: 1\nname: " + b"x" * 1000 + b"\n")
    assert message.startswith(f"{NAME}: file is larger than 5 MiB (1,017 bytes)")


@pytest.mark.parametrize(
    "raw",
    [
        b"format: 1\nname: " + b"x" * 4_000_000 + b"\n",
        b"format: 1\n" + b"x" * 4_000_000 + b": 1\n",
        b"format: 1\nskills:\n  - id: " + b"a" * 4_000_000 + b"\n",
        b"format: 1\nname: &" + b"a" * 4_000_000 + b" x\nother: *" + b"a" * 8 + b"\n",
        b"format: 1\nname: !" + b"t" * 4_000_000 + b" x\n",
        b"format: 1\nname: x\nname: x\n"
        + b"n" * 4_000_000
        + b": 1\n"
        + b"n" * 4_000_000
        + b": 2\n",
    ],
    ids=["long-value", "long-key", "long-id", "long-anchor", "long-tag", "long-duplicate-key"],
)
def test_huge_values_under_the_limit_give_short_messages(raw: bytes) -> None:
    started = time.process_time()
    messages = refused(raw)
    assert time.process_time() - started < 10
    assert all(len(m) < MAX_MESSAGE + len(NAME) + 10 for m in messages)


def test_binary_files_are_refused(tmp_path: Path) -> None:
    png = tmp_path / "image.yaml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"format: 1\nname: a\x00b\n")
    with pytest.raises(RoadmapError) as caught:
        load_files([png, nul])
    found = {Path(p.file).name: str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems}
    assert found == {
        "image.yaml": "image.yaml:1: not UTF-8 text: byte 0x89 cannot be decoded",
        "nul.yaml": "nul.yaml:2: the file contains a character YAML does not allow (U+0000)",
    }


def test_utf16_is_refused_as_not_utf8() -> None:
    text = "format: 1\nname: Tiny\n"
    assert refused(text.encode("utf-16")) == [
        f"{NAME}:1: not UTF-8 text: byte 0xff cannot be decoded"
    ]
    [without_bom] = refused(text.encode("utf-16-le"))  # valid UTF-8 full of NUL characters
    assert without_bom == f"{NAME}:1: the file contains a character YAML does not allow (U+0000)"


VALID = (
    "format: 1\n"
    "skills:\n"
    "  - id: a\n"
    "    name: A\n"
    "    area: X\n"
    "    hours: 1\n"
    "    requires: [nowhere]\n"
)


def test_a_bom_is_accepted_and_lines_still_count_from_one() -> None:
    assert refused(b"\xef\xbb\xbf" + VALID.encode()) == [
        f"{NAME}:7: skill 'a': unknown skill 'nowhere' in requires"
    ]
    library = load(b"\xef\xbb\xbf" + VALID.replace("[nowhere]", "[]").encode())
    assert library is not None and list(library.skills) == ["a"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_other_line_ends_keep_line_numbers(newline: str) -> None:
    raw = VALID.replace("\n", newline).encode()
    assert refused(raw) == [f"{NAME}:7: skill 'a': unknown skill 'nowhere' in requires"]
    library = load(VALID.replace("[nowhere]", "[]").replace("\n", newline).encode())
    assert library is not None and library.skills["a"].name == "A"


def test_loaded_file_keeps_its_name() -> None:
    loaded = parse_bytes(VALID.replace("[nowhere]", "[]").encode(), NAME)
    assert isinstance(loaded, LoadedFile) and loaded.name == NAME
