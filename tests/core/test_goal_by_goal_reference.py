"""Goal-by-goal against its first, quadratic implementation: the same plans, to the last step.

`reference_goal_ranks` is `planner.core.goal_order.goal_ranks` as it was before it was made
near-linear (issue 9), kept verbatim but for also returning the goals in their order (which
names the plan's goal groups); `reference_plan` is `make_plan` with it plugged in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core import goal_order
from planner.core.domain import Library, Role, Skill, Track
from planner.core.graph import SkillGraph, build_graph, implied
from planner.core.plan import Plan, Skeleton, make_plan, skeleton
from planner.core.status import Status
from tests.core.libraries import libraries, statuses

MONDAY = date(2026, 1, 5)


# ---------------------------------------------------------------------------- the reference
def reference_goal_ranks(
    sk: Skeleton, library: Library, remaining: list[bool]
) -> tuple[list[int], list[str]]:
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
    return rank, ordered


def goal_by_goal(
    library: Library, graph: SkillGraph, tracks: tuple[str, ...], known: Mapping[str, Status]
) -> Plan:
    return make_plan(library, graph, "role", tracks, known, start=MONDAY, strategy="goal-by-goal")


def reference_plan(
    library: Library, graph: SkillGraph, tracks: tuple[str, ...], known: Mapping[str, Status]
) -> Plan:
    with mock.patch.object(goal_order, "goal_ranks", reference_goal_ranks):
        return goal_by_goal(library, graph, tracks, known)


def remaining_of(graph: SkillGraph, sk: Skeleton, known: Mapping[str, Status]) -> list[bool]:
    """Which skills of the skeleton are still to study, as `make_plan` works it out."""
    known_by = implied(graph, known)
    return [
        s not in known_by and known.get(s, Status.TODO) in (Status.TODO, Status.IN_PROGRESS)
        for s in sk.ids
    ]


def assert_same_ranks(
    library: Library, graph: SkillGraph, tracks: tuple[str, ...], known: Mapping[str, Status]
) -> None:
    sk = skeleton(library, graph, "role", tracks)
    remaining = remaining_of(graph, sk, known)
    assert goal_order.goal_ranks(sk, library, remaining) == reference_goal_ranks(
        sk, library, remaining
    )


# ---------------------------------------------------------------------------- random libraries
HOURS = {
    "whole": st.integers(min_value=1, max_value=60).map(float),
    "halves": st.integers(min_value=1, max_value=120).map(lambda h: h / 2),
    # Tenths are not binary fractions: float sums then depend on the order of the terms.
    "tenths": st.integers(min_value=1, max_value=30).map(lambda h: h / 10),
    # Far apart magnitudes (subnormal to huge): rounding everywhere. Ranks only: no calendar
    # reaches 10**16 hours.
    "wild": st.sampled_from([0.1, 0.2, 0.3, 0.5, 3.0, 7, 1e-300, 5e-324, 1e16, 1e16 + 2, 2.5]),
}


@st.composite
def many_goal_libraries(draw: st.DrawFn, max_skills: int = 40) -> tuple[Library, str]:
    """A random DAG (prerequisites earlier in a shuffled order, soft ones too) with many goals
    and a few tracks; all its hours of one kind (see HOURS)."""
    kind = draw(st.sampled_from(sorted(HOURS)))
    n = draw(st.integers(min_value=1, max_value=max_skills))
    names = draw(
        st.lists(st.from_regex(r"[a-z]{1,4}", fullmatch=True), min_size=n, max_size=n, unique=True)
    )
    skills: dict[str, Skill] = {}
    for index, name in enumerate(names):
        window = names[max(0, index - draw(st.integers(1, 12))) : index]
        requires = (
            draw(st.lists(st.sampled_from(window), unique=True, max_size=3)) if window else []
        )
        rest = [e for e in window if e not in requires]
        recommends = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
        skills[name] = Skill(
            name,
            name.title(),
            "Area",
            draw(HOURS[kind]),
            requires=tuple(requires),
            recommends=tuple(recommends),
        )
    goals = draw(st.lists(st.sampled_from(names), min_size=1, max_size=n, unique=True))
    tracks = tuple(
        Track(f"t{t}", f"T{t}", goals=tuple(g))
        for t, g in enumerate(
            draw(
                st.lists(
                    st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True),
                    max_size=3,
                )
            )
        )
    )
    return Library(skills, {"role": Role("role", "Role", goals=tuple(goals), tracks=tracks)}), kind


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_same_plan_as_the_reference_on_random_libraries(data: st.DataObject) -> None:
    library, kind = data.draw(many_goal_libraries())
    role = library.roles["role"]
    tracks = tuple(
        data.draw(st.lists(st.sampled_from([t.id for t in role.tracks]), unique=True))
        if role.tracks
        else []
    )
    known = data.draw(statuses(library))
    graph = build_graph(library.skills)
    assert_same_ranks(library, graph, tracks, known)
    if kind != "wild":
        assert goal_by_goal(library, graph, tracks, known) == reference_plan(
            library, graph, tracks, known
        )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_same_plan_as_the_reference_on_the_usual_random_libraries(
    data: st.DataObject,
) -> None:
    library = data.draw(libraries())
    known = data.draw(statuses(library))
    tracks = ("extra",) if data.draw(st.booleans()) else ()
    graph = build_graph(library.skills)
    assert goal_by_goal(library, graph, tracks, known) == reference_plan(
        library, graph, tracks, known
    )


# ---------------------------------------------------------------------------- chosen cases
def test_a_tie_in_exact_hours_is_still_broken_by_the_float_sums_as_before() -> None:
    """Both goals need 0.6 h exactly, but summed as floats in the order they always were, a's
    come to 0.6000000000000001 and b's to 0.6: b goes first although a comes first by id."""

    def skill(id_: str, hours: float, requires: tuple[str, ...] = ()) -> Skill:
        return Skill(id_, id_, "Area", hours, requires=requires)

    skills = [
        skill("a", 0.2, ("p", "q")),
        skill("p", 0.1),
        skill("q", 0.3),
        skill("b", 0.1, ("r", "s")),
        skill("r", 0.2),
        skill("s", 0.3),
    ]
    library = Library({s.id: s for s in skills}, {"role": Role("role", "Role", goals=("a", "b"))})
    graph = build_graph(library.skills)
    plan = goal_by_goal(library, graph, (), {})
    assert [s.skill.id for s in plan.steps] == ["r", "s", "b", "p", "q", "a"]
    assert plan == reference_plan(library, graph, (), {})


