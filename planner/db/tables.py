"""The tables, declared once in SQLAlchemy Core: the library, each learner's data, team mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

from planner.db.columns import ID, STATUS_STORED, learner_skill, position, refers, text_id

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The one MetaData; its naming convention keeps migrations portable. Every query reads and
# writes these tables with SQLAlchemy Core: a command never imports SQLAlchemy's ORM, a tenth
# of a second of a command's start (issue 16).
_metadata = MetaData(naming_convention=NAMING_CONVENTION)


# ---------------------------------------------------------------------------- library
# A skill of the library. Deleting a skill only marks it (`deleted_at`): the learner's history
# hangs on its id (migration 0003).
def _table_skill() -> Table:
    return Table(
        "skill",
        _metadata,
        text_id("id"),
        Column("name", String(200), nullable=False),
        Column("area", String(200), nullable=False),
        Column("hours", Float, nullable=False),
        Column("level", String(20)),
        Column("summary", Text, nullable=False, default=""),
        position(),
        Column("deleted_at", DateTime),
        CheckConstraint("hours > 0", name="hours_positive"),
    )


# An edge of the prerequisite graph: `prerequisite_id` comes before `skill_id`.
def _table_prerequisite() -> Table:
    return Table(
        "prerequisite",
        _metadata,
        refers("skill_id", "skill.id", key=True),
        refers("prerequisite_id", "skill.id", key=True, index=True),
        Column("hard", Boolean, nullable=False, default=True),
        position(),
        CheckConstraint("skill_id <> prerequisite_id", name="not_itself"),
    )


# A course, book, page or tool that teaches a skill.
def _table_resource() -> Table:
    return Table(
        "resource",
        _metadata,
        Column("id", Integer, primary_key=True),
        refers("skill_id", "skill.id", index=True),
        position(),
        Column("title", String(200), nullable=False),
        Column("url", String(2000), nullable=False),
        Column("kind", String(20)),
        Column("free", Boolean),
    )


# A target role. Its track choice (migration 0004): its name, and how many of the tracks
# marked `in_choice` a learner must choose; 0 when the role asks for no choice.
def _table_role() -> Table:
    return Table(
        "role",
        _metadata,
        text_id("id"),
        Column("name", String(200), nullable=False),
        Column("summary", Text, nullable=False, default=""),
        Column("salary_amount", Float),
        Column("salary_currency", String(3)),
        Column("salary_region", String(200)),
        Column("salary_source", String(200)),
        position(),
        Column("choice_name", String(200)),
        Column("choose_at_least", Integer, nullable=False, default=0, server_default="0"),
    )


# A skill that is one of a role's goals.
def _table_role_goal() -> Table:
    return Table(
        "role_goal",
        _metadata,
        refers("role_id", "role.id", key=True),
        refers("skill_id", "skill.id", key=True, index=True),
        position(),
    )


# A specialisation track of a role.
def _table_track() -> Table:
    return Table(
        "track",
        _metadata,
        refers("role_id", "role.id", key=True),
        text_id("id"),
        Column("name", String(200), nullable=False),
        Column("summary", Text, nullable=False, default=""),
        position(),
        Column("in_choice", Boolean, nullable=False, default=False, server_default="0"),
        Column("later_career", Boolean, nullable=False, default=False, server_default="0"),
    )


def _track() -> tuple[Column[str], Column[str], ForeignKeyConstraint]:
    """The track a row is about: its role's and its own id (in the primary key), deleted
    with the track."""
    return (
        text_id("role_id"),
        text_id("track_id"),
        ForeignKeyConstraint(
            ["role_id", "track_id"], ["track.role_id", "track.id"], ondelete="CASCADE"
        ),
    )


# A skill that is one of a track's goals.
def _table_track_goal() -> Table:
    return Table(
        "track_goal",
        _metadata,
        *_track(),
        refers("skill_id", "skill.id", key=True, index=True),
        position(),
    )


# ---------------------------------------------------------------------------- learners
# A learner: their role, tracks, time and pace. Progress belongs to a profile. When the
# learner studies, as they write it ("Mon 19:00-21:00, Sat 10:00-13:00"; empty: none set),
# and whether the plan uses their personal pace (migration 0005). On a shared server in team
# mode, `login` is the PostgreSQL login whose profile this is: the row-level security
# policies key every learner's row through it (migration 0006).
def _table_profile() -> Table:
    return Table(
        "profile",
        _metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), nullable=False, unique=True),
        Column("role_id", ID, ForeignKey("role.id", ondelete="SET NULL")),
        Column("hours_per_week", Float, nullable=False, default=10),
        Column("start_date", Date),
        Column("strategy", String(40), nullable=False, default="foundations-first"),
        Column("created_at", DateTime, nullable=False),
        Column("target_date", Date),  # optional: finish by this day
        Column("study_slots", Text, nullable=False, default="", server_default=""),
        Column("plan_by_pace", Boolean, nullable=False, default=False, server_default=false()),
        Column("login", String(63), unique=True),
        CheckConstraint("hours_per_week > 0", name="hours_positive"),
    )


# A track a learner chose, remembered per role so switching back restores it.
def _table_profile_track() -> Table:
    return Table(
        "profile_track",
        _metadata,
        refers("profile_id", "profile.id", key=True),
        *_track(),
        position(),
    )


# A status change, appended and never rewritten (like Anki's review log). `day` is the
# learner's local date it happened, `recorded_at` when it was entered (UTC).
def _table_progress_event() -> Table:
    return Table(
        "progress_event",
        _metadata,
        Column("id", Integer, primary_key=True),
        *learner_skill(key=False),
        Column("status", String(20), nullable=False),
        Column("day", Date, nullable=False),
        Column("recorded_at", DateTime, nullable=False),
        CheckConstraint(STATUS_STORED, name="status_known"),
        Index("ix_progress_event_profile_day", "profile_id", "day"),
        Index("ix_progress_event_profile_skill", "profile_id", "skill_id"),
        # Recent activity: the newest entries of one learner, without sorting them all.
        Index("ix_progress_event_profile_id", "profile_id", "id"),
    )


# The current status of a skill for a profile, kept beside the event log in the same
# transaction so that reading it never scans the log.
def _table_skill_state() -> Table:
    return Table(
        "skill_state",
        _metadata,
        *learner_skill(key=True),
        Column("status", String(20), nullable=False),
        Column("since", Date, nullable=False),
        refers("event_id", "progress_event.id"),
    )


# Time spent studying a skill on a day, with an optional note. Deleting a session only marks
# it (`deleted_at`): the history keeps it (see study_session_change).
def _table_study_session() -> Table:
    return Table(
        "study_session",
        _metadata,
        Column("id", Integer, primary_key=True),
        *learner_skill(key=False),
        Column("day", Date, nullable=False),
        Column("minutes", Integer, nullable=False),
        Column("note", Text, nullable=False, default=""),
        Column("recorded_at", DateTime, nullable=False),
        Column("deleted_at", DateTime),
        CheckConstraint("minutes > 0", name="minutes_positive"),
        Index("ix_study_session_profile_day", "profile_id", "day"),
        Index("ix_study_session_profile_skill", "profile_id", "skill_id"),
        # Minutes per day are summed from this index alone, never from the table's rows.
        Index("ix_study_session_profile_deleted_day", "profile_id", "deleted_at", "day", "minutes"),
        Index("ix_study_session_profile_id", "profile_id", "id"),
    )


# An edit, deletion or restoration of a study session, with the values it replaced: a session
# can be corrected, but what was recorded before is never lost. The new values: edits only.
def _table_study_session_change() -> Table:
    return Table(
        "study_session_change",
        _metadata,
        Column("id", Integer, primary_key=True),
        refers("profile_id", "profile.id"),
        refers("session_id", "study_session.id", index=True),
        Column("action", String(10), nullable=False),
        Column("old_day", Date, nullable=False),
        Column("old_minutes", Integer, nullable=False),
        Column("old_note", Text, nullable=False, default=""),
        Column("new_day", Date),
        Column("new_minutes", Integer),
        Column("new_note", Text),
        Column("recorded_at", DateTime, nullable=False),
        CheckConstraint("action IN ('edit', 'delete', 'restore')", name="action_known"),
        Index("ix_study_session_change_profile_id", "profile_id", "id"),
    )


# The status a skill has from `day` on, one row per change, derived from the event log in the
# same transaction (like skill_state): the burn-up reads these few rows, not the log. An entry
# restates the status from its day on, so recording one removes this skill's rows from that
# day on and adds one if the status differs from the day before.
def _table_status_timeline() -> Table:
    return Table(
        "status_timeline",
        _metadata,
        *learner_skill(key=True),
        Column("day", Date, primary_key=True, nullable=False),
        Column("status", String(20), nullable=False),
        refers("event_id", "progress_event.id", index=True),
        CheckConstraint(STATUS_STORED, name="status_known"),
    )


# A learner's personal note on a skill.
def _table_note() -> Table:
    return Table(
        "note",
        _metadata,
        *learner_skill(key=True),
        Column("text", Text, nullable=False, default=""),
        Column("updated_at", DateTime, nullable=False),
    )


# A study timer that is running: which skill, since when (UTC). One per learner, kept in the
# database so that it survives closing the app (migration 0004).
def _table_study_timer() -> Table:
    return Table(
        "study_timer",
        _metadata,
        refers("profile_id", "profile.id", key=True),
        refers("skill_id", "skill.id"),
        Column("started_at", DateTime, nullable=False),
    )


# A skill the learner made a goal of their own: their plan includes it and everything it
# needs, whatever their role (migration 0004).
def _table_profile_goal() -> Table:
    return Table(
        "profile_goal",
        _metadata,
        *learner_skill(key=True),
        Column("added_at", DateTime, nullable=False),
    )


# A learner's answer when a finished skill came up for review: "solid" or "rusty". Append-only,
# like the status events: the review schedule is recomputed from these rows
# (planner/core/reviews.py; migration 0005).
def _table_review_event() -> Table:
    return Table(
        "review_event",
        _metadata,
        Column("id", Integer, primary_key=True),
        *learner_skill(key=False),
        Column("day", Date, nullable=False),
        Column("answer", String(10), nullable=False),
        Column("recorded_at", DateTime, nullable=False),
        CheckConstraint("answer IN ('solid', 'rusty')", name="answer_known"),
        Index("ix_review_event_profile_skill_day", "profile_id", "skill_id", "day"),
    )


# ---------------------------------------------------------------------------- team mode
# A member of the group on a shared server: a PostgreSQL login and what kind of member it is
# (planner/core/team.py; migration 0006). Empty outside team mode.
def _table_team_member() -> Table:
    return Table(
        "team_member",
        _metadata,
        Column("login", String(63), primary_key=True, nullable=False),
        Column("kind", String(10), nullable=False),
        Column("added_at", DateTime, nullable=False),
        CheckConstraint("kind IN ('learner', 'mentor', 'editor', 'owner')", name="kind_known"),
    )


# A member in a cohort: a learner belongs to it, a mentor follows it (the member's kind says
# which).
def _table_cohort_member() -> Table:
    return Table(
        "cohort_member",
        _metadata,
        Column("cohort", String(100), primary_key=True, nullable=False),
        refers("login", "team_member.login", key=True, index=True),
    )


# ---------------------------------------------------------------------------- declared on use
# Each table is declared the first time it is asked for (`tables.skill`), with the tables it
# refers to: a command that reads the roles declares five of them, not all twenty (a twentieth
# of a daily command's start, issue 16). `metadata` holds every table: asking for it declares
# the rest (creating a schema, comparing it to the migrations', team mode's grants).
_DECLARE: dict[str, Callable[[], Table]] = {
    "skill": _table_skill,
    "prerequisite": _table_prerequisite,
    "resource": _table_resource,
    "role": _table_role,
    "role_goal": _table_role_goal,
    "track": _table_track,
    "track_goal": _table_track_goal,
    "profile": _table_profile,
    "profile_track": _table_profile_track,
    "progress_event": _table_progress_event,
    "skill_state": _table_skill_state,
    "study_session": _table_study_session,
    "study_session_change": _table_study_session_change,
    "status_timeline": _table_status_timeline,
    "note": _table_note,
    "study_timer": _table_study_timer,
    "profile_goal": _table_profile_goal,
    "review_event": _table_review_event,
    "team_member": _table_team_member,
    "cohort_member": _table_cohort_member,
}

if TYPE_CHECKING:
    metadata: MetaData
    skill: Table
    prerequisite: Table
    resource: Table
    role: Table
    role_goal: Table
    track: Table
    track_goal: Table
    profile: Table
    profile_track: Table
    progress_event: Table
    skill_state: Table
    study_session: Table
    study_session_change: Table
    status_timeline: Table
    note: Table
    study_timer: Table
    profile_goal: Table
    review_event: Table
    team_member: Table
    cohort_member: Table


def _declared(name: str) -> Table:
    """The table `name`, declared on first use (alone: see `_KEY_TYPES`)."""
    table = _metadata.tables.get(name)
    if table is None:
        table = _DECLARE[name]()
        globals()[name] = table  # a plain attribute from now on
    return table


def __getattr__(name: str) -> Any:
    if name == "metadata":
        for table in _DECLARE:
            _declared(table)
        globals()["metadata"] = _metadata
        return _metadata
    if name in _DECLARE:
        return _declared(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
