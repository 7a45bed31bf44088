"""On a shared server: the app hears changes made elsewhere; a server that goes away is one
clear line, nothing that failed is shown as done, and it works again once the server is back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from planner.db import postgres
from planner.db.postgres import CHANNEL, PostgresDatabase
from planner.errors import DatabaseError, DatabaseProblem
from planner.service import Planner
from tests.pg_cluster import Cluster
from tests.team_fixtures import Group, group_fixture

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


def _raw(cluster: Cluster, url: str, **params: Any) -> psycopg.Connection[Any]:
    """A connection of another client (as `psql` would open), not the planner's."""
    database = make_url(url).database
    assert database is not None
    return psycopg.connect(cluster.conninfo(database), **params)


def test_a_write_by_another_client_is_heard(pg_cluster: Cluster, pg_planner_url: str) -> None:
    app = Planner.open(pg_planner_url, today=lambda: TODAY)
    try:
        assert not app.changed_elsewhere()
        profile = app.profile().id
        with _raw(pg_cluster, pg_planner_url) as psql:  # no application_name at all
            psql.execute(
                "INSERT INTO note (profile_id, skill_id, text, updated_at) "
                "VALUES (%s, 'git', 'written in psql', now())",
                (profile,),
            )
        assert app.changed_elsewhere()
        assert app.progress.note("git") == "written in psql"
        assert not app.changed_elsewhere()
        with _raw(pg_cluster, pg_planner_url, application_name="psql") as psql:
            psql.execute("UPDATE note SET text = 'rolled back' WHERE skill_id = 'git'")
            psql.rollback()  # nothing committed, nothing heard
            psql.execute("SELECT count(*) FROM note")  # and reads are never heard
        assert not app.changed_elsewhere()
        with _raw(pg_cluster, pg_planner_url, autocommit=True) as psql:
            psql.execute("TRUNCATE study_timer")
        assert app.changed_elsewhere()
    finally:
        app.close()


def test_the_planner_s_own_transaction_notifies_once_with_its_name(
    pg_cluster: Cluster, pg_planner_url: str
) -> None:
    """The triggers notify for the planner's writes too (other apps hear them), once per
    transaction however many statements it ran, with the name of the planner's connections;
    the planner sends no notification of its own, and reads notify nothing."""
    app = Planner.open(pg_planner_url, today=lambda: TODAY)
    try:
        with _raw(pg_cluster, pg_planner_url, autocommit=True) as listener:
            listener.execute(f"LISTEN {CHANNEL}")
            app.progress.set_status("git", "done")  # an event, a state, a timeline row
            app.progress.statuses()
            heard = [n.payload for n in listener.notifies(timeout=0.5, stop_after=5)]
        assert isinstance(app.db, PostgresDatabase)
        assert heard == [app.db.name]
        assert app.db.name.startswith("roadmap-planner ")
    finally:
        app.close()


def test_a_database_of_0006_gets_the_triggers_when_it_is_upgraded(
    pg_cluster: Cluster, pg_planner_url: str
) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from planner.db.check import check_database
    from planner.db.engine import _alembic_config
    from planner.db.postgres import tables_without_change_trigger

    engine = create_engine(pg_planner_url)
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")  # as the release of 0006 left it: no triggers
        assert len(tables_without_change_trigger(connection)) == 20
    engine.dispose()
    app = Planner.open(pg_planner_url, today=lambda: TODAY)  # upgraded by its owner
    try:
        assert check_database(app.db).lines() == ["database ok: no problems found"]
        assert not app.changed_elsewhere()
        app.progress.set_status("git", "done")
        assert not app.changed_elsewhere()
        with _raw(pg_cluster, pg_planner_url) as psql:
            psql.execute("UPDATE profile SET hours_per_week = 3")
        assert app.changed_elsewhere()
    finally:
        app.close()


@pytest.fixture
def group(pg_cluster: Cluster) -> Iterator[Group]:
    yield from group_fixture(pg_cluster, seed=False)


def test_every_member_s_own_write_in_psql_is_heard(group: Group) -> None:
    """Under row-level security, a learner's raw write to their own rows (their own app open
    beside it), an editor's to the library, a mentor's and the owner's: each is heard."""
    learner = group.l1
    apps = {login: group.open(login) for login in (learner, group.owner)}
    try:
        for app in apps.values():
            assert not app.changed_elsewhere()
        profile = apps[learner].profile().id
        with group.connect(learner) as psql:
            psql.execute(
                "INSERT INTO note (profile_id, skill_id, text, updated_at) "
                "VALUES (%s, 'git', 'from psql', now())",
                (profile,),
            )
        assert apps[learner].changed_elsewhere()
        assert apps[learner].progress.note("git") == "from psql"
        assert apps[group.owner].changed_elsewhere()
        writes = {
            group.editor: "UPDATE skill SET summary = summary || '.' WHERE id = 'git'",
            group.mentor: (
                "INSERT INTO profile (name, login, hours_per_week, strategy, created_at, "
                "study_slots, plan_by_pace) VALUES "
                f"('{group.mentor}', current_user, 5, 'foundations-first', now(), '', false)"
            ),
            group.owner: "UPDATE profile SET hours_per_week = 7",
        }
        for login, sql in writes.items():
            with group.connect(login) as psql:
                psql.execute(sql)
            assert apps[learner].changed_elsewhere(), login
    finally:
        for app in apps.values():
            app.close()


def test_a_server_restarted_while_the_app_was_idle_goes_unnoticed(
    own_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pooled connection a restart left dead is found by the ping before use (an idle
    connection's), and replaced: the learner's next change just works."""
    url = own_cluster.url(own_cluster.new_database())
    planner = Planner.open(url, today=lambda: TODAY)
    try:
        planner.progress.set_status("git", "done")
        own_cluster.stop()
        own_cluster.start()
        monkeypatch.setattr(postgres, "PING_AFTER_IDLE_S", 0.0)  # idle long enough
        planner.progress.set_status("numpy", "done")
        assert planner.progress.statuses() == {"git": "done", "numpy": "done"}
    finally:
        planner.close()


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
