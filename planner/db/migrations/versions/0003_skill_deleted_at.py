"""Deleted skills: the library editor marks a skill deleted instead of removing its row.

A learner's history (status changes, study sessions, notes) hangs on the skill's id; removing
the row would cascade-delete that history, and undoing the deletion could not bring it back.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("skill", sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("skill", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
