"""Team mode on a PostgreSQL server: members, group roles, grants and row-level security.

The members and cohorts are rows (`team_member`, `cohort_member`, migration 0006) on both
engines; what each member may do is PostgreSQL's to enforce, so a learner with `psql` gets
the limits the app has:

- **group roles**, one per kind, named after the database (`<db>_learners`, `<db>_mentors`,
  `<db>_editors`, `<db>_owners`) so that two planner databases on one cluster do not share
  them (`team add` refuses a login of one of these names); each member's login is granted
  their kind's role;
- **grants**: everyone reads the library, editors and the owner write it; a learner's tables
  are granted to every member, and row-level security decides which rows;
- **policies** on `profile` and on every table with a `profile_id` (a learner's data, found
  from the models, so a new table of theirs cannot be forgotten): a member's own rows through
  `profile.login = current_user`; a mentor reads (only) the rows of the learners in the
  cohorts they follow; the owner everything. The membership tables: one's own rows, a
  mentor's cohorts, the owner's writes.

This module holds the members, their logins and profiles; the grants, functions and policies
are made and checked in `planner/db/team_security.py`, and the cohort's figures read in
`planner/db/queries/cohort.py`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, text

from planner.core.team import Kind, Member
from planner.db import tables
from planner.db.engine import connection_of
from planner.db.queries.clock import utcnow

if TYPE_CHECKING:
    from planner.db.engine import Tx

LIBRARY_TABLES = ("skill", "prerequisite", "resource", "role", "role_goal", "track", "track_goal")
TEAM_TABLES = ("team_member", "cohort_member")
# Alembic's own table: everyone reads the revision, only the owner migrates.
VERSION_TABLE = "alembic_version"


def learner_tables() -> tuple[str, ...]:
    """Every table holding a learner's data: `profile`, and each table keyed by a profile."""
    keyed = sorted(
        name
        for name, table in tables.metadata.tables.items()
        if "profile_id" in table.c and name != "profile"
    )
    return ("profile", *keyed)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def group_role(database: str, kind: Kind) -> str:
    """The group role of a kind of member of one database (at most 63 bytes, PostgreSQL's
    limit: a long database name is shortened and told apart by a hash)."""
    name = f"{database}_{kind.value}s"
    if len(name.encode()) <= 63:
        return name
    digest = hashlib.sha1(database.encode()).hexdigest()[:8]
    return f"{database.encode()[:40].decode(errors='ignore')}_{digest}_{kind.value}s"


def roles_of(database: str) -> dict[Kind, str]:
    """Every kind's group role in one database."""
    return {kind: group_role(database, kind) for kind in Kind}


# ---------------------------------------------------------------------------- who is who
def current_login(session: Tx) -> str:
    """The login this connection acts as."""
    return str(session.execute(text("SELECT current_user")).scalar_one())


def team_mode(session: Tx) -> bool:
    """Whether the database is in team mode (`team init` ran: it has an owner). Asked of a
    function every member may call, since a member sees only some of the members' rows."""
    return bool(
        session.execute(text("SELECT planner_team_mode()")).scalar_one()
        if _has_function(session, "planner_team_mode")
        else session.execute(
            text("SELECT EXISTS (SELECT 1 FROM team_member WHERE kind = 'owner')")
        ).scalar_one()
    )


def _has_function(session: Tx, name: str) -> bool:
    return bool(
        session.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = :name "
                "AND pronamespace = current_schema()::regnamespace)"
            ),
            {"name": name},
        ).scalar_one()
    )


def member(session: Tx, login: str) -> Member | None:
    """The member with this login (as far as the caller may see), or None."""
    found = members(session, [login])
    return found[0] if found else None


def members(session: Tx, logins: Sequence[str] | None = None) -> list[Member]:
    """The members the caller may see (the owner: all; a mentor: themselves and their
    cohorts' learners; anyone else: themselves), by kind then login."""
    where = "" if logins is None else "WHERE t.login = ANY(:logins)"
    rows = session.execute(
        text(
            "SELECT t.login, t.kind, "
            "COALESCE(array_agg(c.cohort ORDER BY c.cohort) FILTER (WHERE c.cohort IS NOT NULL),"
            " '{}'), p.name "
            "FROM team_member t LEFT JOIN cohort_member c ON c.login = t.login "
            f"LEFT JOIN profile p ON p.login = t.login {where} "
            "GROUP BY t.login, t.kind, p.name"
        ),
        {"logins": list(logins or [])},
    ).all()
    order = {kind: i for i, kind in enumerate((Kind.OWNER, Kind.EDITOR, Kind.MENTOR, Kind.LEARNER))}
    found = [Member(str(r[0]), Kind(r[1]), tuple(r[2]), r[3]) for r in rows]
    return sorted(found, key=lambda m: (order[m.kind], m.login))


def own_profile_name(session: Tx) -> str | None:
    """The name of the profile the connecting login owns, or None."""
    name = session.execute(text("SELECT name FROM profile WHERE login = current_user")).scalar()
    return None if name is None else str(name)


