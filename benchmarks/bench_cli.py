"""The `planner` command line as people type it: whole processes, each beside a floor process
timed in the same run (issue 16).

`planner --help` against a bare `python -c pass`; `planner check` of the built-in roadmaps
against a process that only parses their YAML; `planner roles` against a process that imports
SQLAlchemy and reads the same rows; `planner roadmap --format json` of a returning learner (the
built-in library, a profile with a role, tracks and some progress; no flags) against a process
that imports SQLAlchemy and networkx, reads the skills and prerequisites, sorts them and prints
them as JSON. Runs alternate between the kinds; the first run of each is not counted (bytecode
is cached, as for an installed app).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_app import environment
from benchmarks.common import Row, Timing
from planner.paths import builtin_roadmap_files
from planner.service import Planner

RUNS = 7
PLANNER = [sys.executable, "-m", "planner"]

YAML_FLOOR = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as file:
        yaml.compose(file, Loader=yaml.SafeLoader)  # the nodes with their line numbers
"""
ROLES_FLOOR = """
import sys, sqlalchemy as sa
engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as c:
    roles = c.execute(sa.text("SELECT id, name FROM role ORDER BY position")).all()
    tracks = c.execute(sa.text("SELECT role_id, id, name FROM track ORDER BY position")).all()
for role_id, name in roles:
    print(role_id, name)
    for owner, track_id, track_name in tracks:
        if owner == role_id:
            print("   --track", track_id, track_name)
"""
ROADMAP_FLOOR = """
import json, sys, networkx as nx, sqlalchemy as sa
engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as c:
    skills = c.execute(sa.text("SELECT id, name, area, hours FROM skill")).all()
    edges = c.execute(sa.text("SELECT prerequisite_id, skill_id FROM prerequisite")).all()
graph = nx.DiGraph()
graph.add_nodes_from(s[0] for s in skills)
graph.add_edges_from(edges)
rows = {s[0]: s for s in skills}
steps = [
    {"skill": i, "name": rows[i][1], "area": rows[i][2], "hours": rows[i][3]}
    for i in nx.lexicographical_topological_sort(graph)
]
print(json.dumps({"steps": steps}, indent=2))
"""

# (name, command, floor name, floor command, target ratio or None)
Case = tuple[str, list[str], str, list[str], float | None]


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def _timing(samples: list[float]) -> Timing:
    return Timing(statistics.median(samples), min(samples), len(samples))


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = environment(home)
        db = home / "planner.sqlite3"
        env["PLANNER_DB"] = str(db)
        planner = Planner.open(db)  # a returning learner: role, track, pace, some progress
        planner.profiles.update(role="ml-engineer", tracks=["computer-vision"], hours_per_week=8)
        planner.progress.set_statuses(["python-basics", "git", "numpy"], "done")
        planner.close()
        files = [str(p) for p in builtin_roadmap_files()]
        python = [sys.executable, "-c"]
        cases: list[Case] = [
            ("planner --help", [*PLANNER, "--help"], "python -c pass", [*python, "pass"], 3.0),
            (
                "planner check (built-in files)",
                [*PLANNER, "check", *files],
                "parse the YAML only",
                [*python, YAML_FLOOR, *files],
                1.5,
            ),
            (
                "planner roles",
                [*PLANNER, "roles"],
                "SQLAlchemy, same rows",
                [*python, ROLES_FLOOR, str(db)],
                1.3,
            ),
            (
                "planner roadmap --format json",
                [*PLANNER, "roadmap", "--format", "json"],
                "SQLAlchemy + nx sort, JSON",
                [*python, ROADMAP_FLOOR, str(db)],
                None,
            ),
        ]
        commands = [c for case in cases for c in (case[1], case[3])]
        for command in commands:
            _time(command, env)  # bytecode compiled and cached; the disk cache warm
        samples: dict[int, list[float]] = {i: [] for i in range(len(commands))}
        for _ in range(RUNS):
            for i, command in enumerate(commands):
                samples[i].append(_time(command, env))
    rows: list[Row] = []
    for n, (name, _, floor_name, _, target) in enumerate(cases):
        measured, floor = _timing(samples[2 * n]), _timing(samples[2 * n + 1])
        ok = None if target is None else measured.median_ms <= target * floor.median_ms
        label = "" if target is None else f"<= {target:g}x"
        rows.append(Row(name, "process", measured, floor_name, floor, label, ok))
    return rows
