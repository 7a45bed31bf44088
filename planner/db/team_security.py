"""Team mode's security on PostgreSQL: group roles' grants, SECURITY DEFINER functions and
row-level-security policies, made idempotently and checked.

A mentor's cohorts are looked up by SECURITY DEFINER functions (a policy on `cohort_member`
that read `cohort_member` would recurse). `apply_security` makes all of it, idempotently, in
the caller's transaction (`team init` holds an advisory lock); `security_problems` is what
`db check` reports when any of it is missing. Who the members are: `planner/db/team.py`.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from planner.core.team import Kind
from planner.db.queries.clock import utcnow
from planner.db.team import (
    LIBRARY_TABLES,
    TEAM_TABLES,
    VERSION_TABLE,
    learner_tables,
    may_set_up,
    quote,
    roles_of,
)

_FOLLOWED_LOGINS = "planner_followed_logins"
_FOLLOWED_COHORTS = "planner_followed_cohorts"


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
    members = ", ".join(quote(roles[k]) for k in (Kind.LEARNER, Kind.MENTOR, Kind.EDITOR))
    owner = quote(roles[Kind.OWNER])
    mentor = quote(roles[Kind.MENTOR])
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
            connection.execute(text(f"CREATE ROLE {quote(role)} NOLOGIN"))
    connection.execute(
        text(f"GRANT {quote(roles[Kind.OWNER])} TO {quote(owner)}")
    ) if owner != roles[Kind.OWNER] else None
    schema = quote(_schema(connection))
    everyone = ", ".join(quote(r) for r in roles.values())
    writers = f"{quote(roles[Kind.EDITOR])}, {quote(roles[Kind.OWNER])}"
    run = connection.execute
    run(text(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}"))
    run(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC"))
    for table in LIBRARY_TABLES:
        run(text(f"REVOKE ALL ON {quote(table)} FROM {everyone}"))
        run(text(f"GRANT SELECT ON {quote(table)} TO {everyone}"))
        run(text(f"GRANT INSERT, UPDATE, DELETE ON {quote(table)} TO {writers}"))
    for table in learner_tables():
        run(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quote(table)} TO {everyone}"))
    for table in TEAM_TABLES:
        run(text(f"REVOKE ALL ON {quote(table)} FROM {everyone}"))
        run(text(f"GRANT SELECT ON {quote(table)} TO {everyone}"))
        run(text(f"GRANT INSERT, UPDATE, DELETE ON {quote(table)} TO {quote(roles[Kind.OWNER])}"))
    run(text(f"REVOKE ALL ON {VERSION_TABLE} FROM {everyone}"))
    run(text(f"GRANT SELECT ON {VERSION_TABLE} TO {everyone}"))
    run(text(f"GRANT ALL ON {VERSION_TABLE} TO {quote(roles[Kind.OWNER])}"))
    run(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {everyone}"))
    for statement in _functions(schema):
        run(text(statement))
    run(text(f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM PUBLIC"))
    run(text(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {everyone}"))
    for table, policies in _policies(roles).items():
        run(text(f"ALTER TABLE {quote(table)} ENABLE ROW LEVEL SECURITY"))
        existing = {
            str(r[0])
            for r in run(
                text("SELECT policyname FROM pg_policies WHERE schemaname = current_schema() "
                     "AND tablename = :t"),
                {"t": table},
            )
        }  # fmt: skip
        for name in existing:
            run(text(f"DROP POLICY {quote(name)} ON {quote(table)}"))
        for name, command, to, using, check in policies:
            statement = (
                f"CREATE POLICY {name} ON {quote(table)} FOR {command} TO {to} USING ({using})"
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
