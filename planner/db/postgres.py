"""A shared database on a PostgreSQL server, through psycopg 3.

The same tables and Alembic migrations as the SQLite file. Opening checks, each one line:
the server cannot be reached, it refuses the login, it has no such database, the database is
another program's or was written by a newer planner. Creating and upgrading the schema runs
in one transaction under an advisory lock, so two learners opening a new database at the same
moment do not both migrate it. Every statement that writes a planner table, whoever's
client sent it, notifies the channel `CHANNEL` from a trigger (migration 0007) with the
writer's `application_name` as payload: the app's change watch hears them (LISTEN) and, since
the planner's connections are named after a token of their own, tells its own writes from
everyone else's, to refresh when it is activated.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Connection, Engine, create_engine, event, text

from planner.db.engine import (
    LOCK_NAMESPACE,
    Database,
    _alembic_config,
    head_revision,
    known_revisions,
)
from planner.db.location import ServerAddress
from planner.errors import DatabaseError, DatabaseProblem, PermissionRefused, PlannerError

CHANNEL = "planner_changes"  # named in migration 0007's trigger function too
# The trigger (one per table) and its function that notify CHANNEL (migration 0007).
CHANGE_TRIGGER = "planner_notify_change"
CONNECT_TIMEOUT_S = 10
APPLICATION_NAME = "roadmap-planner"

# What libpq says when it connects, as the kind of problem a learner has. Its errors carry no
# SQLSTATE before the session exists, so the server's words are all there is to go by.
_LOGIN_REFUSED = re.compile(
    r"password authentication failed|role \".*\" does not exist|no password supplied|"
    r"no pg_hba\.conf entry|authentication failed|permission denied for database|"
    r"not permitted to log in"
)
_NO_DATABASE = re.compile(r"database \".*\" does not exist")
# SQLSTATE classes of a session that ended under us: the server went away or was shut down.
_GONE_STATES = ("08", "57P")

ADVICE = {
    DatabaseProblem.UNREACHABLE: "check the address and that the server is running, then try again",
    DatabaseProblem.LOGIN: (
        "check the login, and the password in PGPASSWORD or ~/.pgpass (never in the URI)"
    ),
    DatabaseProblem.MISSING: "ask the server's owner to create it (createdb), or check the name",
    DatabaseProblem.NOT_PLANNER: "choose another database, or ask the server's owner for one",
    DatabaseProblem.NEWER: "update the app to open it; the database was left untouched",
    DatabaseProblem.LOCKED: "another writer held what this needed: try again",
}


def _message(error: BaseException) -> str:
    """The driver's own words, as one line without libpq's "connection to … failed:" prefix."""
    text_ = str(getattr(error, "orig", error))
    text_ = text_.split("failed: ", 1)[-1] if "failed: " in text_ else text_
    text_ = text_.replace("FATAL:", "").strip()
    first = " ".join(text_.split("\n", 1)[0].split())
    return first[:200]


def connect_problem(error: BaseException) -> DatabaseProblem:
    """The kind of problem an error met while connecting is."""
    words = str(getattr(error, "orig", error))
    if _LOGIN_REFUSED.search(words):
        return DatabaseProblem.LOGIN
    if _NO_DATABASE.search(words):
        return DatabaseProblem.MISSING
    return DatabaseProblem.UNREACHABLE


def _sqlstate(error: BaseException) -> str:
    return str(getattr(getattr(error, "orig", error), "sqlstate", None) or "")


def _is_gone(error: sqlalchemy.exc.DBAPIError) -> bool:
    """Whether the session's connection broke (the server went away, was restarted or shut
    down), rather than a statement failing."""
    state = _sqlstate(error)
    if error.connection_invalidated or state.startswith(_GONE_STATES):
        return True
    import psycopg

    # libpq's own failures (a broken socket, a server that closed it) carry no SQLSTATE.
    return isinstance(error.orig, psycopg.OperationalError) and not state


# What PostgreSQL says when a grant or a row-level security policy refuses this login.
INSUFFICIENT_PRIVILEGE = "42501"
_REFUSED_TABLE = re.compile(r'(?:for table|policy for table) "?([A-Za-z0-9_]+)"?')


def refusal(error: BaseException) -> PermissionRefused:
    """The one line, without SQL, a refusal by the server is: what the login may not do, and
    who may (team mode, planner/db/team.py). Every refusal, whichever use case met it, comes
    through here."""
    from planner.db.team import LIBRARY_TABLES, TEAM_TABLES, VERSION_TABLE, learner_tables

    words = _message(error)
    match = _REFUSED_TABLE.search(words)
    table = match.group(1) if match else ""
    if table in LIBRARY_TABLES:
        said = "only editors can change the library"
    elif table in TEAM_TABLES or "create role" in words or "CREATEROLE" in words:
        said = "only the owner can add or remove members"
    elif table == VERSION_TABLE:
        said = "only the owner can upgrade the database's schema"
    elif table in learner_tables():
        said = "only a learner can change their own profile, statuses, sessions and notes"
    elif "must be owner" in words:
        said = "only the database's owner can do that"
    else:
        said = "this login may not do that here: ask the group's owner"
    return PermissionRefused(f"{said}; nothing was changed")


def _one_line(address: ServerAddress, what: str, kind: DatabaseProblem) -> DatabaseError:
    advice = ADVICE.get(kind)
    return DatabaseError(
        f"{address.shown}: {what}" + (f" — {advice}" if advice else ""), kind, None
    )


# Every connection of ours: a server that does not answer is given up on, and its owner sees
# whose connections they are (pg_stat_activity). Each open database names its connections
# `roadmap-planner <token>` (`connect_args`), which the change triggers send as payload.
CONNECT_ARGS = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": APPLICATION_NAME}


def connect_args(name: str = APPLICATION_NAME) -> dict[str, Any]:
    """The arguments of every connection of ours, named `name` (its `application_name`)."""
    return {**CONNECT_ARGS, "application_name": name}


def make_engine(address: ServerAddress, name: str = APPLICATION_NAME) -> Engine:
    """An engine for psycopg 3 whose connections are named `name`, and checked before use when
    they have been idle a while (a server restarted while the app was open left them dead)."""
    engine = create_engine(address.url, connect_args=connect_args(name))
    event.listen(engine.pool, "checkin", _idle_from_now)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


# A pooled connection idle longer than this is pinged before use and replaced if dead, as
# `pool_pre_ping` would before every transaction (a round trip each; issue 16). If the server
# went away within that moment, the transaction fails as one line and SQLAlchemy empties the
# pool: the next one connects afresh (its "optimistic" handling).
PING_AFTER_IDLE_S = 1.0


def _idle_from_now(_dbapi_connection: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    idle_since = record.info.pop("idle_since", None)
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
        return  # new, or used a moment ago
    import psycopg  # loaded by the dialect already

    try:
        dbapi_connection.execute("SELECT 1")
        dbapi_connection.rollback()  # the ping leaves no transaction open
    except psycopg.Error:
        # The pool drops this connection and checks out another (a new one if need be).
        raise sqlalchemy.exc.DisconnectionError() from None


def tables_without_change_trigger(connection: Connection) -> list[str]:
    """The planner's tables on which no enabled trigger notifies the app of writes (a
    migration that added a table and forgot it, a trigger dropped or disabled by hand)."""
    from planner.db.tables import metadata

    triggered = {
        str(r[0])
        for r in connection.execute(
            text(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE c.relnamespace = current_schema()::regnamespace "
                "AND t.tgname = :name AND p.proname = :name AND t.tgenabled <> 'D'"
            ),
            {"name": CHANGE_TRIGGER},
        )
    }
    return sorted(set(metadata.tables) - triggered)


def _lock(connection: Connection, what: str) -> None:
    connection.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": LOCK_NAMESPACE + what}
    )


def _tables(connection: Connection) -> set[str]:
    """The tables in the schema the planner's tables go to (the first on the search path)."""
    rows = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return {str(r[0]) for r in rows}


