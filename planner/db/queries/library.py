"""The library read: skills, roles and tracks in a handful of queries whatever the size."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import select

from planner.core.domain import Library, Resource, Role, Salary, Skill, Track, TrackChoice
from planner.core.perf import paused_gc
from planner.db import tables
from planner.db.engine import connection_of, serialize
from planner.db.queries.graph import driver_rows, prerequisites

if TYPE_CHECKING:
    from planner.db.engine import Tx


def load_library(tx: Tx) -> Library:
    """The whole library, in a handful of queries whatever its size.

    On a server each query sees what was committed when it began: the library's writers are
    kept out until this transaction ends (a shared lock), so all of them see one library."""
    serialize(tx, "library", shared=True)
    with paused_gc():
        return _load_library(connection_of(tx))


def _load_library(tx: Tx) -> Library:
    # Plain Core selects on the tables, not ORM entities: startup time grows with the library,
    # and building objects row by row is where it goes.
    resource, skill = tables.resource.c, tables.skill.c
    requires, recommends = prerequisites(tx)
    resources: dict[str, list[Resource]] = defaultdict(list)
    for skill_id, title, url, kind, free in driver_rows(  # plain tuples: a third of the time
        tx,
        select(
            resource.skill_id, resource.title, resource.url, resource.kind, resource.free
        ).order_by(resource.skill_id, resource.position),
    ):
        # The driver's own value: SQLite stores a boolean as 0 or 1.
        resources[skill_id].append(Resource(title, url, kind, None if free is None else bool(free)))
    empty: tuple[str, ...] = ()
    skills = {
        skill_id: Skill(
            skill_id,
            name,
            area,
            hours,
            level,
            summary,
            requires.get(skill_id, empty),
            recommends.get(skill_id, empty),
            tuple(resources[skill_id]) if skill_id in resources else (),
        )
        for skill_id, name, area, hours, level, summary in driver_rows(
            tx,
            select(skill.id, skill.name, skill.area, skill.hours, skill.level, skill.summary)
            .where(skill.deleted_at.is_(None))
            .order_by(skill.position, skill.id),
        )
    }
    return Library(skills, load_roles(tx))


def load_roles(tx: Tx) -> dict[str, Role]:
    """Every role with its goals, tracks and track choice, in order, without the skills: what
    listing the roles needs (`planner roles`), in four small queries."""
    run = connection_of(tx).execute
    role_goals: dict[str, list[str]] = defaultdict(list)
    goal = tables.role_goal.c
    for role_id, skill_id in run(
        select(goal.role_id, goal.skill_id).order_by(goal.role_id, goal.position)
    ):
        role_goals[role_id].append(skill_id)
    track_goals: dict[tuple[str, str], list[str]] = defaultdict(list)
    track_goal = tables.track_goal.c
    for role_id, track_id, skill_id in run(
        select(track_goal.role_id, track_goal.track_id, track_goal.skill_id).order_by(
            track_goal.role_id, track_goal.track_id, track_goal.position
        )
    ):
        track_goals[role_id, track_id].append(skill_id)
    tracks: dict[str, list[Track]] = defaultdict(list)
    in_choice: dict[str, list[str]] = defaultdict(list)
    track = tables.track.c
    for t in run(
        select(
            track.role_id, track.id, track.name, track.summary, track.in_choice, track.later_career
        ).order_by(track.role_id, track.position)
    ):
        goals = tuple(track_goals.get((t.role_id, t.id), ()))
        tracks[t.role_id].append(Track(t.id, t.name, t.summary, goals, bool(t.later_career)))
        if t.in_choice:
            in_choice[t.role_id].append(t.id)
    role = tables.role.c
    roles: dict[str, Role] = {}
    for row in run(
        select(
            role.id,
            role.name,
            role.summary,
            role.salary_amount,
            role.salary_currency,
            role.salary_region,
            role.salary_source,
            role.choice_name,
            role.choose_at_least,
        ).order_by(role.position, role.id)
    ):
        salary = None
        if row.salary_amount is not None and row.salary_currency is not None:
            salary = Salary(
                row.salary_amount, row.salary_currency, row.salary_region, row.salary_source
            )
        roles[row.id] = Role(
            row.id,
            row.name,
            row.summary,
            salary,
            tuple(role_goals.get(row.id, ())),
            tuple(tracks.get(row.id, ())),
            _track_choice(row.choice_name, row.choose_at_least, in_choice.get(row.id, [])),
        )
    return roles


def _track_choice(name: str | None, at_least: int, tracks: list[str]) -> TrackChoice | None:
    if at_least < 1 or name is None or not tracks:
        return None
    return TrackChoice(name, at_least, tuple(tracks))
