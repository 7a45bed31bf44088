"""Run every benchmark and print one table: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import platform
import sys

from benchmarks import bench_export, bench_plan, bench_progress
from benchmarks.common import print_table


def main() -> int:
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    rows = bench_plan.run()
    rows += bench_export.run()
    rows += bench_progress.run()
    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


sys.exit(main())
