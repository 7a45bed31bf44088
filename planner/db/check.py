"""Check database: find damage, dangling references and prerequisite cycles, and fix what is safe.

SQLite-specific on purpose (its pragmas are the only way to ask these questions); a server
database would answer them with its own tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from planner.db.engine import Database


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
