"""Two roles side by side: the skills they share, those specific to each, and what each costs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.core.domain import Library
from planner.core.graph import SkillGraph, closure, goals_of, implied
from planner.core.status import FINISHED, Status


@dataclass(frozen=True)
class Comparison:
    """Two roles side by side: what they share, what is specific, and what each still costs."""

    a: str
    b: str
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    total_hours_a: float
    total_hours_b: float
    remaining_hours_a: float
    remaining_hours_b: float
    tracks_a: tuple[str, ...] = ()  # the tracks counted with each role's own goals
    tracks_b: tuple[str, ...] = ()


def compare_roles(
    library: Library,
    graph: SkillGraph,
    role_a: str,
    role_b: str,
    statuses: Mapping[str, Status] | None = None,
    tracks_a: Sequence[str] = (),
    tracks_b: Sequence[str] = (),
) -> Comparison:
    """The overlap of two roles' plans, each with the tracks given, given the learner's
    progress."""
    statuses = statuses or {}
    goals_a = goals_of(library, role_a, tracks_a)
    goals_b = goals_of(library, role_b, tracks_b)
    plan_a = closure(graph, goals_a.ids)
    plan_b = closure(graph, goals_b.ids)
    known = set(implied(graph, statuses)) | {s for s, st in statuses.items() if st in FINISHED}

    def hours(ids: set[str]) -> float:
        return sum(library.skills[s].hours for s in ids)

    return Comparison(
        a=role_a,
        b=role_b,
        shared=tuple(sorted(plan_a & plan_b)),
        only_a=tuple(sorted(plan_a - plan_b)),
        only_b=tuple(sorted(plan_b - plan_a)),
        total_hours_a=hours(plan_a),
        total_hours_b=hours(plan_b),
        remaining_hours_a=hours(plan_a - known),
        remaining_hours_b=hours(plan_b - known),
        tracks_a=goals_a.tracks,
        tracks_b=goals_b.tracks,
    )
