"""The library without its skills' text: whether it is empty, whether it holds a skill, and
its prerequisite graph — what recording a status or a study session needs (issue 16)."""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import sqlalchemy.exc
from sqlalchemy import Select, select

from planner.db import tables
from planner.db.engine import connection_of, serialize

if TYPE_CHECKING:
    from planner.core.graph import SkillGraph
    from planner.db.engine import Tx

Edges = dict[str, tuple[str, ...]]


def driver_rows(tx: Tx, statement: Select[Any]) -> list[Any]:
    """The rows of a select without parameters as the driver returns them, plain tuples.

    The SQL is SQLAlchemy's, compiled for the connection's dialect, and run in the session's
    transaction; only the result skips SQLAlchemy's row objects, which for the 50,000
    prerequisites of a 10,000-skill library cost more than the query itself. Driver errors
    become SQLAlchemy's, as they would through `execute`.
    """
    connection = connection_of(tx)
    compiled = statement.compile(dialect=connection.dialect)
    assert not compiled.params, "only for statements without parameters"
    sql = str(compiled)
    dbapi_error = connection.dialect.loaded_dbapi.Error
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    except dbapi_error as error:
        raise sqlalchemy.exc.DBAPIError.instance(sql, (), error, dbapi_error) from error
    finally:
        cursor.close()


def prerequisites(tx: Tx) -> tuple[Edges, Edges]:
    """Each skill's hard and soft prerequisites (requires, recommends), in their order."""
    prereq = tables.prerequisite.c
    requires: Edges = {}
    recommends: Edges = {}
    edges = driver_rows(
        tx,
        select(prereq.skill_id, prereq.prerequisite_id, prereq.hard).order_by(
            prereq.skill_id, prereq.position
        ),
    )
    for skill_id, rows in groupby(edges, itemgetter(0)):  # sorted by skill: one group each
        group = list(rows)
        if hard := tuple([row[1] for row in group if row[2]]):
            requires[skill_id] = hard
        if soft := tuple([row[1] for row in group if not row[2]]):
            recommends[skill_id] = soft
    return requires, recommends


def load_graph(tx: Tx) -> SkillGraph:
    """The library's prerequisite graph, as `build_graph` makes it of the whole library, in
    two queries: the skills' ids (deleted ones are not in it) and the edges."""
    from planner.core.graph import graph_of  # here: opening the database needs no graph

    serialize(tx, "library", shared=True)  # the library's writers wait: one library read
    skill = tables.skill.c
    ids = {row[0] for row in driver_rows(tx, select(skill.id).where(skill.deleted_at.is_(None)))}
    requires, recommends = prerequisites(tx)
    return graph_of(ids, requires, recommends)


def skill_exists(tx: Tx, skill_id: str) -> bool:
    """Whether the library holds the skill (deleted ones are not in it): one row, where a
    command that records a note or a status needs no more of the library."""
    skill = tables.skill.c
    found = connection_of(tx).scalar(
        select(skill.id).where(skill.id == skill_id, skill.deleted_at.is_(None))
    )
    return found is not None


def library_is_empty(tx: Tx) -> bool:
    """True when no skill has been stored yet."""
    return connection_of(tx).scalar(select(tables.skill.c.id).limit(1)) is None
