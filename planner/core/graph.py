"""The prerequisite graph: what a role's plan contains and what a learner already knows.

An edge `b -> a` means "b before a"; its `hard` attribute tells a requirement (`requires`) from
a recommendation (`recommends`). Every function here is deterministic: wherever order matters,
ids are sorted, never taken from set or dict iteration order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from planner.core.model import Library, Role, Skill
from planner.errors import NotFoundError

FINISHED = frozenset({"done", "skipped"})


def build_graph(skills: Mapping[str, Skill]) -> nx.DiGraph[str]:
    """The prerequisite graph of a library; edges to unknown ids are left out."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(sorted(skills))
    for skill_id in sorted(skills):
        skill = skills[skill_id]
        for prereq in skill.recommends:
            if prereq in skills:
                graph.add_edge(prereq, skill_id, hard=False)
        for prereq in skill.requires:  # after: a skill both required and recommended is hard
            if prereq in skills:
                graph.add_edge(prereq, skill_id, hard=True)
    return graph


def find_cycle(graph: nx.DiGraph[str]) -> list[str] | None:
    """One cycle as a path of ids (first id repeated at the end), or None when acyclic."""
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return None
    path = [str(u) for u, _v in edges]
    return [*path, path[0]]


@dataclass(frozen=True)
class Goals:
    """The goals of a role with the chosen tracks, in a stable order."""

    role: Role
    tracks: tuple[str, ...]
    ids: tuple[str, ...]


def goals_of(library: Library, role_id: str, track_ids: Sequence[str] = ()) -> Goals:
    """The role's goals plus those of the chosen tracks; unknown ids raise NotFoundError."""
    role = library.roles.get(role_id)
    if role is None:
        known = ", ".join(sorted(library.roles)) or "none"
        raise NotFoundError(f"unknown role '{role_id}' (roles: {known})")
    goals = list(role.goals)
    chosen: list[str] = []
    for track_id in track_ids:
        track = role.track(track_id)
        if track is None:
            known = ", ".join(t.id for t in role.tracks) or "none"
            raise NotFoundError(f"role '{role_id}' has no track '{track_id}' (tracks: {known})")
        if track_id not in chosen:
            chosen.append(track_id)
            goals.extend(g for g in track.goals if g not in goals)
    missing = [g for g in goals if g not in library.skills]
    if missing:
        raise NotFoundError(f"role '{role_id}' names unknown skills: {', '.join(missing)}")
    return Goals(role, tuple(chosen), tuple(goals))


def hard_ancestors(graph: nx.DiGraph[str], sources: Iterable[str]) -> dict[str, str]:
    """Every hard prerequisite of the sources, transitively, mapped to the first source (by id)
    that reaches it. One walk over the graph whatever the number of sources."""
    reached: dict[str, str] = {}
    pred = graph.pred
    for source in sorted(set(sources)):
        stack = [source]
        while stack:
            node = stack.pop()
            for prereq, data in pred[node].items():
                if data["hard"] and prereq not in reached:
                    reached[prereq] = source
                    stack.append(prereq)
    return reached


def closure(graph: nx.DiGraph[str], goals: Iterable[str]) -> set[str]:
    """The goals and all their hard prerequisites, transitively: a plan's skills."""
    goal_set = set(goals)
    return goal_set | set(hard_ancestors(graph, goal_set))


def implied(graph: nx.DiGraph[str], statuses: Mapping[str, str]) -> dict[str, str]:
    """Skills the learner evidently knows: hard prerequisites of done or skipped skills.

    Maps each implied skill to the finished skill that implies it (the first by id). Skills
    with a status of their own (done, skipped or in progress) are never implied.
    """
    finished = [s for s, status in statuses.items() if status in FINISHED and s in graph]
    return {
        skill: source
        for skill, source in hard_ancestors(graph, finished).items()
        if statuses.get(skill, "todo") == "todo"
    }
