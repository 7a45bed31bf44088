"""Load roadmap files: validate each one, then check them together, reporting every problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from planner.errors import Problem, RoadmapError
from planner.fileformat.schema import (
    ID_PATTERN,
    Resource,
    RoadmapFile,
    Role,
    Skill,
    Track,
    TrackChoice,
)
from planner.fileformat.together import SkillLike, check_together
from planner.fileformat.yamlread import MAX_FILE_BYTES, ReadResult, decode, read_yaml

__all__ = [
    "LoadedFile",
    "SkillLike",
    "check_paths",
    "check_together",
    "load_files",
    "parse_text",
    "read_file",
]

_FIELDS: dict[str, tuple[str, ...]] = {
    "file": tuple(RoadmapFile.model_fields),
    "skill": tuple(Skill.model_fields),
    "role": tuple(Role.model_fields),
    "track": tuple(Track.model_fields),
    "track_choice": tuple(TrackChoice.model_fields),
    "resource": tuple(Resource.model_fields),
}


@dataclass(frozen=True)
class LoadedFile:
    """A roadmap file that passed its own validation, with the line of each value."""

    name: str
    roadmap: RoadmapFile
    read: ReadResult
    # For a file read only in part: the row in the file of each skill and role that parsed.
    rows: Mapping[str, Sequence[int]] = field(default_factory=dict)

    def line(self, *path: str | int) -> int:
        """The line where the value at `path` (e.g. "skills", 3, "requires", 0) is written."""
        if len(path) > 1 and isinstance(path[0], str) and isinstance(path[1], int):
            rows = self.rows.get(path[0])
            if rows is not None:
                path = (path[0], rows[path[1]], *path[2:])
        return self.read.line_of(path)


class FileProblems(RoadmapError):
    """A file whose entries have problems of their own. `partial` holds the skills and roles
    that did parse, so references, duplicates and cycles can still be checked among them, and
    `unparsed_ids` the ids of entries that did not (not to be called unknown)."""

    def __init__(
        self, problems: list[Problem], partial: LoadedFile | None, unparsed_ids: frozenset[str]
    ) -> None:
        super().__init__(problems)
        self.partial = partial
        self.unparsed_ids = unparsed_ids


# ---------------------------------------------------------------------------- one file
def parse_text(text: str, name: str) -> LoadedFile:
    """Validate one roadmap file's text on its own; raise RoadmapError listing every problem."""
    read = read_yaml(text, name)
    if read.problems:
        raise RoadmapError(read.problems)
    if not isinstance(read.data, dict):
        raise RoadmapError(
            [Problem(name, read.line_of(()), "a roadmap file is a mapping that starts 'format: 1'")]
        )
    try:
        roadmap = RoadmapFile.model_validate(read.data)
    except ValidationError as error:
        partial, unparsed = _partial(read, name)
        raise FileProblems(_explain(error, read, name), partial, unparsed) from None
    return LoadedFile(name, roadmap, read)


def _partial(read: ReadResult, name: str) -> tuple[LoadedFile | None, frozenset[str]]:
    """The skills and roles of an invalid file that are valid on their own."""
    data = read.data
    if not isinstance(data, dict) or data.get("format") != 1:
        return None, frozenset()  # another format: its entries may mean something else
    unparsed: set[str] = set()
    parsed: dict[str, list[Any]] = {"skills": [], "roles": []}
    rows: dict[str, list[int]] = {"skills": [], "roles": []}
    for key, model in (("skills", Skill), ("roles", Role)):
        entries = data.get(key)
        for row, entry in enumerate(entries if isinstance(entries, list) else []):
            try:
                parsed[key].append(model.model_validate(entry))
                rows[key].append(row)
            except ValidationError:
                ident = entry.get("id") if isinstance(entry, dict) else None
                if key == "skills" and isinstance(ident, str):
                    unparsed.add(ident)
    roadmap = RoadmapFile.model_construct(
        format=1, name=None, skills=parsed["skills"], roles=parsed["roles"]
    )
    return LoadedFile(name, roadmap, read, rows), frozenset(unparsed)


def parse_bytes(raw: bytes, name: str) -> LoadedFile:
    """Validate one roadmap file's bytes (size and encoding first)."""
    text, problems = decode(raw, name)
    if text is None:
        raise RoadmapError(problems)
    return parse_text(text, name)


