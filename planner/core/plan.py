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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planner.core.graph import FINISHED, SkillGraph, closure, goals_of, hard_ancestors, implied
from planner.core.model import Library, Skill

# Re-exported: the limits live in `pace` so that the window's frame needs nothing else.
from planner.core.pace import DEFAULT_STRATEGY as DEFAULT_STRATEGY
from planner.core.pace import MAX_HOURS_PER_WEEK as MAX_HOURS_PER_WEEK
from planner.core.pace import MIN_HOURS_PER_WEEK as MIN_HOURS_PER_WEEK
from planner.core.pace import STRATEGIES as STRATEGIES
from planner.core.perf import paused_gc
from planner.errors import UsageError


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
    if math.isnan(hours_per_week) or not (
        MIN_HOURS_PER_WEEK <= hours_per_week <= MAX_HOURS_PER_WEEK
    ):
        raise UsageError(
            f"hours per week must be between {MIN_HOURS_PER_WEEK:g} and "
            f"{MAX_HOURS_PER_WEEK:g}, not {hours_per_week:g}"
        )
    if strategy not in STRATEGIES:
        raise UsageError(f"unknown strategy '{strategy}' (strategies: {', '.join(STRATEGIES)})")


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
    waiting = {s: sum(1 for p in graph.preds[s] if p in members) for s in members}
    ready = [s for s, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ids: list[str] = []
    while ready:
        node = heapq.heappop(ready)
        ids.append(node)
        for succ in graph.succs[node]:
            if succ in waiting:
                waiting[succ] -= 1
                if waiting[succ] == 0:
                    heapq.heappush(ready, succ)
    if len(ids) != len(members):  # the library is validated acyclic; this guards the invariant
        raise ValueError("the prerequisite graph has a cycle")
    index = {s: i for i, s in enumerate(ids)}
    preds = tuple(tuple(index[p] for p in graph.preds[s] if p in index) for s in ids)
    succs = tuple(tuple(index[q] for q in graph.succs[s] if q in index) for s in ids)
    return Skeleton(
        role_id, goals.tracks, frozenset(goals.ids), tuple(ids), index, preds, succs, goals.ids
    )


def make_plan(
    library: Library,
    graph: SkillGraph,
    role_id: str,
    track_ids: Sequence[str] = (),
    statuses: Mapping[str, str] | None = None,
    *,
    hours_per_week: float = 10,
    start: date,
    strategy: str = DEFAULT_STRATEGY,
    prepared: Skeleton | None = None,
) -> Plan:
    """The learner's plan: the role's skills in study order, with dates for what remains.

    `prepared` is the role's skeleton when the caller keeps one (it must match the role, the
    tracks and the library); without it the skeleton is computed here.
    """
    check_schedule(hours_per_week, strategy)
    with paused_gc():
        return _make_plan(
            library,
            graph,
            role_id,
            track_ids,
            statuses or {},
            hours_per_week,
            start,
            strategy,
            prepared,
        )


def _make_plan(
    library: Library,
    graph: SkillGraph,
    role_id: str,
    track_ids: Sequence[str],
    statuses: Mapping[str, str],
    hours_per_week: float,
    start: date,
    strategy: str,
    prepared: Skeleton | None,
) -> Plan:
    sk = prepared if prepared is not None else skeleton(library, graph, role_id, track_ids)
    known_by = implied(graph, statuses)
    ids = sk.ids
    n = len(ids)
    status = ["implied" if s in known_by else statuses.get(s, "todo") for s in ids]
    remaining = [st in ("todo", "in-progress") for st in status]

    # Phase: 1 + the longest chain of remaining prerequisites; one pass in skeleton order.
    phase = [0] * n
    for i in range(n):
        if remaining[i]:
            deepest = 0
            for p in sk.preds[i]:
                if remaining[p] and phase[p] > deepest:
                    deepest = phase[p]
            phase[i] = deepest + 1

    in_progress = [ids[i] for i in range(n) if status[i] == "in-progress"]
    urgent = {sk.index[s] for s in in_progress}
    urgent |= {sk.index[s] for s in hard_ancestors(graph, in_progress) if s in sk.index}

    rank = [0] * n
    if strategy == "goal-by-goal":
        rank = _goal_ranks(sk, library, remaining)

    # One integer per skill orders the heap: group, then rank, then phase, then skeleton
    # position (which breaks ties by id among skills that are otherwise equal).
    shift = max(n, 1).bit_length() + 1
    keys = [
        (
            (((0 if not remaining[i] else (1 if i in urgent else 2)) << shift | rank[i]) << shift)
            | phase[i]
        )
        << shift
        | i
        for i in range(n)
    ]
    order = _topological(sk, keys)
    steps = _steps(sk, library, order, status, phase, known_by, hours_per_week, start)
    return Plan(role_id, sk.tracks, strategy, float(hours_per_week), start, steps)


def _goal_ranks(sk: Skeleton, library: Library, remaining: list[bool]) -> list[int]:
    """For goal-by-goal: each remaining skill's rank is that of the first goal needing it."""
    needs: dict[str, list[int]] = {}
    for goal in sk.goal_order:
        g = sk.index[goal]
        if not remaining[g]:
            continue
        # All edges, soft included: a goal's group must contain what is recommended before it
        # too, or putting the group first would break a soft prerequisite.
        seen = {g}
        stack = [g]
        while stack:
            for p in sk.preds[stack.pop()]:
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        needs[goal] = [i for i in seen if remaining[i]]
    hours = {g: sum(library.skills[sk.ids[i]].hours for i in needed) for g, needed in needs.items()}
    ordered = sorted(needs, key=lambda g: (hours[g], g))
    unranked = len(ordered)
    rank = [unranked] * len(sk.ids)  # needed by no remaining goal: after all of them
    for position in range(unranked - 1, -1, -1):  # the first goal needing a skill wins
        for i in needs[ordered[position]]:
            rank[i] = position
    return rank


def _topological(sk: Skeleton, keys: list[int]) -> list[int]:
    """Kahn's algorithm taking, among the skills whose prerequisites are all placed, the one
    with the smallest key: any key gives a valid order, the key only chooses among them."""
    waiting = [len(p) for p in sk.preds]
    ready = [keys[i] for i, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    mask = (1 << (max(len(keys), 1).bit_length() + 1)) - 1
    order: list[int] = []
    while ready:
        node = heapq.heappop(ready) & mask
        order.append(node)
        for succ in sk.succs[node]:
            waiting[succ] -= 1
            if waiting[succ] == 0:
                heapq.heappush(ready, keys[succ])
    return order


def _day(ordinal: int) -> date:
    if ordinal > _LAST_DAY:
        raise UsageError("at this pace the plan would end after the year 9999: study more hours")
    return date.fromordinal(ordinal)


_LAST_DAY = date.max.toordinal()


# Hours are spread evenly over the week; a tiny tolerance keeps 7 h at 7 h/week on one week
# despite binary floating point.
_EPSILON = 1e-9


def _steps(
    sk: Skeleton,
    library: Library,
    order: list[int],
    status: list[str],
    phase: list[int],
    known_by: Mapping[str, str],
    hours_per_week: float,
    start: date,
) -> tuple[Step, ...]:
    """The steps in order, with dates for the remaining ones studied back to back."""
    days_per_hour = 7 / hours_per_week
    base = start.toordinal()
    done = 0.0
    steps: list[Step] = []
    skills = library.skills
    for i in order:
        skill_id = sk.ids[i]
        skill = skills[skill_id]
        st = status[i]
        if st == "todo" or st == "in-progress":
            first_day = math.floor(done * days_per_hour + _EPSILON)
            done += skill.hours
            last_day = max(first_day, math.ceil(done * days_per_hour - _EPSILON) - 1)
            steps.append(
                Step(
                    skill,
                    st,
                    phase[i],
                    skill_id in sk.goals,
                    _day(base + first_day),
                    _day(base + last_day),
                )
            )
        else:
            steps.append(
                Step(skill, st, 0, skill_id in sk.goals, None, None, known_by.get(skill_id))
            )
    return tuple(steps)


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
    graph: SkillGraph,
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
