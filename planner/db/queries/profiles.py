"""Queries on profiles: a learner's settings, created, read, changed and deleted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from planner.core.agenda import StudySlot, parse_slots, slots_text
from planner.core.records import Profile
from planner.db.queries.clock import utcnow
from planner.db.tables import (
    ProfileRow,
    ProfileTrackRow,
)
from planner.errors import PlannerError


def lock_profile(session: Session, profile_id: int) -> None:
    """Make every other transaction that writes this learner's data wait until this one ends.

    Writes of a learner read before they write (the current status before the timeline is
    restated, whether a note or a timer exists): on a server, two of them at once would each
    read what the other is about to change. SQLite writes one transaction at a time anyway
    (BEGIN IMMEDIATE), and its SQL has no FOR UPDATE: nothing is added there. On PostgreSQL
    it is FOR NO KEY UPDATE, which rows referring to the profile do not wait for."""
    session.execute(
        select(ProfileRow.id).where(ProfileRow.id == profile_id).with_for_update(key_share=True)
    )


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
        _slots(row.study_slots),
        bool(row.plan_by_pace),
    )


def _slots(text: str | None) -> tuple[StudySlot, ...]:
    """The stored study slots (written by `update_profile` from parsed slots, so they parse;
    a hand-edited value that does not counts as none set rather than breaking the profile)."""
    try:
        return tuple(parse_slots(text or ""))
    except PlannerError:
        return ()


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
    study_slots: Iterable[StudySlot] | None = None,
    plan_by_pace: bool | None = None,
) -> Profile:
    """Change some of a profile's settings; tracks are those of the (new) role. A target date
    is set by giving it and removed with `clear_target_date` (None means "leave it"); study
    slots are stored as a learner writes them (no slots: none set)."""
    lock_profile(session, profile_id)
    row = session.get_one(ProfileRow, profile_id, populate_existing=True)
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
    if study_slots is not None:
        row.study_slots = slots_text(study_slots)
    if plan_by_pace is not None:
        row.plan_by_pace = plan_by_pace
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
