"""On PostgreSQL, every write to a planner table notifies the app, whichever client made it.

A trigger function and, on every table of the planner, an AFTER INSERT OR UPDATE OR DELETE OR
TRUNCATE trigger FOR EACH STATEMENT that sends a notification on the channel the app listens
on (`planner.db.postgres.CHANNEL`), its payload the writer's `application_name`: the planner's
connections name themselves `roadmap-planner <token>`, so the app tells its own writes from
those of `psql`, an admin's script or another planner. PostgreSQL delivers one notification
per distinct payload per transaction, when it commits (none when it rolls back).

The function runs as the writer (SECURITY INVOKER: `pg_notify` needs no privilege), so a
learner's write under row-level security is heard like anyone's; its search path is fixed.
A migration that adds a table adds this trigger to it too (`db check` reports a table
without it). Nothing to do on SQLite, where the app watches the file itself.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FUNCTION = "planner_notify_change"
TRIGGER = "planner_notify_change"
# The planner's tables at this revision.
TABLES = (
    "cohort_member",
    "note",
    "prerequisite",
    "profile",
    "profile_goal",
    "profile_track",
    "progress_event",
    "resource",
    "review_event",
    "role",
    "role_goal",
    "skill",
    "skill_state",
    "status_timeline",
    "study_session",
    "study_session_change",
    "study_timer",
    "team_member",
    "track",
    "track_goal",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            PERFORM pg_notify('planner_changes', current_setting('application_name'));
            RETURN NULL;
        END
        $$"""
    )
    for table in TABLES:
        op.execute(
            f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
