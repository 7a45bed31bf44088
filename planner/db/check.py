"""Check database: find damage, dangling references and prerequisite cycles, and fix what is safe.

On an SQLite file its pragmas answer (integrity_check, foreign_key_check). A PostgreSQL
server keeps its pages and its foreign keys sound itself: there the check is that the schema
is this version's (its revision, and every table, column, index and constraint the models
declare), that every constraint is validated, that every table has the trigger telling the
apps of its changes, and in team mode that the group roles, row-level security and policies
are all there.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SAWarning

from planner.db.engine import Database, head_revision


@dataclass
class CheckReport:
    """What a check found, and what it fixed (in one transaction)."""

    integrity_ok: bool = True
    problems: list[str] = field(default_factory=list)  # found and left alone
    fixed: list[str] = field(default_factory=list)  # found and repaired

    @property
    def clean(self) -> bool:
        """Nothing was wrong."""
        return self.integrity_ok and not self.problems and not self.fixed

    def lines(self) -> list[str]:
        """The report as lines for a learner."""
        if self.clean:
            return ["database ok: no problems found"]
        out = [f"fixed: {line}" for line in self.fixed]
        out += [f"problem: {line}" for line in self.problems]
        if not self.integrity_ok:
            out.append("the file is damaged: restore a backup (planner db restore FILE)")
        return out


def check_database(db: Database) -> CheckReport:
    """Check the database; repair dangling references in one transaction.

    A row whose reference dangles (possible only if foreign keys were ever off) is repaired the
    way its foreign key would have: deleted for ON DELETE CASCADE, emptied for SET NULL. Cycles
    in the prerequisite graph are only reported: which edge is wrong is the learner's call.
    """
    report = CheckReport()
    if db.on_server:
        with db.engine.connect() as connection, connection.begin():
            _check_schema(connection, report)
            _check_team(connection, db, report)
            _report_cycles(connection, report)
        return report
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        connection.rollback()
        if [tuple(r) for r in rows] != [("ok",)]:
            report.integrity_ok = False
            report.problems.extend(str(r[0]) for r in rows[:20])
            return report  # repairs on a damaged file could make it worse
        with connection.begin():
            _fix_dangling(connection, report)
            _report_cycles(connection, report)
    return report


def _check_schema(connection: Connection, report: CheckReport) -> None:
    """The schema on a server is the one this version's migrations make, constraints included."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from planner.db.tables import metadata

    context = MigrationContext.configure(connection)
    revision = context.get_current_revision()
    if revision != head_revision():
        report.problems.append(
            f"the schema is at revision {revision}, not {head_revision()}: open it with "
            "this version of the planner to upgrade it"
        )
        return
    with warnings.catch_warnings():
        # Reflecting PostgreSQL's indexes makes SQLAlchemy warn about options it does not
        # know (`dialect_options`); what the comparison finds is unaffected.
        warnings.simplefilter("ignore", SAWarning)
        differences = compare_metadata(context, metadata)
    for difference in differences:
        report.problems.append(f"the schema differs from this version's: {_said(difference)}")
    unchecked = connection.exec_driver_sql(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint "
        "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace "
        "ORDER BY 1, 2"
    ).fetchall()
    for table, name in unchecked:
        report.problems.append(f"{table}: constraint {name} was never checked (NOT VALID)")
    from planner.db.postgres import tables_without_change_trigger

    for table in tables_without_change_trigger(connection):
        report.problems.append(
            f"{table}: no trigger tells the apps of its changes (they will not refresh when "
            "another client writes it)"
        )


def _check_team(connection: Connection, db: Database, report: CheckReport) -> None:
    """A database in team mode has its group roles, row-level security and policies."""
    from planner.db import team_security
    from planner.db.location import ServerAddress

    if not isinstance(db.location, ServerAddress):
        return
    mode = connection.exec_driver_sql(
        "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'team_member' "
        "AND schemaname = current_schema())"
    ).scalar()
    if (
        not mode
        or not connection.exec_driver_sql(
            "SELECT EXISTS (SELECT 1 FROM team_member WHERE kind = 'owner')"
        ).scalar()
    ):
        return
    for problem in team_security.security_problems(connection, db.location.database):
        report.problems.append(f"team mode: {problem} (the owner runs `planner team init`)")


def _said(difference: Any) -> str:
    """One of Alembic's differences as a short phrase: ('add_index', Index(...)) and the like."""
    if isinstance(difference, list):  # column changes come as a list of them
        return "; ".join(_said(d) for d in difference)
    action, *rest = difference
    target = rest[0] if rest else ""
    name = getattr(target, "name", None) or (rest[2] if len(rest) > 2 else target)
    return f"{str(action).replace('_', ' ')} {name}"


def _fix_dangling(connection: Connection, report: CheckReport) -> None:
    # Repairing one row may cascade to others; repeat until a pass finds nothing.
    for _ in range(10):
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if not broken:
            return
        for table, rowid, parent, fkid in broken:
            _fix_row(connection, report, str(table), rowid, str(parent), int(fkid))


def _fix_row(
    connection: Connection, report: CheckReport, table: str, rowid: Any, parent: str, fkid: int
) -> None:
    keys = [
        row
        for row in connection.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()
        if int(row[0]) == fkid
    ]
    on_delete = str(keys[0][6]).upper() if keys else ""
    where = f"{table} row {rowid} refers to a missing {parent}"
    if rowid is None or on_delete not in ("CASCADE", "SET NULL"):
        report.problems.append(where)
        return
    if on_delete == "CASCADE":
        connection.exec_driver_sql(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
        report.fixed.append(f"{where}: deleted it")
    else:
        columns = ", ".join(f'"{row[3]}" = NULL' for row in keys)
        connection.exec_driver_sql(f'UPDATE "{table}" SET {columns} WHERE rowid = ?', (rowid,))
        report.fixed.append(f"{where}: cleared the reference")


def _report_cycles(connection: Connection, report: CheckReport) -> None:
    import networkx as nx  # here, not at the top: opening the app does not need it

    graph: nx.DiGraph[str] = nx.DiGraph()
    for skill_id, prerequisite_id in connection.exec_driver_sql(
        "SELECT skill_id, prerequisite_id FROM prerequisite ORDER BY skill_id, prerequisite_id"
    ):
        graph.add_edge(str(prerequisite_id), str(skill_id))
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    path = [str(u) for u, _v in edges]
    report.problems.append(
        "the prerequisites go round in a circle: " + " -> ".join([*path, path[0]])
    )
