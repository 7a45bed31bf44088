"""Team mode's limits hold in the database itself: raw SQL on each member's own connection
(what `psql` with their login would run), for every table, finds exactly what team.md's table
of permissions says — whatever client a member uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from planner.db.team import LIBRARY_TABLES, TEAM_TABLES, learner_tables
from tests.pg_cluster import Cluster
from tests.team_fixtures import Group, group_fixture

LEARNER_TABLES = learner_tables()


@pytest.fixture(scope="module")
def group(pg_cluster: Cluster) -> Iterator[Group]:
    yield from group_fixture(pg_cluster)


def _key(table: str) -> str:
    return "id" if table == "profile" else "profile_id"


def _visible(group: Group, login: str, table: str) -> set[int]:
    """The profiles whose rows of `table` the login sees."""
    with group.connect(login) as connection:
        rows = connection.execute(f'SELECT DISTINCT {_key(table)} FROM "{table}"').fetchall()
    return {int(r[0]) for r in rows}


def _a_row(group: Group, table: str, profile_id: int) -> dict[str, Any]:
    """One of a learner's rows, as the owner reads it."""
    with group.connect(group.owner) as connection:
        cursor = connection.execute(
            f'SELECT * FROM "{table}" WHERE {_key(table)} = %s LIMIT 1', (profile_id,)
        )
        row = cursor.fetchone()
        assert row is not None, f"the fixture wrote no {table} row for profile {profile_id}"
        names = [d.name for d in cursor.description or []]
    return dict(zip(names, row, strict=True))


def _refused(group: Group, login: str, sql: str, params: Any = ()) -> None:
    with group.connect(login) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(sql, params)


def _changed(group: Group, login: str, sql: str, params: Any = ()) -> int:
    """How many rows a statement changed (rolled back afterwards)."""
    with group.connect(login) as connection:
        try:
            return connection.execute(sql, params).rowcount
        finally:
            connection.rollback()


def _insert_copy(group: Group, login: str, table: str, row: dict[str, Any]) -> None:
    """Try to write a copy of someone's row (a new id where the table has one)."""
    values = {k: v for k, v in row.items() if k != "id"}
    if table == "profile":
        values["name"] = values["name"] + "-copy"
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join(["%s"] * len(values))
    _refused(
        group, login, f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values())
    )


def test_every_table_of_a_learner_is_secured(group: Group) -> None:
    """The tables the policies cover are all that hold a learner's data, issue 18's included."""
    expected = {
        "profile", "profile_track", "progress_event", "skill_state", "study_session",
        "study_session_change", "status_timeline", "note", "study_timer", "profile_goal",
        "review_event",
    }  # fmt: skip
    assert expected <= set(LEARNER_TABLES)
    with group.connect(group.owner) as connection:
        secured = {
            str(r[0])
            for r in connection.execute(
                "SELECT relname FROM pg_class WHERE relrowsecurity AND relkind = 'r'"
            )
        }
    assert set(LEARNER_TABLES) | set(TEAM_TABLES) <= secured


@pytest.mark.parametrize("table", LEARNER_TABLES)
def test_a_learner_sees_and_touches_only_their_own_rows(group: Group, table: str) -> None:
    l1, l2, _ = group.learners
    own, other = group.profiles[l1], group.profiles[l2]
    assert _visible(group, group.owner, table) >= {own, other}  # the rows are there
    assert _visible(group, l1, table) == {own}
    key = _key(table)
    _insert_copy(group, l1, table, _a_row(group, table, other))
    assert (
        _changed(group, l1, f'UPDATE "{table}" SET {key} = {key} WHERE {key} = %s', (other,)) == 0
    )
    assert _changed(group, l1, f'DELETE FROM "{table}" WHERE {key} = %s', (other,)) == 0
    # ... and cannot hand their own rows to another learner.
    if table != "profile":
        _refused(
            group, l1, f'UPDATE "{table}" SET profile_id = %s WHERE profile_id = %s', (other, own)
        )
    else:
        _refused(group, l1, "UPDATE profile SET login = %s WHERE id = %s", (l2, own))
    # Their own rows are theirs to change.
    assert _changed(group, l1, f'DELETE FROM "{table}" WHERE {key} = %s', (own,)) >= 1


