"""Checks across roadmap files: duplicate and unknown ids, and prerequisite cycles."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from planner.errors import Problem
from planner.fileformat.schema import Role, Skill

if TYPE_CHECKING:
    from planner.fileformat.load import LoadedFile


class SkillLike(Protocol):
    """What cross-file checks need to know of a skill defined elsewhere."""

    @property
    def id(self) -> str: ...
    @property
    def requires(self) -> Sequence[str]: ...
    @property
    def recommends(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class _Defined:
    file: LoadedFile
    line: int


def check_together(
    files: Sequence[LoadedFile],
    context: Iterable[SkillLike] = (),
    *,
    also_known: Iterable[str] = (),
    report_unknown: bool = True,
) -> list[Problem]:
    """Problems that only show when files meet: duplicate or unknown ids, and cycles.

    `context` holds skills already known (the built-in library, or the database): ids from it
    may be referred to, and a file may redefine them (importing updates them in place).
    `also_known` are ids of entries that failed their own validation (already reported): a
    reference to one is not "unknown". `report_unknown` is off when a whole file could not be
    read, since any id might have been defined there.
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
            problems.extend(_choice_problems(f, i, role))

    known_context = {s.id: s for s in context if s.id not in skills}
    known = set(skills) | set(known_context) | set(also_known)

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
            if report_unknown and ident not in known:
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


def _choice_problems(f: LoadedFile, index: int, role: Role) -> list[Problem]:
    """A role's track choice names its own tracks, each once, and asks for no more than it has."""
    choice = role.track_choice
    if choice is None:
        return []
    problems: list[Problem] = []
    owner = f"role '{role.id}', track_choice"
    own = [t.id for t in role.tracks]
    seen: set[str] = set()
    for k, ident in enumerate(choice.tracks):
        line = f.line("roles", index, "track_choice", "tracks", k)
        if ident in seen:
            problems.append(Problem(f.name, line, f"{owner}: '{ident}' is listed twice"))
        elif ident not in own:
            close = difflib.get_close_matches(ident, own, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(f.name, line, f"{owner}: the role has no track '{ident}'{hint}")
            )
        seen.add(ident)
    if choice.choose_at_least > len(seen):
        problems.append(
            Problem(
                f.name,
                f.line("roles", index, "track_choice", "choose_at_least"),
                f"{owner}: choose_at_least is {choice.choose_at_least} but only "
                f"{len(seen)} track{'s are' if len(seen) != 1 else ' is'} listed",
            )
        )
    return problems


def _cycles(
    skills: dict[str, tuple[Skill, _Defined]], context: dict[str, SkillLike]
) -> list[Problem]:
    """One problem per strongly connected group of skills, showing one cycle through it."""
    all_skills: dict[str, SkillLike] = {**{k: s for k, (s, _) in skills.items()}, **context}
    needs: dict[str, list[str]] = {}  # "ident needs prereq", each edge once
    for ident, skill in all_skills.items():
        prereqs = (*skill.requires, *skill.recommends)
        needs[ident] = list(dict.fromkeys(p for p in prereqs if p != ident and p in all_skills))
    problems: list[Problem] = []
    components = [c for c in strongly_connected(needs) if len(c) > 1]
    for component in sorted(components, key=min):
        start = min(component)
        cycle = _cycle_from(needs, component, start)
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


def strongly_connected(needs: dict[str, list[str]]) -> list[set[str]]:
    """The strongly connected groups of a graph given as node -> successors (Tarjan's
    algorithm, iterative: a long chain of prerequisites must not meet Python's recursion limit).
    Written here rather than taken from networkx, whose import is most of `planner check`'s
    start-up."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in needs:
        if root in index_of:
            continue
        index_of[root] = low[root] = len(index_of)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(needs[root]))]
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index_of:
                    index_of[succ] = low[succ] = len(index_of)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(needs[succ])))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index_of[succ])
            else:  # every successor seen: the node is done
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index_of[node]:
                    group: set[str] = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
    return groups


def _cycle_from(needs: dict[str, list[str]], component: set[str], start: str) -> list[str]:
    """The shortest cycle through `start` within its group, found breadth-first with sorted
    neighbours."""
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for succ in sorted(n for n in needs[node] if n in component):
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
