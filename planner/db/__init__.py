"""Storage: SQLAlchemy models, the SQLite engine, queries and Alembic migrations."""
