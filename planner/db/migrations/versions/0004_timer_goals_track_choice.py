"""A study timer that survives a restart, the learner's personal goals, and track choices.

`study_timer` holds at most one running timer per profile (the skill and when it started);
`profile_goal` the skills a learner added to their plan as goals of their own. A role may ask a
learner to choose at least N of a named group of its tracks (an ML engineer's entry
specialisation), and a track may be marked as later-career: existing roles ask for no choice (0)
and existing tracks are neither in a choice nor later-career, so the upgrade changes no plan.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "study_timer",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_study_timer_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_study_timer_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", name=op.f("pk_study_timer")),
    )
    op.create_table(
        "profile_goal",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_profile_goal_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_profile_goal_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "skill_id", name=op.f("pk_profile_goal")),
    )
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.add_column(sa.Column("choice_name", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("choose_at_least", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("track", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_choice", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("later_career", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("track", schema=None) as batch_op:
        batch_op.drop_column("later_career")
        batch_op.drop_column("in_choice")
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.drop_column("choose_at_least")
        batch_op.drop_column("choice_name")
    op.drop_table("profile_goal")
    op.drop_table("study_timer")