def synthetic_library(n: int, seed: int = 7) -> Library:
    """The benchmark's shape: ~5 prerequisites each within the 200 before, ids shuffled, the
    last tenth of the skills as goals, so every goal needs most of the graph."""
    rng = random.Random(seed)
    ids = [f"s{i:05d}" for i in range(n)]
    rng.shuffle(ids)
    skills: dict[str, Skill] = {}
    for i, skill_id in enumerate(ids):
        prereqs = rng.sample(ids[max(0, i - 200) : i], min(5, i))
        skills[skill_id] = Skill(
            skill_id,
            skill_id,
            "Area",
            rng.choice([4, 8, 12, 20]),
            requires=tuple(prereqs[:4]),
            recommends=tuple(prereqs[4:]),
        )
    goals = tuple(ids[-max(1, n // 10) :])
    return Library(skills, {"role": Role("role", "Role", goals=goals)})


def test_the_same_plan_as_the_reference_on_a_large_library_with_many_goals() -> None:
    library = synthetic_library(2_000)
    graph = build_graph(library.skills)
    ids = sorted(library.skills)
    rng = random.Random(3)
    known = {
        s: rng.choice([Status.DONE, Status.SKIPPED, Status.IN_PROGRESS])
        for s in rng.sample(ids, 150)
    }
    for statuses_ in ({}, known):
        assert goal_by_goal(library, graph, (), statuses_) == reference_plan(
            library, graph, (), statuses_
        )


def test_the_hours_are_summed_in_slices_when_the_bitsets_would_not_fit() -> None:
    library = synthetic_library(600, seed=11)
    graph = build_graph(library.skills)
    expected = reference_plan(library, graph, (), {})
    with (
        mock.patch.object(goal_order, "_BITSET_BUDGET", 1_000),
        mock.patch.object(goal_order, "_MIN_WIDTH", 7),
    ):
        assert goal_by_goal(library, graph, (), {}) == expected


def test_no_remaining_goal_leaves_every_skill_unranked() -> None:
    library = synthetic_library(50)
    graph = build_graph(library.skills)
    known = dict.fromkeys(library.roles["role"].goals, Status.DONE)
    assert goal_by_goal(library, graph, (), known) == reference_plan(library, graph, (), known)
