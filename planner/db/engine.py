"""An open database, whichever engine holds it: the engine, sessions in one transaction each,
driver errors as one clear line, and the schema's revisions (Alembic's migrations).

The engine-specific parts live beside this module: `planner.db.sqlite` (a file of the
learner's own: pragmas, `BEGIN IMMEDIATE`, inspection, backups before migrating) and
`planner.db.postgres` (a shared server: psycopg 3, migrations under an advisory lock).
`Database.open` picks one from the location (a path or a PostgreSQL URI).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

import sqlalchemy.exc
from sqlalchemy import Connection, CursorResult, Engine, text

from planner.db.location import Location, ServerAddress, locate
from planner.errors import DatabaseError, PlannerError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker

    # Where the queries run, in the caller's transaction: a Core connection (what the app
    # opens), or an ORM session (what a test may hold); a session's statements run on its
    # connection.
    Tx: TypeAlias = Connection | Session

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Advisory lock keys on a server are numbers; each of ours is the hash of a name in this space.
LOCK_NAMESPACE = "roadmap-planner:"

# What `db backup` and `db restore` say on a shared server: its owner keeps the backups.
SERVER_BACKUPS = (
    "a shared PostgreSQL database is backed up and restored by its owner with the server's "
    "tools (pg_dump, pg_restore); the planner's backups are of SQLite files"
)


def _alembic_config() -> Config:
    # Alembic (a tenth of a second to import) loads only when a schema is created or migrated:
    # opening a database that is up to date needs no more than `known_revisions`.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows (asked of Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> tuple[str, ...]:
    """Every schema revision this version knows, oldest first, read from the names of the
    migration scripts (`NNNN_what.py` holds revision "NNNN"; a test holds them to Alembic's)."""
    return tuple(
        sorted(
            f.name.split("_", 1)[0]
            for f in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
        )
    )


def connection_of(tx: Tx) -> Connection:
    """The Core connection of a transaction: a session's own (without flushing it)."""
    return tx if isinstance(tx, Connection) else tx.connection()


def inserted_id(result: CursorResult[Any]) -> int:
    """The id the database gave the row an insert just added."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def serialize(tx: Tx, what: str, *, shared: bool = False) -> None:
    """Hold, until the transaction ends, a lock every other writer taking `what` waits for
    (`shared`: one that readers share, and writers wait for until they are done).

    On PostgreSQL an advisory lock named by `what`; SQLite needs none, since it runs one
    transaction at a time (every transaction begins with BEGIN IMMEDIATE)."""
    connection = connection_of(tx)
    if connection.dialect.name == "postgresql":
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        connection.execute(
            text(f"SELECT {function}(hashtext(:name))"), {"name": LOCK_NAMESPACE + what}
        )


class ChangeWatch(Protocol):
    """Notices commits made by anyone but this program (the command line while the app is
    open, another learner on a shared server), so the app can refresh when activated."""

    def start(self) -> None:
        """Begin watching (nothing happens when already watching, or once stopped)."""

    def own_commit(self) -> None:
        """This program committed: what is there now is known."""

    def changed(self) -> bool:
        """Whether someone else committed since the last look (or this program's last commit)."""

    def stop(self) -> None:
        """Stop for good (the database is closed)."""


class Database:
    """An open database: the engine, a session factory, and whether it was just created.

    `path` is the SQLite file, None on a server; `location` says where the data is either
    way, and `shown` says it to a person (a server's password masked)."""

    location: Location
    path: Path | None
    engine: Engine
    created: bool
    watch: ChangeWatch
    _sessions: sessionmaker[Session] | None = None

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The ORM's session factory, made (and the ORM imported) when first asked for: a
        command that only reads goes through `connection` and never loads the ORM."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @classmethod
    def open(cls, where: Location | str | None) -> Database:
        """Open (creating and migrating as needed) the database at a path or a PostgreSQL URI
        (None: PLANNER_DB, else the default file)."""
        location = where if isinstance(where, Path | ServerAddress) else locate(where)
        if isinstance(location, ServerAddress):
            from planner.db.postgres import PostgresDatabase

            return PostgresDatabase.connect(location)
        from planner.db.sqlite import SqliteDatabase

        return SqliteDatabase.open_file(location)

    @property
    def shown(self) -> str:
        """Where the data is, as a person reads it."""
        return str(self.location)

    @property
    def on_server(self) -> bool:
        """Whether the data is on a shared server (PostgreSQL) rather than in a file."""
        return isinstance(self.location, ServerAddress)

    def file(self) -> Path:
        """The SQLite file, for what only a file has (backups); DatabaseError on a server."""
        if self.path is None:
            raise DatabaseError(f"{self.shown}: {SERVER_BACKUPS}")
        return self.path

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session in one transaction: committed when the block ends, rolled back on
        error (the errors as `connection` says)."""
        with self._problems(), self.sessions.begin() as session:
            yield session
        self.watch.own_commit()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A Core connection in one transaction: committed when the block ends, rolled back
        on error.

        A database that cannot be used right now (held locked, out of space, damaged, a server
        gone) becomes a DatabaseError of that kind, and what a shared server refuses this
        login a PermissionRefused: one clear message, and the transaction is rolled back.
        A program's own mistakes (a broken constraint) stay what they are.
        """
        with self._problems(), self.engine.begin() as connection:
            yield connection
        self.watch.own_commit()

    @contextmanager
    def _problems(self) -> Iterator[None]:
        """Driver errors inside the block as the one-line errors they are (see `_problem`)."""
        try:
            yield
        except sqlalchemy.exc.DatabaseError as error:
            problem = self._problem(error)
            if problem is None:
                raise
            raise problem from None

    def _problem(self, error: sqlalchemy.exc.DatabaseError) -> PlannerError | None:
        """The one-line error a driver's error is (a DatabaseError; on a shared server a
        PermissionRefused too), or None to let it through."""
        raise NotImplementedError

    def serialize(self, tx: Tx, what: str) -> None:
        """Hold, until `tx`'s transaction ends, a lock that every other program taking the
        same `what` waits for (checking the library is empty before filling it, say)."""
        serialize(tx, what)

    def close(self) -> None:
        """Release every connection."""
        self.watch.stop()
        self.engine.dispose()
