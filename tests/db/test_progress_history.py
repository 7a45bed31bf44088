"""The learner's history in the database: the status timeline kept beside the event log,
study sessions corrected or deleted without losing anything, and queries that use indexes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select, text

from planner.core.progress import status_timeline
from planner.core.status import Status
from planner.db import queries, tables
from planner.db.engine import Database, _alembic_config
from planner.db.sqlite import make_engine
from tests.pg_cluster import Cluster
from tests.pg_fixtures import ENGINES

SKILLS = ("git", "sql", "numpy")


@pytest.fixture(scope="module", params=ENGINES)
def db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """One database per engine for the whole module (every test makes its own profile)."""
    if request.param == "sqlite":
        database = Database.open(tmp_path_factory.mktemp("db") / "p.sqlite3")
    else:
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        database = Database.open(cluster.url(cluster.new_database("history")))
    with database.session() as s:
        for i, skill in enumerate(SKILLS):
            s.execute(
                text(
                    "INSERT INTO skill (id, name, area, hours, summary, position) "
                    "VALUES (:id, :id, 'A', 5, '', :i)"
                ),
                {"id": skill, "i": i},
            )
    yield database
    database.close()


_profiles = iter(range(10**6))


def new_profile(db: Database) -> int:
    with db.session() as s:
        return queries.create_profile(s, f"learner {next(_profiles)}").id


def timeline(db: Database, profile_id: int) -> list[tuple[date, str, str]]:
    with db.session() as s:
        rows = s.execute(
            text(
                "SELECT day, skill_id, status FROM status_timeline WHERE profile_id = :p "
                "ORDER BY day, skill_id"
            ),
            {"p": profile_id},
        ).all()
    return [(_day(d), skill, status) for d, skill, status in rows]


def _day(value: object) -> date:
    """A day as the driver gives it: text from SQLite, a date from PostgreSQL."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


entries = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=12).map(lambda d: date(2026, 2, 20) + timedelta(d)),
        st.sampled_from(SKILLS),
        st.sampled_from(["todo", "in-progress", "done", "skipped"]),
    ),
    max_size=20,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=entries)
def test_the_stored_timeline_follows_every_entry(db: Database, history: list[Any]) -> None:
    """Entries in any order of days (back-dated ones included) leave the stored timeline
    equal to the rule of core.progress applied to the whole event log."""
    profile_id = new_profile(db)
    for day, skill, status in history:
        with db.session() as s:
            queries.record_status(s, profile_id, skill, status, day)
    with db.session() as s:
        events = queries.progress_events(s, profile_id)
        current = queries.statuses(s, profile_id)
    stored = timeline(db, profile_id)
    assert stored == status_timeline(events)
    # The timeline ends at the current status of every skill.
    last = {skill: status for _, skill, status in stored}
    assert {k: v for k, v in last.items() if v != "todo"} == current


def test_deleting_a_session_keeps_it_and_records_the_deletion(db: Database) -> None:
    profile_id = new_profile(db)
    with db.session() as s:
        logged = queries.add_study_session(s, profile_id, "git", date(2026, 3, 1), 45, "rebase")
        kept = queries.add_study_session(s, profile_id, "sql", date(2026, 3, 1), 30, "")
    with db.session() as s:
        assert queries.delete_study_session(s, profile_id, logged.id)
        assert not queries.delete_study_session(s, profile_id, logged.id)  # already deleted
        assert not queries.delete_study_session(s, profile_id + 1, kept.id)  # not theirs
    with db.session() as s:
        assert queries.study_sessions(s, profile_id) == [kept]
        assert queries.minutes_by_skill(s, profile_id) == {"sql": 30}
        assert queries.progress_history(s, profile_id).daily_minutes == ((date(2026, 3, 1), 30),)
        sessions = tables.study_session.c
        row = s.execute(
            select(sessions.deleted_at, sessions.minutes).where(sessions.id == logged.id)
        ).one()
        assert row.deleted_at is not None and row.minutes == 45  # still there
        found = queries.get_study_session(s, profile_id, logged.id)
        assert found is not None and found.deleted
        assert queries.edit_study_session(s, profile_id, logged.id, date(2026, 3, 1), 5, "") is None
    with db.session() as s:
        assert queries.restore_study_session(s, profile_id, logged.id)
        assert not queries.restore_study_session(s, profile_id, logged.id)
    with db.session() as s:
        assert [x.id for x in queries.study_sessions(s, profile_id)] == [logged.id, kept.id]
        changes = tables.study_session_change.c
        actions = s.scalars(
            select(changes.action).where(changes.session_id == logged.id).order_by(changes.id)
        ).all()
    assert actions == ["delete", "restore"]


