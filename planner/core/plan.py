"""Plans: the skills of a role in study order, grouped in phases and scheduled on a calendar.

Ordering strategies (both deterministic, both respect every hard prerequisite, and every soft
one whose two ends are in the plan):

- ``foundations-first``: layer by layer. Phase 1 holds what can be studied right away, phase 2
  what needs only phase-1 skills, and so on; within a phase, alphabetical by skill id.
- ``goal-by-goal``: early wins. Goals are taken in order of the hours still needed to reach
  them (fewest first, then by id); each goal comes right after whatever it still needs.

In both, skills already in progress (and what they still need) come first, and skills that
are done, skipped or implied are listed before the remaining ones, without dates.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import networkx as nx

from planner.core.graph import FINISHED, closure, goals_of, hard_ancestors, implied
from planner.core.model import Library, Skill
from planner.errors import UsageError

STRATEGIES: dict[str, str] = {
    "foundations-first": "Layer by layer: everything a phase needs comes in an earlier phase.",
    "goal-by-goal": "Early wins: the goal with the fewest hours left first, with what it needs.",
}
DEFAULT_STRATEGY = "foundations-first"
MAX_HOURS_PER_WEEK = 168


@dataclass(frozen=True, slots=True)
class Step:
    """One skill of a plan, as the learner sees it."""

    skill: Skill
    status: str  # todo | in-progress | done | skipped | implied
    phase: int  # 1.. for remaining steps; 0 for skills already known
    goal: bool
    start: date | None = None
    end: date | None = None
    implied_by: str | None = None  # for implied steps: the finished skill that implies it

    @property
    def remaining(self) -> bool:
        """Still to study: todo or in progress."""
        return self.status in ("todo", "in-progress")


@dataclass(frozen=True)
class Plan:
    """A dated study roadmap for one role with its chosen tracks."""

    role: str
    tracks: tuple[str, ...]
    strategy: str
    hours_per_week: float
    start: date
    steps: tuple[Step, ...]

    @property
    def total_hours(self) -> float:
        """Hours of every skill in the plan, known ones included."""
        return sum(s.skill.hours for s in self.steps)

    @property
    def remaining_hours(self) -> float:
        """Hours of the skills still to study."""
        return sum(s.skill.hours for s in self.steps if s.remaining)

    @property
    def finish(self) -> date | None:
        """The day the last remaining step ends (None when nothing remains)."""
        ends = [s.end for s in self.steps if s.end is not None]
        return max(ends) if ends else None

    def phases(self) -> list[tuple[int, list[Step]]]:
        """The steps grouped by phase, in plan order; phase 0 (already known) first."""
        groups: dict[int, list[Step]] = {}
        for step in self.steps:
            groups.setdefault(step.phase, []).append(step)
        return sorted(groups.items())


def check_schedule(hours_per_week: float, strategy: str) -> None:
    """Refuse values no plan can be made with, in the learner's words."""
    if not (0 < hours_per_week <= MAX_HOURS_PER_WEEK) or math.isnan(hours_per_week):
        raise UsageError(
            f"hours per week must be more than 0 and at most {MAX_HOURS_PER_WEEK}, "
            f"not {hours_per_week:g}"
        )
    if strategy not in STRATEGIES:
        raise UsageError(f"unknown strategy '{strategy}' (strategies: {', '.join(STRATEGIES)})")


