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

A mentor's cohorts are looked up by SECURITY DEFINER functions (a policy on `cohort_member`
that read `cohort_member` would recurse). `apply_security` makes all of it, idempotently, in
the caller's transaction (`team init` holds an advisory lock); `security_problems` is what
`db check` reports when any of it is missing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from planner.core.records import Profile
from planner.core.status import Status
from planner.core.team import Kind, Member
from planner.db.queries.clock import utcnow
from planner.db.tables import Base

LIBRARY_TABLES = ("skill", "prerequisite", "resource", "role", "role_goal", "track", "track_goal")
TEAM_TABLES = ("team_member", "cohort_member")
# Alembic's own table: everyone reads the revision, only the owner migrates.
VERSION_TABLE = "alembic_version"

_FOLLOWED_LOGINS = "planner_followed_logins"
_FOLLOWED_COHORTS = "planner_followed_cohorts"


def learner_tables() -> tuple[str, ...]:
    """Every table holding a learner's data: `profile`, and each table keyed by a profile."""
    keyed = sorted(
        name
        for name, table in Base.metadata.tables.items()
        if "profile_id" in table.c and name != "profile"
    )
    return ("profile", *keyed)


def _quote(name: str) -> str:
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
def current_login(session: Session) -> str:
    """The login this connection acts as."""
    return str(session.execute(text("SELECT current_user")).scalar_one())


def team_mode(session: Session) -> bool:
    """Whether the database is in team mode (`team init` ran: it has an owner). Asked of a
    function every member may call, since a member sees only some of the members' rows."""
    return bool(
        session.execute(text("SELECT planner_team_mode()")).scalar_one()
        if _has_function(session, "planner_team_mode")
        else session.execute(
            text("SELECT EXISTS (SELECT 1 FROM team_member WHERE kind = 'owner')")
        ).scalar_one()
    )


def _has_function(session: Session, name: str) -> bool:
    return bool(
        session.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = :name "
                "AND pronamespace = current_schema()::regnamespace)"
            ),
            {"name": name},
        ).scalar_one()
    )


def member(session: Session, login: str) -> Member | None:
    """The member with this login (as far as the caller may see), or None."""
    found = members(session, [login])
    return found[0] if found else None


def members(session: Session, logins: Sequence[str] | None = None) -> list[Member]:
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


def own_profile_name(session: Session) -> str | None:
    """The name of the profile the connecting login owns, or None."""
    name = session.execute(text("SELECT name FROM profile WHERE login = current_user")).scalar()
    return None if name is None else str(name)


def claim_profile(session: Session, profile_id: int, login: str) -> None:
    """Make a profile the login's own."""
    session.execute(
        text("UPDATE profile SET login = :login WHERE id = :id"), {"login": login, "id": profile_id}
    )


# ---------------------------------------------------------------------------- logins
def login_exists(session: Session, login: str) -> bool:
    """Whether the cluster has a role of that name."""
    return bool(
        session.execute(
            text("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :login)"), {"login": login}
        ).scalar_one()
    )


def create_login(session: Session, login: str, password: str | None) -> None:
    """A new login (no password: it signs in however the server's pg_hba.conf allows)."""
    session.execute(text(f"CREATE ROLE {_quote(login)} LOGIN"))
    if password is not None:
        set_password(session, login, password)


def set_password(session: Session, login: str, password: str) -> None:
    """Set a login's password, sent to the server already hashed (SCRAM, as `psql`'s
    \\password does): the plain text appears in no statement, log or view."""
    from psycopg import sql

    raw: Any = session.connection().connection.dbapi_connection
    hashed = raw.pgconn.encrypt_password(password.encode(), login.encode()).decode()
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(login), hashed)
    with raw.cursor() as cursor:
        cursor.execute(statement)


def grant_kind(session: Session, database: str, login: str, kind: Kind) -> None:
    """Give a login its kind's group role (and take the others away)."""
    for other, role in roles_of(database).items():
        if other == kind:
            session.execute(text(f"GRANT {_quote(role)} TO {_quote(login)}"))
        elif _is_member_of(session, login, role):
            session.execute(text(f"REVOKE {_quote(role)} FROM {_quote(login)}"))


def revoke_all(session: Session, database: str, login: str) -> None:
    """Take every group role of this database away from a login."""
    for role in roles_of(database).values():
        if _is_member_of(session, login, role):
            session.execute(text(f"REVOKE {_quote(role)} FROM {_quote(login)}"))


