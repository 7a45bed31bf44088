"""The crash test, short: writers killed with SIGKILL lose nothing that was acknowledged.

Three trials with a fixed seed: one on an existing database, one creating it, one migrating a
schema-0001 database (`make crash-test` runs 200; see docs/reliability.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = 71  # trials: existing, upgrade, new


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks")
def test_a_short_crash_test_is_all_healthy(tmp_path: Path) -> None:
    env = os.environ | {"TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "reliability.crash_test", "--trials", "3", "--seed", str(SEED)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
        check=False,
    )
    report = done.stdout
    assert done.returncode == 0, report + done.stderr
    assert "crash test: 3 trials" in report
    assert "1 on an existing database, 1 creating it, 1 migrating a schema-0001 database" in report
    assert "  failures: 0" in report
    assert report.splitlines()[-1] == "all healthy"
    assert list(tmp_path.iterdir()) == []  # a healthy run leaves nothing behind
