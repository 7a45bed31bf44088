"""A role's plan skeleton: its skills numbered in a fixed topological order, with their edges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.core.domain import Library
from planner.core.graph import SkillGraph, closure, goals_of, topological_by_id


@dataclass(frozen=True)
class Skeleton:
    """What a plan's shape depends on, computed once per role, tracks and library.

    Statuses change all the time and the skeleton not at all, so re-planning after a status
    change starts from here. Skills are numbered in a topological order of the plan (ties by
    id), and the adjacency is held as lists of those numbers.
    """

    role: str
    tracks: tuple[str, ...]
    goals: frozenset[str]
    ids: tuple[str, ...]  # in a fixed topological order
    index: Mapping[str, int]
    preds: tuple[tuple[int, ...], ...]  # hard and soft, within the plan
    succs: tuple[tuple[int, ...], ...]
    goal_order: tuple[str, ...]


def skeleton(
    library: Library, graph: SkillGraph, role_id: str, track_ids: Sequence[str] = ()
) -> Skeleton:
    """The skills of a role's plan (with the chosen tracks) and the edges between them."""
    goals = goals_of(library, role_id, track_ids)
    members = closure(graph, goals.ids)
    # A fixed topological order (Kahn, smallest id first) to number the skills by.
    ids = topological_by_id(members, graph.preds, graph.succs)
    if len(ids) != len(members):  # the library is validated acyclic; this guards the invariant
        raise ValueError("the prerequisite graph has a cycle")
    index = {s: i for i, s in enumerate(ids)}
    preds = tuple(tuple(index[p] for p in graph.preds[s] if p in index) for s in ids)
    succs = tuple(tuple(index[q] for q in graph.succs[s] if q in index) for s in ids)
    return Skeleton(
        role_id, goals.tracks, frozenset(goals.ids), tuple(ids), index, preds, succs, goals.ids
    )