def _is_member_of(session: Session, login: str, role: str) -> bool:
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


def put_member(session: Session, login: str, kind: Kind, cohorts: Iterable[str]) -> None:
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


def delete_member(session: Session, login: str, *, delete_history: bool) -> None:
    """Remove a member row (their cohorts go with it); with `delete_history` their profile
    and everything it holds too, else the profile stays, still theirs."""
    session.execute(text("DELETE FROM team_member WHERE login = :login"), {"login": login})
    if delete_history:
        session.execute(text("DELETE FROM profile WHERE login = :login"), {"login": login})


def give_profile(session: Session, login: str) -> None:
    """Make sure the login owns a profile: one already theirs, else an unowned one named after
    them (made before team mode), else a new one named after them."""
    from planner.db.tables import ProfileRow
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
    session.add(
        ProfileRow(
            name=login,
            login=login,
            hours_per_week=10,
            strategy="foundations-first",
            created_at=utcnow(),
        )
    )
    session.flush()


def own_profile_name_of(session: Session, login: str) -> str | None:
    """The name of the profile a login owns, or None."""
    name = session.execute(
        text("SELECT name FROM profile WHERE login = :login"), {"login": login}
    ).scalar()
    return None if name is None else str(name)


def may_set_up(session: Session | Connection) -> bool:
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


# ---------------------------------------------------------------------------- security
def _functions(schema: str) -> list[str]:
    """The SECURITY DEFINER functions the policies call: they read the membership tables as
    their owner, past the policies on those tables (a policy reading its own table would
    recurse), and say only which logins and cohorts a mentor follows. Their search path is
    fixed (the planner's schema, pg_temp last), as a SECURITY DEFINER function's must be."""
    definer = f"STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp"
    return [
        f"""CREATE OR REPLACE FUNCTION {_FOLLOWED_COHORTS}(who name) RETURNS SETOF varchar
        LANGUAGE sql {definer} AS $$
            SELECT c.cohort FROM cohort_member c JOIN team_member t ON t.login = c.login
            WHERE c.login = who AND t.kind = 'mentor'
        $$""",
        f"""CREATE OR REPLACE FUNCTION {_FOLLOWED_LOGINS}(who name) RETURNS SETOF varchar
        LANGUAGE sql {definer} AS $$
            SELECT DISTINCT l.login FROM cohort_member l
            JOIN team_member lt ON lt.login = l.login AND lt.kind = 'learner'
            WHERE l.cohort IN (SELECT {_FOLLOWED_COHORTS}(who))
        $$""",
        f"""CREATE OR REPLACE FUNCTION planner_team_mode() RETURNS boolean
        LANGUAGE sql {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM team_member WHERE kind = 'owner')
        $$""",
    ]


