"""Fixtures for GUI tests: a planner on a fresh database with a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.service import Planner

TODAY = date(2026, 3, 10)


@pytest.fixture
def planner(tmp_path: Path) -> Iterator[Planner]:
    """The service on a new database holding the built-in roadmaps; today is 10 March 2026."""
    p = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    yield p
    p.close()
