"""Write one library edit: skills and roles replaced, added or deleted, inside the caller's
transaction, with what the learners chose kept aside so that undoing an edit gives it back."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from planner.core.domain import Library, Role, Skill
from planner.core.edit import LibraryChange
from planner.core.records import Choices
from planner.db.engine import serialize
from planner.db.queries.clock import utcnow
from planner.db.queries.library import load_library, set_role_fields, set_track_choice
from planner.db.tables import (
    PrerequisiteRow,
    ProfileRow,
    ProfileTrackRow,
    ResourceRow,
    RoleGoalRow,
    RoleRow,
    SkillRow,
    TrackGoalRow,
    TrackRow,
)


def locked_library(session: Session) -> Library:
    """The library as stored now, read under the lock its writers take, held until the
    transaction ends: an edit checked against it (a cycle above all) and then written in the
    same transaction cannot cross another editor's edit. On PostgreSQL an advisory lock every
    library writer waits for; SQLite runs one writing transaction at a time already."""
    serialize(session, "library")
    return load_library(session)


def choices_for(session: Session, role_ids: Iterable[str]) -> Choices:
    """The learners' choices that hang on these roles."""
    ids = list(role_ids)
    if not ids:
        return Choices()
    profiles = session.execute(
        select(ProfileRow.id, ProfileRow.role_id).where(ProfileRow.role_id.in_(ids))
    )
    tracks = session.execute(
        select(
            ProfileTrackRow.profile_id,
            ProfileTrackRow.role_id,
            ProfileTrackRow.track_id,
            ProfileTrackRow.position,
        ).where(ProfileTrackRow.role_id.in_(ids))
    )
    return Choices(
        tuple((p, str(r)) for p, r in profiles),
        tuple((p, r, t, pos) for p, r, t, pos in tracks),
    )


def restore_choices(session: Session, choices: Choices) -> None:
    """Give learners back the choices an edit took away (those whose role and track exist)."""
    roles = set(session.scalars(select(RoleRow.id)))
    for profile_id, role_id in choices.profile_roles:
        if role_id in roles:
            session.execute(
                update(ProfileRow).where(ProfileRow.id == profile_id).values(role_id=role_id)
            )
    tracks = {(r, t) for r, t in session.execute(select(TrackRow.role_id, TrackRow.id))}
    chosen = {
        (p, r, t)
        for p, r, t in session.execute(
            select(ProfileTrackRow.profile_id, ProfileTrackRow.role_id, ProfileTrackRow.track_id)
        )
    }
    rows = [
        {"profile_id": p, "role_id": r, "track_id": t, "position": pos}
        for p, r, t, pos in choices.tracks
        if (r, t) in tracks and (p, r, t) not in chosen
    ]
    if rows:
        session.execute(insert(ProfileTrackRow), rows)


def write_change(session: Session, change: LibraryChange) -> None:
    """Store the change: skills first (goals and edges point at them), then roles. Editors
    of a shared library write one after the other."""
    serialize(session, "library")
    for skill in change.skills.values():
        if skill is not None:
            _put_skill(session, skill)
    session.flush()
    for skill in change.skills.values():
        if skill is not None:
            _put_prerequisites(session, skill)
    for role_id, role in change.roles.items():
        if role is None:
            row = session.get(RoleRow, role_id)
            if row is not None:
                session.delete(row)
        else:
            _put_role(session, role)
    session.flush()
    for skill_id, skill in change.skills.items():
        if skill is None:
            _delete_skill(session, skill_id)
    session.flush()


def _put_skill(session: Session, skill: Skill) -> None:
    row = session.get(SkillRow, skill.id)
    if row is None:
        position = (session.scalar(select(func.max(SkillRow.position))) or 0) + 1
        row = SkillRow(id=skill.id, position=position)
        session.add(row)
    row.name, row.area, row.hours = skill.name, skill.area, skill.hours
    row.level, row.summary = skill.level, skill.summary
    row.deleted_at = None
    session.execute(delete(ResourceRow).where(ResourceRow.skill_id == skill.id))
    resources = [
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
    if resources:
        session.execute(insert(ResourceRow), resources)


def _put_prerequisites(session: Session, skill: Skill) -> None:
    session.execute(delete(PrerequisiteRow).where(PrerequisiteRow.skill_id == skill.id))
    edges = [
        {"skill_id": skill.id, "prerequisite_id": p, "hard": True, "position": i}
        for i, p in enumerate(skill.requires)
    ]
    edges += [
        {"skill_id": skill.id, "prerequisite_id": p, "hard": False, "position": i}
        for i, p in enumerate(skill.recommends, start=len(skill.requires))
    ]
    if edges:
        session.execute(insert(PrerequisiteRow), edges)


def _delete_skill(session: Session, skill_id: str) -> None:
    """Mark the skill deleted; its row stays so that the learner's history on it stays."""
    session.execute(update(SkillRow).where(SkillRow.id == skill_id).values(deleted_at=utcnow()))
    # Nothing may point at a deleted skill: the change took it out of every list already,
    # these statements only make sure of it.
    session.execute(delete(PrerequisiteRow).where(PrerequisiteRow.prerequisite_id == skill_id))
    session.execute(delete(RoleGoalRow).where(RoleGoalRow.skill_id == skill_id))
    session.execute(delete(TrackGoalRow).where(TrackGoalRow.skill_id == skill_id))


def _put_role(session: Session, role: Role) -> None:
    row = session.get(RoleRow, role.id)
    if row is None:
        position = (session.scalar(select(func.max(RoleRow.position))) or 0) + 1
        row = RoleRow(id=role.id, position=position)
        session.add(row)
    set_role_fields(row, role)
    # Unlike an import, an edit says exactly which tracks the role has: a track left out is
    # removed (with the learners' choice of it, which Choices keeps for undo).
    by_id = {t.id: t for t in row.tracks}
    tracks = []
    for position, track in enumerate(role.tracks):
        track_row = by_id.get(track.id) or TrackRow(id=track.id)
        track_row.position = position
        track_row.name, track_row.summary = track.name, track.summary
        track_row.later_career = track.later_career
        track_row.goals = [TrackGoalRow(skill_id=g, position=i) for i, g in enumerate(track.goals)]
        tracks.append(track_row)
    row.tracks = tracks
    set_track_choice(row, role)
