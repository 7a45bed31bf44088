"""The same measurements on PostgreSQL beside their SQLite twins, in one run: load a library of
10k skills, plan, record a status, and every progress figure over 1M status entries.

PostgreSQL runs on this machine, on a Unix socket (the tests' throwaway cluster,
tests/pg_cluster.py); each database is filled by copying the SQLite one row for row, so both
engines answer over the same data. Without PostgreSQL's programs this prints one line and
measures nothing."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import bench_progress
from benchmarks.common import Row, fill_database, measure, synthetic_library
from planner.core.progress import summarise_history
from planner.db import queries
from planner.db.tables import metadata
from planner.service import Planner

if TYPE_CHECKING:
    from tests.pg_cluster import Cluster

LIBRARY_SKILLS = 10_000


def copy_to_server(source: Path, url: str) -> None:
    """Every row of the SQLite database `source` into the (migrated, then emptied) database
    at `url`, with COPY; the id sequences are moved past the copied ids, then ANALYZE."""
    import psycopg
    from sqlalchemy.engine import make_url

    Planner.open(url).close()  # the schema, by the migrations
    parts = make_url(url)
    conninfo = (
        f"host={parts.query['host']} port={parts.query.get('port', 5432)} "
        f"dbname={parts.database} user={parts.username}"
    )
    tables = list(metadata.sorted_tables)
    lite = sqlite3.connect(source)
    try:
        with psycopg.connect(conninfo) as server:
            names = ", ".join(f'"{t.name}"' for t in tables)
            server.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            for table in tables:
                columns = [c.name for c in table.columns]
                quoted = ", ".join(f'"{c}"' for c in columns)
                rows = lite.execute(f'SELECT {quoted} FROM "{table.name}"')
                booleans = [i for i, c in enumerate(table.columns) if c.type.python_type is bool]
                with server.cursor().copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        if booleans:
                            row = tuple(
                                bool(v) if i in booleans and v is not None else v
                                for i, v in enumerate(row)
                            )
                        copy.write_row(row)
                if "id" in columns and table.c.id.type.python_type is int:
                    server.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'GREATEST((SELECT max(id) FROM "{table.name}"), 1))'
                    )
        with psycopg.connect(conninfo, autocommit=True) as server:
            server.execute("ANALYZE")
    finally:
        lite.close()


def _pair(
    name: str, size: str, lite: Callable[[], object], server: Callable[[], object], runs: int = 7
) -> Row:
    """One measurement on PostgreSQL with its SQLite twin as the baseline (ratio: how much
    slower the server is), the twin measured first and then the server, in the same run."""
    baseline = measure(lite, runs)
    return Row(
        f"{name} (PostgreSQL)",
        size,
        measure(server, runs),
        "the same on SQLite",
        baseline,
        "",
        None,
    )


def run() -> list[Row]:
    from tests.pg_cluster import postgres_bin, start_cluster

    found = postgres_bin()
    if found is None:
        print("postgres: PostgreSQL is not installed (no pg_ctl): nothing measured")
        return []
    cluster = start_cluster(found)
    try:
        with tempfile.TemporaryDirectory() as folder:
            return _library_rows(cluster, Path(folder)) + _progress_rows(cluster, Path(folder))
    finally:
        cluster.remove()


def _library_rows(cluster: Cluster, folder: Path) -> list[Row]:
    path = folder / "library.sqlite3"
    fill_database(path, synthetic_library(LIBRARY_SKILLS))
    url = cluster.url(cluster.new_database("library"))
    copy_to_server(path, url)
    size = f"{LIBRARY_SKILLS // 1000}k"
    lite, server = Planner.open(path), Planner.open(url)
    try:

        def load(planner: Planner) -> object:
            with planner.db.session() as session:
                return queries.load_library(session)

        def plan(planner: Planner) -> object:
            planner.invalidate()  # from the database: library, graph, skeleton
            return planner.planning.plan("role")

        return [
            _pair("load library", size, lambda: load(lite), lambda: load(server)),
            _pair("plan from the database", size, lambda: plan(lite), lambda: plan(server), 5),
        ]
    finally:
        lite.close()
        server.close()


def _progress_rows(cluster: Cluster, folder: Path) -> list[Row]:
    path = folder / "history.sqlite3"
    bench_progress.fill_history(path).close()
    url = cluster.url(cluster.new_database("history"))
    copy_to_server(path, url)
    events = f"{bench_progress.EVENTS // 1000}k"
    today = bench_progress.TODAY
    lite = Planner.open(path, today=lambda: today)
    server = Planner.open(url, today=lambda: today)
    try:
        plan, graph = lite.planning.plan(), lite.graph()
        profile = lite.profile().id

        def figures(planner: Planner) -> object:
            with planner.db.session() as session:
                history = queries.progress_history(session, profile)
            return summarise_history(plan, graph, history, today)

        skills = sorted(lite.library().skills)
        flips = {id(lite): iter(range(10**9)), id(server): iter(range(10**9))}

        def record(planner: Planner) -> object:
            n = next(flips[id(planner)])
            status = bench_progress.STATUSES[n % 4]
            skill = skills[n % len(skills)]
            return planner.progress.set_status(skill, status, today - timedelta(n))

        assert figures(lite) == figures(server)  # the same answer, or the timing means nothing
        return [
            _pair("all progress figures", events, lambda: figures(lite), lambda: figures(server)),
            _pair("plan (skeleton kept)", events, lite.planning.plan, server.planning.plan),
            _pair(
                "record a status (+ timeline)",
                events,
                lambda: record(lite),
                lambda: record(server),
            ),
        ]
    finally:
        lite.close()
        server.close()
