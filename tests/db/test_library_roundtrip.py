"""The library read back from SQLite is the library that was stored: prerequisites in order,
hard and soft apart (issue 9 reads them straight from the driver), and a driver's error on
the way is the database's clear message, not a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Select, column, select, table

from planner.core.domain import Library, Resource, Skill
from planner.db import queries
from planner.db.engine import Database
from planner.db.queries.graph import driver_rows
from planner.errors import DatabaseError
from tests.core.libraries import libraries


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries())
def test_a_stored_library_reads_back_the_same(library: Library) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "planner.sqlite3")
        try:
            with db.session() as session:
                queries.save_library(session, library)
            with db.session() as session:
                loaded = queries.load_library(session)
        finally:
            db.close()
    assert loaded.skills == library.skills
    for skill_id, skill in library.skills.items():
        # In the order written, hard and soft apart (equality above says as much; this
        # says it where a failure would show it).
        assert loaded.skills[skill_id].requires == skill.requires
        assert loaded.skills[skill_id].recommends == skill.recommends
    assert set(loaded.roles) == set(library.roles)


# A free course, a paid book, a page nobody said either way about.
RESOURCES = (
    Resource("Course", "https://example.org/course", "course", True),
    Resource("Book", "https://example.org/book", "book", False),
    Resource("Page", "https://example.org/page"),
)


def test_resources_read_back_in_order_with_free_a_boolean(tmp_path: Path) -> None:
    """SQLite stores a boolean as 0 or 1, which the library read gets from the driver: a
    JSON export or the skill panel must still say true or false (1 == True would hide it)."""
    library = Library({"git": Skill("git", "Git", "Tools", 8, resources=RESOURCES)})
    db = Database.open(tmp_path / "planner.sqlite3")
    try:
        with db.session() as session:
            queries.save_library(session, library)
        with db.session() as session:
            loaded = queries.load_library(session).skills["git"].resources
    finally:
        db.close()
    assert loaded == RESOURCES
    assert [type(r.free) for r in loaded] == [bool, bool, type(None)]


def test_a_driver_error_while_reading_is_the_databases_message(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "planner.sqlite3")
    try:
        missing: Select[Any] = select(column("x")).select_from(table("no_such_table"))
        with pytest.raises(DatabaseError, match="no such table"), db.session() as session:
            driver_rows(session, missing)
    finally:
        db.close()
