"""Plans: the order, the phases, the dates and what the learner already knows."""

from __future__ import annotations

import itertools
import json
import math
import os
import subprocess
import sys
from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.compare import compare_roles
from planner.core.domain import Library
from planner.core.graph import build_graph
from planner.core.plan import Plan, make_plan, skeleton
from planner.core.status import Status
from planner.errors import NotFoundError, UsageError
from tests.core.libraries import libraries, small_library, statuses

MONDAY = date(2026, 1, 5)


def plan_of(
    library: Library,
    known: Mapping[str, Status] | None = None,
    tracks: tuple[str, ...] = (),
    strategy: str = "foundations-first",
    hours_per_week: float = 7,
) -> Plan:
    return make_plan(
        library,
        build_graph(library.skills),
        "role",
        tracks,
        known,
        hours_per_week=hours_per_week,
        start=MONDAY,
        strategy=strategy,
    )


def order(plan: Plan) -> list[str]:
    return [s.skill.id for s in plan.steps]


# ---------------------------------------------------------------------------- worked examples
def test_foundations_first_goes_layer_by_layer_with_dates() -> None:
    plan = plan_of(small_library())
    assert order(plan) == ["git", "maths", "python", "numpy", "web", "pandas", "ml"]
    assert [s.phase for s in plan.steps] == [1, 1, 1, 2, 2, 3, 4]
    assert plan.total_hours == plan.remaining_hours == 82
    # 7 h a week is an hour a day: git's 4 h are Mon 5 to Thu 8 January.
    git, maths = plan.steps[0], plan.steps[1]
    assert (git.start, git.end) == (date(2026, 1, 5), date(2026, 1, 8))
    assert (maths.start, maths.end) == (date(2026, 1, 9), date(2026, 2, 7))
    assert plan.finish == MONDAY + timedelta(days=82 - 1)
    assert [s.goal for s in plan.steps] == [False, False, False, False, True, False, True]


def test_goal_by_goal_reaches_the_cheapest_goal_first() -> None:
    plan = plan_of(small_library(), strategy="goal-by-goal")
    # web needs 22 h (git, python, web), ml needs 70 h: web is the early win.
    assert order(plan) == ["git", "python", "web", "maths", "numpy", "pandas", "ml"]
    web = next(s for s in plan.steps if s.skill.id == "web")
    assert web.end == MONDAY + timedelta(days=22 - 1)


def test_a_track_adds_its_goals_and_soft_prerequisites_are_respected() -> None:
    plan = plan_of(small_library(), tracks=("stats-track",))
    ids = order(plan)
    assert "stats" in ids
    assert ids.index("stats") < ids.index("ml")  # recommended before ml, and both in the plan
    assert plan.tracks == ("stats-track",)


def test_soft_prerequisites_are_never_pulled_in() -> None:
    assert "stats" not in order(plan_of(small_library()))


def test_done_goal_implies_its_prerequisites_and_shortens_the_plan_by_their_hours() -> None:
    before = plan_of(small_library())
    after = plan_of(small_library(), {"pandas": Status.DONE})
    by_id = {s.skill.id: s for s in after.steps}
    assert by_id["pandas"].status == "done"
    assert by_id["numpy"].status == "implied"
    assert by_id["numpy"].implied_by == "pandas"
    assert by_id["python"].status == "implied"
    assert before.remaining_hours - after.remaining_hours == 5 + 5 + 10
    # Known skills come first, undated, in phase 0; the rest is rescheduled from the start.
    assert order(after)[:3] == ["python", "numpy", "pandas"]
    assert all(s.start is None and s.phase == 0 for s in after.steps[:3])
    assert after.steps[3].start == MONDAY


def test_skipped_implies_too_but_in_progress_and_done_keep_their_own_status() -> None:
    plan = plan_of(
        small_library(),
        {"ml": Status.SKIPPED, "numpy": Status.IN_PROGRESS, "maths": Status.DONE},
    )
    status = {s.skill.id: s.status for s in plan.steps}
    assert status == {
        "ml": "skipped",
        "numpy": "in-progress",
        "maths": "done",
        "pandas": "implied",
        "python": "implied",
        "git": "todo",
        "web": "todo",
    }


def test_in_progress_skills_and_what_they_need_come_first() -> None:
    plan = plan_of(small_library(), {"web": Status.IN_PROGRESS})
    assert order(plan)[:3] == ["git", "python", "web"]


def test_the_schedule_spreads_hours_over_the_week() -> None:
    plan = plan_of(small_library(), hours_per_week=14)  # two hours a day
    assert plan.finish == MONDAY + timedelta(days=41 - 1)  # 82 h / 2 h a day


def test_nothing_left_means_no_finish_date() -> None:
    plan = plan_of(small_library(), {"ml": Status.DONE, "web": Status.DONE})
    assert plan.remaining_hours == 0
    assert plan.finish is None


@pytest.mark.parametrize("hours", [0, -3, 169, float("nan")])
def test_impossible_weekly_hours_are_refused(hours: float) -> None:
    with pytest.raises(UsageError, match="hours per week"):
        plan_of(small_library(), hours_per_week=hours)


def test_unknown_role_track_and_strategy() -> None:
    lib = small_library()
    graph = build_graph(lib.skills)
    with pytest.raises(NotFoundError, match="unknown role 'nope'"):
        make_plan(lib, graph, "nope", start=MONDAY)
    with pytest.raises(NotFoundError, match="has no track 'vision'"):
        make_plan(lib, graph, "role", ["vision"], start=MONDAY)
    with pytest.raises(UsageError, match="unknown strategy 'random'"):
        make_plan(lib, graph, "role", start=MONDAY, strategy="random")