def _revision(connection: Connection, address: ServerAddress) -> str | None:
    """The schema revision of the database (None when it is empty); DatabaseError for a
    database of another program, or one from a newer planner."""
    tables = _tables(connection)
    if not tables:
        return None
    if "alembic_version" not in tables:
        names = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
        raise _one_line(
            address,
            f"not a planner database (it holds other tables: {names}); nothing was changed",
            DatabaseProblem.NOT_PLANNER,
        )
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    revision = None if row is None else str(row[0])
    if revision is not None and revision not in known_revisions():
        raise _one_line(
            address,
            f"this database was written by a newer version of the planner (schema {revision})",
            DatabaseProblem.NEWER,
        )
    return revision


def _migrate(engine: Engine, address: ServerAddress) -> str | None:
    """Check the database and bring its schema to the newest revision; returns the revision
    it had (None: it was empty, and now holds the planner's tables).

    Everything runs in one transaction holding an advisory lock: a second program opening the
    same new database waits, then finds it migrated. PostgreSQL's DDL is transactional, so a
    failure leaves the database as it was."""
    with engine.connect() as connection:
        with connection.begin():
            revision = _revision(connection, address)
        if revision == known_revisions()[-1]:
            return revision  # the common case: no lock, no Alembic
        from alembic import command

        with connection.begin():
            _lock(connection, "migrate")
            revision = _revision(connection, address)  # another program may have migrated
            if revision != head_revision():
                config = _alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                _secure_new_tables(connection, address)
        return revision


