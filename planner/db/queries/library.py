"""Queries on the library: skills, roles and tracks read in a handful of queries whatever
the size, and imports that add or update them (never delete). The rows of one skill, role or
track are written by helpers that library edits (db/library_edit.py) use too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from planner.core.domain import Library, Resource, Role, Salary, Skill, Track, TrackChoice
from planner.core.perf import paused_gc
from planner.core.records import ImportCounts
from planner.db.engine import serialize
from planner.db.tables import (
    PrerequisiteRow,
    ResourceRow,
    RoleGoalRow,
    RoleRow,
    SkillRow,
    TrackGoalRow,
    TrackRow,
)


def _driver_rows(session: Session, statement: Select[Any]) -> list[Any]:
    """The rows of a select without parameters as the driver returns them, plain tuples.

    The SQL is SQLAlchemy's, compiled for the connection's dialect, and run in the session's
    transaction; only the result skips SQLAlchemy's row objects, which for the 50,000
    prerequisites of a 10,000-skill library cost more than the query itself. Driver errors
    become SQLAlchemy's, as they would through `execute`.
    """
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    assert not compiled.params, "only for statements without parameters"
    sql = str(compiled)
    dbapi_error = connection.dialect.loaded_dbapi.Error
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    except dbapi_error as error:
        raise sqlalchemy.exc.DBAPIError.instance(sql, (), error, dbapi_error) from error
    finally:
        cursor.close()


def load_library(session: Session) -> Library:
    """The whole library, in a handful of queries whatever its size.

    On a server each query sees what was committed when it began: the library's writers are
    kept out until this transaction ends (a shared lock), so all of them see one library."""
    serialize(session, "library", shared=True)
    with paused_gc():
        return _load_library(session)


def _load_library(session: Session) -> Library:
    # Plain Core selects on the tables, not ORM entities: startup time grows with the library,
    # and building objects row by row is where it goes.
    run = session.connection().execute
    prereq, resource, skill = (
        PrerequisiteRow.__table__.c,
        ResourceRow.__table__.c,
        SkillRow.__table__.c,
    )
    requires: dict[str, tuple[str, ...]] = {}
    recommends: dict[str, tuple[str, ...]] = {}
    edges = _driver_rows(
        session,
        select(prereq.skill_id, prereq.prerequisite_id, prereq.hard).order_by(
            prereq.skill_id, prereq.position
        ),
    )
    for skill_id, rows in groupby(edges, itemgetter(0)):  # sorted by skill: one group each
        group = list(rows)
        if hard := tuple([row[1] for row in group if row[2]]):
            requires[skill_id] = hard
        if soft := tuple([row[1] for row in group if not row[2]]):
            recommends[skill_id] = soft
    resources: dict[str, list[Resource]] = defaultdict(list)
    for skill_id, title, url, kind, free in run(
        select(
            resource.skill_id, resource.title, resource.url, resource.kind, resource.free
        ).order_by(resource.skill_id, resource.position)
    ).all():
        resources[skill_id].append(Resource(title, url, kind, free))
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
        for skill_id, name, area, hours, level, summary in _driver_rows(
            session,
            select(skill.id, skill.name, skill.area, skill.hours, skill.level, skill.summary)
            .where(skill.deleted_at.is_(None))
            .order_by(skill.position, skill.id),
        )
    }
    return Library(skills, load_roles(session))


def load_roles(session: Session) -> dict[str, Role]:
    """Every role with its goals, tracks and track choice, in order, without the skills: what
    listing the roles needs (`planner roles`), in four small queries."""
    role_goals: dict[str, list[str]] = defaultdict(list)
    for role_id, skill_id in session.execute(
        select(RoleGoalRow.role_id, RoleGoalRow.skill_id).order_by(
            RoleGoalRow.role_id, RoleGoalRow.position
        )
    ):
        role_goals[role_id].append(skill_id)
    track_goals: dict[tuple[str, str], list[str]] = defaultdict(list)
    for role_id, track_id, skill_id in session.execute(
        select(TrackGoalRow.role_id, TrackGoalRow.track_id, TrackGoalRow.skill_id).order_by(
            TrackGoalRow.role_id, TrackGoalRow.track_id, TrackGoalRow.position
        )
    ):
        track_goals[role_id, track_id].append(skill_id)
    tracks: dict[str, list[Track]] = defaultdict(list)
    in_choice: dict[str, list[str]] = defaultdict(list)
    for t in session.execute(
        select(
            TrackRow.role_id,
            TrackRow.id,
            TrackRow.name,
            TrackRow.summary,
            TrackRow.in_choice,
            TrackRow.later_career,
        ).order_by(TrackRow.role_id, TrackRow.position)
    ):
        goals = tuple(track_goals.get((t.role_id, t.id), ()))
        tracks[t.role_id].append(Track(t.id, t.name, t.summary, goals, bool(t.later_career)))
        if t.in_choice:
            in_choice[t.role_id].append(t.id)
    role = RoleRow.__table__.c
    roles: dict[str, Role] = {}
    for row in session.connection().execute(
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


def save_library(session: Session, library: Library) -> ImportCounts:
    """Add or update every skill and role of `library`; nothing else is touched or deleted.

    Updating replaces a skill's fields, prerequisites and resources and a role's fields and
    goals; the learner's progress, notes and study sessions hang on the ids and stay.
    Editors of a shared library write one after the other.
    """
    serialize(session, "library")
    existing_skills = set(session.scalars(select(SkillRow.id)))
    next_position = (session.scalar(select(func.max(SkillRow.position))) or 0) + 1
    added = updated = 0
    # Skills first, all of them, so that prerequisite edges can point at any of them.
    for skill in library.skills.values():
        if skill.id in existing_skills:
            row = session.get_one(SkillRow, skill.id)
            updated += 1
        else:
            row = SkillRow(id=skill.id, position=next_position)
            next_position += 1
            session.add(row)
            added += 1
        set_skill_fields(row, skill)  # importing a deleted skill brings it back, history and all
    session.flush()
    ids = list(library.skills)
    for chunk in _chunks(ids):
        session.execute(delete(PrerequisiteRow).where(PrerequisiteRow.skill_id.in_(chunk)))
        session.execute(delete(ResourceRow).where(ResourceRow.skill_id.in_(chunk)))
    edges: list[dict[str, object]] = []
    resources: list[dict[str, object]] = []
    for skill in library.skills.values():
        edges += prerequisite_rows(skill)
        resources += resource_rows(skill)
    if edges:
        session.execute(insert(PrerequisiteRow), edges)
    if resources:
        session.execute(insert(ResourceRow), resources)

    roles_added = roles_updated = 0
    role_position = (session.scalar(select(func.max(RoleRow.position))) or 0) + 1
    for role in library.roles.values():
        role_row = session.get(RoleRow, role.id)
        if role_row is None:
            role_row = RoleRow(id=role.id, position=role_position)
            role_position += 1
            session.add(role_row)
            roles_added += 1
        else:
            roles_updated += 1
        set_role_fields(role_row, role)
        # Tracks are updated or added; a track missing from the file is kept, because
        # learners may have chosen it and importing never deletes.
        by_id = {t.id: t for t in role_row.tracks}
        track_position = max((t.position for t in role_row.tracks), default=-1) + 1
        for track in role.tracks:
            track_row = by_id.get(track.id)
            if track_row is None:
                track_row = TrackRow(id=track.id, position=track_position)
                track_position += 1
                role_row.tracks.append(track_row)
            set_track_fields(track_row, track)
        set_track_choice(role_row, role)
    session.flush()
    return ImportCounts(added, updated, roles_added, roles_updated)


# The rows of one skill, role or track, as an import and a library edit both write them.
def set_skill_fields(row: SkillRow, skill: Skill) -> None:
    """Copy a skill's own fields onto its row, which is then not deleted (any more)."""
    row.name, row.area, row.hours = skill.name, skill.area, skill.hours
    row.level, row.summary = skill.level, skill.summary
    row.deleted_at = None


