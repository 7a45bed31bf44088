"""Loading the graph from SQLite and computing a plan, against raw sqlite3 and a bare sort."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import networkx as nx

from benchmarks.common import Row, fill_database, measure, synthetic_library
from planner.core.domain import Library
from planner.core.graph import build_graph
from planner.core.plan import make_plan, skeleton
from planner.core.status import Status
from planner.db import queries
from planner.db.engine import Database

SIZES = (1_000, 10_000, 100_000)
TARGET_SIZE = 10_000


def raw_fetch(path: Path) -> object:
    """The baseline: the same rows, fetched with the standard library alone."""
    with sqlite3.connect(path) as c:
        skills = c.execute(
            "SELECT id, name, area, hours, level, summary FROM skill ORDER BY position, id"
        ).fetchall()
        edges = c.execute(
            "SELECT skill_id, prerequisite_id, hard FROM prerequisite ORDER BY skill_id, position"
        ).fetchall()
        resources = c.execute("SELECT skill_id, title, url FROM resource").fetchall()
        roles = c.execute("SELECT id, name FROM role").fetchall()
        goals = c.execute("SELECT role_id, skill_id FROM role_goal").fetchall()
    return skills, edges, resources, roles, goals


def bench_load(n: int, library: Library, runs: int) -> Row:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        fill_database(path, library)
        db = Database.open(path)

        def load() -> object:
            with db.session() as session:
                return queries.load_library(session)

        loaded = measure(load, runs)
        raw = measure(lambda: raw_fetch(path), runs)
        db.close()
    target = n == TARGET_SIZE
    return Row(
        "load library from SQLite",
        f"{n:,}",
        loaded,
        "raw sqlite3 fetch",
        raw,
        "<= 2x" if target else "",
        (loaded.median_ms <= 2 * raw.median_ms) if target else None,
    )


def bench_plans(n: int, library: Library, runs: int) -> list[Row]:
    graph = build_graph(library.skills)
    ids = list(library.skills)
    statuses = dict.fromkeys(ids[: n // 20], Status.DONE)
    start = date(2026, 1, 5)
    bare = measure(lambda: list(nx.topological_sort(graph.nx)), runs)

    def cold() -> object:
        return make_plan(library, graph, "role", (), statuses, hours_per_week=10, start=start)

    prepared = skeleton(library, graph, "role")
    flip = iter(range(10**9))

    def replan() -> object:
        # One status change, then the plan again, as after a click in the app.
        changed = dict(statuses)
        changed[ids[n // 2 + next(flip) % 100]] = Status.DONE
        return make_plan(
            library, graph, "role", (), changed, hours_per_week=10, start=start, prepared=prepared
        )

    def goal_by_goal() -> object:
        return make_plan(
            library,
            graph,
            "role",
            (),
            statuses,
            hours_per_week=10,
            start=start,
            prepared=prepared,
            strategy="goal-by-goal",
        )

    target = n == TARGET_SIZE
    warm = measure(replan, runs)
    rows = [
        Row(
            "plan from scratch",
            f"{n:,}",
            measure(cold, runs),
            "nx.topological_sort",
            bare,
            "",
            None,
        ),
        Row(
            "re-plan after a status change",
            f"{n:,}",
            warm,
            "nx.topological_sort",
            bare,
            "<= 3x and <= 50 ms" if target else "",
            (warm.median_ms <= 3 * bare.median_ms and warm.median_ms <= 50) if target else None,
        ),
    ]
    if n <= TARGET_SIZE:  # n/10 goals, each with most of the graph behind it
        rows.append(
            Row(
                "re-plan, goal-by-goal",
                f"{n:,}",
                measure(goal_by_goal, 3),
                "nx.topological_sort",
                bare,
                "",
                None,
            )
        )
    return rows


def run() -> list[Row]:
    rows: list[Row] = []
    for n in SIZES:
        library = synthetic_library(n)
        runs = 3 if n >= 100_000 else 7
        rows.append(bench_load(n, library, runs))
        rows.extend(bench_plans(n, library, runs))
    # One measurement's sizes side by side (the 10k target next to the 100k figure).
    order = list(dict.fromkeys(r.name for r in rows))
    return sorted(rows, key=lambda r: order.index(r.name))
