"""Queries: the library in and out of the database, profiles, statuses and study sessions.

Functions take a Session inside the caller's transaction and return plain data, never ORM
objects, so views and background threads can hold on to what they get.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from planner.core.model import Library, Resource, Role, Salary, Skill, Track
from planner.core.perf import paused_gc
from planner.db.models import (
    NoteRow,
    PrerequisiteRow,
    ProfileRow,
    ProfileTrackRow,
    ProgressEventRow,
    ResourceRow,
    RoleGoalRow,
    RoleRow,
    SkillRow,
    SkillStateRow,
    StudySessionRow,
    TrackGoalRow,
    TrackRow,
)


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (SQLite stores naive datetimes)."""
    return datetime.now(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------------------- library
def load_library(session: Session) -> Library:
    """The whole library, in a handful of queries whatever its size."""
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
    requires: dict[str, list[str]] = defaultdict(list)
    recommends: dict[str, list[str]] = defaultdict(list)
    edges = run(
        select(prereq.skill_id, prereq.prerequisite_id, prereq.hard).order_by(
            prereq.skill_id, prereq.position
        )
    ).all()
    for skill_id, prerequisite_id, hard in edges:
        (requires if hard else recommends)[skill_id].append(prerequisite_id)
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
            tuple(requires[skill_id]) if skill_id in requires else empty,
            tuple(recommends[skill_id]) if skill_id in recommends else empty,
            tuple(resources[skill_id]) if skill_id in resources else (),
        )
        for skill_id, name, area, hours, level, summary in run(
            select(
                skill.id, skill.name, skill.area, skill.hours, skill.level, skill.summary
            ).order_by(skill.position, skill.id)
        ).all()
    }
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
    for t in session.execute(
        select(TrackRow.role_id, TrackRow.id, TrackRow.name, TrackRow.summary).order_by(
            TrackRow.role_id, TrackRow.position
        )
    ):
        tracks[t.role_id].append(
            Track(t.id, t.name, t.summary, tuple(track_goals.get((t.role_id, t.id), ())))
        )
    roles: dict[str, Role] = {}
    for row in session.scalars(select(RoleRow).order_by(RoleRow.position, RoleRow.id)):
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
        )
    return Library(skills, roles)


@dataclass(frozen=True)
class ImportCounts:
    """What an import did."""

    skills_added: int = 0
    skills_updated: int = 0
    roles_added: int = 0
    roles_updated: int = 0


def save_library(session: Session, library: Library) -> ImportCounts:
    """Add or update every skill and role of `library`; nothing else is touched or deleted.

    Updating replaces a skill's fields, prerequisites and resources and a role's fields and
    goals; the learner's progress, notes and study sessions hang on the ids and stay.
    """
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
        row.name, row.area, row.hours = skill.name, skill.area, skill.hours
        row.level, row.summary = skill.level, skill.summary
    session.flush()
    ids = list(library.skills)
    for chunk in _chunks(ids):
        session.execute(delete(PrerequisiteRow).where(PrerequisiteRow.skill_id.in_(chunk)))
        session.execute(delete(ResourceRow).where(ResourceRow.skill_id.in_(chunk)))
    edges: list[dict[str, object]] = []
    resources: list[dict[str, object]] = []
    for skill in library.skills.values():
        for position, prereq in enumerate(skill.requires):
            edges.append(
                {
                    "skill_id": skill.id,
                    "prerequisite_id": prereq,
                    "hard": True,
                    "position": position,
                }
            )
        offset = len(skill.requires)
        for position, prereq in enumerate(skill.recommends, start=offset):
            edges.append(
                {
                    "skill_id": skill.id,
                    "prerequisite_id": prereq,
                    "hard": False,
                    "position": position,
                }
            )
        for position, r in enumerate(skill.resources):
            resources.append(
                {
                    "skill_id": skill.id,
                    "position": position,
                    "title": r.title,
                    "url": r.url,
                    "kind": r.kind,
                    "free": r.free,
                }
            )
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
        role_row.name, role_row.summary = role.name, role.summary
        salary = role.salary
        role_row.salary_amount = salary.amount if salary else None
        role_row.salary_currency = salary.currency if salary else None
        role_row.salary_region = salary.region if salary else None
        role_row.salary_source = salary.source if salary else None
        role_row.goals = [RoleGoalRow(skill_id=g, position=i) for i, g in enumerate(role.goals)]
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
            track_row.name, track_row.summary = track.name, track.summary
            track_row.goals = [
                TrackGoalRow(skill_id=g, position=i) for i, g in enumerate(track.goals)
            ]
    session.flush()
    return ImportCounts(added, updated, roles_added, roles_updated)


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def library_is_empty(session: Session) -> bool:
    """True when no skill has been stored yet."""
    return session.scalar(select(SkillRow.id).limit(1)) is None