@pytest.mark.parametrize("table", LEARNER_TABLES)
def test_a_mentor_reads_their_cohorts_only_and_writes_nothing_of_a_learner(
    group: Group, table: str
) -> None:
    followed = {group.profiles[login] for login in group.in_cohort("c1")}
    other = group.profiles[group.in_cohort("c2")[0]]
    seen = _visible(group, group.mentor, table)
    assert followed <= seen
    assert other not in seen
    with group.connect(group.owner) as connection:
        mentor_own = connection.execute(
            "SELECT id FROM profile WHERE login = %s", (group.mentor,)
        ).fetchall()
    assert seen - followed <= {int(r[0]) for r in mentor_own}  # their own studies, if any
    learner = group.profiles[group.l1]
    key = _key(table)
    _insert_copy(group, group.mentor, table, _a_row(group, table, learner))
    sql = f'UPDATE "{table}" SET {key} = {key} WHERE {key} = %s'
    assert _changed(group, group.mentor, sql, (learner,)) == 0
    sql = f'DELETE FROM "{table}" WHERE {key} = %s'
    assert _changed(group, group.mentor, sql, (learner,)) == 0


@pytest.mark.parametrize("table", LEARNER_TABLES)
def test_an_editor_reads_no_learner_s_rows(group: Group, table: str) -> None:
    learners = set(group.profiles.values())
    assert not _visible(group, group.editor, table) & learners
    key = _key(table)
    sql = f'DELETE FROM "{table}" WHERE {key} = %s'
    assert _changed(group, group.editor, sql, (group.profiles[group.l1],)) == 0


def test_an_editor_reads_no_learner_s_notes(group: Group) -> None:
    with group.connect(group.editor) as connection:
        assert connection.execute("SELECT text FROM note").fetchall() == []
        assert connection.execute("SELECT note FROM study_session").fetchall() == []


@pytest.mark.parametrize("table", LIBRARY_TABLES)
def test_everyone_reads_the_library(group: Group, table: str) -> None:
    for login in [group.owner, group.l1, group.mentor, group.editor]:
        with group.connect(login) as connection:
            (count,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone() or (0,)
        assert count > 0, login


@pytest.mark.parametrize("login_of", ["learner", "mentor"])
@pytest.mark.parametrize("table", LIBRARY_TABLES)
def test_learners_and_mentors_cannot_change_the_library(
    group: Group, table: str, login_of: str
) -> None:
    login = group.l1 if login_of == "learner" else group.mentor
    _refused(group, login, f'DELETE FROM "{table}"')
    column = "position"
    _refused(group, login, f'UPDATE "{table}" SET {column} = {column}')


def test_learners_cannot_add_to_the_library(group: Group) -> None:
    _refused(
        group,
        group.l1,
        "INSERT INTO skill (id, name, area, hours, summary, position) "
        "VALUES ('sneaky', 'Sneaky', 'X', 1, '', 0)",
    )


@pytest.mark.parametrize("table", LIBRARY_TABLES)
def test_an_editor_and_the_owner_change_the_library(group: Group, table: str) -> None:
    for login in [group.editor, group.owner]:
        sql = f'UPDATE "{table}" SET position = position'
        assert _changed(group, login, sql) > 0
    with group.connect(group.editor) as connection:
        connection.execute(
            "INSERT INTO skill (id, name, area, hours, summary, position) "
            "VALUES ('editors-skill', 'E', 'X', 1, '', 0)"
        )
        connection.rollback()


@pytest.mark.parametrize("table", TEAM_TABLES)
def test_only_the_owner_changes_the_membership(group: Group, table: str) -> None:
    for login in [group.l1, group.mentor, group.editor]:
        _refused(group, login, f'DELETE FROM "{table}"')
    assert _changed(group, group.owner, f'DELETE FROM "{table}"') > 0


def test_a_learner_sees_only_their_own_membership(group: Group) -> None:
    with group.connect(group.l1) as connection:
        members = connection.execute("SELECT login FROM team_member").fetchall()
        cohorts = connection.execute("SELECT login, cohort FROM cohort_member").fetchall()
    assert members == [(group.l1,)]
    assert cohorts == [(group.l1, "c1")]


def test_a_mentor_sees_the_membership_of_their_cohorts(group: Group) -> None:
    with group.connect(group.mentor) as connection:
        members = {str(r[0]) for r in connection.execute("SELECT login FROM team_member")}
    assert members == {group.mentor, *group.in_cohort("c1")}


@pytest.mark.parametrize("table", [*LEARNER_TABLES, *LIBRARY_TABLES, *TEAM_TABLES])
def test_the_owner_sees_everything(group: Group, table: str) -> None:
    with group.connect(group.owner) as connection:
        (count,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone() or (0,)
    assert count > 0


def test_a_login_outside_the_group_sees_nothing(group: Group) -> None:
    stranger = f"{group.database}_stranger"
    with psycopg.connect(group.cluster.conninfo(), autocommit=True) as connection:
        connection.execute(f'CREATE ROLE "{stranger}" LOGIN')
    try:
        for table in [*LEARNER_TABLES, "skill", *TEAM_TABLES]:
            _refused(group, stranger, f'SELECT * FROM "{table}"')
    finally:
        with psycopg.connect(group.cluster.conninfo(), autocommit=True) as connection:
            connection.execute(f'DROP ROLE "{stranger}"')
