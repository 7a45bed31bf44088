"""SQLAlchemy models: the shared skill library, and each learner's profile and history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from planner.core.status import SETTABLE

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The statuses a learner sets, stored as their plain values; `implied` is derived, never stored.
# (Migrations 0001 and 0002 spell out the same list: the schema they built must not move.)
_STATUS_STORED = "status IN ({})".format(", ".join(f"'{s.value}'" for s in SETTABLE))

ID = String(64)


class Base(DeclarativeBase):
    """The one declarative base; its naming convention keeps migrations portable."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# ---------------------------------------------------------------------------- library
class SkillRow(Base):
    """A skill of the library."""

    __tablename__ = "skill"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(200))
    hours: Mapped[float] = mapped_column(Float)
    level: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)  # order of definition in files
    # Deleting a skill only marks it: the learner's history hangs on its id (migration 0003).
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    prerequisites: Mapped[list[PrerequisiteRow]] = relationship(
        foreign_keys="PrerequisiteRow.skill_id",
        order_by="PrerequisiteRow.position",
        cascade="all, delete-orphan",
    )
    resources: Mapped[list[ResourceRow]] = relationship(
        order_by="ResourceRow.position", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("hours > 0", name="hours_positive"),)


class PrerequisiteRow(Base):
    """An edge of the prerequisite graph: `prerequisite_id` comes before `skill_id`."""

    __tablename__ = "prerequisite"

    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True
    )
    prerequisite_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    hard: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("skill_id <> prerequisite_id", name="not_itself"),)


class ResourceRow(Base):
    """A course, book, page or tool that teaches a skill."""

    __tablename__ = "resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000))
    kind: Mapped[str | None] = mapped_column(String(20))
    free: Mapped[bool | None] = mapped_column()


class RoleRow(Base):
    """A target role."""

    __tablename__ = "role"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    salary_amount: Mapped[float | None] = mapped_column(Float)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    salary_region: Mapped[str | None] = mapped_column(String(200))
    salary_source: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The role's track choice (migration 0004): its name, and how many of the tracks marked
    # `in_choice` a learner must choose; 0 when the role asks for no choice.
    choice_name: Mapped[str | None] = mapped_column(String(200))
    choose_at_least: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    goals: Mapped[list[RoleGoalRow]] = relationship(
        order_by="RoleGoalRow.position", cascade="all, delete-orphan"
    )
    tracks: Mapped[list[TrackRow]] = relationship(
        order_by="TrackRow.position", cascade="all, delete-orphan"
    )


