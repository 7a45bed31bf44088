"""The planner's database on a real PostgreSQL server (started by the tests): created and
migrated on first use, and each problem on opening one clear line."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy.exc
from hypothesis import HealthCheck, given, settings
from sqlalchemy import text

from planner.core.domain import Library, Skill
from planner.db import queries
from planner.db.engine import Database, head_revision
from planner.errors import DatabaseError, DatabaseProblem
from tests.core.libraries import libraries
from tests.db.test_library_roundtrip import RESOURCES
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


def test_db_check_on_a_server_checks_the_revision_and_the_constraints(pg_url: str) -> None:
    from planner.db.check import check_database

    db = Database.open(pg_url)
    try:
        assert check_database(db).lines() == ["database ok: no problems found"]
        with db.engine.begin() as c:
            c.execute(
                text("ALTER TABLE study_session DROP CONSTRAINT ck_study_session_minutes_positive")
            )
            c.execute(
                text(
                    "ALTER TABLE study_session ADD CONSTRAINT ck_study_session_minutes_positive "
                    "CHECK (minutes > 0) NOT VALID"
                )
            )
            c.execute(text("DROP INDEX ix_study_session_profile_day"))
        lines = check_database(db).lines()
        assert any("ix_study_session_profile_day" in line for line in lines), lines
        assert any("NOT VALID" in line for line in lines), lines
    finally:
        db.close()


def test_db_check_on_a_server_finds_a_table_whose_changes_nobody_hears(pg_url: str) -> None:
    """Every table notifies the apps of writes (migration 0007): one without the trigger, or
    with it disabled, is reported. (A migration that adds a table and forgets its trigger
    fails the clean check of a new database above.)"""
    from planner.db.check import check_database

    db = Database.open(pg_url)
    try:
        with db.engine.begin() as c:
            c.execute(text("DROP TRIGGER planner_notify_change ON note"))
            c.execute(text("ALTER TABLE skill DISABLE TRIGGER planner_notify_change"))
        lines = check_database(db).lines()
        assert [line.split(":")[1].strip() for line in lines] == ["note", "skill"], lines
        assert all("no trigger tells the apps of its changes" in line for line in lines), lines
    finally:
        db.close()


def test_backups_on_a_server_point_to_pg_dump(pg_url: str, tmp_path: Path) -> None:
    from planner.service import Planner
    from planner.service.files import restore_database

    planner = Planner.open(pg_url)
    try:
        for attempt in (
            planner.files.backup,
            lambda: planner.files.restore(tmp_path / "b.sqlite3"),
        ):
            with pytest.raises(DatabaseError, match="pg_dump, pg_restore"):
                attempt()
        assert planner.files.backups() == []
    finally:
        planner.close()
    with pytest.raises(DatabaseError, match="pg_dump, pg_restore"):
        restore_database(pg_url, tmp_path / "b.sqlite3")


@pytest.fixture(scope="module")
def server_db(pg_cluster: Cluster) -> Iterator[Database]:
    """One migrated database for the module; tests that write roll back."""
    db = Database.open(pg_cluster.url(pg_cluster.new_database("roundtrip")))
    yield db
    db.close()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(library=libraries())
def test_a_stored_library_reads_back_the_same_on_postgresql(
    server_db: Database, library: Library
) -> None:
    with server_db.sessions() as session:
        try:
            queries.save_library(session, library)
            loaded = queries.load_library(session)
        finally:
            session.rollback()
    assert loaded.skills == library.skills
    assert set(loaded.roles) == set(library.roles)


def test_resources_read_back_with_free_a_boolean_on_postgresql(server_db: Database) -> None:
    library = Library({"git": Skill("git", "Git", "Tools", 8, resources=RESOURCES)})
    with server_db.sessions() as session:
        try:
            queries.save_library(session, library)
            loaded = queries.load_library(session).skills["git"].resources
        finally:
            session.rollback()
    assert loaded == RESOURCES
    assert [type(r.free) for r in loaded] == [bool, bool, type(None)]


def test_a_driver_error_on_a_server_is_left_to_the_program(server_db: Database) -> None:
    """A program's mistake (bad SQL) is not the database's problem: it stays what it is."""
    with pytest.raises(sqlalchemy.exc.ProgrammingError), server_db.session() as session:
        session.execute(text("SELECT x FROM no_such_table"))


@pytest.fixture(scope="module")
def password_login(pg_cluster: Cluster) -> str:
    """A login the server asks a password of (scram-sha-256), unlike the tests' own."""
    with psycopg.connect(pg_cluster.conninfo(), autocommit=True) as c:
        c.execute("CREATE ROLE ana_pw LOGIN CREATEDB PASSWORD 'right-horse'")
    hba = pg_cluster.data / "pg_hba.conf"
    hba.write_text("local all ana_pw scram-sha-256\n" + hba.read_text())
    pg_cluster.reload()
    # The server reads pg_hba.conf again when it gets to the signal: wait until it asks.
    for _ in range(400):
        try:
            psycopg.connect(pg_cluster.conninfo(login="ana_pw"), password="").close()
        except psycopg.OperationalError:
            break
        time.sleep(0.025)  # waiting for the server process, not for our own code
    else:
        pytest.fail("the server never began asking ana_pw for a password")
    return "ana_pw"


def test_a_wrong_password_is_one_line_and_never_shown(
    pg_cluster: Cluster, pg_database: str, password_login: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_cluster.url(pg_database, login=password_login)
    monkeypatch.setenv("PGPASSWORD", "wrong-horse")
    with pytest.raises(DatabaseError) as caught:
        Database.open(url)
    assert caught.value.kind is DatabaseProblem.LOGIN
    assert "\n" not in str(caught.value) and "password authentication failed" in str(caught.value)
    assert "wrong-horse" not in str(caught.value) and "PGPASSWORD" in str(caught.value)


def test_the_password_comes_from_pgpassword_or_pgpass(
    pg_cluster: Cluster,
    pg_database: str,
    password_login: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as c:
        c.execute(f"GRANT CREATE ON SCHEMA public TO {password_login}")
    url = pg_cluster.url(pg_database, login=password_login)
    monkeypatch.setenv("PGPASSWORD", "right-horse")
    Database.open(url).close()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:{pg_database}:{password_login}:right-horse\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    db = Database.open(url)
    try:
        assert "right-horse" not in db.shown
    finally:
        db.close()


def test_a_password_in_the_uri_works_but_is_never_shown(
    pg_cluster: Cluster, password_login: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    url = pg_cluster.url("no_such_db", login=f"{password_login}:right-horse")
    assert main(["--db", url, "roles"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "right-horse" not in err and "***" in err, err
