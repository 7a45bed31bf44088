"""Initial schema: the skill library, profiles, progress events, study sessions and notes.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "role",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("salary_amount", sa.Float(), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column("salary_region", sa.String(length=200), nullable=True),
        sa.Column("salary_source", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role")),
    )
    op.create_table(
        "skill",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("hours > 0", name=op.f("ck_skill_hours_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill")),
    )
    op.create_table(
        "prerequisite",
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("prerequisite_id", sa.String(length=64), nullable=False),
        sa.Column("hard", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("skill_id <> prerequisite_id", name=op.f("ck_prerequisite_not_itself")),
        sa.ForeignKeyConstraint(
            ["prerequisite_id"],
            ["skill.id"],
            name=op.f("fk_prerequisite_prerequisite_id_skill"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_prerequisite_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("skill_id", "prerequisite_id", name=op.f("pk_prerequisite")),
    )
    with op.batch_alter_table("prerequisite", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_prerequisite_prerequisite_id"), ["prerequisite_id"], unique=False
        )

    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role_id", sa.String(length=64), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("strategy", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("hours_per_week > 0", name=op.f("ck_profile_hours_positive")),
        sa.ForeignKeyConstraint(
            ["role_id"], ["role.id"], name=op.f("fk_profile_role_id_role"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
        sa.UniqueConstraint("name", name=op.f("uq_profile_name")),
    )
    op.create_table(
        "resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("free", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_resource_skill_id_skill"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource")),
    )
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resource_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "role_goal",
        sa.Column("role_id", sa.String(length=64), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_id"], ["role.id"], name=op.f("fk_role_goal_role_id_role"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_role_goal_skill_id_skill"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("role_id", "skill_id", name=op.f("pk_role_goal")),
    )
    with op.batch_alter_table("role_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_goal_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "track",
        sa.Column("role_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_id"], ["role.id"], name=op.f("fk_track_role_id_role"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("role_id", "id", name=op.f("pk_track")),
    )
    op.create_table(
        "note",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_note_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_note_skill_id_skill"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("profile_id", "skill_id", name=op.f("pk_note")),
    )
    op.create_table(
        "profile_track",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(length=64), nullable=False),
        sa.Column("track_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_profile_track_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id", "track_id"],
            ["track.role_id", "track.id"],
            name=op.f("fk_profile_track_role_id_track_id_track"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "role_id", "track_id", name=op.f("pk_profile_track")),
    )
    op.create_table(
        "progress_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('todo', 'in-progress', 'done', 'skipped')",
            name=op.f("ck_progress_event_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_progress_event_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_progress_event_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_event")),
    )
    with op.batch_alter_table("progress_event", schema=None) as batch_op:
        batch_op.create_index("ix_progress_event_profile_day", ["profile_id", "day"], unique=False)
        batch_op.create_index(
            "ix_progress_event_profile_skill", ["profile_id", "skill_id"], unique=False
        )

    op.create_table(
        "study_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("minutes > 0", name=op.f("ck_study_session_minutes_positive")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_study_session_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_study_session_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_session")),
    )
    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.create_index("ix_study_session_profile_day", ["profile_id", "day"], unique=False)
        batch_op.create_index(
            "ix_study_session_profile_skill", ["profile_id", "skill_id"], unique=False
        )

    op.create_table(
        "track_goal",
        sa.Column("role_id", sa.String(length=64), nullable=False),
        sa.Column("track_id", sa.String(length=64), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_id", "track_id"],
            ["track.role_id", "track.id"],
            name=op.f("fk_track_goal_role_id_track_id_track"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_track_goal_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("role_id", "track_id", "skill_id", name=op.f("pk_track_goal")),
    )
    with op.batch_alter_table("track_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_track_goal_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "skill_state",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["progress_event.id"],
            name=op.f("fk_skill_state_event_id_progress_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_skill_state_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_skill_state_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "skill_id", name=op.f("pk_skill_state")),
    )


def downgrade() -> None:
    op.drop_table("skill_state")
    with op.batch_alter_table("track_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_track_goal_skill_id"))

    op.drop_table("track_goal")
    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.drop_index("ix_study_session_profile_skill")
        batch_op.drop_index("ix_study_session_profile_day")

    op.drop_table("study_session")
    with op.batch_alter_table("progress_event", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_event_profile_skill")
        batch_op.drop_index("ix_progress_event_profile_day")

    op.drop_table("progress_event")
    op.drop_table("profile_track")
    op.drop_table("note")
    op.drop_table("track")
    with op.batch_alter_table("role_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_goal_skill_id"))

    op.drop_table("role_goal")
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_skill_id"))

    op.drop_table("resource")
    op.drop_table("profile")
    with op.batch_alter_table("prerequisite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prerequisite_prerequisite_id"))

    op.drop_table("prerequisite")
    op.drop_table("skill")
    op.drop_table("role")
