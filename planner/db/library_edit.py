"""Write one library edit: skills and roles replaced, added or deleted, inside the caller's
transaction, with what the learners chose kept aside so that undoing an edit gives it back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select, update

from planner.core.domain import Library, Skill
from planner.core.edit import Choices, LibraryChange
from planner.db import tables
from planner.db.engine import connection_of, serialize
from planner.db.queries.clock import utcnow
from planner.db.queries.library import load_library
from planner.db.queries.library_writes import (
    prerequisite_rows,
    put_role,
    put_row_at_end,
    put_tracks,
    resource_rows,
    skill_fields,
)

if TYPE_CHECKING:
    from planner.db.engine import Tx

_profile, _chosen = tables.profile.c, tables.profile_track.c


def locked_library(tx: Tx) -> Library:
    """The library as stored now, read under the lock its writers take, held until the
    transaction ends: an edit checked against it (a cycle above all) and then written in the
    same transaction cannot cross another editor's edit. On PostgreSQL an advisory lock every
    library writer waits for; SQLite runs one writing transaction at a time already."""
    connection = connection_of(tx)
    serialize(connection, "library")
    return load_library(connection)


def choices_for(tx: Tx, role_ids: Iterable[str]) -> Choices:
    """The learners' choices that hang on these roles."""
    connection = connection_of(tx)
    ids = list(role_ids)
    if not ids:
        return Choices()
    profiles = connection.execute(
        select(_profile.id, _profile.role_id).where(_profile.role_id.in_(ids))
    )
    tracks = connection.execute(
        select(_chosen.profile_id, _chosen.role_id, _chosen.track_id, _chosen.position).where(
            _chosen.role_id.in_(ids)
        )
    )
    return Choices(
        tuple((p, str(r)) for p, r in profiles),
        tuple((p, r, t, pos) for p, r, t, pos in tracks),
    )


def restore_choices(tx: Tx, choices: Choices) -> None:
    """Give learners back the choices an edit took away (those whose role and track exist)."""
    connection = connection_of(tx)
    roles = set(connection.scalars(select(tables.role.c.id)))
    for profile_id, role_id in choices.profile_roles:
        if role_id in roles:
            connection.execute(
                update(tables.profile).where(_profile.id == profile_id).values(role_id=role_id)
            )
    track = tables.track.c
    tracks = {(r, t) for r, t in connection.execute(select(track.role_id, track.id))}
    chosen = {
        (p, r, t)
        for p, r, t in connection.execute(
            select(_chosen.profile_id, _chosen.role_id, _chosen.track_id)
        )
    }
    rows = [
        {"profile_id": p, "role_id": r, "track_id": t, "position": pos}
        for p, r, t, pos in choices.tracks
        if (r, t) in tracks and (p, r, t) not in chosen
    ]
    if rows:
        connection.execute(insert(tables.profile_track), rows)


def write_change(tx: Tx, change: LibraryChange) -> None:
    """Store the change: skills first (goals and edges point at them), then roles. Editors
    of a shared library write one after the other."""
    connection = connection_of(tx)
    serialize(connection, "library")
    for skill in change.skills.values():
        if skill is not None:
            _put_skill(connection, skill)
    for skill in change.skills.values():
        if skill is not None:
            _put_prerequisites(connection, skill)
    for role_id, role in change.roles.items():
        if role is None:  # its goals and tracks go with it; its learners keep no role
            connection.execute(delete(tables.role).where(tables.role.c.id == role_id))
        else:
            put_role(connection, role)
            # Unlike an import, an edit says exactly which tracks the role has: a track left
            # out is removed (with the learners' choice of it, which Choices keeps for undo).
            put_tracks(connection, role, exactly=True)
    for skill_id, skill in change.skills.items():
        if skill is None:
            _delete_skill(connection, skill_id)


def _put_skill(connection: Connection, skill: Skill) -> None:
    """The skill's row with its fields (a new one placed after all the others), and its
    resources."""
    put_row_at_end(connection, tables.skill, skill.id, skill_fields(skill))
    connection.execute(delete(tables.resource).where(tables.resource.c.skill_id == skill.id))
    if resources := resource_rows(skill):
        connection.execute(insert(tables.resource), resources)


def _put_prerequisites(connection: Connection, skill: Skill) -> None:
    connection.execute(
        delete(tables.prerequisite).where(tables.prerequisite.c.skill_id == skill.id)
    )
    if rows := prerequisite_rows(skill):
        connection.execute(insert(tables.prerequisite), rows)


def _delete_skill(connection: Connection, skill_id: str) -> None:
    """Mark the skill deleted; its row stays so that the learner's history on it stays."""
    connection.execute(
        update(tables.skill).where(tables.skill.c.id == skill_id).values(deleted_at=utcnow())
    )
    # Nothing may point at a deleted skill: the change took it out of every list already,
    # these statements only make sure of it.
    edge = tables.prerequisite.c
    connection.execute(delete(tables.prerequisite).where(edge.prerequisite_id == skill_id))
    for goals in (tables.role_goal, tables.track_goal):
        connection.execute(delete(goals).where(goals.c.skill_id == skill_id))