def prerequisite_rows(skill: Skill) -> list[dict[str, object]]:
    """The prerequisite edges of a skill, hard ones first, in order, as rows to insert."""
    hard = [(p, True) for p in skill.requires]
    soft = [(p, False) for p in skill.recommends]
    return [
        {"skill_id": skill.id, "prerequisite_id": p, "hard": h, "position": i}
        for i, (p, h) in enumerate(hard + soft)
    ]


def resource_rows(skill: Skill) -> list[dict[str, object]]:
    """The resources of a skill, in order, as rows to insert."""
    return [
        {
            "skill_id": skill.id,
            "position": i,
            "title": r.title,
            "url": r.url,
            "kind": r.kind,
            "free": r.free,
        }
        for i, r in enumerate(skill.resources)
    ]


def set_track_fields(row: TrackRow, track: Track) -> None:
    """Copy a track's name, summary and goals onto its row (its place is the caller's)."""
    row.name, row.summary = track.name, track.summary
    row.later_career = track.later_career
    row.goals = [TrackGoalRow(skill_id=g, position=i) for i, g in enumerate(track.goals)]


def set_role_fields(row: RoleRow, role: Role) -> None:
    """Copy a role's name, summary, pay and goals onto its row (tracks are the caller's)."""
    row.name, row.summary = role.name, role.summary
    salary = role.salary
    row.salary_amount = salary.amount if salary else None
    row.salary_currency = salary.currency if salary else None
    row.salary_region = salary.region if salary else None
    row.salary_source = salary.source if salary else None
    row.goals = [RoleGoalRow(skill_id=g, position=i) for i, g in enumerate(role.goals)]


def set_track_choice(row: RoleRow, role: Role) -> None:
    """Copy the role's track choice onto its row and its tracks' rows (after the tracks)."""
    choice = role.track_choice
    row.choice_name = choice.name if choice else None
    row.choose_at_least = choice.choose_at_least if choice else 0
    chosen = set(choice.tracks) if choice else set()
    for track_row in row.tracks:
        track_row.in_choice = track_row.id in chosen


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def library_is_empty(session: Session) -> bool:
    """True when no skill has been stored yet."""
    return session.scalar(select(SkillRow.id).limit(1)) is None