# ---------------------------------------------------------------------------- profiles
@dataclass(frozen=True)
class Profile:
    """A learner's settings."""

    id: int
    name: str
    role: str | None
    tracks: tuple[str, ...]  # of the current role
    hours_per_week: float
    start: date | None
    strategy: str


def get_profile(session: Session, name: str) -> Profile | None:
    """The profile with this name, or None."""
    row = session.scalar(select(ProfileRow).where(ProfileRow.name == name))
    return None if row is None else _profile(session, row)


def _profile(session: Session, row: ProfileRow) -> Profile:
    tracks: tuple[str, ...] = ()
    if row.role_id is not None:
        tracks = tuple(
            session.scalars(
                select(ProfileTrackRow.track_id)
                .where(ProfileTrackRow.profile_id == row.id, ProfileTrackRow.role_id == row.role_id)
                .order_by(ProfileTrackRow.position)
            )
        )
    return Profile(
        row.id, row.name, row.role_id, tracks, row.hours_per_week, row.start_date, row.strategy
    )


def list_profiles(session: Session) -> list[Profile]:
    """Every profile, by name as people sort them (case does not matter)."""
    rows = session.scalars(
        select(ProfileRow).order_by(func.lower(ProfileRow.name), ProfileRow.name)
    )
    return [_profile(session, row) for row in rows]


def create_profile(session: Session, name: str) -> Profile:
    """A new profile with default settings."""
    row = ProfileRow(
        name=name, hours_per_week=10, strategy="foundations-first", created_at=utcnow()
    )
    session.add(row)
    session.flush()
    return _profile(session, row)


def update_profile(
    session: Session,
    profile_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    tracks: Iterable[str] | None = None,
    hours_per_week: float | None = None,
    start: date | None = None,
    strategy: str | None = None,
) -> Profile:
    """Change some of a profile's settings; tracks are those of the (new) role."""
    row = session.get_one(ProfileRow, profile_id)
    if name is not None:
        row.name = name
    if role is not None:
        row.role_id = role
    if hours_per_week is not None:
        row.hours_per_week = hours_per_week
    if start is not None:
        row.start_date = start
    if strategy is not None:
        row.strategy = strategy
    if tracks is not None and row.role_id is not None:
        session.execute(
            delete(ProfileTrackRow).where(
                ProfileTrackRow.profile_id == profile_id, ProfileTrackRow.role_id == row.role_id
            )
        )
        for position, track_id in enumerate(dict.fromkeys(tracks)):
            session.add(
                ProfileTrackRow(
                    profile_id=profile_id, role_id=row.role_id, track_id=track_id, position=position
                )
            )
    session.flush()
    return _profile(session, row)


def delete_profile(session: Session, profile_id: int) -> None:
    """Delete a profile and everything recorded for it."""
    session.delete(session.get_one(ProfileRow, profile_id))


