"""The file checker's own strongly-connected groups (no networkx at `planner check`'s start)
agree with networkx's on any graph, and a long chain does not meet the recursion limit."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from planner.fileformat.together import strongly_connected

NODES = [f"s{i}" for i in range(12)]


@given(st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=40))
def test_the_groups_are_those_networkx_finds(edges: list[tuple[str, str]]) -> None:
    needs: dict[str, list[str]] = {n: [] for n in NODES}
    for a, b in edges:
        if a != b and b not in needs[a]:
            needs[a].append(b)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(NODES)
    graph.add_edges_from((a, b) for a, succs in needs.items() for b in succs)
    ours = sorted(sorted(group) for group in strongly_connected(needs))
    theirs = sorted(sorted(group) for group in nx.strongly_connected_components(graph))
    assert ours == theirs


def test_a_chain_of_ten_thousand_skills_with_a_cycle_at_its_end() -> None:
    names = [f"k{i:05d}" for i in range(10_000)]
    needs = {a: [b] for a, b in itertools.pairwise(names)}
    needs[names[-1]] = [names[-3]]  # the last three need each other round
    groups = [g for g in strongly_connected(needs) if len(g) > 1]
    assert groups == [set(names[-3:])]
