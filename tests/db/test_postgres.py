"""The planner's database on a real PostgreSQL server (started by the tests): created and
migrated on first use, and each problem on opening one clear line."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from planner.db.engine import Database, head_revision
from planner.errors import DatabaseError, DatabaseProblem
from tests.pg_cluster import Cluster


def test_a_new_database_is_created_and_migrated(pg_url: str) -> None:
    db = Database.open(pg_url)
    try:
        assert db.created and db.on_server and db.path is None
        with db.engine.connect() as c:
            assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                head_revision()
            )
    finally:
        db.close()
    again = Database.open(pg_url)
    assert not again.created
    again.close()


def test_a_missing_database_is_one_line(pg_cluster: Cluster) -> None:
    with pytest.raises(DatabaseError) as caught:
        Database.open(pg_cluster.url("no_such_db"))
    assert caught.value.kind is DatabaseProblem.MISSING
    assert "\n" not in str(caught.value) and 'database "no_such_db" does not exist' in str(
        caught.value
    )


def test_an_unknown_login_is_one_line(pg_cluster: Cluster) -> None:
    with pytest.raises(DatabaseError) as caught:
        Database.open(pg_cluster.url("postgres", login="nobody"))
    assert caught.value.kind is DatabaseProblem.LOGIN
    assert "\n" not in str(caught.value)


def test_a_server_that_is_not_there_is_one_line(tmp_path: object) -> None:
    with pytest.raises(DatabaseError) as caught:
        Database.open(f"postgresql://ana@/planner?host={tmp_path}")
    assert caught.value.kind is DatabaseProblem.UNREACHABLE
    assert "\n" not in str(caught.value)


def test_a_database_of_another_program_is_refused_untouched(
    pg_cluster: Cluster, pg_database: str
) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as c:
        c.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(DatabaseError) as caught:
        Database.open(pg_cluster.url(pg_database))
    assert caught.value.kind is DatabaseProblem.NOT_PLANNER
    assert "invoices" in str(caught.value)
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as c:
        rows = c.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = {r[0] for r in rows}
    assert tables == {"invoices"}


def test_a_database_from_a_newer_planner_is_refused(pg_url: str) -> None:
    Database.open(pg_url).close()
    db = Database.open(pg_url)
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(DatabaseError) as caught:
        Database.open(pg_url)
    assert caught.value.kind is DatabaseProblem.NEWER
    assert "9999" in str(caught.value)