class RoleGoalRow(Base):
    """A skill that is one of a role's goals."""

    __tablename__ = "role_goal"

    role_id: Mapped[str] = mapped_column(
        ForeignKey("role.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class TrackRow(Base):
    """A specialisation track of a role."""

    __tablename__ = "track"

    role_id: Mapped[str] = mapped_column(
        ForeignKey("role.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    in_choice: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    later_career: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    goals: Mapped[list[TrackGoalRow]] = relationship(
        order_by="TrackGoalRow.position", cascade="all, delete-orphan"
    )


class TrackGoalRow(Base):
    """A skill that is one of a track's goals."""

    __tablename__ = "track_goal"

    role_id: Mapped[str] = mapped_column(ID, primary_key=True)
    track_id: Mapped[str] = mapped_column(ID, primary_key=True)
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        ForeignKeyConstraint(
            ["role_id", "track_id"], ["track.role_id", "track.id"], ondelete="CASCADE"
        ),
    )


# ---------------------------------------------------------------------------- learners
class ProfileRow(Base):
    """A learner: their role, tracks, time and pace. Progress belongs to a profile."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role_id: Mapped[str | None] = mapped_column(ForeignKey("role.id", ondelete="SET NULL"))
    hours_per_week: Mapped[float] = mapped_column(Float, default=10)
    start_date: Mapped[date | None] = mapped_column(Date)
    strategy: Mapped[str] = mapped_column(String(40), default="foundations-first")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    target_date: Mapped[date | None] = mapped_column(Date)  # optional: finish by this day
    # When the learner studies, as they write it ("Mon 19:00-21:00, Sat 10:00-13:00"; empty:
    # none set), and whether the plan uses their personal pace (migration 0005).
    study_slots: Mapped[str] = mapped_column(Text, default="", server_default="")
    plan_by_pace: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # On a shared server in team mode, the PostgreSQL login whose profile this is: the
    # row-level security policies key every learner's row through it (migration 0006).
    login: Mapped[str | None] = mapped_column(String(63), unique=True)

    __table_args__ = (CheckConstraint("hours_per_week > 0", name="hours_positive"),)


class ProfileTrackRow(Base):
    """A track a learner chose, remembered per role so switching back restores it."""

    __tablename__ = "profile_track"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    role_id: Mapped[str] = mapped_column(ID, primary_key=True)
    track_id: Mapped[str] = mapped_column(ID, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        ForeignKeyConstraint(
            ["role_id", "track_id"], ["track.role_id", "track.id"], ondelete="CASCADE"
        ),
    )


class ProgressEventRow(Base):
    """A status change, appended and never rewritten (like Anki's review log)."""

    __tablename__ = "progress_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)  # the learner's local date it happened
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # when it was entered (UTC)

    __table_args__ = (
        CheckConstraint(_STATUS_STORED, name="status_known"),
        Index("ix_progress_event_profile_day", "profile_id", "day"),
        Index("ix_progress_event_profile_skill", "profile_id", "skill_id"),
        # Recent activity: the newest entries of one learner, without sorting them all.
        Index("ix_progress_event_profile_id", "profile_id", "id"),
    )


class SkillStateRow(Base):
    """The current status of a skill for a profile, kept beside the event log in the same
    transaction so that reading it never scans the log."""

    __tablename__ = "skill_state"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(20))
    since: Mapped[date] = mapped_column(Date)
    event_id: Mapped[int] = mapped_column(ForeignKey("progress_event.id", ondelete="CASCADE"))


class StudySessionRow(Base):
    """Time spent studying a skill on a day, with an optional note."""

    __tablename__ = "study_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    # Deleting a session only marks it: the history keeps it (see StudySessionChangeRow).
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        Index("ix_study_session_profile_day", "profile_id", "day"),
        Index("ix_study_session_profile_skill", "profile_id", "skill_id"),
        # Minutes per day are summed from this index alone, never from the table's rows.
        Index("ix_study_session_profile_deleted_day", "profile_id", "deleted_at", "day", "minutes"),
        Index("ix_study_session_profile_id", "profile_id", "id"),
    )


class StudySessionChangeRow(Base):
    """An edit, deletion or restoration of a study session, with the values it replaced: a
    session can be corrected, but what was recorded before is never lost."""

    __tablename__ = "study_session_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(
        ForeignKey("study_session.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(10))
    old_day: Mapped[date] = mapped_column(Date)
    old_minutes: Mapped[int] = mapped_column(Integer)
    old_note: Mapped[str] = mapped_column(Text, default="")
    new_day: Mapped[date | None] = mapped_column(Date)  # edits only
    new_minutes: Mapped[int | None] = mapped_column(Integer)
    new_note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("action IN ('edit', 'delete', 'restore')", name="action_known"),
        Index("ix_study_session_change_profile_id", "profile_id", "id"),
    )


class StatusTimelineRow(Base):
    """The status a skill has from `day` on, one row per change, derived from the event log in
    the same transaction (like SkillStateRow): the burn-up reads these few rows, not the log.

    An entry restates the status from its day on, so recording one removes this skill's rows
    from that day on and adds one if the status differs from the day before.
    """

    __tablename__ = "status_timeline"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[int] = mapped_column(
        ForeignKey("progress_event.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (CheckConstraint(_STATUS_STORED, name="status_known"),)


class NoteRow(Base):
    """A learner's personal note on a skill."""

    __tablename__ = "note"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class StudyTimerRow(Base):
    """A study timer that is running: which skill, since when (UTC). One per learner, kept in
    the database so that it survives closing the app (migration 0004)."""

    __tablename__ = "study_timer"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime)


class ProfileGoalRow(Base):
    """A skill the learner made a goal of their own: their plan includes it and everything it
    needs, whatever their role (migration 0004)."""

    __tablename__ = "profile_goal"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(
        ForeignKey("skill.id", ondelete="CASCADE"), primary_key=True
    )
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ReviewEventRow(Base):
    """A learner's answer when a finished skill came up for review: "solid" or "rusty".
    Append-only, like the status events: the review schedule is recomputed from these rows
    (planner/core/reviews.py; migration 0005)."""

    __tablename__ = "review_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    skill_id: Mapped[str] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    answer: Mapped[str] = mapped_column(String(10))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("answer IN ('solid', 'rusty')", name="answer_known"),
        Index("ix_review_event_profile_skill_day", "profile_id", "skill_id", "day"),
    )


# ---------------------------------------------------------------------------- team mode
_KIND_KNOWN = "kind IN ('learner', 'mentor', 'editor', 'owner')"


class TeamMemberRow(Base):
    """A member of the group on a shared server: a PostgreSQL login and what kind of member
    it is (planner/core/team.py; migration 0006). Empty outside team mode."""

    __tablename__ = "team_member"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    added_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint(_KIND_KNOWN, name="kind_known"),)


class CohortMemberRow(Base):
    """A member in a cohort: a learner belongs to it, a mentor follows it (the member's kind
    says which)."""

    __tablename__ = "cohort_member"

    cohort: Mapped[str] = mapped_column(String(100), primary_key=True)
    login: Mapped[str] = mapped_column(
        ForeignKey("team_member.login", ondelete="CASCADE"), primary_key=True, index=True
    )
