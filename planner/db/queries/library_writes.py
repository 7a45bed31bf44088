"""The library's writes: imports (add or update, never delete), a skill's, role's, track's rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from sqlalchemy import Table, bindparam, delete, func, insert, select, update

from planner.core.domain import Library, Role, Skill
from planner.core.edit import ImportCounts
from planner.db import tables
from planner.db.engine import connection_of, serialize

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from planner.db.engine import Tx


def save_library(tx: Tx, library: Library) -> ImportCounts:
    """Add or update every skill and role of `library`; nothing else is touched or deleted.

    Updating replaces a skill's fields, prerequisites and resources and a role's fields and
    goals; the learner's progress, notes and study sessions hang on the ids and stay.
    Editors of a shared library write one after the other.
    """
    connection = connection_of(tx)
    serialize(connection, "library")
    stored = tables.skill.c
    existing_skills = set(connection.scalars(select(stored.id)))
    next_position = (connection.scalar(select(func.max(stored.position))) or 0) + 1
    changed: list[dict[str, object]] = []
    new: list[dict[str, object]] = []
    # Skills first, all of them, so that prerequisite edges can point at any of them. Importing
    # a deleted skill brings it back, history and all.
    for skill in library.skills.values():
        if skill.id in existing_skills:
            changed.append({"skill": skill.id, **skill_fields(skill)})
        else:
            new.append({"id": skill.id, "position": next_position, **skill_fields(skill)})
            next_position += 1
    if changed:
        connection.execute(update(tables.skill).where(stored.id == bindparam("skill")), changed)
    if new:
        connection.execute(insert(tables.skill), new)
    for chunk in _chunks(list(library.skills)):
        connection.execute(
            delete(tables.prerequisite).where(tables.prerequisite.c.skill_id.in_(chunk))
        )
        connection.execute(delete(tables.resource).where(tables.resource.c.skill_id.in_(chunk)))
    edges: list[dict[str, object]] = []
    resources: list[dict[str, object]] = []
    for skill in library.skills.values():
        edges += prerequisite_rows(skill)
        resources += resource_rows(skill)
    if edges:
        connection.execute(insert(tables.prerequisite), edges)
    if resources:
        connection.execute(insert(tables.resource), resources)
    roles_added = 0
    for role in library.roles.values():
        roles_added += put_role(connection, role)
        # Tracks are updated or added; a track missing from the file is kept, because
        # learners may have chosen it and importing never deletes.
        put_tracks(connection, role, exactly=False)
    roles = len(library.roles)
    return ImportCounts(len(new), len(changed), roles_added, roles - roles_added)


def skill_fields(skill: Skill) -> dict[str, object]:
    """A skill's own fields as its row holds them; the row is then not deleted (any more)."""
    return {
        "name": skill.name,
        "area": skill.area,
        "hours": skill.hours,
        "level": skill.level,
        "summary": skill.summary,
        "deleted_at": None,
    }


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


def put_row_at_end(
    connection: Connection, table: Table, row_id: str, fields: Mapping[str, object]
) -> bool:
    """Give the skill or role of this id these fields; a new one (True) is placed after all
    the others."""
    if connection.execute(update(table).where(table.c.id == row_id).values(fields)).rowcount:
        return False
    position = (connection.scalar(select(func.max(table.c.position))) or 0) + 1
    connection.execute(insert(table).values(id=row_id, position=position, **fields))
    return True


def put_role(connection: Connection, role: Role) -> bool:
    """A role's name, summary, pay, track choice and goals on its row (tracks are the
    caller's: `put_tracks`); True when the role is new."""
    salary, choice = role.salary, role.track_choice
    fields = {
        "name": role.name,
        "summary": role.summary,
        "salary_amount": salary.amount if salary else None,
        "salary_currency": salary.currency if salary else None,
        "salary_region": salary.region if salary else None,
        "salary_source": salary.source if salary else None,
        "choice_name": choice.name if choice else None,
        "choose_at_least": choice.choose_at_least if choice else 0,
    }
    added = put_row_at_end(connection, tables.role, role.id, fields)
    _put_goals(connection, tables.role_goal, {"role_id": role.id}, role.goals)
    return added


def put_tracks(connection: Connection, role: Role, *, exactly: bool) -> None:
    """A role's tracks with their names, summaries and goals, and which of them its track
    choice offers. `exactly`: the role has these tracks, in this order, and no other (a
    library edit); otherwise tracks are updated or added after the others (an import)."""
    t = tables.track.c
    of_role = t.role_id == role.id
    positions: dict[str, int] = dict(
        connection.execute(select(t.id, t.position).where(of_role)).all()
    )
    if exactly:  # a track left out goes, with the learners' choice of it (Choices keep it)
        gone = set(positions) - {track.id for track in role.tracks}
        if gone:
            connection.execute(delete(tables.track).where(of_role, t.id.in_(gone)))
    next_position = max(positions.values(), default=-1) + 1
    for i, track in enumerate(role.tracks):
        fields: dict[str, object] = {
            "name": track.name,
            "summary": track.summary,
            "later_career": track.later_career,
        }
        if exactly:
            fields["position"] = i
        if track.id in positions:
            connection.execute(update(tables.track).where(of_role, t.id == track.id).values(fields))
        else:
            fields.setdefault("position", next_position)
            next_position += 1
            connection.execute(insert(tables.track).values(role_id=role.id, id=track.id, **fields))
        key = {"role_id": role.id, "track_id": track.id}
        _put_goals(connection, tables.track_goal, key, track.goals)
    chosen = list(role.track_choice.tracks) if role.track_choice else []
    connection.execute(update(tables.track).where(of_role).values(in_choice=t.id.in_(chosen)))


def _put_goals(
    connection: Connection, table: Table, owner: dict[str, str], goals: Iterable[str]
) -> None:
    """The goals of a role or a track (`owner`: its key), in order, and no others."""
    connection.execute(
        delete(table).where(*(table.c[column] == value for column, value in owner.items()))
    )
    rows = [{**owner, "skill_id": skill_id, "position": i} for i, skill_id in enumerate(goals)]
    if rows:
        connection.execute(insert(table), rows)


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