def read_file(path: Path) -> LoadedFile:
    """Read and validate one roadmap file from disk."""
    name = str(path)
    try:
        if not path.is_file():
            what = "does not exist"
            if path.is_dir():
                what = "is a directory"
            elif path.exists():  # a device or a pipe: reading it might never end
                what = "is not a regular file"
            raise RoadmapError([Problem(name, 0, f"cannot read: the path {what}")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoadmapError(
                [Problem(name, 0, f"file is larger than 5 MiB ({size:,} bytes); refused")]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise RoadmapError([Problem(name, 0, f"cannot read: {error.strerror}")]) from None
    return parse_bytes(raw, name)


def _where(data: Any, loc: tuple[str | int, ...]) -> str:
    """Name the entry an error is about in the learner's words: "skill 'numpy'"."""
    words: list[str] = []
    node = data
    kinds = {"skills": "skill", "roles": "role", "tracks": "track", "resources": "resource"}
    for index, part in enumerate(loc):
        if isinstance(node, dict):
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            parent = loc[index - 1] if index > 0 else None
            node = node[part]
            kind = kinds.get(str(parent))
            if kind is not None:
                ident = node.get("id") if isinstance(node, dict) else None
                if kind == "resource" and isinstance(node, dict):
                    ident = node.get("title")
                words.append(
                    f"{kind} {_shown(ident)}" if isinstance(ident, str) else f"{kind} #{part + 1}"
                )
        else:
            break
    return ", ".join(words)


def _kind_of(loc: tuple[str | int, ...]) -> str:
    names = [p for p in loc if isinstance(p, str)]
    kinds = {"skills": "skill", "roles": "role", "tracks": "track", "resources": "resource"}
    parent = names[-2] if len(names) >= 2 else ""
    if parent == "track_choice":
        return "track_choice"
    return kinds.get(parent, "file")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _explain(error: ValidationError, read: ReadResult, name: str) -> list[Problem]:
    return [
        Problem(name, read.line_of(tuple(item["loc"])), _message(item, read.data))
        for item in error.errors(include_url=False)
    ]


def entry_problems(data: dict[str, Any]) -> list[str]:
    """What is wrong with one roadmap file's content given as plain data (the library editor's
    check), in the same words as for a file, without FILE:LINE."""
    try:
        RoadmapFile.model_validate(data)
    except ValidationError as error:
        return [_message(item, data) for item in error.errors(include_url=False)]
    return []


def _message(item: ErrorDetails, data: Any) -> str:
    """One validation error in the learner's words, naming the entry it is about."""
    loc = tuple(item["loc"])
    kind = item["type"]
    where = _where(data, loc[:-1]) if loc else ""
    field = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _FIELDS[_kind_of(loc)]
        close = difflib.get_close_matches(field, allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed: {', '.join(allowed)}"
        message = f"unknown key {_shown(field)}{hint}"
    elif kind == "missing":
        message = f"'{field}' is required"
    elif kind == "string_pattern_mismatch" and "url" in loc:
        message = f"url: {_shown(item['input'])} is not an http or https address"
    elif kind == "string_pattern_mismatch" and item.get("ctx", {}).get("pattern") == ID_PATTERN:
        message = (
            f"{_shown(item['input'])} is not a valid id: use lowercase letters, digits and "
            "single hyphens, like 'linear-algebra'"
        )
    elif kind == "too_short":
        what = "track" if "track_choice" in loc else "skill"
        message = f"'{_field_name(loc)}' must list at least one {what} id"
    elif kind == "string_too_short":
        message = f"'{_field_name(loc)}' must not be empty"
    else:
        message = f"'{_field_name(loc)}': {item['msg']}, got {_shown(item['input'])}"
    if loc == ("format",) and kind == "literal_error":
        message = f"unsupported format {_shown(item['input'])}; this app reads format 1"
    return f"{where}: {message}" if where else message


def _field_name(loc: tuple[str | int, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else "value"


def check_paths(
    paths: Sequence[Path], context: Iterable[SkillLike] = ()
) -> tuple[list[LoadedFile], list[Problem]]:
    """Read and check files as one library: the files that read cleanly, and every problem.

    Reference checks run on every entry that parsed, even in a file whose other entries have
    problems, so one run reports everything (unless a file could not be read at all).
    """
    loaded: list[LoadedFile] = []
    partial: list[LoadedFile] = []
    unparsed: set[str] = set()
    problems: list[Problem] = []
    unreadable = False
    for path in paths:
        try:
            loaded.append(read_file(path))
        except FileProblems as error:
            problems.extend(error.problems)
            unparsed |= error.unparsed_ids
            if error.partial is None:
                unreadable = True
            else:
                partial.append(error.partial)
        except RoadmapError as error:
            problems.extend(error.problems)
            unreadable = True
    problems.extend(
        check_together(
            [*loaded, *partial], context, also_known=unparsed, report_unknown=not unreadable
        )
    )
    return loaded, problems


def load_files(paths: Sequence[Path], context: Iterable[SkillLike] = ()) -> list[LoadedFile]:
    """Read and validate files as one library; raise RoadmapError with every problem found."""
    loaded, problems = check_paths(paths, context)
    if problems:
        raise RoadmapError(problems)
    return loaded
