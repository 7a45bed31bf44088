"""Queries: the library in and out of the database, profiles, statuses and study sessions.

Functions take a Session inside the caller's transaction and return plain data, never ORM
objects, so views and background threads can hold on to what they get.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Select, String, delete, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from planner.core.model import Library, Resource, Role, Salary, Skill, Track, TrackChoice
from planner.core.perf import paused_gc
from planner.core.progress import History
from planner.core.records import Activity, ImportCounts, Profile, StudySession
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
    StatusTimelineRow,
    StudySessionChangeRow,
    StudySessionRow,
    TrackGoalRow,
    TrackRow,
)


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (SQLite stores naive datetimes)."""
    return datetime.now(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------------------- library
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
            _track_choice(row, in_choice.get(row.id, [])),
        )
    return Library(skills, roles)


def _track_choice(row: RoleRow, tracks: list[str]) -> TrackChoice | None:
    if row.choose_at_least < 1 or row.choice_name is None or not tracks:
        return None
    return TrackChoice(row.choice_name, row.choose_at_least, tuple(tracks))


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
        row.deleted_at = None  # importing a deleted skill brings it back, history and all
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
            track_row.name, track_row.summary = track.name, track.summary
            track_row.later_career = track.later_career
            track_row.goals = [
                TrackGoalRow(skill_id=g, position=i) for i, g in enumerate(track.goals)
            ]
        set_track_choice(role_row, role)
    session.flush()
    return ImportCounts(added, updated, roles_added, roles_updated)


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


# ---------------------------------------------------------------------------- profiles
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
        row.id,
        row.name,
        row.role_id,
        tracks,
        row.hours_per_week,
        row.start_date,
        row.strategy,
        row.target_date,
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
    target_date: date | None = None,
    clear_target_date: bool = False,
) -> Profile:
    """Change some of a profile's settings; tracks are those of the (new) role. A target date
    is set by giving it and removed with `clear_target_date` (None means "leave it")."""
    row = session.get_one(ProfileRow, profile_id)
    if target_date is not None:
        row.target_date = target_date
    elif clear_target_date:
        row.target_date = None
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


def in_progress_since(session: Session, profile_id: int) -> dict[str, date]:
    """The day each skill now in progress was started (its current status's day)."""
    rows = session.execute(
        select(SkillStateRow.skill_id, SkillStateRow.since).where(
            SkillStateRow.profile_id == profile_id, SkillStateRow.status == "in-progress"
        )
    )
    return {skill_id: since for skill_id, since in rows}  # noqa: C416 (rows are Row tuples)


def status_of(session: Session, profile_id: int, skill_id: str) -> str:
    """The current status a learner gave a skill (todo when none)."""
    state = session.get(SkillStateRow, (profile_id, skill_id))
    return state.status if state is not None else "todo"


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
    _restate_timeline(session, profile_id, skill_id, day, status, event.id)
    session.flush()
    return previous


def _restate_timeline(
    session: Session, profile_id: int, skill_id: str, day: date, status: str, event_id: int
) -> None:
    """Keep the status timeline in step with a new entry: from `day` on the skill has
    `status`, whatever was recorded for those days before (see core.progress.status_timeline)."""
    t = StatusTimelineRow
    this_skill = (t.profile_id == profile_id, t.skill_id == skill_id)
    session.execute(delete(t).where(*this_skill, t.day >= day))
    before = session.scalar(
        select(t.status).where(*this_skill, t.day < day).order_by(t.day.desc()).limit(1)
    )
    if (before or "todo") != status:
        session.execute(
            insert(t).values(
                profile_id=profile_id, skill_id=skill_id, day=day, status=status, event_id=event_id
            )
        )


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
    """Delete one study session of a profile, keeping it in the history (marked deleted, the
    deletion logged); False when the profile has no such session, or it is already deleted."""
    row = session.get(StudySessionRow, session_id)
    if row is None or row.profile_id != profile_id or row.deleted_at is not None:
        return False
    row.deleted_at = utcnow()
    _log_session_change(session, row, "delete")
    session.flush()
    return True


def restore_study_session(session: Session, profile_id: int, session_id: int) -> bool:
    """Bring a deleted study session back; False when there is no such deleted session."""
    row = session.get(StudySessionRow, session_id)
    if row is None or row.profile_id != profile_id or row.deleted_at is None:
        return False
    row.deleted_at = None
    _log_session_change(session, row, "restore")
    session.flush()
    return True


def get_study_session(session: Session, profile_id: int, session_id: int) -> StudySession | None:
    """One study session of a profile (deleted ones included), or None."""
    row = session.get(StudySessionRow, session_id)
    if row is None or row.profile_id != profile_id:
        return None
    return StudySession(
        row.id, row.skill_id, row.day, row.minutes, row.note, row.deleted_at is not None
    )


def edit_study_session(
    session: Session, profile_id: int, session_id: int, day: date, minutes: int, note: str
) -> StudySession | None:
    """Correct a study session that is not deleted, logging the values it had; None when the
    profile has no such session."""
    row = session.get(StudySessionRow, session_id)
    if row is None or row.profile_id != profile_id or row.deleted_at is not None:
        return None
    if (row.day, row.minutes, row.note) != (day, minutes, note):
        _log_session_change(session, row, "edit", day, minutes, note)
        row.day, row.minutes, row.note = day, minutes, note
    session.flush()
    return StudySession(row.id, row.skill_id, row.day, row.minutes, row.note)


def _log_session_change(
    session: Session,
    row: StudySessionRow,
    action: str,
    day: date | None = None,
    minutes: int | None = None,
    note: str | None = None,
) -> None:
    session.add(
        StudySessionChangeRow(
            profile_id=row.profile_id,
            session_id=row.id,
            action=action,
            old_day=row.day,
            old_minutes=row.minutes,
            old_note=row.note,
            new_day=day,
            new_minutes=minutes,
            new_note=note,
            recorded_at=utcnow(),
        )
    )


