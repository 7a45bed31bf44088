"""Goal by goal: the order of a plan's goals by the hours still needed, and each skill's goal.

Kept apart from `plan` because it is most of the work of a big goal-by-goal plan, and was made
near-linear (issue 9): `tests/core/test_goal_by_goal_reference.py` checks it against the first,
quadratic version.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from planner.core.domain import Library
from planner.core.skeleton import Skeleton


def goal_ranks(
    sk: Skeleton, library: Library, remaining: list[bool]
) -> tuple[list[int], list[str]]:
    """For goal-by-goal: each remaining skill's rank is that of the first goal needing it;
    with the remaining goals in that order."""
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
    return rank, ordered


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
