"""The PostgreSQL server killed with SIGKILL while a planner writes, then restarted: every
write the planner acknowledged is there, and the derived tables agree with the events."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import text

from planner.core.progress import status_timeline
from planner.service import Planner
from tests.conftest import REPO
from tests.pg_cluster import Cluster

# More for the figures in docs/reliability.md: PLANNER_PG_KILLS=20 pytest -s this file.
KILLS = int(os.environ.get("PLANNER_PG_KILLS", "3"))
ACKS_BEFORE_KILL = 25

# A writer that says which study sessions were stored, one id a line, once each is committed.
WRITER = """
import sys
from planner.errors import DatabaseError
from planner.service import Planner

planner = Planner.open(sys.argv[1])
skills = ["python-basics", "git", "numpy", "pandas"]
statuses = ["in-progress", "done", "todo"]
n = 0
try:
    while True:
        skill = skills[n % len(skills)]
        print(planner.progress.log_study(skill, 1 + n % 90).session.id, flush=True)
        planner.progress.set_status(skill, statuses[n % len(statuses)])
        n += 1
except DatabaseError as error:
    print("stopped:", error, file=sys.stderr, flush=True)
"""


def test_a_killed_server_loses_no_acknowledged_write(own_cluster: Cluster) -> None:
    url = own_cluster.url(own_cluster.new_database())
    Planner.open(url).close()
    acknowledged: set[int] = set()
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, url],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        for _n in range(ACKS_BEFORE_KILL):
            acknowledged.add(int(writer.stdout.readline()))
        own_cluster.kill()  # mid-write: the writer never stops between two writes
        out, err = writer.communicate(timeout=60)
        acknowledged.update(int(line) for line in out.split())
        assert writer.returncode == 0 and err.startswith("stopped:"), err
        assert "\n" not in err.strip()  # one line, no traceback
        own_cluster.start()

    planner = Planner.open(url)
    try:
        with planner.db.session() as s:
            stored = {r[0] for r in s.execute(text("SELECT id FROM study_session"))}
            events = [
                (r.day, r.skill_id, r.status)
                for r in s.execute(
                    text("SELECT day, skill_id, status FROM progress_event ORDER BY id")
                )
            ]
            current: dict[str, str] = dict(
                s.execute(text("SELECT skill_id, status FROM skill_state")).all()
            )
            timeline = [
                (r.day, r.skill_id, r.status)
                for r in s.execute(
                    text("SELECT day, skill_id, status FROM status_timeline ORDER BY day, skill_id")
                )
            ]
    finally:
        planner.close()
    print(
        f"\n{KILLS} kills: {len(acknowledged)} study sessions acknowledged, "
        f"{len(acknowledged - stored)} lost; {len(stored - acknowledged)} stored unacknowledged "
        f"(committed as the server died); {len(events)} status events consistent"
    )
    assert len(acknowledged) >= KILLS * ACKS_BEFORE_KILL
    assert acknowledged <= stored, sorted(acknowledged - stored)
    last: dict[str, str] = {}
    for _day, skill, status in events:
        last[skill] = status
    assert current == last
    assert timeline == status_timeline(events)
