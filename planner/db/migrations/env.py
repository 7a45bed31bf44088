"""Alembic environment: migrations run on the connection the app hands over."""

from __future__ import annotations

from alembic import context

from planner.db.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic revision --autogenerate` by developers
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
