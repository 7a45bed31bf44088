"""The networkx graph is built when asked for, the same as it always was, and opening the app's
layers does not import networkx at all (issue 9: start-up time and memory)."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings

from planner.core.domain import Library, Skill
from planner.core.graph import build_graph, find_cycle
from tests.core.libraries import libraries


@settings(max_examples=30, deadline=None)
@given(libraries())
def test_the_networkx_graph_has_every_edge_with_its_kind(library: Library) -> None:
    graph = build_graph(library.skills)
    digraph = graph.nx
    assert graph.nx is digraph  # built once
    assert list(digraph.nodes) == sorted(library.skills)
    expected = {}
    for skill in library.skills.values():
        for prereq in skill.recommends:
            expected[(prereq, skill.id)] = False
        for prereq in skill.requires:
            expected[(prereq, skill.id)] = True  # required wins over recommended
    assert {(u, v): d["hard"] for u, v, d in digraph.edges(data=True)} == expected
    for skill_id in library.skills:
        assert set(graph.preds[skill_id]) == set(digraph.predecessors(skill_id))
        assert set(graph.succs[skill_id]) == set(digraph.successors(skill_id))


def test_a_cycle_is_still_found() -> None:
    skills = {
        "a": Skill("a", "A", "X", 1, requires=("c",)),
        "b": Skill("b", "B", "X", 1, requires=("a",)),
        "c": Skill("c", "C", "X", 1, recommends=("b",)),
    }
    cycle = find_cycle(build_graph(skills))
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}
    assert find_cycle(build_graph({"a": Skill("a", "A", "X", 1)})) is None


def test_opening_the_service_and_planning_import_no_networkx() -> None:
    code = (
        "import sys\n"
        "import planner.service\n"
        "from planner.core.graph import build_graph\n"
        "from planner.core.domain import Skill\n"
        "build_graph({'a': Skill('a', 'A', 'X', 1)})\n"
        "print('networkx' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"
