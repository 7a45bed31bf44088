"""On a shared server: the app hears changes made elsewhere; a server that goes away is one
clear line, nothing that failed is shown as done, and it works again once the server is back."""

from __future__ import annotations

from datetime import date

import pytest

from planner.errors import DatabaseError, DatabaseProblem
from planner.service import Planner
from tests.pg_cluster import Cluster

TODAY = date(2026, 3, 10)


def test_the_app_hears_changes_made_elsewhere_and_not_its_own(pg_planner_url: str) -> None:
    app = Planner.open(pg_planner_url, today=lambda: TODAY)
    other = Planner.open(pg_planner_url, today=lambda: TODAY)
    try:
        assert not app.changed_elsewhere()  # the first call starts watching
        app.progress.set_status("git", "done")
        app.progress.statuses()  # reads send nothing
        assert not app.changed_elsewhere()
        other.progress.set_status("numpy", "in-progress")
        assert app.changed_elsewhere()
        assert app.progress.statuses()["numpy"] == "in-progress"
        assert not app.changed_elsewhere()
        other.progress.set_note("git", "rebase, not merge")
        assert app.changed_elsewhere()
    finally:
        app.close()
        other.close()


def test_a_server_that_goes_away_is_one_line_and_comes_back(own_cluster: Cluster) -> None:
    url = own_cluster.url(own_cluster.new_database())
    planner = Planner.open(url, today=lambda: TODAY)
    try:
        assert not planner.changed_elsewhere()
        planner.progress.set_status("git", "done")
        own_cluster.kill()
        with pytest.raises(DatabaseError) as caught:
            planner.progress.set_status("numpy", "done")
        assert caught.value.kind is DatabaseProblem.UNREACHABLE
        assert "\n" not in str(caught.value) and "nothing was changed" in str(caught.value)
        own_cluster.start()
        assert planner.progress.statuses() == {"git": "done"}  # numpy's change never happened
        planner.progress.set_status("numpy", "done")
        assert planner.progress.statuses() == {"git": "done", "numpy": "done"}
        planner.changed_elsewhere()  # the watch listens again
        assert not planner.changed_elsewhere()
    finally:
        planner.close()
