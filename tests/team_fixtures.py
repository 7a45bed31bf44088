"""A study group on the tests' PostgreSQL cluster: an owner, learners in two cohorts, a mentor
and an editor, each with a login of their own (trust authentication: each connects as
itself), and a piece of every kind of a learner's data for each learner.

Logins are the cluster's, shared by every database on it: each group's logins are named after
its database, so groups of different tests never meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import psycopg

from planner.service import Planner
from tests.pg_cluster import Cluster

TODAY = date(2026, 3, 10)


@dataclass
class Group:
    """A database in team mode and the logins of its members."""

    cluster: Cluster
    database: str
    owner: str
    learners: dict[str, str]  # login -> cohort
    mentor: str  # follows cohort "c1"
    editor: str
    profiles: dict[str, int] = field(default_factory=dict)  # login -> profile id

    def url(self, login: str) -> str:
        return self.cluster.url(self.database, login)

    def connect(self, login: str) -> psycopg.Connection[Any]:
        """A raw connection as `login` (as `psql` would have)."""
        return psycopg.connect(self.cluster.conninfo(self.database, login))

    def open(self, login: str) -> Planner:
        return Planner.open(self.url(login), today=lambda: TODAY)

    @property
    def l1(self) -> str:
        return next(iter(self.learners))

    def in_cohort(self, cohort: str) -> list[str]:
        return [login for login, c in self.learners.items() if c == cohort]


def create_group(cluster: Cluster, *, seed: bool = True) -> Group:
    """A new database owned by a new owner login (allowed to create roles), put in team mode
    with `team init`, and its members added with `team add`."""
    database = cluster.new_database("team")
    owner = f"{database}_owner_login"
    with psycopg.connect(cluster.conninfo(), autocommit=True) as connection:
        connection.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        connection.execute(f'ALTER DATABASE "{database}" OWNER TO "{owner}"')
    group = Group(
        cluster,
        database,
        owner,
        {f"{database}_l1": "c1", f"{database}_l2": "c1", f"{database}_l3": "c2"},
        f"{database}_m1",
        f"{database}_e1",
    )
    planner = group.open(owner)
    try:
        planner.team.init()
        for login, cohort in group.learners.items():
            planner.team.add(login, "learner", [cohort])
        planner.team.add(group.mentor, "mentor", ["c1"])
        planner.team.add(group.editor, "editor")
    finally:
        planner.close()
    if seed:
        for login in group.learners:
            group.profiles[login] = seed_learner(group, login)
    return group


def seed_learner(group: Group, login: str) -> int:
    """A row of every table of a learner's data, written by the learner through the app."""
    planner = group.open(login)
    try:
        planner.profiles.update(role="ai-engineer", hours_per_week=6, start=date(2026, 2, 1))
        planner.progress.set_status("python-basics", "done", date(2026, 2, 3))
        planner.progress.log_study("git", 60, date(2026, 3, 9), note=f"{login}'s own words")
        session_id = planner.progress.study_sessions()[0].id
        planner.progress.edit_study_session(session_id, minutes=45)
        planner.progress.set_note("git", f"private note of {login}")
        planner.timer.start("git", datetime(2026, 3, 10, 9, 0))
        planner.progress.add_personal_goal("docker")
        profile_id = planner.profile().id
        track = planner.library().roles["ai-engineer"].tracks[0].id
        planner.profiles.update(tracks=[track])
    finally:
        planner.close()
    with group.connect(login) as connection:
        connection.execute(
            "INSERT INTO review_event (profile_id, skill_id, day, answer, recorded_at) "
            "VALUES (%s, 'python-basics', '2026-03-01', 'solid', now())",
            (profile_id,),
        )
    return profile_id


def drop_group(group: Group) -> None:
    """Drop the database, its group roles and its logins."""
    from planner.db.team import roles_of

    group.cluster.drop_database(group.database)
    logins = [group.owner, *group.learners, group.mentor, group.editor]
    with psycopg.connect(group.cluster.conninfo(), autocommit=True) as connection:
        for role in [*logins, *roles_of(group.database).values()]:
            connection.execute(f'DROP ROLE IF EXISTS "{role}"')


def group_fixture(cluster: Cluster, *, seed: bool = True) -> Iterator[Group]:
    group = create_group(cluster, seed=seed)
    try:
        yield group
    finally:
        drop_group(group)
