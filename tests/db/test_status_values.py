"""Statuses are a `Status` in the code and their plain value in the database and the JSON."""

from __future__ import annotations

import json

from sqlalchemy import text

from planner.core.status import Status
from planner.export import report
from planner.service import Planner
from tests.conftest import TODAY  # the `planner` fixture is conftest's too


def test_the_database_stores_the_plain_values(planner: Planner) -> None:
    planner.progress.set_status("numpy", Status.IN_PROGRESS)
    planner.progress.set_status("git", "done")  # the CLI and older callers pass the value
    with planner.db.session() as session:
        stored = {
            table: sorted(session.execute(text(f"SELECT skill_id, status FROM {table}")).all())
            for table in ("progress_event", "skill_state", "status_timeline")
        }
    for rows in stored.values():
        assert [tuple(r) for r in rows] == [("git", "done"), ("numpy", "in-progress")]
        assert all(type(status) is str for _, status in rows)


def test_what_the_planner_hands_out_is_a_status(planner: Planner) -> None:
    change = planner.progress.set_status("backpropagation", "done")
    assert (change.previous, change.status) == (Status.TODO, Status.DONE)
    assert all(isinstance(s, Status) for s in (change.previous, change.status))
    assert planner.progress.statuses() == {"backpropagation": Status.DONE}
    assert isinstance(planner.progress.statuses()["backpropagation"], Status)
    assert planner.progress.skill_statuses()["calculus"] is Status.IMPLIED
    entry = planner.progress.recent_activity()[0]
    assert (entry.previous, entry.status) == (Status.TODO, Status.DONE)
    assert isinstance(entry.status, Status)


def test_the_json_writes_the_plain_values(planner: Planner) -> None:
    planner.progress.set_status("backpropagation", "done")
    planner.progress.set_status("numpy", "in-progress")
    plan = planner.planning.plan("ml-engineer", start=TODAY)
    written = json.loads(json.dumps(report.plan_json(plan)))
    statuses = {s["skill"]: s["status"] for s in written["steps"]}
    assert statuses["backpropagation"] == "done"
    assert statuses["calculus"] == "implied"
    assert statuses["numpy"] == "in-progress"
    assert {type(s) for s in statuses.values()} == {str}
    assert "Status." not in json.dumps(report.plan_json(plan))
