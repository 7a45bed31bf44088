"""A skill's status for a learner: the one type, the sets the code asks about, the words users see.

The values are a contract: the database stores them and the JSON and CSV output writes them
(docs/cli.md). A `Status` is a `str`, so it compares equal to its value, and `json.dumps`,
f-strings and the database all write the plain value ("in-progress", never "Status.IN_PROGRESS").

What a user reads is never the value but its word in `STATUS_WORDS`, the same in the app, the
PDF, the Markdown checklist and the command line's text: an implied skill is "known" everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from planner.errors import UsageError


class Status(StrEnum):
    """Where a skill stands for a learner."""

    TODO = "todo"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SKIPPED = "skipped"
    IMPLIED = "implied"
    """Derived, never stored: a hard prerequisite of something done or skipped."""


SETTABLE: tuple[Status, ...] = (Status.TODO, Status.IN_PROGRESS, Status.DONE, Status.SKIPPED)
"""The statuses a learner sets (and the database stores), in the order menus list them."""

FINISHED: frozenset[Status] = frozenset({Status.DONE, Status.SKIPPED})
"""Set by the learner and nothing left to study: these make their prerequisites implied."""

REMAINING: frozenset[Status] = frozenset({Status.TODO, Status.IN_PROGRESS})
"""Still to study: the plan dates these steps and counts their hours."""

BEHIND: frozenset[Status] = frozenset({Status.DONE, Status.IMPLIED, Status.SKIPPED})
"""Behind the learner (finished or known): the plan's first group, undated."""

STATUS_WORDS: Mapping[Status, str] = MappingProxyType(
    {
        Status.TODO: "to do",
        Status.IN_PROGRESS: "in progress",
        Status.DONE: "done",
        Status.SKIPPED: "skipped",
        Status.IMPLIED: "known",
    }
)
"""The word users see for each status, as it reads inside a sentence ("Mark … done")."""

STATUS_TITLES: Mapping[Status, str] = MappingProxyType(
    {status: word[0].upper() + word[1:] for status, word in STATUS_WORDS.items()}
)
"""The same words starting a label or a button ("In progress", "Known")."""


def settable_status(value: str) -> Status:
    """The status a learner sets, from its value ("in-progress"); a UsageError for any other."""
    if value not in SETTABLE:
        raise UsageError(f"unknown status '{value}' (use one of: {', '.join(SETTABLE)})")
    return Status(value)
