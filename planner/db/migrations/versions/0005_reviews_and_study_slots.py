"""Reviews of finished skills, a learner's study slots, and planning at their own pace.

`review_event` holds every answer a learner gave when a finished skill came up for review
("solid" or "rusty"), append-only like the status events: the review schedule (FSRS, see
planner/core/reviews.py) is recomputed from it. A profile gains its study slots (e.g.
"Mon 19:00-21:00, Sat 10:00-13:00", read by planner/core/agenda.py; empty = none set) and
whether its plan uses the learner's personal pace instead of the library's estimates. Existing
profiles get no slots and the library's estimates, so the upgrade changes no plan.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "answer IN ('solid', 'rusty')", name=op.f("ck_review_event_answer_known")
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_review_event_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_review_event_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_event")),
    )
    op.create_index(
        "ix_review_event_profile_skill_day",
        "review_event",
        ["profile_id", "skill_id", "day"],
        unique=False,
    )
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("study_slots", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("plan_by_pace", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("plan_by_pace")
        batch_op.drop_column("study_slots")
    op.drop_index("ix_review_event_profile_skill_day", table_name="review_event")
    op.drop_table("review_event")
