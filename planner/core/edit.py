"""Library edits as plain data: what an edit replaces, whether it is valid, what a deletion touches.

An edit is a `LibraryChange`: the new version of each skill and role it touches (`None` for a
deleted one). Undo applies the change made of the old versions, so one mechanism serves every
kind of edit (add, change, delete; skills, roles, tracks) and their undo and redo.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from planner.core.changes import Change
from planner.core.domain import Library, Role, Skill, Track
from planner.core.graph import SkillGraph
from planner.errors import PlannerError


class EditError(PlannerError):
    """An edit the library cannot take (a bad field, an unknown id, a cycle); nothing changed."""

    def __init__(self, problems: list[str], cycle: tuple[str, ...] = ()) -> None:
        self.problems = problems
        self.cycle = cycle  # the cycle the edit would close, first id repeated at the end
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class LibraryChange:
    """New versions of skills and roles by id; `None` deletes."""

    skills: Mapping[str, Skill | None] = field(default_factory=dict)
    roles: Mapping[str, Role | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.skills or self.roles)


@dataclass(frozen=True)
class ImportCounts:
    """What an import did."""

    skills_added: int = 0
    skills_updated: int = 0
    roles_added: int = 0
    roles_updated: int = 0
    change: Change = field(default_factory=Change)


@dataclass(frozen=True)
class Choices:
    """What learners chose that an edit of roles can take away: their role, and their tracks
    (deleting a role or a track removes these rows; undoing the edit puts them back)."""

    profile_roles: tuple[tuple[int, str], ...] = ()
    tracks: tuple[tuple[int, str, str, int], ...] = ()  # profile, role, track, position


@dataclass(frozen=True)
class LibraryEdit:
    """A stored library edit with what undoes it: the versions it replaced, and the learners'
    role and track choices it took away."""

    applied: LibraryChange
    undo: LibraryChange
    choices: Choices
    change: Change = field(default_factory=Change)


def apply_change(library: Library, change: LibraryChange) -> Library:
    """The library after the change."""
    skills = dict(library.skills)
    roles = dict(library.roles)
    for skill_id, skill in change.skills.items():
        if skill is None:
            skills.pop(skill_id, None)
        else:
            skills[skill_id] = skill
    for role_id, role in change.roles.items():
        if role is None:
            roles.pop(role_id, None)
        else:
            roles[role_id] = role
    return Library(skills, roles)


def inverse(library: Library, change: LibraryChange) -> LibraryChange:
    """The change that undoes `change` on `library` (the versions it replaces)."""
    return LibraryChange(
        {skill_id: library.skills.get(skill_id) for skill_id in change.skills},
        {role_id: library.roles.get(role_id) for role_id in change.roles},
    )


# ---------------------------------------------------------------------------- checks
def check_change(library: Library, graph: SkillGraph, change: LibraryChange) -> None:
    """Raise EditError with every problem of the change; return when the library can take it."""
    after = apply_change(library, change)
    problems: list[str] = []
    for skill_id, skill in change.skills.items():
        if skill is None:
            users = sorted(
                s.id for s in after.skills.values() if skill_id in (*s.requires, *s.recommends)
            )
            if users:
                problems.append(f"'{skill_id}' is still a prerequisite of {', '.join(users)}")
            continue
        if skill.id != skill_id:
            problems.append(f"skill '{skill_id}' cannot change its id to '{skill.id}'")
        problems.extend(_entry_problems({"format": 1, "skills": [skill_data(skill)]}))
        problems.extend(_reference_problems(after, skill))
    for role_id, role in change.roles.items():
        if role is None:
            continue
        if role.id != role_id:
            problems.append(f"role '{role_id}' cannot change its id to '{role.id}'")
        problems.extend(_entry_problems({"format": 1, "roles": [role_data(role)]}))
        problems.extend(_role_problems(after, role))
    for role in after.roles.values():
        if role.id in change.roles:
            continue
        gone = [g for g in _all_goals(role) if g not in after.skills]
        if gone:
            problems.append(f"role '{role.id}' still has {', '.join(sorted(gone))} as goals")
    if problems:
        raise EditError(problems)
    for skill_id, skill in change.skills.items():
        if skill is None:
            continue
        old = library.skills.get(skill_id)
        old_preds = set(old.requires + old.recommends) if old else set()
        for prereq in (*skill.requires, *skill.recommends):
            if prereq in old_preds and len(change.skills) == 1:
                continue  # an edge that was there before closes no new cycle
            cycle = _cycle(_successors(after, graph, change), skill_id, prereq)
            if cycle:
                raise EditError([cycle_message(after, cycle)], tuple(cycle))


def _entry_problems(data: dict[str, Any]) -> list[str]:
    # The file format's own checks (pydantic), loaded at the first edit rather than at start.
    from planner.fileformat.load import entry_problems

    return entry_problems(data)


def _reference_problems(after: Library, skill: Skill) -> list[str]:
    problems = []
    seen: set[str] = set()
    for prereq in (*skill.requires, *skill.recommends):
        if prereq == skill.id:
            problems.append(f"'{skill.id}' cannot be a prerequisite of itself")
        elif prereq not in after.skills:
            problems.append(f"skill '{skill.id}': unknown prerequisite '{prereq}'")
        elif prereq in seen:
            problems.append(f"skill '{skill.id}': '{prereq}' is listed twice as a prerequisite")
        seen.add(prereq)
    return problems


def _role_problems(after: Library, role: Role) -> list[str]:
    problems = [
        f"role '{role.id}': unknown goal '{goal}'"
        for goal in dict.fromkeys(_all_goals(role))
        if goal not in after.skills
    ]
    track_ids = [t.id for t in role.tracks]
    for dup in sorted({t for t in track_ids if track_ids.count(t) > 1}):
        problems.append(f"role '{role.id}': two tracks have the id '{dup}'")
    return problems


def _all_goals(role: Role) -> list[str]:
    return [*role.goals, *(g for t in role.tracks for g in t.goals)]


def _successors(
    after: Library, graph: SkillGraph, change: LibraryChange
) -> Callable[[str], Iterable[str]]:
    """What each skill comes before once the change is made: the cached graph's answer,
    corrected for the few skills the change touches (re-building the graph of a large library
    on every edit would be the slow part)."""
    added: dict[str, set[str]] = {}
    removed: dict[str, set[str]] = {}
    for skill_id in change.skills:
        old_preds = set(graph.preds.get(skill_id, ()))
        new = after.skills.get(skill_id)
        new_preds = set(new.requires + new.recommends) if new else set()
        for prereq in new_preds - old_preds:
            added.setdefault(prereq, set()).add(skill_id)
        for prereq in old_preds - new_preds:
            removed.setdefault(prereq, set()).add(skill_id)

    def successors(skill_id: str) -> Iterable[str]:
        out = [s for s in graph.succs.get(skill_id, ()) if s not in removed.get(skill_id, ())]
        return [*out, *sorted(added.get(skill_id, ()))]

    return successors


def _cycle(successors: Callable[[str], Iterable[str]], skill_id: str, prereq: str) -> list[str]:
    """The cycle that `prereq` before `skill_id` closes, as [prereq, skill_id, ..., prereq]:
    the shortest way from the skill on to its new prerequisite, breadth-first; [] if none."""
    came_from: dict[str, str] = {skill_id: skill_id}
    queue = deque([skill_id])
    while queue:
        current = queue.popleft()
        for nxt in successors(current):
            if nxt in came_from:
                continue
            came_from[nxt] = current
            if nxt == prereq:
                path = [prereq]
                while path[-1] != skill_id:
                    path.append(came_from[path[-1]])
                return [prereq, *reversed(path)]
            queue.append(nxt)
    return []


def cycle_if_added(library: Library, graph: SkillGraph, skill_id: str, prereq: str) -> list[str]:
    """The cycle that making `prereq` a prerequisite of `skill_id` would close ([] if none)."""
    if prereq == skill_id:
        return [skill_id, skill_id]
    return _cycle(_successors(library, graph, LibraryChange()), skill_id, prereq)


def cycle_message(library: Library, cycle: list[str]) -> str:
    """Why an edge is refused, with the cycle by name: "A → B → C → A"."""
    prereq, skill_id = cycle[0], cycle[1]

    def name(ident: str) -> str:
        skill = library.skills.get(ident)
        return skill.name if skill else ident

    if prereq == skill_id:
        return f"'{name(skill_id)}' cannot be a prerequisite of itself"
    path = " → ".join(name(i) for i in cycle)
    return (
        f"'{name(prereq)}' cannot be a prerequisite of '{name(skill_id)}': "
        f"'{name(skill_id)}' already comes before it, so this would make a cycle: {path}"
    )


# ---------------------------------------------------------------------------- deletion
@dataclass(frozen=True)
class DeletionEffects:
    """What deleting a skill touches: who needs it, and which roles and tracks aim at it."""

    skill_id: str
    required_by: tuple[str, ...]
    recommended_by: tuple[str, ...]
    goal_of: tuple[str, ...]  # role ids
    track_goal_of: tuple[tuple[str, str], ...]  # (role id, track id)
    only_goal_of: tuple[str, ...] = ()  # roles left without a goal: the deletion is refused
    emptied_tracks: tuple[tuple[str, str], ...] = ()  # tracks left without a goal: removed

    def __bool__(self) -> bool:
        return bool(self.required_by or self.recommended_by or self.goal_of or self.track_goal_of)


def deletion_effects(library: Library, skill_id: str) -> DeletionEffects:
    """Everything that refers to the skill."""
    skills = library.skills.values()
    roles = library.roles.values()
    track_goal_of = sorted((r.id, t.id) for r in roles for t in r.tracks if skill_id in t.goals)
    return DeletionEffects(
        skill_id,
        tuple(sorted(s.id for s in skills if skill_id in s.requires)),
        tuple(sorted(s.id for s in skills if skill_id in s.recommends)),
        tuple(sorted(r.id for r in roles if skill_id in r.goals)),
        tuple(track_goal_of),
        tuple(sorted(r.id for r in roles if set(r.goals) == {skill_id})),
        tuple((r, t) for r, t in track_goal_of if set(_track(library, r, t).goals) == {skill_id}),
    )


def _track(library: Library, role_id: str, track_id: str) -> Track:
    track = library.roles[role_id].track(track_id)
    assert track is not None
    return track


def delete_skill_change(library: Library, skill_id: str) -> LibraryChange:
    """Delete the skill, and take it out of every prerequisite list and goal list it is in.

    A skill's own prerequisites are not handed on to the skills that needed it: the learner
    sees the list of what is affected and can add them where they belong. A track left without
    a goal is removed; a role left without one makes the change invalid (check_change says so).
    """
    effects = deletion_effects(library, skill_id)
    skills: dict[str, Skill | None] = {skill_id: None}
    for other in (*effects.required_by, *effects.recommended_by):
        s = library.skills[other]
        skills[other] = replace(
            s,
            requires=tuple(p for p in s.requires if p != skill_id),
            recommends=tuple(p for p in s.recommends if p != skill_id),
        )
    roles: dict[str, Role | None] = {}
    for role_id in sorted({*effects.goal_of, *(r for r, _t in effects.track_goal_of)}):
        r = library.roles[role_id]
        roles[role_id] = replace(
            r,
            goals=tuple(g for g in r.goals if g != skill_id),
            tracks=tuple(
                replace(t, goals=tuple(g for g in t.goals if g != skill_id))
                for t in r.tracks
                if set(t.goals) != {skill_id}
            ),
        )
    return LibraryChange(skills, roles)


# ---------------------------------------------------------------------------- file data
def skill_data(s: Skill) -> dict[str, Any]:
    """The skill as a roadmap file entry (plain data), for checking it like a file."""
    data: dict[str, Any] = {"id": s.id, "name": s.name, "area": s.area, "hours": s.hours}
    if s.level:
        data["level"] = s.level
    if s.summary:
        data["summary"] = s.summary
    data["requires"] = list(s.requires)
    data["recommends"] = list(s.recommends)
    data["resources"] = [
        {
            k: v
            for k, v in {"title": r.title, "url": r.url, "kind": r.kind, "free": r.free}.items()
            if v is not None
        }
        for r in s.resources
    ]
    return data


def role_data(r: Role) -> dict[str, Any]:
    """The role as a roadmap file entry (plain data), for checking it like a file."""
    data: dict[str, Any] = {"id": r.id, "name": r.name, "goals": list(r.goals)}
    if r.summary:
        data["summary"] = r.summary
    if r.salary is not None:
        salary = {
            "amount": r.salary.amount,
            "currency": r.salary.currency,
            "region": r.salary.region,
            "source": r.salary.source,
        }
        data["salary"] = {k: v for k, v in salary.items() if v is not None}
    data["tracks"] = []
    for t in r.tracks:
        track: dict[str, Any] = {"id": t.id, "name": t.name, "goals": list(t.goals)}
        if t.summary:
            track["summary"] = t.summary
        data["tracks"].append(track)
    return data
