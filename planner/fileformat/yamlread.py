"""Read YAML safely into plain Python data, remembering the line of every value.

PyYAML's own loaders recurse once per nesting level and expand aliases by sharing objects, so a
deeply nested file can crash them and an alias bomb makes any later walk over the data
exponential. This reader consumes the parser's event stream in one loop with an explicit stack:
nesting depth and the size after alias expansion are bounded, and every problem becomes a
`Problem` with a line number instead of an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planner.errors import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_NODES = 200_000  # counted after alias expansion; the built-in library has a few thousand

Path = tuple[str | int, ...]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_CONTAINER_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# Control characters but tab and line feed (C0, DEL, C1): terminal escapes and the like.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Abort(Exception):
    """Reading must stop: the problem is already recorded."""


@dataclass
class ReadResult:
    """The document's data (None when unreadable), where each path's value starts, and problems."""

    data: Any = None
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of the value at `path`, or of the nearest enclosing value that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.result = ReadResult()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size)
        self.total = 0
        self.documents = 0
        self.constructor = yaml.SafeLoader("")  # only used to turn plain scalars into values

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(self.name, line, message))

    def fail(self, line: int, message: str) -> _Abort:
        self.problem(line, message)
        return _Abort()

    # -- where the next value goes ---------------------------------------------------------
    def _next_path(self) -> Path | None:
        """The path of the value about to be read, or None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is None:
            return None
        return (*top.path, top.key)

    def _place(self, value: Any, size: int, line: int, is_scalar_key: str | None) -> None:
        self.total += size
        if self.total > MAX_NODES:
            raise self.fail(
                line,
                f"the document expands to more than {MAX_NODES:,} values "
                "(are aliases nested to blow it up?)",
            )
        if not self.stack:
            self.result.data = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if top.key is None:  # this value is a key
            if is_scalar_key is None:
                raise self.fail(line, "a mapping key must be a plain word, not a list or mapping")
            if is_scalar_key == "<<":
                raise self.fail(line, "YAML merge keys (<<) are not supported; write the keys out")
            if is_scalar_key in top.key_lines:
                self.problem(
                    line,
                    f"duplicate key {shown(is_scalar_key)} "
                    f"(first given on line {top.key_lines[is_scalar_key]})",
                )
            top.key, top.key_line = is_scalar_key, line
            top.key_lines[is_scalar_key] = line
            self.result.lines[(*top.path, is_scalar_key)] = line
            return
        top.container[top.key] = value
        top.key = None

    # -- events ----------------------------------------------------------------------------
    def scalar(self, event: yaml.ScalarEvent) -> None:
        line = _line(event.start_mark)
        path = self._next_path()
        if path is None:  # a key: keep the text as written, `on:` means "on", not True
            self._place(None, 1, line, event.value)
            self._remember(event.anchor, event.value, 1)
            return
        if event.tag not in _PLAIN_TAGS:
            raise self.fail(line, f"YAML tag {clip(event.tag)} is not allowed in a roadmap file")
        tag = event.tag
        if tag in (None, "!"):
            tag = self.constructor.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, LookupError, TypeError, ArithmeticError) as error:
            # PyYAML's constructors raise plain ValueErrors too: `2026-02-30`, `!!int x`.
            reason = clip(" ".join(str(error).split()), 120)
            raise self.fail(line, f"cannot read value {shown(event.value)}: {reason}") from None
        control = _CONTROL.search(value) if isinstance(value, str) else None
        if control is not None:  # only "\e"-style escapes make them: a terminal would obey
            self.problem(
                line,
                f"text holds a control character (U+{ord(control.group()):04X}): "
                f"{shown(value)}; roadmap text is plain",
            )
        self.result.lines[path] = line
        self._place(value, 1, line, None)
        self._remember(event.anchor, value, 1)

    def start(
        self, event: yaml.CollectionStartEvent, container: dict[str, Any] | list[Any]
    ) -> None:
        line = _line(event.start_mark)
        path = self._next_path()
        if path is None:
            raise self.fail(line, "a mapping key must be a plain word, not a list or mapping")
        if event.tag not in _CONTAINER_TAGS:
            raise self.fail(line, f"YAML tag {clip(event.tag)} is not allowed in a roadmap file")
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(line, f"the document is nested more than {MAX_DEPTH} levels deep")
        self.result.lines[path] = line
        self.stack.append(_Frame(container, path, event.anchor))

    def end(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        line = _line(event.start_mark)
        # The container itself was counted as one value; its children are already in the total.
        self.total -= frame.size - 1
        self._place(frame.container, frame.size, self.result.lines.get(frame.path, line), None)
        self._remember(frame.anchor, frame.container, frame.size)

    def alias(self, event: yaml.AliasEvent) -> None:
        line = _line(event.start_mark)
        if event.anchor not in self.anchors:
            anchor = clip(event.anchor)
            raise self.fail(line, f"alias *{anchor} names no anchor defined before it")
        value, size = self.anchors[event.anchor]
        path = self._next_path()
        if path is None:
            if not isinstance(value, str):
                raise self.fail(line, "a mapping key must be a plain word, not a list or mapping")
            self._place(None, 1, line, value)
            return
        self.result.lines[path] = line
        self._place(value, size, line, None)

    def _remember(self, anchor: str | None, value: Any, size: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)

    def run(self, text: str) -> None:
        try:
            for event in yaml.parse(text, Loader=_LOADER):
                if isinstance(event, yaml.ScalarEvent):
                    self.scalar(event)
                elif isinstance(event, yaml.MappingStartEvent):
                    self.start(event, {})
                elif isinstance(event, yaml.SequenceStartEvent):
                    self.start(event, [])
                elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                    self.end(event)
                elif isinstance(event, yaml.AliasEvent):
                    self.alias(event)
                elif isinstance(event, yaml.DocumentStartEvent):
                    self.documents += 1
                    if self.documents > 1:
                        raise self.fail(
                            _line(event.start_mark),
                            "a roadmap file holds one YAML document; remove the second '---'",
                        )
        except _Abort:
            self.result.data = None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark is not None else 0
            what = error.problem or error.context or "invalid YAML"
            self.problem(line, f"invalid YAML: {what}")
            self.result.data = None
        except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
            position = getattr(error, "position", None)
            line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 0
            character = getattr(error, "character", None)
            if isinstance(character, str):
                character = ord(character)
            shown = f" (U+{character:04X})" if isinstance(character, int) else ""
            self.problem(line, f"the file contains a character YAML does not allow{shown}")
            self.result.data = None


def shown(value: Any) -> str:
    """A value as a message shows it: quoted, on one line (control characters escaped), and
    shortened: a message must stay one readable line whatever a file holds."""
    return clip(repr(value))


def clip(value: object, limit: int = 60) -> str:
    """`value` as text cut to `limit` characters, ending in "..." when cut."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _line(mark: Any) -> int:
    """The 1-based line of a parser mark (0 when the parser gave none)."""
    return int(mark.line) + 1 if mark is not None else 0


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file's bytes, or the problem with its line; a BOM is dropped."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(name, 0, f"file is larger than 5 MiB ({len(raw):,} bytes); refused")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        return None, [Problem(name, line, f"not UTF-8 text: byte 0x{byte:02x} cannot be decoded")]
    return text.removeprefix("\ufeff"), []


def read_yaml(text: str, name: str) -> ReadResult:
    """Parse one YAML document from `text`; problems are returned, never raised."""
    reader = _Reader(name)
    reader.run(text)
    if not reader.result.problems and reader.result.data is None:
        reader.problem(0, "the file is empty")
    return reader.result