def test_an_edit_records_the_values_it_replaced(db: Database) -> None:
    profile_id = new_profile(db)
    with db.session() as s:
        logged = queries.add_study_session(s, profile_id, "git", date(2026, 3, 2), 45, "rebase")
    with db.session() as s:
        edited = queries.edit_study_session(
            s, profile_id, logged.id, date(2026, 3, 1), 60, "rebase -i"
        )
        assert edited is not None and (edited.day, edited.minutes) == (date(2026, 3, 1), 60)
        # Saving the same values again is no change, and is not logged as one.
        queries.edit_study_session(s, profile_id, logged.id, date(2026, 3, 1), 60, "rebase -i")
    with db.session() as s:
        changes = s.execute(
            text(
                "SELECT action, old_day, old_minutes, old_note, new_day, new_minutes, new_note "
                "FROM study_session_change WHERE session_id = :id"
            ),
            {"id": logged.id},
        ).all()
        activity = queries.recent_activity(s, profile_id)
    assert [(c[0], _day(c[1]), *c[2:4], _day(c[4]), *c[5:]) for c in changes] == [
        ("edit", date(2026, 3, 2), 45, "rebase", date(2026, 3, 1), 60, "rebase -i")
    ]
    assert [a.kind for a in activity] == ["edited", "logged"]
    edit = activity[0]
    assert (edit.old_day, edit.old_minutes, edit.day, edit.minutes) == (
        date(2026, 3, 2),
        45,
        date(2026, 3, 1),
        60,
    )


def test_recent_activity_newest_first_with_what_each_status_replaced(db: Database) -> None:
    profile_id = new_profile(db)
    with db.session() as s:
        queries.record_status(s, profile_id, "git", Status.IN_PROGRESS, date(2026, 3, 1))
        queries.add_study_session(s, profile_id, "git", date(2026, 3, 1), 30, "")
        queries.record_status(s, profile_id, "git", Status.DONE, date(2026, 3, 2))
        queries.record_status(s, profile_id, "sql", Status.DONE, date(2026, 2, 20))  # back-dated
    with db.session() as s:
        activity = queries.recent_activity(s, profile_id)
        assert len(queries.recent_activity(s, profile_id, limit=2)) == 2
    assert [(a.kind, a.skill, a.status, a.previous, a.latest) for a in activity] == [
        ("status", "sql", "done", "todo", True),
        ("status", "git", "done", "in-progress", True),
        ("logged", "git", None, None, False),  # a session has no status
        ("status", "git", "in-progress", "todo", False),
    ]


def test_the_target_date_is_set_kept_and_cleared(db: Database) -> None:
    profile_id = new_profile(db)
    with db.session() as s:
        profile = queries.update_profile(s, profile_id, target_date=date(2026, 9, 1))
        assert profile.target_date == date(2026, 9, 1)
        assert queries.update_profile(s, profile_id, hours_per_week=6).target_date == date(
            2026, 9, 1
        )
        assert queries.update_profile(s, profile_id, clear_target_date=True).target_date is None


# ---------------------------------------------------------------------------- indexes
def capture(db: Database, run: Any) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) that `run` sends to the database."""
    seen: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    return seen


def plans(db: Database, statements: list[tuple[str, Any]]) -> list[str]:
    with db.engine.connect() as c:
        raw = c.connection.driver_connection
        assert raw is not None
        return [
            " / ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params))
            for sql, params in statements
        ]


def test_the_progress_figures_are_read_from_indexes(db: Database) -> None:
    if db.on_server:
        pytest.skip("SQLite's query plans (PostgreSQL's planner chooses by the statistics)")
    profile_id = new_profile(db)

    def read() -> None:
        with db.session() as s:
            queries.progress_history(s, profile_id)

    daily, changes = plans(db, capture(db, read))
    assert "COVERING INDEX ix_study_session_profile_deleted_day" in daily
    assert "TEMP B-TREE" not in daily  # grouped in index order, not sorted afterwards
    assert "USING PRIMARY KEY" in changes or "INDEX" in changes


def test_recent_activity_reads_only_the_newest_rows(db: Database) -> None:
    if db.on_server:
        pytest.skip("SQLite's query plans (PostgreSQL's planner chooses by the statistics)")
    profile_id = new_profile(db)

    def read() -> None:
        with db.session() as s:
            queries.recent_activity(s, profile_id)

    found = plans(db, capture(db, read))
    assert len(found) == 3
    assert "ix_progress_event_profile_id" in found[0]
    assert "ix_study_session_profile_id" in found[1]
    assert "ix_study_session_change_profile_id" in found[2]
    for plan in found:
        assert "TEMP B-TREE FOR ORDER BY" not in plan


# ---------------------------------------------------------------------------- migration
def test_the_migration_fills_the_timeline_from_the_existing_history(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    entered = [
        ("git", "done", "2026-01-20"),
        ("git", "todo", "2026-01-25"),
        ("git", "in-progress", "2026-01-10"),  # back-dated, entered last
        ("sql", "done", "2026-01-12"),
    ]
    with sqlite3.connect(path) as c:
        for i, skill in enumerate(SKILLS):
            c.execute(
                "INSERT INTO skill (id, name, area, hours, summary, position) "
                "VALUES (?, ?, 'A', 5, '', ?)",
                (skill, skill, i),
            )
        c.execute(
            "INSERT INTO profile (id, name, hours_per_week, strategy, created_at) "
            "VALUES (1, 'default', 10, 'foundations-first', '2026-01-01 00:00:00')"
        )
        c.executemany(
            "INSERT INTO progress_event (profile_id, skill_id, status, day, recorded_at) "
            "VALUES (1, ?, ?, ?, '2026-02-01 00:00:00')",
            entered,
        )
    upgraded = Database.open(path)
    try:
        assert timeline(upgraded, 1) == [
            (date(2026, 1, 10), "git", "in-progress"),
            (date(2026, 1, 12), "sql", "done"),
        ]
        with upgraded.session() as s:
            assert s.scalar(select(func.count()).select_from(tables.status_timeline)) == 2
            assert queries.get_profile(s, "default") is not None
    finally:
        upgraded.close()