def _schema(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def _policies(roles: dict[Kind, str]) -> dict[str, list[tuple[str, str, str, str, str]]]:
    """Every table's policies: (name, command, roles, USING, WITH CHECK) each."""
    members = ", ".join(_quote(roles[k]) for k in (Kind.LEARNER, Kind.MENTOR, Kind.EDITOR))
    owner = _quote(roles[Kind.OWNER])
    mentor = _quote(roles[Kind.MENTOR])
    followed = f"(SELECT {_FOLLOWED_LOGINS}(current_user))"
    own_profiles = "(SELECT p.id FROM profile p WHERE p.login = current_user)"
    mentored_profiles = f"(SELECT p.id FROM profile p WHERE p.login IN {followed})"
    every_member = f"{members}, {owner}"
    out: dict[str, list[tuple[str, str, str, str, str]]] = {}
    out["profile"] = [
        ("planner_own", "ALL", members, "login = current_user", "login = current_user"),
        ("planner_mentor_reads", "SELECT", mentor, f"login IN {followed}", ""),
        ("planner_owner", "ALL", owner, "true", "true"),
    ]
    for table in learner_tables()[1:]:
        out[table] = [
            ("planner_own", "ALL", members, f"profile_id IN {own_profiles}",
             f"profile_id IN {own_profiles}"),
            ("planner_mentor_reads", "SELECT", mentor, f"profile_id IN {mentored_profiles}", ""),
            ("planner_owner", "ALL", owner, "true", "true"),
        ]  # fmt: skip
    out["team_member"] = [
        ("planner_own", "SELECT", every_member, f"login = current_user OR login IN {followed}", ""),
        ("planner_owner", "ALL", owner, "true", "true"),
    ]
    out["cohort_member"] = [
        (
            "planner_own",
            "SELECT",
            every_member,
            f"login = current_user OR cohort IN (SELECT {_FOLLOWED_COHORTS}(current_user))",
            "",
        ),
        ("planner_owner", "ALL", owner, "true", "true"),
    ]
    return out


def apply_security(connection: Connection, database: str, owner: str) -> None:
    """Create (or bring up to date) the group roles, grants, functions and policies, and make
    `owner` the owner member. Idempotent; runs in the caller's transaction."""
    roles = roles_of(database)
    for role in roles.values():
        exists = connection.execute(
            text("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :r)"), {"r": role}
        ).scalar_one()
        if not exists:
            connection.execute(text(f"CREATE ROLE {_quote(role)} NOLOGIN"))
    connection.execute(
        text(f"GRANT {_quote(roles[Kind.OWNER])} TO {_quote(owner)}")
    ) if owner != roles[Kind.OWNER] else None
    schema = _quote(_schema(connection))
    everyone = ", ".join(_quote(r) for r in roles.values())
    writers = f"{_quote(roles[Kind.EDITOR])}, {_quote(roles[Kind.OWNER])}"
    run = connection.execute
    run(text(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}"))
    run(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC"))
    for table in LIBRARY_TABLES:
        run(text(f"REVOKE ALL ON {_quote(table)} FROM {everyone}"))
        run(text(f"GRANT SELECT ON {_quote(table)} TO {everyone}"))
        run(text(f"GRANT INSERT, UPDATE, DELETE ON {_quote(table)} TO {writers}"))
    for table in learner_tables():
        run(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_quote(table)} TO {everyone}"))
    for table in TEAM_TABLES:
        run(text(f"REVOKE ALL ON {_quote(table)} FROM {everyone}"))
        run(text(f"GRANT SELECT ON {_quote(table)} TO {everyone}"))
        run(text(f"GRANT INSERT, UPDATE, DELETE ON {_quote(table)} TO {_quote(roles[Kind.OWNER])}"))
    run(text(f"REVOKE ALL ON {VERSION_TABLE} FROM {everyone}"))
    run(text(f"GRANT SELECT ON {VERSION_TABLE} TO {everyone}"))
    run(text(f"GRANT ALL ON {VERSION_TABLE} TO {_quote(roles[Kind.OWNER])}"))
    run(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {everyone}"))
    for statement in _functions(schema):
        run(text(statement))
    run(text(f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM PUBLIC"))
    run(text(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {everyone}"))
    for table, policies in _policies(roles).items():
        run(text(f"ALTER TABLE {_quote(table)} ENABLE ROW LEVEL SECURITY"))
        existing = {
            str(r[0])
            for r in run(
                text("SELECT policyname FROM pg_policies WHERE schemaname = current_schema() "
                     "AND tablename = :t"),
                {"t": table},
            )
        }  # fmt: skip
        for name in existing:
            run(text(f"DROP POLICY {_quote(name)} ON {_quote(table)}"))
        for name, command, to, using, check in policies:
            statement = (
                f"CREATE POLICY {name} ON {_quote(table)} FOR {command} TO {to} USING ({using})"
            )
            if check:
                statement += f" WITH CHECK ({check})"
            run(text(statement))
    connection.execute(
        text(
            "INSERT INTO team_member (login, kind, added_at) VALUES (:login, 'owner', :now) "
            "ON CONFLICT (login) DO UPDATE SET kind = 'owner'"
        ),
        {"login": owner, "now": utcnow()},
    )


def security_problems(connection: Connection, database: str) -> list[str]:
    """What is missing of team mode's security, one phrase each (empty: all there)."""
    roles = roles_of(database)
    problems: list[str] = []
    known = {
        str(r[0])
        for r in connection.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:r)"),
            {"r": list(roles.values())},
        )
    }
    problems += [f"the group role {r} is missing" for r in roles.values() if r not in known]
    secured = {
        str(r[0]): bool(r[1])
        for r in connection.execute(
            text(
                "SELECT c.relname, c.relrowsecurity FROM pg_class c "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
            )
        )
    }
    found: dict[str, set[str]] = {}
    for table, name in connection.execute(
        text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema()")
    ):
        found.setdefault(str(table), set()).add(str(name))
    for table, policies in _policies(roles).items():
        if not secured.get(table, False):
            problems.append(f"{table}: row-level security is off")
        for name, *_ in policies:
            if name not in found.get(table, set()):
                problems.append(f"{table}: the policy {name} is missing")
    if not problems and may_set_up(connection):
        problems += _altered(connection, database)
    # A table nobody classified holds data no policy decides about.
    classified = {*LIBRARY_TABLES, *learner_tables(), *TEAM_TABLES, VERSION_TABLE}
    problems += [
        f"{table}: no policy or grant says who may see it"
        for table in sorted(secured)
        if table not in classified
    ]
    return problems


def _definitions(connection: Connection) -> dict[tuple[str, str], tuple[object, ...]]:
    """Every policy and function of team mode as the server holds it, to compare."""
    found: dict[tuple[str, str], tuple[object, ...]] = {}
    for table, name, *rest in connection.execute(
        text(
            "SELECT tablename, policyname, permissive, cmd, roles::text, qual, with_check "
            "FROM pg_policies WHERE schemaname = current_schema()"
        )
    ):
        found[(str(table), str(name))] = tuple(rest)
    for name, *rest in connection.execute(
        text(
            "SELECT proname, prosrc, prosecdef, proconfig::text FROM pg_proc "
            "WHERE pronamespace = current_schema()::regnamespace AND proname LIKE 'planner\\_%'"
        )
    ):
        found[("function", str(name))] = tuple(rest)
    return found


def _altered(connection: Connection, database: str) -> list[str]:
    """Policies and functions that differ from what `team init` makes (compared by making
    them afresh in a savepoint, rolled back: nothing is changed)."""
    owner = connection.execute(text("SELECT login FROM team_member WHERE kind = 'owner'")).scalar()
    if owner is None:
        return []
    held = _definitions(connection)
    savepoint = connection.begin_nested()
    try:
        apply_security(connection, database, str(owner))
        made = _definitions(connection)
    finally:
        savepoint.rollback()
    return [
        f"{table}: the policy {name} differs from the one team init makes"
        if table != "function"
        else f"the function {name} differs from the one team init makes"
        for (table, name), definition in sorted(made.items())
        if held.get((table, name)) != definition
    ]


# ---------------------------------------------------------------------------- the cohort
@dataclass(frozen=True)
class Learner:
    """A learner of a cohort with their settings and what their plan is made from."""

    login: str
    cohort: str
    profile: Profile | None
    statuses: dict[str, Status]
    started: dict[str, date]  # skills in progress: since when
    goals: tuple[str, ...]  # their own goals
    hours_last_28_days: float
    streak_days: int
    last_active: date | None
    first_active: date | None
    minutes_since_start: int  # logged on or after their start (all, without one)
    window_minutes: tuple[tuple[date, int], ...]  # the last 28 days' study days


@dataclass(frozen=True)
class CohortData:
    """What one round of queries brings for a cohort view."""

    learners: list[Learner]
    timelines: dict[int, tuple[tuple[date, str, Status], ...]]  # by profile id (burn-up only)


def cohort_data(
    session: Session, name: str | None, today: date, *, timelines: bool = False
) -> CohortData:
    """Every learner of the cohorts the caller may see (of `name` only, when given), with the
    figures the server sums for them: one query per kind of figure, none per learner."""
    run = session.execute
    rows = run(
        text(
            "SELECT c.cohort, c.login, p.id, p.name, p.role_id, p.hours_per_week, "
            "p.start_date, p.strategy, p.target_date, "
            "COALESCE((SELECT array_agg(pt.track_id ORDER BY pt.position) FROM profile_track pt "
            "  WHERE pt.profile_id = p.id AND pt.role_id = p.role_id), '{}') "
            "FROM cohort_member c JOIN team_member t ON t.login = c.login AND t.kind = 'learner' "
            "LEFT JOIN profile p ON p.login = c.login "
            "WHERE (CAST(:name AS varchar) IS NULL OR c.cohort = :name) "
            "ORDER BY c.cohort, c.login"
        ),
        {"name": name},
    ).all()
    ids = [int(r[2]) for r in rows if r[2] is not None]
    statuses: dict[int, dict[str, Status]] = {}
    started: dict[int, dict[str, date]] = {}
    for pid, skill, status, since in run(
        text(
            "SELECT profile_id, skill_id, status, since FROM skill_state "
            "WHERE profile_id = ANY(:ids) AND status <> 'todo'"
        ),
        {"ids": ids},
    ):
        statuses.setdefault(pid, {})[skill] = Status(status)
        if status == Status.IN_PROGRESS.value:
            started.setdefault(pid, {})[skill] = since
    goals: dict[int, list[str]] = {}
    for pid, skill in run(
        text(
            "SELECT profile_id, skill_id FROM profile_goal WHERE profile_id = ANY(:ids) "
            "ORDER BY profile_id, added_at, skill_id"
        ),
        {"ids": ids},
    ):
        goals.setdefault(pid, []).append(str(skill))
    # Short queries over a few tens of thousands of rows: compiling them (JIT) costs more
    # than it saves.
    run(text("SET LOCAL jit = off"))
    figures = {
        int(r[0]): r[1:]
        for r in run(
            text(
                """
WITH days AS (
    SELECT profile_id, day, sum(minutes) AS minutes FROM study_session
    WHERE profile_id = ANY(:ids) AND deleted_at IS NULL AND day <= :today
    GROUP BY profile_id, day
), numbered AS (
    -- In a run of consecutive days, a day plus its rank from the newest is the same number.
    SELECT profile_id, day, minutes,
           day + CAST(row_number() OVER (PARTITION BY profile_id ORDER BY day DESC) AS integer)
               AS run,
           max(day) OVER (PARTITION BY profile_id) AS newest
    FROM days
), sums AS (
    SELECT n.profile_id,
           sum(n.minutes) FILTER (WHERE n.day > CAST(:today AS date) - 28) AS recent,
           count(*) FILTER (WHERE n.run = n.newest + 1
                            AND n.newest >= CAST(:today AS date) - 1) AS streak,
           sum(n.minutes) FILTER (WHERE p.start_date IS NULL OR n.day >= p.start_date) AS since,
           min(n.day) AS first, max(n.day) AS last
    FROM numbered n JOIN profile p ON p.id = n.profile_id
    GROUP BY n.profile_id
), changed AS (
    SELECT profile_id, min(day) AS first FROM status_timeline
    WHERE profile_id = ANY(:ids) GROUP BY profile_id
), events AS (
    SELECT profile_id, max(day) AS last FROM progress_event
    WHERE profile_id = ANY(:ids) GROUP BY profile_id
)
SELECT p.id, COALESCE(s.recent, 0), COALESCE(s.streak, 0),
       GREATEST(s.last, e.last), LEAST(s.first, c.first), COALESCE(s.since, 0)
FROM profile p LEFT JOIN sums s ON s.profile_id = p.id
LEFT JOIN changed c ON c.profile_id = p.id LEFT JOIN events e ON e.profile_id = p.id
WHERE p.id = ANY(:ids)
"""
            ),
            {"ids": ids, "today": today},
        )
    }
    window: dict[int, list[tuple[date, int]]] = {}
    for pid, day, minutes in run(
        text(
            "SELECT profile_id, day, sum(minutes) FROM study_session "
            "WHERE profile_id = ANY(:ids) AND deleted_at IS NULL "
            "AND day > CAST(:today AS date) - 28 AND day <= :today "
            "GROUP BY profile_id, day ORDER BY profile_id, day"
        ),
        {"ids": ids, "today": today},
    ):
        window.setdefault(pid, []).append((day, int(minutes)))
    histories: dict[int, tuple[tuple[date, str, Status], ...]] = {}
    if timelines:
        changes: dict[int, list[tuple[date, str, Status]]] = {}
        for pid, day, skill, status in run(
            text(
                "SELECT profile_id, day, skill_id, status FROM status_timeline "
                "WHERE profile_id = ANY(:ids) ORDER BY profile_id, day, skill_id"
            ),
            {"ids": ids},
        ):
            changes.setdefault(pid, []).append((day, str(skill), Status(status)))
        histories = {pid: tuple(found) for pid, found in changes.items()}
    learners = []
    for cohort, login, pid, pname, role, hours, start, strategy, target, tracks in rows:
        profile = (
            None
            if pid is None
            else Profile(pid, pname, role, tuple(tracks), hours, start, strategy, target)
        )
        recent, streak, last, first, since = figures.get(pid, (0, 0, None, None, 0))
        learners.append(
            Learner(
                str(login),
                str(cohort),
                profile,
                statuses.get(pid, {}),
                started.get(pid, {}),
                tuple(goals.get(pid, ())),
                int(recent) / 60,
                int(streak),
                last,
                first,
                int(since),
                tuple(window.get(pid, ())),
            )
        )
    return CohortData(learners, histories)
