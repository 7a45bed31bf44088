"""Team mode: the login owning a profile, the members of a group, and cohorts.

A profile gains `login`, the PostgreSQL login whose profile it is (NULL outside team mode:
a learner alone, or a shared database before `team init`). `team_member` lists the group's
logins with their kind (learner, mentor, editor, owner) and `cohort_member` who is in which
cohort (a learner belongs to it, a mentor follows it). The same tables on both engines; the
grants, group roles and row-level security policies are PostgreSQL's alone and are made by
`planner team init` (planner/db/team.py), since they name logins of the cluster.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=63), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_profile_login"), ["login"])
    op.create_table(
        "team_member",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('learner', 'mentor', 'editor', 'owner')",
            name=op.f("ck_team_member_kind_known"),
        ),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_team_member")),
    )
    op.create_table(
        "cohort_member",
        sa.Column("cohort", sa.String(length=100), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["login"],
            ["team_member.login"],
            name=op.f("fk_cohort_member_login_team_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cohort", "login", name=op.f("pk_cohort_member")),
    )
    op.create_index(op.f("ix_cohort_member_login"), "cohort_member", ["login"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cohort_member_login"), table_name="cohort_member")
    op.drop_table("cohort_member")
    op.drop_table("team_member")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_profile_login"), type_="unique")
        batch_op.drop_column("login")