def study_sessions(session: Session, profile_id: int) -> list[StudySession]:
    """Every study session of a profile (not the deleted ones), oldest first."""
    rows = session.execute(
        select(
            StudySessionRow.id,
            StudySessionRow.skill_id,
            StudySessionRow.day,
            StudySessionRow.minutes,
            StudySessionRow.note,
        )
        .where(StudySessionRow.profile_id == profile_id, StudySessionRow.deleted_at.is_(None))
        .order_by(StudySessionRow.day, StudySessionRow.id)
    )
    return [StudySession(r.id, r.skill_id, r.day, r.minutes, r.note) for r in rows]


def minutes_by_skill(session: Session, profile_id: int) -> Mapping[str, int]:
    """Total minutes studied per skill."""
    rows = session.execute(
        select(StudySessionRow.skill_id, func.sum(StudySessionRow.minutes))
        .where(StudySessionRow.profile_id == profile_id, StudySessionRow.deleted_at.is_(None))
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


def progress_history(session: Session, profile_id: int) -> History:
    """What every progress figure needs, summed by the database: minutes per study day (from
    an index alone) and the status timeline. Neither grows with the number of entries."""
    s = StudySessionRow.__table__.c
    t = StatusTimelineRow.__table__.c
    run = session.connection().execute
    # Days come back as text and are read once per distinct day, not once per row: tens of
    # thousands of timeline rows share a few thousand days. (Drivers that return dates, like
    # PostgreSQL's, pass through.)
    day_text = type_coerce(t.day, String)
    days: dict[object, date] = {}

    def day_of(value: object) -> date:
        found = days.get(value)
        if found is None:
            found = days[value] = (
                value if isinstance(value, date) else date.fromisoformat(str(value))
            )
        return found

    with paused_gc():
        daily = run(
            select(type_coerce(s.day, String), func.sum(s.minutes))
            .where(s.profile_id == profile_id, s.deleted_at.is_(None))
            .group_by(s.day)
            .order_by(s.day)
        ).all()
        changes = run(
            select(day_text, t.skill_id, t.status)
            .where(t.profile_id == profile_id)
            .order_by(t.day, t.skill_id)
        ).all()
        return History(
            tuple((day_of(day), int(minutes)) for day, minutes in daily),
            tuple((day_of(day), skill, status) for day, skill, status in changes),
        )


_ORDER = {"status": 0, "logged": 1, "edited": 2, "deleted": 2, "restored": 2}


def recent_activity(session: Session, profile_id: int, limit: int = 50) -> list[Activity]:
    """The learner's newest entries of every kind, newest first. Each table is read newest
    first from an index and only `limit` rows of each, however long the history."""
    e = ProgressEventRow.__table__.alias("e")
    earlier = ProgressEventRow.__table__.alias("earlier")
    same_skill = (earlier.c.profile_id == e.c.profile_id, earlier.c.skill_id == e.c.skill_id)
    previous = (
        select(earlier.c.status)
        .where(*same_skill, earlier.c.id < e.c.id)
        .order_by(earlier.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    later = select(earlier.c.id).where(*same_skill, earlier.c.id > e.c.id).exists()
    run = session.connection().execute
    found: list[Activity] = [
        Activity(
            "status",
            r.id,
            r.recorded_at,
            r.skill_id,
            r.day,
            status=r.status,
            previous=r.previous or "todo",
            latest=not r.later,
        )
        for r in run(
            select(
                e.c.id,
                e.c.recorded_at,
                e.c.skill_id,
                e.c.day,
                e.c.status,
                previous.label("previous"),
                later.label("later"),
            )
            .where(e.c.profile_id == profile_id)
            .order_by(e.c.id.desc())
            .limit(limit)
        )
    ]
    s = StudySessionRow.__table__.c
    found.extend(
        Activity(
            "logged",
            r.id,
            r.recorded_at,
            r.skill_id,
            r.day,
            session_id=r.id,
            minutes=r.minutes,
            note=r.note,
            session_deleted=r.deleted_at is not None,
        )
        for r in run(
            select(s.id, s.recorded_at, s.skill_id, s.day, s.minutes, s.note, s.deleted_at)
            .where(s.profile_id == profile_id)
            .order_by(s.id.desc())
            .limit(limit)
        )
    )
    c = StudySessionChangeRow.__table__.c
    kinds = {"edit": "edited", "delete": "deleted", "restore": "restored"}
    found.extend(
        Activity(
            kinds[r.action],
            r.id,
            r.recorded_at,
            r.skill_id,
            r.new_day or r.old_day,
            session_id=r.session_id,
            minutes=r.new_minutes or r.old_minutes,
            note=r.new_note if r.new_note is not None else r.old_note,
            old_day=r.old_day if r.action == "edit" else None,
            old_minutes=r.old_minutes if r.action == "edit" else None,
            session_deleted=r.deleted_at is not None,
        )
        for r in run(
            select(
                c.id,
                c.recorded_at,
                c.session_id,
                c.action,
                c.old_day,
                c.old_minutes,
                c.old_note,
                c.new_day,
                c.new_minutes,
                c.new_note,
                s.skill_id,
                s.deleted_at,
            )
            .join_from(StudySessionChangeRow.__table__, StudySessionRow.__table__)
            .where(c.profile_id == profile_id)
            .order_by(c.id.desc())
            .limit(limit)
        )
    )
    found.sort(key=lambda a: (a.recorded_at, _ORDER[a.kind], a.id), reverse=True)
    return found[:limit]


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