def claim_profile(session: Tx, profile_id: int, login: str) -> None:
    """Make a profile the login's own."""
    session.execute(
        text("UPDATE profile SET login = :login WHERE id = :id"), {"login": login, "id": profile_id}
    )


# ---------------------------------------------------------------------------- logins
def login_exists(session: Tx, login: str) -> bool:
    """Whether the cluster has a role of that name."""
    return bool(
        session.execute(
            text("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :login)"), {"login": login}
        ).scalar_one()
    )


def create_login(session: Tx, login: str, password: str | None) -> None:
    """A new login (no password: it signs in however the server's pg_hba.conf allows)."""
    session.execute(text(f"CREATE ROLE {quote(login)} LOGIN"))
    if password is not None:
        set_password(session, login, password)


def set_password(session: Tx, login: str, password: str) -> None:
    """Set a login's password, sent to the server already hashed (SCRAM, as `psql`'s
    \\password does): the plain text appears in no statement, log or view."""
    from psycopg import sql

    raw: Any = connection_of(session).connection.dbapi_connection
    hashed = raw.pgconn.encrypt_password(password.encode(), login.encode()).decode()
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(login), hashed)
    with raw.cursor() as cursor:
        cursor.execute(statement)


def grant_kind(session: Tx, database: str, login: str, kind: Kind) -> None:
    """Give a login its kind's group role (and take the others away)."""
    for other, role in roles_of(database).items():
        if other == kind:
            session.execute(text(f"GRANT {quote(role)} TO {quote(login)}"))
        elif _is_member_of(session, login, role):
            session.execute(text(f"REVOKE {quote(role)} FROM {quote(login)}"))


def revoke_all(session: Tx, database: str, login: str) -> None:
    """Take every group role of this database away from a login."""
    for role in roles_of(database).values():
        if _is_member_of(session, login, role):
            session.execute(text(f"REVOKE {quote(role)} FROM {quote(login)}"))


def _is_member_of(session: Tx, login: str, role: str) -> bool:
    return bool(
        session.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m "
                "JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                "WHERE r.rolname = :role AND u.rolname = :login)"
            ),
            {"role": role, "login": login},
        ).scalar_one()
    )


def put_member(session: Tx, login: str, kind: Kind, cohorts: Iterable[str]) -> None:
    """Add or update a member row and their cohorts (the cohorts given replace theirs)."""
    session.execute(
        text(
            "INSERT INTO team_member (login, kind, added_at) VALUES (:login, :kind, :now) "
            "ON CONFLICT (login) DO UPDATE SET kind = EXCLUDED.kind"
        ),
        {"login": login, "kind": kind.value, "now": utcnow()},
    )
    session.execute(text("DELETE FROM cohort_member WHERE login = :login"), {"login": login})
    for cohort in dict.fromkeys(cohorts):
        session.execute(
            text("INSERT INTO cohort_member (cohort, login) VALUES (:cohort, :login)"),
            {"cohort": cohort, "login": login},
        )


def delete_member(session: Tx, login: str, *, delete_history: bool) -> None:
    """Remove a member row (their cohorts go with it); with `delete_history` their profile
    and everything it holds too, else the profile stays, still theirs."""
    session.execute(text("DELETE FROM team_member WHERE login = :login"), {"login": login})
    if delete_history:
        session.execute(text("DELETE FROM profile WHERE login = :login"), {"login": login})


def give_profile(session: Tx, login: str) -> None:
    """Make sure the login owns a profile: one already theirs, else an unowned one named after
    them (made before team mode), else a new one named after them."""
    from planner.errors import UsageError

    if own_profile_name_of(session, login) is not None:
        return
    row = session.execute(
        text("SELECT id, login FROM profile WHERE name = :name"), {"name": login}
    ).first()
    if row is not None:
        if row[1] is not None:
            raise UsageError(f"the profile named {login} belongs to the login {row[1]}")
        claim_profile(session, int(row[0]), login)
        return
    session.execute(
        insert(tables.profile).values(
            name=login,
            login=login,
            hours_per_week=10,
            strategy="foundations-first",
            created_at=utcnow(),
        )
    )


def own_profile_name_of(session: Tx, login: str) -> str | None:
    """The name of the profile a login owns, or None."""
    name = session.execute(
        text("SELECT name FROM profile WHERE login = :login"), {"login": login}
    ).scalar()
    return None if name is None else str(name)


def may_set_up(session: Tx) -> bool:
    """Whether the connecting login may set up team mode: it may create roles, and owns the
    planner's tables (or is a superuser)."""
    return bool(
        session.execute(
            text(
                "SELECT (r.rolsuper OR r.rolcreaterole) "
                "AND (r.rolsuper OR pg_has_role(current_user, c.relowner, 'USAGE')) "
                "FROM pg_roles r, pg_class c "
                "WHERE r.rolname = current_user AND c.oid = to_regclass('profile')"
            )
        ).scalar()
    )