def _secure_new_tables(connection: Connection, address: ServerAddress) -> None:
    """After an upgrade of a database in team mode, the new schema's tables get their grants
    and policies too, in the same transaction (what `team init` would do again)."""
    from planner.db import team_security

    owner = connection.execute(text("SELECT login FROM team_member WHERE kind = 'owner'")).scalar()
    if owner is not None:
        team_security.apply_security(connection, address.database, str(owner))


class ServerChangeWatch:
    """Hears the notifications the change triggers send for every writing transaction (LISTEN,
    on a connection of its own), and tells those of other programs from this one's by their
    payload: the writer's `application_name`, this program's own `name` for its writes.

    A connection that broke (the server restarted) may have missed some: after connecting
    again it says "changed", to be safe."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self._name = name
        self._lock = threading.Lock()  # sessions may commit on a worker thread
        self._connection: Any = None
        self._heard: list[str] = []  # payloads of the notifications received
        self._started = False
        self._stopped = False

    def _listen(self) -> bool:
        import psycopg

        args, params = self._engine.dialect.create_connect_args(self._engine.url)
        try:
            self._connection = psycopg.connect(
                *args, **{**params, **connect_args(self._name)}, autocommit=True
            )
            self._connection.add_notify_handler(lambda n: self._heard.append(n.payload))
            self._connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._close()
            return False
        return True

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def start(self) -> None:
        with self._lock:
            if not self._started and not self._stopped:
                self._started = True
                self._listen()

    def own_commit(self) -> None:
        """Nothing to do: this program's notifications carry its name."""

    def changed(self) -> bool:
        import psycopg

        with self._lock:
            if not self._started or self._stopped:
                return False
            if self._connection is None:
                return self._listen()  # back after a break: something may have changed
            try:
                # A round trip brings what arrived meanwhile, and finds a broken connection.
                self._connection.execute("SELECT 1")
            except psycopg.Error:
                self._close()
                return self._listen()
            heard, self._heard = self._heard, []
            return any(payload != self._name for payload in heard)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._close()


class PostgresDatabase(Database):
    """An open database on a PostgreSQL server."""

    def __init__(self, address: ServerAddress, engine: Engine, created: bool, name: str) -> None:
        self.location = self.address = address
        self.path = None
        self.engine = engine
        self.created = created
        self.name = name  # every connection's application_name: what its writes notify
        self.watch = ServerChangeWatch(engine, name)

    def __repr__(self) -> str:
        return f"PostgresDatabase({self.shown!r})"

    @classmethod
    def connect(cls, address: ServerAddress) -> PostgresDatabase:
        """Connect, check and migrate (creating the tables in an empty database)."""
        # Unique to this open database: the payload of its own writes' notifications.
        name = f"{APPLICATION_NAME} {uuid.uuid4().hex}"
        engine = make_engine(address, name)
        try:
            revision = _migrate(engine, address)
        except DatabaseError:
            engine.dispose()
            raise
        except sqlalchemy.exc.DBAPIError as error:
            engine.dispose()
            if error.connection_invalidated or _sqlstate(error) == "":
                kind = connect_problem(error)
                raise _one_line(address, f"cannot connect ({_message(error)})", kind) from None
            if _sqlstate(error) == INSUFFICIENT_PRIVILEGE:
                raise PermissionRefused(
                    f"{address.shown}: this database's schema is older than this planner's, and "
                    "only its owner can upgrade it (by opening it with this version); nothing "
                    "was changed"
                ) from None
            raise _one_line(
                address,
                f"cannot set up the planner's tables ({_message(error)}); nothing was changed",
                DatabaseProblem.OTHER,
            ) from None
        except BaseException:
            engine.dispose()
            raise
        # Migrated (or refused) above, the database has the change triggers of 0007: every
        # transaction that writes notifies the watches, with no statement of ours to send.
        return cls(address, engine, revision is None, name)

    def _problem(self, error: sqlalchemy.exc.DatabaseError) -> PlannerError | None:
        if _sqlstate(error) == INSUFFICIENT_PRIVILEGE:
            return refusal(error)
        if isinstance(error, sqlalchemy.exc.DBAPIError) and _is_gone(error):
            return _one_line(
                self.address,
                f"the server cannot be reached right now ({_message(error)}); nothing was changed",
                DatabaseProblem.UNREACHABLE,
            )
        if _sqlstate(error) in ("40001", "40P01"):  # serialisation failure, deadlock
            return _one_line(
                self.address,
                f"another writer got in the way ({_message(error)}); nothing was changed",
                DatabaseProblem.LOCKED,
            )
        return None
