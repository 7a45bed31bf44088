"""Fixtures for the tests that run on PostgreSQL: one throwaway cluster per test session, a
fresh database per test, and "a database location" on both engines.

`pg_cluster` starts the cluster (tests/pg_cluster.py) the first time a test asks for it and
removes it at the end. Without PostgreSQL's programs the tests that need it are skipped, with
one line of reason, except in CI (CI=true), where that fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_cluster import Cluster, postgres_bin, start_cluster

ENGINES = ("sqlite", "postgresql")
MISSING = (
    "PostgreSQL is not installed (no pg_ctl under /usr/lib/postgresql/*/bin or on PATH): "
    "the tests on PostgreSQL are skipped"
)


def _cluster() -> Iterator[Cluster]:
    found = postgres_bin()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING.replace("are skipped", "cannot run, and CI must run them"))
        pytest.skip(MISSING)
    cluster = start_cluster(found)
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster of the tests' own, on a Unix socket in a temporary folder."""
    yield from _cluster()


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A cluster of one test's own, to stop and kill without disturbing the others."""
    yield from _cluster()


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> Iterator[str]:
    """The name of a new, empty database on the cluster, dropped after the test."""
    name = pg_cluster.new_database()
    try:
        yield name
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture
def pg_url(pg_cluster: Cluster, pg_database: str) -> str:
    """The URI (SQLAlchemy's, for psycopg 3) of a new, empty database on the cluster."""
    return pg_cluster.url(pg_database)


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """A database the planner has opened once (tables, built-in library, default profile),
    for `pg_planner_url` to copy: a copy takes a fraction of the time migrating and filling
    a new one does."""
    from planner.service import Planner

    name = pg_cluster.new_database("template")
    Planner.open(pg_cluster.url(name)).close()
    return name


@pytest.fixture
def pg_planner_url(pg_cluster: Cluster, pg_template: str) -> Iterator[str]:
    """The URI of a new database holding what a first `Planner.open` puts in one (a copy of
    `pg_template`), dropped after the test."""
    import psycopg

    name = pg_cluster.new_database("planner")
    with psycopg.connect(pg_cluster.conninfo(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}"')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture(params=ENGINES)
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's database is, on each engine in turn, for tests that open it with
    `Planner.open`: a file path for SQLite (nothing there yet: the first open creates and
    fills it), for PostgreSQL the URI of a database a first open has already set up (the
    same tables, library and default profile; only `Database.created` differs)."""
    if request.param == "sqlite":
        return str(tmp_path / "planner.sqlite3")
    url: str = request.getfixturevalue("pg_planner_url")
    return url


@pytest.fixture(params=ENGINES)
def empty_db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new database goes, on each engine in turn: a file path for SQLite (nothing
    there yet), the URI of a new, empty database for PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "planner.sqlite3")
    url: str = request.getfixturevalue("pg_url")
    return url


# Fixtures that start a server: a test using one runs on PostgreSQL.
SERVER_FIXTURES = ("pg_cluster", "own_cluster")
_left_out: list[int] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the server `postgresql` (`-m "not postgresql"` leaves them);
    without PostgreSQL's programs leave them out, said in one line at the end (in CI, where
    they must run, they fail instead)."""
    marked = []
    for item in items:
        names = getattr(item, "fixturenames", ())
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec is not None else {}
        on_server = "postgresql" in (params.get("db_location"), params.get("empty_db_location"))
        if on_server or any(name in names for name in SERVER_FIXTURES):
            item.add_marker(pytest.mark.postgresql)
            marked.append(item)
    if marked and postgres_bin() is None and os.environ.get("CI") != "true":
        left_out = set(map(id, marked))
        items[:] = [item for item in items if id(item) not in left_out]
        config.hook.pytest_deselected(items=marked)
        _left_out.append(len(marked))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _left_out:
        terminalreporter.write_line(f"{MISSING.replace('the tests', f'{_left_out[0]} tests')}")
