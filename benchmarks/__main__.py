"""Run every benchmark and print one table: `python -m benchmarks` (or `make bench`).

`python -m benchmarks graph views` runs only those (plan, app, graph, views, export, progress, cli,
postgres, team).
"""

from __future__ import annotations

import os
import platform
import sys

# The views are measured offscreen, as the tests run them: no display needed, none disturbed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import (
    bench_app,
    bench_cli,
    bench_export,
    bench_graph,
    bench_plan,
    bench_postgres,
    bench_progress,
    bench_team,
    bench_views,
)
from benchmarks.common import Row, print_table

BENCHMARKS = {
    "plan": bench_plan.run,
    "app": bench_app.run,
    "graph": bench_graph.run,
    "views": bench_views.run,
    "export": bench_export.run,
    "progress": bench_progress.run,
    "cli": bench_cli.run,
    "postgres": bench_postgres.run,
    "team": bench_team.run,
}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)} (benchmarks: {', '.join(BENCHMARKS)})")
        return 2
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    rows: list[Row] = []
    for name, run in BENCHMARKS.items():
        if not names or name in names:
            rows += run()
    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


sys.exit(main(sys.argv[1:]))