def make_plan(
    library: Library,
    graph: nx.DiGraph[str],
    role_id: str,
    track_ids: Sequence[str] = (),
    statuses: Mapping[str, str] | None = None,
    *,
    hours_per_week: float = 10,
    start: date,
    strategy: str = DEFAULT_STRATEGY,
) -> Plan:
    """The learner's plan: the role's skills in study order, with dates for what remains."""
    check_schedule(hours_per_week, strategy)
    statuses = statuses or {}
    goals = goals_of(library, role_id, track_ids)
    members = closure(graph, goals.ids)
    known_by = implied(graph, statuses)

    def status_of(skill_id: str) -> str:
        if skill_id in known_by:
            return "implied"
        return statuses.get(skill_id, "todo")

    status = {s: status_of(s) for s in members}
    remaining = {s for s in members if status[s] in ("todo", "in-progress")}
    sub: nx.DiGraph[str] = graph.subgraph(members)
    phase = _phases(sub.subgraph(remaining))
    urgent = {s for s in remaining if status[s] == "in-progress"}
    urgent |= set(hard_ancestors(sub, urgent)) & remaining

    if strategy == "goal-by-goal":
        rank = _goal_ranks(sub, [g for g in goals.ids if g in remaining], library, remaining)
    else:
        rank = {}

    def key(skill_id: str) -> tuple[int, int, int, str]:
        group = 0 if skill_id not in remaining else (1 if skill_id in urgent else 2)
        return (group, rank.get(skill_id, 0), phase.get(skill_id, 0), skill_id)

    order = _topological(sub, key)
    goal_set = set(goals.ids)
    steps = _schedule(
        [
            Step(
                skill=library.skills[s],
                status=status[s],
                phase=phase.get(s, 0),
                goal=s in goal_set,
                implied_by=known_by.get(s),
            )
            for s in order
        ],
        hours_per_week,
        start,
    )
    return Plan(role_id, goals.tracks, strategy, float(hours_per_week), start, tuple(steps))


def _phases(graph: nx.DiGraph[str]) -> dict[str, int]:
    """Depth of each skill in the remaining plan: 1 + the longest chain of prerequisites."""
    phase: dict[str, int] = {}
    for generation_index, generation in enumerate(nx.topological_generations(graph), start=1):
        for node in generation:
            phase[node] = generation_index
    return phase


def _goal_ranks(
    graph: nx.DiGraph[str], goals: list[str], library: Library, remaining: set[str]
) -> dict[str, int]:
    """For goal-by-goal: each remaining skill's rank is that of the first goal needing it."""
    needs: dict[str, set[str]] = {}
    for goal in goals:
        # All edges, soft included: a goal's group must contain what is recommended before it
        # too, or putting the group first would break a soft prerequisite.
        needs[goal] = (nx.ancestors(graph, goal) | {goal}) & remaining
    ordered = sorted(goals, key=lambda g: (sum(library.skills[s].hours for s in needs[g]), g))
    rank: dict[str, int] = {}
    for index, goal in enumerate(ordered):
        for skill_id in needs[goal]:
            rank.setdefault(skill_id, index)
    leftover = len(ordered)
    for skill_id in remaining:  # not needed by a remaining goal: after all of them
        rank.setdefault(skill_id, leftover)
    return rank


def _topological(
    graph: nx.DiGraph[str], key: Callable[[str], tuple[int, int, int, str]]
) -> list[str]:
    """Kahn's algorithm taking, among the skills whose prerequisites are all placed, the
    smallest by `key`: any key gives a valid order, the key only chooses among valid ones."""
    waiting = {node: graph.in_degree(node) for node in graph}
    ready = [(key(n), n) for n, d in waiting.items() if d == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, node = heapq.heappop(ready)
        order.append(node)
        for succ in graph.successors(node):
            waiting[succ] -= 1
            if waiting[succ] == 0:
                heapq.heappush(ready, (key(succ), succ))
    if len(order) != len(waiting):  # the library is validated acyclic; this guards the invariant
        raise ValueError("the prerequisite graph has a cycle")
    return order


def _schedule(steps: list[Step], hours_per_week: float, start: date) -> list[Step]:
    """Dates for the remaining steps, studying `hours_per_week` spread evenly over the week."""
    per_day = Fraction(str(hours_per_week)) / 7
    done = Fraction(0)
    result: list[Step] = []
    for step in steps:
        if not step.remaining:
            result.append(step)
            continue
        first_day = math.floor(done / per_day)
        done += Fraction(str(step.skill.hours))
        last_day = max(first_day, math.ceil(done / per_day) - 1)
        result.append(
            Step(
                step.skill,
                step.status,
                step.phase,
                step.goal,
                start + timedelta(days=first_day),
                start + timedelta(days=last_day),
                step.implied_by,
            )
        )
    return result


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


def compare_roles(
    library: Library,
    graph: nx.DiGraph[str],
    role_a: str,
    role_b: str,
    statuses: Mapping[str, str] | None = None,
) -> Comparison:
    """The overlap of two roles' plans (without tracks) given the learner's progress."""
    statuses = statuses or {}
    plan_a = closure(graph, goals_of(library, role_a).ids)
    plan_b = closure(graph, goals_of(library, role_b).ids)
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
    )