# ---------------------------------------------------------------------------- progress
def statuses(session: Session, profile_id: int) -> dict[str, str]:
    """The current status of every skill that has one (todo is the default, left out)."""
    rows = session.execute(
        select(SkillStateRow.skill_id, SkillStateRow.status).where(
            SkillStateRow.profile_id == profile_id, SkillStateRow.status != "todo"
        )
    )
    return {skill_id: status for skill_id, status in rows}  # noqa: C416 (rows are Row tuples)


def record_status(session: Session, profile_id: int, skill_id: str, status: str, day: date) -> str:
    """Append a status change and update the current status; returns the previous status."""
    state = session.get(SkillStateRow, (profile_id, skill_id))
    previous = state.status if state is not None else "todo"
    event = ProgressEventRow(
        profile_id=profile_id, skill_id=skill_id, status=status, day=day, recorded_at=utcnow()
    )
    session.add(event)
    session.flush()
    if state is None:
        session.add(
            SkillStateRow(
                profile_id=profile_id,
                skill_id=skill_id,
                status=status,
                since=day,
                event_id=event.id,
            )
        )
    else:
        state.status, state.since, state.event_id = status, day, event.id
    session.flush()
    return previous


@dataclass(frozen=True)
class StudySession:
    """Time spent on a skill on a day."""

    id: int
    skill: str
    day: date
    minutes: int
    note: str


def add_study_session(
    session: Session, profile_id: int, skill_id: str, day: date, minutes: int, note: str
) -> StudySession:
    """Record a study session."""
    row = StudySessionRow(
        profile_id=profile_id,
        skill_id=skill_id,
        day=day,
        minutes=minutes,
        note=note,
        recorded_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return StudySession(row.id, skill_id, day, minutes, note)


def delete_study_session(session: Session, profile_id: int, session_id: int) -> bool:
    """Delete one study session of a profile; False when there is none with that id."""
    row = session.get(StudySessionRow, session_id)
    if row is None or row.profile_id != profile_id:
        return False
    session.delete(row)
    session.flush()
    return True


def study_sessions(session: Session, profile_id: int) -> list[StudySession]:
    """Every study session of a profile, oldest first."""
    rows = session.execute(
        select(
            StudySessionRow.id,
            StudySessionRow.skill_id,
            StudySessionRow.day,
            StudySessionRow.minutes,
            StudySessionRow.note,
        )
        .where(StudySessionRow.profile_id == profile_id)
        .order_by(StudySessionRow.day, StudySessionRow.id)
    )
    return [StudySession(r.id, r.skill_id, r.day, r.minutes, r.note) for r in rows]


def minutes_by_skill(session: Session, profile_id: int) -> Mapping[str, int]:
    """Total minutes studied per skill."""
    rows = session.execute(
        select(StudySessionRow.skill_id, func.sum(StudySessionRow.minutes))
        .where(StudySessionRow.profile_id == profile_id)
        .group_by(StudySessionRow.skill_id)
    )
    return {skill_id: int(total) for skill_id, total in rows}


def progress_events(session: Session, profile_id: int) -> list[tuple[date, str, str]]:
    """Every status change of a profile as (day, skill, status), in the order entered."""
    rows = session.execute(
        select(ProgressEventRow.day, ProgressEventRow.skill_id, ProgressEventRow.status)
        .where(ProgressEventRow.profile_id == profile_id)
        .order_by(ProgressEventRow.id)
    )
    return [(r.day, r.skill_id, r.status) for r in rows]


# ---------------------------------------------------------------------------- notes
def get_note(session: Session, profile_id: int, skill_id: str) -> str:
    """The learner's note on a skill ('' when none)."""
    row = session.get(NoteRow, (profile_id, skill_id))
    return row.text if row is not None else ""


def set_note(session: Session, profile_id: int, skill_id: str, text: str) -> None:
    """Write the learner's note on a skill."""
    row = session.get(NoteRow, (profile_id, skill_id))
    if row is None:
        session.add(
            NoteRow(profile_id=profile_id, skill_id=skill_id, text=text, updated_at=utcnow())
        )
    else:
        row.text, row.updated_at = text, utcnow()
    session.flush()
