"""Load roadmap files: validate each one, then check them together, reporting every problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from planner.errors import Problem, RoadmapError
from planner.library.schema import (
    ID_PATTERN,
    Resource,
    RoadmapFile,
    Role,
    Skill,
    Track,
)
from planner.library.yamlread import MAX_FILE_BYTES, ReadResult, decode, read_yaml

if TYPE_CHECKING:
    import networkx as nx

_FIELDS: dict[str, tuple[str, ...]] = {
    "file": tuple(RoadmapFile.model_fields),
    "skill": tuple(Skill.model_fields),
    "role": tuple(Role.model_fields),
    "track": tuple(Track.model_fields),
    "resource": tuple(Resource.model_fields),
}


class SkillLike(Protocol):
    """What cross-file checks need to know of a skill defined elsewhere."""

    @property
    def id(self) -> str: ...
    @property
    def requires(self) -> Sequence[str]: ...
    @property
    def recommends(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class LoadedFile:
    """A roadmap file that passed its own validation, with the line of each value."""

    name: str
    roadmap: RoadmapFile
    read: ReadResult

    def line(self, *path: str | int) -> int:
        """The line where the value at `path` (e.g. "skills", 3, "requires", 0) is written."""
        return self.read.line_of(path)


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
        raise RoadmapError(_explain(error, read, name)) from None
    return LoadedFile(name, roadmap, read)


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
    return {"skills": "skill", "roles": "role", "tracks": "track", "resources": "resource"}.get(
        names[-2] if len(names) >= 2 else "", "file"
    )


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
        message = f"'{_field_name(loc)}' must list at least one skill id"
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


# ---------------------------------------------------------------------------- files together
@dataclass(frozen=True)
class _Defined:
    file: LoadedFile
    line: int


def check_together(files: Sequence[LoadedFile], context: Iterable[SkillLike] = ()) -> list[Problem]:
    """Problems that only show when files meet: duplicate or unknown ids, and cycles.

    `context` holds skills already known (the built-in library, or the database): ids from it
    may be referred to, and a file may redefine them (importing updates them in place).
    """
    problems: list[Problem] = []
    skills: dict[str, tuple[Skill, _Defined]] = {}
    roles: dict[str, _Defined] = {}
    for f in files:
        for i, skill in enumerate(f.roadmap.skills):
            here = _Defined(f, f.line("skills", i))
            if skill.id in skills:
                first = skills[skill.id][1]
                problems.append(
                    Problem(
                        f.name,
                        here.line,
                        f"duplicate skill id '{skill.id}' "
                        f"(first defined at {first.file.name}:{first.line})",
                    )
                )
                continue
            skills[skill.id] = (skill, here)
        for i, role in enumerate(f.roadmap.roles):
            here = _Defined(f, f.line("roles", i))
            if role.id in roles:
                first = roles[role.id]
                problems.append(
                    Problem(
                        f.name,
                        here.line,
                        f"duplicate role id '{role.id}' "
                        f"(first defined at {first.file.name}:{first.line})",
                    )
                )
            else:
                roles[role.id] = here
            seen_tracks: dict[str, int] = {}
            for t, track in enumerate(role.tracks):
                line = f.line("roles", i, "tracks", t)
                if track.id in seen_tracks:
                    problems.append(
                        Problem(
                            f.name,
                            line,
                            f"role '{role.id}': duplicate track id '{track.id}' "
                            f"(first defined on line {seen_tracks[track.id]})",
                        )
                    )
                seen_tracks.setdefault(track.id, line)

    known_context = {s.id: s for s in context if s.id not in skills}
    known = set(skills) | set(known_context)

    def check_ids(
        f: LoadedFile, ids: list[str], path: tuple[str | int, ...], owner: str, what: str
    ) -> None:
        seen: set[str] = set()
        for k, ident in enumerate(ids):
            line = f.line(*path, k)
            if ident in seen:
                problems.append(
                    Problem(f.name, line, f"{owner}: '{ident}' is listed twice in {what}")
                )
            seen.add(ident)
            if ident not in known:
                close = difflib.get_close_matches(ident, sorted(known), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(
                    Problem(f.name, line, f"{owner}: unknown skill '{ident}' in {what}{hint}")
                )

    for f in files:
        for i, skill in enumerate(f.roadmap.skills):
            owner = f"skill '{skill.id}'"
            check_ids(f, skill.requires, ("skills", i, "requires"), owner, "requires")
            check_ids(f, skill.recommends, ("skills", i, "recommends"), owner, "recommends")
            for k, ident in enumerate(skill.requires):
                if ident == skill.id:
                    problems.append(
                        Problem(
                            f.name, f.line("skills", i, "requires", k), f"{owner} requires itself"
                        )
                    )
            for k, ident in enumerate(skill.recommends):
                if ident == skill.id:
                    problems.append(
                        Problem(
                            f.name,
                            f.line("skills", i, "recommends", k),
                            f"{owner} recommends itself",
                        )
                    )
                elif ident in skill.requires:
                    problems.append(
                        Problem(
                            f.name,
                            f.line("skills", i, "recommends", k),
                            f"{owner}: '{ident}' is both required and recommended",
                        )
                    )
        for i, role in enumerate(f.roadmap.roles):
            check_ids(f, role.goals, ("roles", i, "goals"), f"role '{role.id}'", "goals")
            for t, track in enumerate(role.tracks):
                check_ids(
                    f,
                    track.goals,
                    ("roles", i, "tracks", t, "goals"),
                    f"role '{role.id}', track '{track.id}'",
                    "goals",
                )

    problems.extend(_cycles(skills, known_context))
    return problems


def _cycles(
    skills: dict[str, tuple[Skill, _Defined]], context: dict[str, SkillLike]
) -> list[Problem]:
    """One problem per strongly connected group of skills, showing one cycle through it."""
    import networkx as nx  # here, not at the top: opening the app does not need it

    graph: nx.DiGraph[str] = nx.DiGraph()
    all_skills: dict[str, SkillLike] = {**{k: s for k, (s, _) in skills.items()}, **context}
    for ident, skill in all_skills.items():
        graph.add_node(ident)
        for prereq in (*skill.requires, *skill.recommends):
            if prereq != ident and prereq in all_skills:
                graph.add_edge(ident, prereq)  # "ident needs prereq"
    problems: list[Problem] = []
    components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    for component in sorted(components, key=min):
        start = min(component)
        cycle = _cycle_from(graph.subgraph(component), start)
        text = " -> ".join([*cycle, cycle[0]])
        # Report at the entry of the first skill that lists the next one.
        first, second = cycle[0], cycle[1]
        if first in skills:
            skill, defined = skills[first]
            f = defined.file
            index = f.roadmap.skills.index(skill)
            if second in skill.requires:
                line = f.line("skills", index, "requires", skill.requires.index(second))
            else:
                line = f.line("skills", index, "recommends", skill.recommends.index(second))
            problems.append(Problem(f.name, line, f"prerequisite cycle: {text}"))
        else:
            owner = next(iter(sorted(c for c in component if c in skills)), None)
            if owner is None:
                continue
            _, defined = skills[owner]
            problems.append(Problem(defined.file.name, defined.line, f"prerequisite cycle: {text}"))
    return problems


def _cycle_from(graph: nx.DiGraph[str], start: str) -> list[str]:
    """The shortest cycle through `start`, found breadth-first with sorted neighbours."""
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for succ in sorted(graph.successors(node)):
                if succ == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return list(reversed(path))
                if succ not in parents:
                    parents[succ] = node
                    following.append(succ)
        frontier = following
    return [start]  # unreachable for a strongly connected component of two or more


def load_files(paths: Sequence[Path], context: Iterable[SkillLike] = ()) -> list[LoadedFile]:
    """Read and validate files as one library; raise RoadmapError with every problem found."""
    loaded: list[LoadedFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(read_file(path))
        except RoadmapError as error:
            problems.extend(error.problems)
    if problems:
        # Ids defined in a file that failed cannot be known, so cross-file checks would only
        # add noise about "unknown" ids; they run once every file reads cleanly.
        raise RoadmapError(problems)
    problems = check_together(loaded, context)
    if problems:
        raise RoadmapError(problems)
    return loaded
