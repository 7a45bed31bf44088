"""Making a plan: the skills of a role in study order, in phases, dated on a calendar.

A plan reads top to bottom: the skills already known (undated), then the skills in progress,
then the rest; the remaining skills are studied back to back in that order, so dates never go
backwards and phases (the blocks in reading order) never overlap.

- **In progress first**: each skill in progress comes right after whatever of its hard
  prerequisites is still open (todo or in progress, not known), in the order they were
  started. This block is phase 1. Soft prerequisites do not hold it back.
- Then the rest, by strategy (both deterministic, both respecting every hard prerequisite and
  every soft one whose two ends are in the rest):
  - ``foundations-first``: layer by layer. The next phase holds what can be studied right away,
    the one after what needs only those, and so on; within a phase, alphabetical by skill id.
  - ``goal-by-goal``: early wins. Goals are taken in order of the hours still needed to reach
    them (fewest first, then by id); each goal's phase holds whatever it still needs.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from datetime import date

from planner.core import goal_order as goal_ranking
from planner.core.domain import Library
from planner.core.graph import SkillGraph, implied

# Re-exported: the limits live in `pace` so that the window's frame needs nothing else.
from planner.core.pace import DEFAULT_STRATEGY as DEFAULT_STRATEGY
from planner.core.pace import MAX_HOURS_PER_WEEK as MAX_HOURS_PER_WEEK
from planner.core.pace import MIN_HOURS_PER_WEEK as MIN_HOURS_PER_WEEK
from planner.core.pace import STRATEGIES as STRATEGIES
from planner.core.perf import paused_gc

# Re-exported: a plan's records live in `plan_steps`, which views and exporters import alone.
from planner.core.plan_steps import Group as Group
from planner.core.plan_steps import Plan as Plan
from planner.core.plan_steps import Step as Step
from planner.core.skeleton import Skeleton as Skeleton
from planner.core.skeleton import skeleton as skeleton
from planner.core.status import REMAINING, Status
from planner.errors import UsageError


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


def make_plan(
    library: Library,
    graph: SkillGraph,
    role_id: str,
    track_ids: Sequence[str] = (),
    statuses: Mapping[str, Status] | None = None,
    *,
    hours_per_week: float = 10,
    start: date,
    strategy: str = DEFAULT_STRATEGY,
    prepared: Skeleton | None = None,
    started: Mapping[str, date] | None = None,
) -> Plan:
    """The learner's plan: the role's skills in study order, with dates for what remains.

    `prepared` is the role's skeleton when the caller keeps one (it must match the role, the
    tracks and the library); without it the skeleton is computed here. `started` gives the
    day each skill in progress was begun: the plan shows it, and takes them in that order.
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
            started or {},
        )


def _make_plan(
    library: Library,
    graph: SkillGraph,
    role_id: str,
    track_ids: Sequence[str],
    statuses: Mapping[str, Status],
    hours_per_week: float,
    start: date,
    strategy: str,
    prepared: Skeleton | None,
    started: Mapping[str, date],
) -> Plan:
    sk = prepared if prepared is not None else skeleton(library, graph, role_id, track_ids)
    known_by = implied(graph, statuses)
    ids = sk.ids
    n = len(ids)
    implied_, todo = Status.IMPLIED, Status.TODO
    status = [implied_ if s in known_by else statuses.get(s, todo) for s in ids]
    remaining = [st in REMAINING for st in status]

    goal_order: list[str] = []
    rank = [0] * n
    if strategy == "goal-by-goal":
        rank, goal_order = goal_ranking.goal_ranks(sk, library, remaining)

    # Known skills first, in skeleton order (a topological one); then the in-progress block.
    order = [i for i in range(n) if not remaining[i]]
    focus_block = _focus_block(sk, graph, status, remaining, rank, started)
    order += focus_block
    focus = bytearray(n)
    for i in focus_block:
        focus[i] = 1

    # The rest: layer = 1 + the longest chain of its prerequisites among the rest, one pass
    # in skeleton order (what is known or in the block above is behind the learner by then).
    rest = [remaining[i] and not focus[i] for i in range(n)]
    layer = [0] * n
    for i in range(n):
        if rest[i]:
            deepest = 0
            for p in sk.preds[i]:
                if rest[p] and layer[p] > deepest:
                    deepest = layer[p]
            layer[i] = deepest + 1
    # One integer per skill orders the heap: rank (goal-by-goal), then whether it is the goal
    # of its rank (last: a skill reached through one in progress may not lead to it), then
    # layer, then skeleton position (which breaks ties by id among skills otherwise equal).
    last = [0] * n
    for position, goal in enumerate(goal_order):
        last[sk.index[goal]] = rank[sk.index[goal]] == position
    shift = max(n, 1).bit_length() + 1
    keys = [((rank[i] << 1 | last[i]) << shift | layer[i]) << shift | i for i in range(n)]
    rest_order = _topological(sk, keys, rest)
    order += rest_order

    # Phases are the blocks in reading order, so their dates never overlap: 1 is the
    # in-progress block when there is one; then layers (foundations first) or goals.
    phase = [0] * n
    offset = 1 if focus_block else 0
    for i in focus_block:
        phase[i] = 1
    group_goals: list[str] = []
    if strategy == "goal-by-goal":
        previous = -1
        for i in rest_order:
            if rank[i] != previous:
                previous = rank[i]
                group_goals.append(goal_order[rank[i]] if rank[i] < len(goal_order) else "")
            phase[i] = offset + len(group_goals)
    else:
        for i in rest_order:
            phase[i] = offset + layer[i]
    steps = _steps(sk, library, order, status, phase, known_by, hours_per_week, start, started)
    return Plan(
        role_id,
        sk.tracks,
        strategy,
        float(hours_per_week),
        start,
        steps,
        focus=bool(focus_block),
        goal_groups=tuple(group_goals),
    )