def test_compare_counts_shared_and_specific_skills_and_what_remains() -> None:
    lib = small_library()
    from planner.core.domain import Role

    other = Role("other", "Other", goals=("web", "stats"))
    lib = Library(lib.skills, {**lib.roles, "other": other})
    c = compare_roles(lib, build_graph(lib.skills), "role", "other", {"python": Status.DONE})
    assert c.shared == ("git", "python", "web")
    assert c.only_a == ("maths", "ml", "numpy", "pandas")
    assert c.only_b == ("stats",)
    assert (c.total_hours_a, c.total_hours_b) == (82, 32)
    assert (c.remaining_hours_a, c.remaining_hours_b) == (72, 22)


# ---------------------------------------------------------------------------- properties
def hard_ancestors(library: Library, skill: str) -> set[str]:
    """The naive definition, for checking the real one."""
    found: set[str] = set()
    for prereq in library.skills[skill].requires:
        found |= {prereq} | hard_ancestors(library, prereq)
    return found


@settings(max_examples=150, deadline=None)
@given(data=st.data(), strategy=st.sampled_from(["foundations-first", "goal-by-goal"]))
def test_properties_on_random_libraries(data: st.DataObject, strategy: str) -> None:
    library = data.draw(libraries())
    known = data.draw(statuses(library))
    with_track = data.draw(st.booleans())
    tracks = ("extra",) if with_track else ()
    plan = plan_of(library, known, tracks, strategy)
    ids = order(plan)

    # The plan is exactly the closure of the goals over hard prerequisites.
    role = library.roles["role"]
    goals = set(role.goals) | (set(role.tracks[0].goals) if with_track else set())
    expected = set(goals)
    for goal in goals:
        expected |= hard_ancestors(library, goal)
    assert sorted(ids) == sorted(expected)
    assert len(ids) == len(set(ids))

    # The order of the steps and the phases: tests/core/test_plan_order.py.

    # Implied skills are exactly the not-yet-touched hard ancestors of done or skipped ones.
    finished = [s for s, st_ in known.items() if st_ in ("done", "skipped")]
    ancestors = set().union(*(hard_ancestors(library, f) for f in finished)) if finished else set()
    implied = {s.skill.id for s in plan.steps if s.status == "implied"}
    assert implied == {a for a in ancestors & expected if known.get(a, "todo") == "todo"}

    # Dates: only remaining steps have them, in order, covering exactly the remaining hours.
    remaining = [s for s in plan.steps if s.remaining]
    assert all((s.start is None) == (not s.remaining) for s in plan.steps)
    assert plan.remaining_hours == sum(s.skill.hours for s in remaining)
    for earlier, later in itertools.pairwise(remaining):
        assert earlier.start is not None and later.start is not None
        assert earlier.start <= later.start
    if remaining:
        assert plan.finish is not None
        days = (plan.finish - MONDAY).days + 1
        assert days == math.ceil(plan.remaining_hours / 1)  # 7 h a week: one hour a day
    # The same input gives the same plan.
    assert plan == plan_of(library, dict(reversed(list(known.items()))), tracks, strategy)


SCRIPT = """
import json
from datetime import date
from planner.core.graph import build_graph
from planner.core.domain import Library
from planner.core.plan import make_plan
from planner.export.report import plan_json
from planner.fileformat.load import load_files
from planner.paths import builtin_roadmap_files
lib = Library.from_files(load_files(builtin_roadmap_files()))
graph = build_graph(lib.skills)
out = []
for role in sorted(lib.roles):
    for strategy in ("foundations-first", "goal-by-goal"):
        tracks = [t.id for t in lib.roles[role].tracks]
        plan = make_plan(lib, graph, role, tracks, {"git": "done", "docker": "in-progress"},
                         hours_per_week=9, start=date(2026, 1, 5), strategy=strategy)
        out.append(plan_json(plan))
print(json.dumps(out))
"""


def test_the_plan_is_identical_across_hash_seeds() -> None:
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
        )
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) == 4


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_kept_skeleton_gives_the_same_plan_as_a_fresh_one(data: st.DataObject) -> None:
    library = data.draw(libraries())
    graph = build_graph(library.skills)
    prepared = skeleton(library, graph, "role", ("extra",))
    for _ in range(3):  # several status changes on the same skeleton
        known = data.draw(statuses(library))
        strategy = data.draw(st.sampled_from(["foundations-first", "goal-by-goal"]))
        args = (library, graph, "role", ("extra",), known)
        fresh = make_plan(*args, start=MONDAY, strategy=strategy)
        kept = make_plan(*args, start=MONDAY, strategy=strategy, prepared=prepared)
        assert kept == fresh


def test_goal_by_goal_counts_only_what_remains_and_soft_prerequisites_in_the_plan() -> None:
    # With the track, stats (10 h) is a goal of its own and recommended before ml: ml's group
    # holds it too (80 h), web needs 22 h, stats 10 h.
    plan = plan_of(small_library(), tracks=("stats-track",), strategy="goal-by-goal")
    assert order(plan) == ["stats", "git", "python", "web", "maths", "numpy", "pandas", "ml"]
    # Python done: web needs 12 h (git, web), ml 60 h; the known skill is listed first.
    plan = plan_of(small_library(), {"python": Status.DONE}, strategy="goal-by-goal")
    assert order(plan) == ["python", "git", "web", "maths", "numpy", "pandas", "ml"]
