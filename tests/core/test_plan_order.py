"""A plan reads top to bottom: known first, then what is in progress, dates never going back."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.domain import Library
from planner.core.graph import build_graph, implied
from planner.core.graph import open_prerequisites as graph_open_prerequisites
from planner.core.plan import Plan, make_plan
from planner.core.status import Status
from tests.core.libraries import libraries, small_library, statuses

MONDAY = date(2026, 1, 5)
REMAINING = (Status.TODO, Status.IN_PROGRESS)


def plan_of(
    library: Library,
    known: Mapping[str, Status] | None = None,
    strategy: str = "foundations-first",
    started: dict[str, date] | None = None,
    tracks: tuple[str, ...] = (),
) -> Plan:
    return make_plan(
        library,
        build_graph(library.skills),
        "role",
        tracks,
        known,
        hours_per_week=7,
        start=MONDAY,
        strategy=strategy,
        started=started,
    )


def order(plan: Plan) -> list[str]:
    return [s.skill.id for s in plan.steps]


def open_prerequisites(library: Library, status: Mapping[str, Status], skill: str) -> set[str]:
    """The naive definition: hard prerequisites still to study, walking through those only."""
    found: set[str] = set()
    for prereq in library.skills[skill].requires:
        if status[prereq] in REMAINING:
            found |= {prereq} | open_prerequisites(library, status, prereq)
    return found


# ---------------------------------------------------------------------------- worked examples
def test_a_skill_in_progress_comes_first_right_after_its_open_prerequisites() -> None:
    # ml (phase 4 otherwise) is being studied: numpy, pandas and maths are still open, python
    # is done. They come first, as phase 1; git and web follow, then nothing else is left.
    plan = plan_of(
        small_library(),
        {"python": Status.DONE, "ml": Status.IN_PROGRESS},
        started={"ml": date(2026, 1, 2)},
    )
    assert order(plan) == ["python", "maths", "numpy", "pandas", "ml", "git", "web"]
    assert [s.phase for s in plan.steps] == [0, 1, 1, 1, 1, 2, 3]
    ml = plan.steps[4]
    assert ml.started == date(2026, 1, 2)
    assert ml.start == MONDAY + timedelta(days=30 + 5 + 5)  # after maths, numpy and pandas
    assert [g.title for g in plan.groups()] == [
        "Done",
        "Phase 1: in progress",
        "Phase 2",
        "Phase 3",
    ]
    assert [s.started for s in plan.steps if s.skill.id != "ml"] == [None] * 6


def test_a_soft_prerequisite_does_not_hold_a_skill_in_progress_back() -> None:
    # stats is recommended before ml; ml is begun: stats waits with the rest.
    plan = plan_of(small_library(), {"ml": Status.IN_PROGRESS}, tracks=("stats-track",))
    ids = order(plan)
    assert ids.index("ml") < ids.index("stats")
    assert ids[:5] == ["maths", "python", "numpy", "pandas", "ml"]


def test_skills_in_progress_are_taken_in_the_order_they_were_started() -> None:
    known = {"web": Status.IN_PROGRESS, "numpy": Status.IN_PROGRESS}
    first_web = plan_of(
        small_library(), known, started={"web": date(2026, 1, 1), "numpy": date(2026, 1, 3)}
    )
    assert order(first_web)[:5] == ["git", "python", "web", "numpy", "maths"]
    first_numpy = plan_of(
        small_library(), known, started={"web": date(2026, 1, 4), "numpy": date(2026, 1, 3)}
    )
    assert order(first_numpy)[:5] == ["python", "numpy", "git", "web", "maths"]


def test_goal_by_goal_groups_by_goal_after_what_is_in_progress() -> None:
    plan = plan_of(small_library(), {"numpy": Status.IN_PROGRESS}, strategy="goal-by-goal")
    groups = plan.groups()
    assert [(g.title, [s.skill.id for s in g.steps]) for g in groups] == [
        ("In progress", ["python", "numpy"]),
        ("Goal: Web", ["git", "web"]),
        ("Goal: Ml", ["maths", "pandas", "ml"]),
    ]
    assert [g.kind for g in groups] == ["in-progress", "goal", "goal"]
    assert [g.goal for g in groups] == [None, "web", "ml"]
    assert [s.phase for s in plan.steps] == [1, 1, 2, 2, 3, 3, 3]
    # The groups follow each other: each starts the day the one before ends, or later.
    for before, after in itertools.pairwise(groups):
        assert before.end is not None and after.start is not None
        assert after.start >= before.end
    assert groups[1].hours == 12


# ---------------------------------------------------------------------------- properties
@st.composite
def started_days(draw: st.DrawFn, known: Mapping[str, Status]) -> dict[str, date]:
    """A start day for some of the skills in progress (the others have none on record)."""
    days: dict[str, date] = {}
    for skill, status in sorted(known.items()):
        if status == "in-progress" and draw(st.booleans()):
            days[skill] = MONDAY - timedelta(days=draw(st.integers(0, 60)))
    return days


@settings(max_examples=200, deadline=None)
@given(data=st.data(), strategy=st.sampled_from(["foundations-first", "goal-by-goal"]))
def test_every_plan_reads_top_to_bottom(data: st.DataObject, strategy: str) -> None:
    library = data.draw(libraries())
    known = data.draw(statuses(library))
    started = data.draw(started_days(known))
    tracks = ("extra",) if data.draw(st.booleans()) else ()
    plan = plan_of(library, known, strategy, started, tracks)
    steps = plan.steps
    ids = order(plan)
    position = {s: i for i, s in enumerate(ids)}
    status = {s.skill.id: s.status for s in steps}

    # Known steps first, then the remaining ones.
    remaining = [s for s in steps if s.remaining]
    assert [s.remaining for s in steps] == [False] * (len(steps) - len(remaining)) + [True] * len(
        remaining
    )
    # Dates never go backwards in reading order, and phases are contiguous blocks in order
    # whose date ranges never overlap (one may end on the day the next begins).
    for earlier, later in itertools.pairwise(remaining):
        assert earlier.start is not None and later.start is not None
        assert earlier.end is not None and later.end is not None
        assert earlier.start <= later.start
        assert earlier.end <= later.end
        assert later.phase in (earlier.phase, earlier.phase + 1)
    assert all(s.phase == 0 for s in steps if not s.remaining)
    if remaining:
        assert remaining[0].phase == 1
    groups = [g for g in plan.groups() if g.phase > 0]
    for before, after in itertools.pairwise(groups):
        assert before.end is not None and after.start is not None
        assert before.end <= after.start
    assert [s for g in plan.groups() for s in g.steps] == list(steps)

    # The in-progress block: the skills in progress and their open hard prerequisites, first.
    in_progress = [s for s in ids if status[s] == "in-progress"]
    block = set(in_progress).union(*(open_prerequisites(library, status, s) for s in in_progress))
    assert {s.skill.id for s in steps if s.phase == 1 and plan.focus} == block
    assert plan.focus == bool(in_progress)
    for step in remaining:
        if step.skill.id not in block:
            assert all(position[step.skill.id] > position[b] for b in block)
    # Each in progress right after its open prerequisites: what comes between belongs to a
    # skill in progress started no later (which may itself come later, when it needs this
    # one: then it was all placed with that one's prerequisites).
    never = date.max
    for skill in in_progress:
        mine = open_prerequisites(library, status, skill)
        for other in ids[position[min(block, key=position.__getitem__)] : position[skill]]:
            if other in mine:
                continue
            owners = [
                b
                for b in in_progress
                if b == other or other in open_prerequisites(library, status, b)
            ]
            assert any(started.get(b, never) <= started.get(skill, never) for b in owners)
        assert next(s for s in steps if s.skill.id == skill).started == started.get(skill)

    # Every hard prerequisite still to study comes before its skill; soft ones too, but for
    # those of a skill in the in-progress block.
    for skill_id in ids:
        if status[skill_id] not in REMAINING:
            continue
        needs = library.skills[skill_id]
        for prereq in needs.requires:
            if status[prereq] in REMAINING:
                assert position[prereq] < position[skill_id]
        for prereq in needs.recommends:
            if status.get(prereq) in REMAINING and skill_id not in block:
                assert position[prereq] < position[skill_id]

    # Goal by goal: one group per goal, each named after it and ending with it unless the goal
    # is in progress (or needed by one).
    if strategy == "goal-by-goal":
        for group in groups:
            if group.kind == "goal":
                assert group.goal is not None
                assert group.title == f"Goal: {library.skills[group.goal].name}"
                if group.goal not in block:
                    assert group.steps[-1].skill.id == group.goal
            else:
                assert group.kind == "in-progress" and group.phase == 1
    else:
        assert all(g.kind == "phase" for g in groups[1 if plan.focus else 0 :])


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_the_open_prerequisites_a_learner_is_told_about(data: st.DataObject) -> None:
    library = data.draw(libraries())
    known = data.draw(statuses(library))
    graph = build_graph(library.skills)
    skill = data.draw(st.sampled_from(sorted(library.skills)))
    told = graph_open_prerequisites(graph, known, skill)
    plan_status = dict.fromkeys(implied(graph, known), Status.IMPLIED)
    status = {s: plan_status.get(s, known.get(s, Status.TODO)) for s in library.skills}
    assert sorted(told) == sorted(open_prerequisites(library, status, skill))
    position = {s: i for i, s in enumerate(told)}
    for s in told:  # prerequisites first
        assert all(position[p] < position[s] for p in library.skills[s].requires if p in position)
