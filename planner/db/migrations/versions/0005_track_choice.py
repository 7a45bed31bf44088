"""Track choice: a role may ask a learner to choose at least N of a named group of its tracks
(an ML engineer's entry specialisation), and a track may be marked as later-career.

Existing roles ask for no choice (0) and existing tracks are neither in a choice nor
later-career, so the upgrade changes no plan; re-importing the built-in library fills them in.

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
