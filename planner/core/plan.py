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
    goals = [g for g in dict.fromkeys(sk.goal_order) if remaining[sk.index[g]]]
    skills = library.skills
    hours = {i: skills[sk.ids[i]].hours for i in range(len(sk.ids)) if remaining[i]}
    ordered = _goals_by_hours(sk, hours, goals)
    unranked = len(ordered)
    rank = [unranked] * len(sk.ids)  # needed by no remaining goal: after all of them
    # All edges, soft included: a goal's group must contain what is recommended before it too,
    # or putting the group first would break a soft prerequisite. One walk for all goals, in
    # order: a skill first reached from a goal is needed by no goal before it, and everything
    # before a skill reached earlier was reached with it.
    seen = [False] * len(sk.ids)
    for position, goal in enumerate(ordered):
        g = sk.index[goal]
        if seen[g]:
            continue
        seen[g] = True
        stack = [g]
        while stack:
            node = stack.pop()
            if remaining[node]:
                rank[node] = position
            for p in sk.preds[node]:
                if not seen[p]:
                    seen[p] = True
                    stack.append(p)
    return rank


def _goals_by_hours(sk: Skeleton, hours: Mapping[int, float], goals: list[str]) -> list[str]:
    """The goals by the hours still needed to reach them (remaining skills, all edges), then id.

    Each goal's hours are summed exactly, as integers in units of the finest binary fraction
    among the hours (`_closure_sums`, one sweep for all goals). The order has always compared
    float sums, added up in the order of a set of the goal's closure (`_summed_hours`), and
    those can differ from the exact sums in the last bits. When the remaining hours come to
    fewer than 2**53 units in all (whole hours, halves, quarters...: any real library) every
    partial sum is exact and the two orders are the same; otherwise only goals whose exact sums
    are within rounding error of each other can swap, and those alone are summed as before.
    """
    if not all(type(h) in (int, float) and math.isfinite(h) for h in hours.values()) or (
        not math.isfinite(sum(abs(h) for h in hours.values()))
    ):  # a library the schema refuses: sum as before, whatever the cost
        summed = {g: _summed_hours(sk, hours, sk.index[g]) for g in goals}
        return sorted(goals, key=lambda g: (summed[g], g))
    ratios = {i: h.as_integer_ratio() for i, h in hours.items()}
    scale = max((d.bit_length() - 1 for _, d in ratios.values()), default=0)
    weight = [0] * len(sk.ids)
    for i, (num, den) in ratios.items():
        weight[i] = num << (scale - den.bit_length() + 1)
    exact = _closure_sums(sk, weight, [sk.index[g] for g in goals])
    ordered = sorted(goals, key=lambda g: (exact[sk.index[g]], g))
    magnitude = sum(abs(w) for w in weight)
    if magnitude < 1 << 53:  # every partial sum of every goal is exact: floats order the same
        return ordered
    # A bound on any goal's rounding error (n terms of at most `magnitude` in all, subnormals
    # included), in units; goals further apart than twice that are ordered alike by floats.
    n = len(sk.ids)
    slack = 2 * ((magnitude * 2 * (n + 1) >> 53) + n + 1)
    result: list[str] = []
    start = 0
    while start < len(ordered):
        stop = start + 1
        while (
            stop < len(ordered)
            and exact[sk.index[ordered[stop]]] - exact[sk.index[ordered[stop - 1]]] <= slack
        ):
            stop += 1
        near = ordered[start:stop]
        if len(near) > 1:
            summed = {g: _summed_hours(sk, hours, sk.index[g]) for g in near}
            near.sort(key=lambda g: (summed[g], g))
        result.extend(near)
        start = stop
    return result


def _summed_hours(sk: Skeleton, hours: Mapping[int, float], goal: int) -> float:
    """A goal's remaining hours summed term by term in the order goal-by-goal has always used
    (its closure walked into a set, then the set's order), to the last bit of the float."""
    seen = {goal}
    stack = [goal]
    while stack:
        for p in sk.preds[stack.pop()]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return sum(hours[i] for i in seen if i in hours)


# Bitsets of about this many bits in all are alive at once while summing the goals' hours.
_BITSET_BUDGET = 1 << 28
_MIN_WIDTH = 1 << 10


def _closure_sums(sk: Skeleton, weight: list[int], targets: list[int]) -> dict[int, int]:
    """Each target's total weight: its own and that of everything before it (all edges).

    One sweep in skeleton order builds, for each skill, the set of weighted skills it needs as
    a Python int (one bit per weighted skill; an OR per edge) and drops it after its last
    successor; a target's total is a few popcounts. Overlapping closures cost nothing extra:
    O(E * W / 64) word operations for E edges and W weighted skills. When the live bitsets
    would exceed the budget, the bits are done in slices, one sweep each.
    """
    if not targets:
        return {}
    end = max(targets) + 1
    preds = sk.preds
    weighted = [i for i in range(end) if weight[i]]
    bit_of = [-1] * end
    for bit, i in enumerate(weighted):
        bit_of[i] = bit
    last = list(range(end))  # the last successor needing each skill's bitset (itself if none)
    for i in range(end):
        for p in preds[i]:
            last[p] = i
    freed = [0] * end
    for i in last:
        freed[i] += 1
    live = peak = 0
    for count in freed:
        live += 1
        if live > peak:
            peak = live
        live -= count
    width = max(_MIN_WIDTH, _BITSET_BUDGET // peak)
    is_target = [False] * end
    for t in targets:
        is_target[t] = True
    sums = dict.fromkeys(targets, 0)
    for low in range(0, len(weighted), width):
        groups = _masks([weight[i] for i in weighted[low : low + width]])
        sets = [0] * end
        for i in range(weighted[low], end):
            bits = 0
            for p in preds[i]:
                bits |= sets[p]
                if last[p] == i:
                    sets[p] = 0
            own = bit_of[i] - low
            if 0 <= own < width:
                bits |= 1 << own
            if bits:
                if is_target[i]:
                    sums[i] += sum(m * (bits & mask).bit_count() for m, mask in groups)
                if last[i] != i:
                    sets[i] = bits
    return sums


def _masks(weights: list[int]) -> list[tuple[int, int]]:
    """(multiplier, mask) pairs such that the weight of a bitset over `weights` is
    sum(multiplier * popcount(bitset & mask)): one per bit of the weights, or one per distinct
    weight when there are fewer of those (or some are negative)."""

    def mask(flags: list[bool]) -> int:
        return int("".join("1" if f else "0" for f in reversed(flags)) or "0", 2)

    values = sorted(set(weights))
    used = 0  # the bits set in some weight
    for w in values:
        used |= w
    if values[0] > 0 and used.bit_count() < len(values):
        planes = [b for b in range(used.bit_length()) if used >> b & 1]
        return [(1 << b, mask([bool(w >> b & 1) for w in weights])) for b in planes]
    return [(v, mask([w == v for w in weights])) for v in values]


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
    tracks_a: tuple[str, ...] = ()  # the tracks counted with each role's own goals
    tracks_b: tuple[str, ...] = ()


def compare_roles(
    library: Library,
    graph: SkillGraph,
    role_a: str,
    role_b: str,
    statuses: Mapping[str, str] | None = None,
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
