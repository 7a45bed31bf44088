"""Progress history: a target date per profile, recorded session edits, the status timeline.

Study sessions are no longer deleted but marked deleted, and every edit, deletion or
restoration is logged with the values it replaced. The status timeline (one row per change of
a skill's status, derived from the event log) is filled from the existing events. New indexes
let the progress figures be summed from indexes and recent activity be read newest first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import bisect
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_timeline",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('todo', 'in-progress', 'done', 'skipped')",
            name=op.f("ck_status_timeline_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["progress_event.id"],
            name=op.f("fk_status_timeline_event_id_progress_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_status_timeline_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skill.id"],
            name=op.f("fk_status_timeline_skill_id_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "skill_id", "day", name=op.f("pk_status_timeline")),
    )
    with op.batch_alter_table("status_timeline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_timeline_event_id"), ["event_id"], unique=False)

    op.create_table(
        "study_session_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("old_day", sa.Date(), nullable=False),
        sa.Column("old_minutes", sa.Integer(), nullable=False),
        sa.Column("old_note", sa.Text(), nullable=False),
        sa.Column("new_day", sa.Date(), nullable=True),
        sa.Column("new_minutes", sa.Integer(), nullable=True),
        sa.Column("new_note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "action IN ('edit', 'delete', 'restore')",
            name=op.f("ck_study_session_change_action_known"),
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_study_session_change_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["study_session.id"],
            name=op.f("fk_study_session_change_session_id_study_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_session_change")),
    )
    with op.batch_alter_table("study_session_change", schema=None) as batch_op:
        batch_op.create_index(
            "ix_study_session_change_profile_id", ["profile_id", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_study_session_change_session_id"), ["session_id"], unique=False
        )

    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_date", sa.Date(), nullable=True))

    with op.batch_alter_table("progress_event", schema=None) as batch_op:
        batch_op.create_index("ix_progress_event_profile_id", ["profile_id", "id"], unique=False)

    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            "ix_study_session_profile_deleted_day",
            ["profile_id", "deleted_at", "day", "minutes"],
            unique=False,
        )
        batch_op.create_index("ix_study_session_profile_id", ["profile_id", "id"], unique=False)

    _fill_status_timeline()


def _fill_status_timeline() -> None:
    """Replay the existing events in the order entered, each restating its skill's status
    from its day on (the rule of planner.core.progress.status_timeline, repeated here so this
    migration keeps working whatever later versions of the app do)."""
    event = sa.table(
        "progress_event",
        sa.column("id", sa.Integer),
        sa.column("profile_id", sa.Integer),
        sa.column("skill_id", sa.String),
        sa.column("day", sa.Date),
        sa.column("status", sa.String),
    )
    timeline = sa.table(
        "status_timeline",
        sa.column("profile_id", sa.Integer),
        sa.column("skill_id", sa.String),
        sa.column("day", sa.Date),
        sa.column("status", sa.String),
        sa.column("event_id", sa.Integer),
    )
    bind = op.get_bind()
    spans: dict[tuple[int, str], list[tuple[date, str, int]]] = {}
    query = sa.select(event.c.id, event.c.profile_id, event.c.skill_id, event.c.day, event.c.status)
    for event_id, profile_id, skill_id, day, status in bind.execute(query.order_by(event.c.id)):
        rows = spans.setdefault((profile_id, skill_id), [])
        del rows[bisect.bisect_left(rows, day, key=lambda row: row[0]) :]
        if (rows[-1][1] if rows else "todo") != status:
            rows.append((day, status, event_id))
    values = [
        {"profile_id": p, "skill_id": s, "day": d, "status": st, "event_id": e}
        for (p, s), rows in spans.items()
        for d, st, e in rows
    ]
    if values:
        bind.execute(sa.insert(timeline), values)


def downgrade() -> None:
    # The schema before this one cannot mark a session deleted: such sessions go for good.
    op.execute("DELETE FROM study_session WHERE deleted_at IS NOT NULL")
    with op.batch_alter_table("study_session_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_session_change_session_id"))
        batch_op.drop_index("ix_study_session_change_profile_id")

    op.drop_table("study_session_change")
    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.drop_index("ix_study_session_profile_id")
        batch_op.drop_index("ix_study_session_profile_deleted_day")
        batch_op.drop_column("deleted_at")

    with op.batch_alter_table("progress_event", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_event_profile_id")

    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("target_date")

    with op.batch_alter_table("status_timeline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_timeline_event_id"))

    op.drop_table("status_timeline")
