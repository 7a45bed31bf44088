"""Shared fixtures: every test runs offscreen and away from the real user data directory; a
service on a fresh database with a fixed today; tests that drive widgets are marked `gui`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from planner.service import Planner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A shared CI machine is slow at random moments: a property test fails on what it finds, never on
# how long drawing an example took. Tests that pass their own settings keep these two as well.
settings.register_profile("planner", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("planner")

# The PostgreSQL cluster and the "both engines" fixtures (db_location, pg_url, pg_cluster).
pytest_plugins = ["tests.pg_fixtures"]

REPO = Path(__file__).resolve().parent.parent
ROADMAPS = REPO / "roadmaps"
TODAY = date(2026, 3, 10)
"""The tests' today (a Tuesday): plans, forecasts and charts come out the same whatever the day."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives widgets with qtbot needs a QApplication: it is a `gui` test."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that drives widgets runs as the app does: reference cycles are collected on the
    GUI thread only (planner.ui.collector). Its background operations end with it."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThreadPool

    from planner.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector(request.getfixturevalue("qapp"))
    yield
    QThreadPool.globalInstance().waitForDone(60000)
    collector.stop()
    collector.deleteLater()


@pytest.fixture
def planner(tmp_path: Path) -> Iterator[Planner]:
    """The service on a new database holding the built-in roadmaps; today is 10 March 2026."""
    p = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    yield p
    p.close()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the user data directory and PLANNER_DB at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "PLANNER_DB")}
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ.pop("PLANNER_DB", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
