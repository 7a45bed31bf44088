"""Check database: dangling references repaired in one go, cycles reported, a second run clean."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.service import Planner
from tests.conftest import TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "planner.sqlite3"
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer")
    planner.progress.set_note("python-async", "mine")
    planner.close()
    return path


@pytest.fixture
def raw(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A connection with foreign keys off, as an old or careless tool might have used."""
    connection = sqlite3.connect(db_path)
    yield connection
    connection.close()


def check(path: Path) -> tuple[list[str], list[str], bool]:
    planner = Planner.open(path, today=lambda: TODAY)
    try:
        report = planner.files.check_database().value
        return report.fixed, report.problems, report.clean
    finally:
        planner.close()


def test_a_healthy_database_checks_clean(db_path: Path) -> None:
    fixed, problems, clean = check(db_path)
    assert (fixed, problems, clean) == ([], [], True)


def test_orphaned_rows_are_repaired_and_a_second_run_finds_nothing(
    db_path: Path, raw: sqlite3.Connection
) -> None:
    raw.execute(
        "INSERT INTO note (profile_id, skill_id, text, updated_at) "
        "VALUES (1, 'no-such-skill', 'lost', '2026-03-01 10:00:00')"
    )
    raw.execute(
        "INSERT INTO note (profile_id, skill_id, text, updated_at) "
        "VALUES (999, 'python-async', 'lost too', '2026-03-01 10:00:00')"
    )
    raw.execute("UPDATE profile SET role_id = 'no-such-role' WHERE id = 1")
    raw.commit()

    fixed, problems, clean = check(db_path)
    assert not clean and problems == []
    assert sum("note row" in line and "deleted it" in line for line in fixed) == 2
    assert any("profile row 1" in line and "cleared" in line for line in fixed)
    texts = {row[0] for row in raw.execute("SELECT text FROM note")}
    assert texts == {"mine"}  # the learner's real note is untouched
    assert raw.execute("SELECT role_id FROM profile WHERE id = 1").fetchone() == (None,)

    assert check(db_path) == ([], [], True)


def test_a_prerequisite_cycle_is_reported_not_guessed_at(
    db_path: Path, raw: sqlite3.Connection
) -> None:
    a, b = (row[0] for row in raw.execute("SELECT id FROM skill ORDER BY id LIMIT 2"))
    raw.execute("DELETE FROM prerequisite WHERE skill_id IN (?, ?)", (a, b))
    raw.execute(
        "INSERT INTO prerequisite (skill_id, prerequisite_id, hard, position) VALUES (?, ?, 1, 0)",
        (a, b),
    )
    raw.execute(
        "INSERT INTO prerequisite (skill_id, prerequisite_id, hard, position) VALUES (?, ?, 1, 0)",
        (b, a),
    )
    raw.commit()
    fixed, problems, _clean = check(db_path)
    assert fixed == []
    assert len(problems) == 1 and "circle" in problems[0]
    assert a in problems[0] and b in problems[0]