def _focus_block(
    sk: Skeleton,
    graph: SkillGraph,
    status: list[Status],
    remaining: list[bool],
    rank: list[int],
    started: Mapping[str, date],
) -> list[int]:
    """The skills in progress, each right after whatever of its hard prerequisites is still
    open (not known), in the order they were started (then plan order). Soft prerequisites
    do not hold an in-progress skill back: the learner has already begun it."""
    index = sk.index
    ids = sk.ids
    latest = date.max
    started_status = Status.IN_PROGRESS
    in_progress = sorted(
        (i for i in range(len(ids)) if status[i] == started_status),
        key=lambda i: (started.get(ids[i], latest), rank[i], i),
    )
    placed: set[int] = set()
    block: list[int] = []
    hard = graph.hard_preds
    for source in in_progress:
        if source in placed:
            continue
        chain = {source}
        stack = [ids[source]]
        while stack:
            for prereq in hard[stack.pop()]:
                p = index.get(prereq)
                if p is not None and remaining[p] and p not in placed and p not in chain:
                    chain.add(p)
                    stack.append(prereq)
        ordered = sorted(chain)  # skeleton order is topological: prerequisites first
        block += ordered
        placed.update(ordered)
    return block


def _topological(sk: Skeleton, keys: list[int], among: list[bool]) -> list[int]:
    """Kahn's algorithm over the skills `among`, taking, among those whose prerequisites (in
    `among`) are all placed, the one with the smallest key: any key gives a valid order, the
    key only chooses among them."""
    waiting = [sum(1 for p in preds if among[p]) for preds in sk.preds]
    ready = [keys[i] for i, count in enumerate(waiting) if count == 0 and among[i]]
    heapq.heapify(ready)
    mask = (1 << (max(len(keys), 1).bit_length() + 1)) - 1
    order: list[int] = []
    while ready:
        node = heapq.heappop(ready) & mask
        order.append(node)
        for succ in sk.succs[node]:
            if among[succ]:
                waiting[succ] -= 1
                if waiting[succ] == 0:
                    heapq.heappush(ready, keys[succ])
    return order


def day_of(ordinal: int) -> date:
    """The date of an ordinal; a UsageError past the year 9999."""
    if ordinal > _LAST_DAY:
        raise UsageError("at this pace the plan would end after the year 9999: study more hours")
    return date.fromordinal(ordinal)


_LAST_DAY = date.max.toordinal()


# Hours are spread evenly over the week; a tiny tolerance keeps 7 h at 7 h/week on one week
# despite binary floating point.
_EPSILON = 1e-9


def step_days(done: float, hours: float, days_per_hour: float) -> tuple[int, int]:
    """The first and last day (counted from the plan's start) of a step of `hours` studied
    after `done` hours, at `days_per_hour` (7 / hours a week)."""
    first_day = math.floor(done * days_per_hour + _EPSILON)
    return first_day, max(first_day, math.ceil((done + hours) * days_per_hour - _EPSILON) - 1)


def _steps(
    sk: Skeleton,
    library: Library,
    order: list[int],
    status: list[Status],
    phase: list[int],
    known_by: Mapping[str, str],
    hours_per_week: float,
    start: date,
    started: Mapping[str, date],
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
        if st in REMAINING:
            first_day, last_day = step_days(done, skill.hours, days_per_hour)
            done += skill.hours
            steps.append(
                Step(
                    skill,
                    st,
                    phase[i],
                    skill_id in sk.goals,
                    day_of(base + first_day),
                    day_of(base + last_day),
                    started=started.get(skill_id) if st == Status.IN_PROGRESS else None,
                )
            )
        else:
            steps.append(
                Step(skill, st, 0, skill_id in sk.goals, None, None, known_by.get(skill_id))
            )
    return tuple(steps)
