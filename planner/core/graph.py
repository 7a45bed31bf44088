"""The prerequisite graph: what a role's plan contains and what a learner already knows.

An edge `b -> a` means "b before a"; its `hard` attribute tells a requirement (`requires`) from
a recommendation (`recommends`). Every function here is deterministic: wherever order matters,
ids are sorted, never taken from set or dict iteration order.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from planner.core.status import FINISHED, Status
from planner.errors import NotFoundError

if TYPE_CHECKING:
    import networkx

    from planner.core.domain import Library, Role, Skill


@dataclass(frozen=True)
class SkillGraph:
    """The prerequisite graph of a library, built once and never changed.

    The plain tuples serve the walks that re-planning repeats on every change, where
    networkx's views would cost a lookup per step. `nx` is the same graph as a networkx
    DiGraph (edge b -> a: "b before a", attribute `hard`) for its algorithms, built the first
    time it is asked for: opening the app needs none of them, and a DiGraph of a big library
    takes a while to build and tens of megabytes to keep (networkx takes a while to import).
    """

    preds: Mapping[str, tuple[str, ...]]  # hard and soft prerequisites, hard ones first
    hard_preds: Mapping[str, tuple[str, ...]]
    succs: Mapping[str, tuple[str, ...]]  # what each skill comes before

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.preds

    @cached_property
    def nx(self) -> networkx.DiGraph[str]:
        """The graph as a networkx DiGraph, nodes and edges added in id order."""
        import networkx  # here, not at the top: see the docstring of the class

        graph: networkx.DiGraph[str] = networkx.DiGraph()
        graph.add_nodes_from(sorted(self.preds))
        for skill_id in sorted(self.preds):
            hard = self.hard_preds[skill_id]
            for prereq in self.preds[skill_id][len(hard) :]:
                graph.add_edge(prereq, skill_id, hard=False)
            for prereq in hard:
                graph.add_edge(prereq, skill_id, hard=True)
        return graph


def build_graph(skills: Mapping[str, Skill]) -> SkillGraph:
    """The prerequisite graph of a library; edges to unknown ids are left out."""
    requires = {skill_id: skill.requires for skill_id, skill in skills.items()}
    recommends = {skill_id: skill.recommends for skill_id, skill in skills.items()}
    return graph_of(skills.keys(), requires, recommends)


def graph_of(
    skills: AbstractSet[str],
    requires: Mapping[str, Sequence[str]],
    recommends: Mapping[str, Sequence[str]],
) -> SkillGraph:
    """The prerequisite graph of the skills with these hard (`requires`) and soft
    (`recommends`) prerequisites, each in its order; edges to unknown ids are left out."""
    preds: dict[str, tuple[str, ...]] = {}
    hard_preds: dict[str, tuple[str, ...]] = {}
    succs: dict[str, list[str]] = {s: [] for s in skills}
    for skill_id in sorted(skills):
        hard = tuple(dict.fromkeys(p for p in requires.get(skill_id, ()) if p in skills))
        soft = tuple(
            p for p in dict.fromkeys(recommends.get(skill_id, ())) if p in skills and p not in hard
        )
        hard_preds[skill_id] = hard
        preds[skill_id] = hard + soft
        for prereq in hard + soft:
            succs[prereq].append(skill_id)
    return SkillGraph(preds, hard_preds, {k: tuple(v) for k, v in succs.items()})


def find_cycle(graph: SkillGraph) -> list[str] | None:
    """One cycle as a path of ids (first id repeated at the end), or None when acyclic."""
    import networkx  # imported when needed: see SkillGraph

    try:
        edges = networkx.find_cycle(graph.nx)
    except networkx.NetworkXNoCycle:
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


def hard_ancestors(graph: SkillGraph, sources: Iterable[str]) -> dict[str, str]:
    """Every hard prerequisite of the sources, transitively, mapped to the first source (by id)
    that reaches it. One walk over the graph whatever the number of sources."""
    reached: dict[str, str] = {}
    pred = graph.hard_preds
    for source in sorted(set(sources)):
        stack = [source]
        while stack:
            node = stack.pop()
            for prereq in pred[node]:
                if prereq not in reached:
                    reached[prereq] = source
                    stack.append(prereq)
    return reached


def closure(graph: SkillGraph, goals: Iterable[str]) -> set[str]:
    """The goals and all their hard prerequisites, transitively: a plan's skills."""
    goal_set = set(goals)
    return goal_set | set(hard_ancestors(graph, goal_set))


def implied(graph: SkillGraph, statuses: Mapping[str, Status]) -> dict[str, str]:
    """Skills the learner evidently knows: hard prerequisites of done or skipped skills.

    Maps each implied skill to the finished skill that implies it (the first by id). Skills
    with a status of their own (done, skipped or in progress) are never implied.
    """
    finished = [s for s, status in statuses.items() if status in FINISHED and s in graph]
    todo = Status.TODO
    return {
        skill: source
        for skill, source in hard_ancestors(graph, finished).items()
        if statuses.get(skill, todo) == todo
    }


def open_prerequisites(
    graph: SkillGraph, statuses: Mapping[str, Status], skill_id: str
) -> list[str]:
    """The hard prerequisites of a skill still to study (todo or in progress, not known),
    transitively through those alone, prerequisites first (then by id): what a plan puts
    before it, and what the learner is told about when they start it."""
    known = implied(graph, statuses)
    found: set[str] = set()
    stack = [skill_id]
    while stack:
        for prereq in graph.hard_preds[stack.pop()]:
            still_open = prereq not in known and statuses.get(prereq, Status.TODO) not in FINISHED
            if still_open and prereq not in found:
                found.add(prereq)
                stack.append(prereq)
    return topological_by_id(found, graph.hard_preds, graph.succs)


def topological_by_id(
    nodes: Collection[str],
    preds: Mapping[str, tuple[str, ...]],
    succs: Mapping[str, tuple[str, ...]],
) -> list[str]:
    """`nodes` in an order where each comes after its `preds` among them, smallest id first
    among those ready (Kahn's algorithm): one fixed order, never set or dict order. A node on a
    cycle is left out, which callers that need every node check."""
    waiting = {s: sum(1 for p in preds[s] if p in nodes) for s in nodes}
    ready = [s for s, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[str] = []
    while ready:
        node = heapq.heappop(ready)
        ordered.append(node)
        for succ in succs[node]:
            if succ in waiting and node in preds[succ]:
                waiting[succ] -= 1
                if waiting[succ] == 0:
                    heapq.heappush(ready, succ)
    return ordered
