"""How the tables' columns are made: text ids, references to other tables and their types,
positions among siblings, the stored statuses (the shared pieces of `planner.db.tables`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, ForeignKey, Integer, String

from planner.core.status import SETTABLE

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

# The statuses a learner sets, stored as their plain values; `implied` is derived, never stored.
# (Migrations 0001 and 0002 spell out the same list: the schema they built must not move.)
STATUS_STORED = "status IN ({})".format(", ".join(f"'{s.value}'" for s in SETTABLE))

ID = String(64)


def text_id(name: str) -> Column[str]:
    """A text id, part of the primary key."""
    return Column(name, ID, primary_key=True, nullable=False)


# The type of each column a foreign key refers to, given to the referring column too: a
# table is then declared without the tables it refers to (SQLAlchemy would otherwise take
# the type from them), so a command declares only the tables it reads or writes.
KEY_TYPES: dict[str, TypeEngine[Any]] = {
    "skill.id": ID,
    "role.id": ID,
    "profile.id": Integer(),
    "progress_event.id": Integer(),
    "study_session.id": Integer(),
    "team_member.login": String(63),
}


def refers(column: str, to: str, *, key: bool = False, index: bool | None = None) -> Column[Any]:
    """A column referring to `to` ("table.column"), deleted with the row it refers to."""
    return Column(
        column,
        KEY_TYPES[to],
        ForeignKey(to, ondelete="CASCADE"),
        primary_key=key,
        nullable=False,
        index=index,
    )


def position() -> Column[int]:
    """The place of a row among its siblings (order of definition in files)."""
    return Column("position", Integer, nullable=False, default=0)


def learner_skill(*, key: bool) -> tuple[Column[Any], Column[Any]]:
    """The learner and the skill a row is about (together the primary key, with `key`)."""
    return (
        refers("profile_id", "profile.id", key=key),
        refers("skill_id", "skill.id", key=key),
    )
