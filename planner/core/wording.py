"""The words for the skills behind a learner, the same in every view and export.

Steps that are done, known (implied by something done) or skipped form the plan's first group
(phase 0), and the plan view's toggle hides exactly those. Both say what they hold: a group of
skills finished in the app is not "already known", and a toggle hiding skipped skills says so.
"""

from __future__ import annotations

from collections.abc import Iterable

BEHIND = ("done", "implied", "skipped")
"""The statuses of the skills behind the learner, in the order they are named."""

_WORDS = {"done": "done", "implied": "known", "skipped": "skipped"}

HIDE_BEHIND = "Hide done, known and skipped skills"
"""The toggle that hides the steps of the group `behind_title` names."""

HIDE_BEHIND_TIP = (
    "Hide the skills you have done, those known because you finished something that needs "
    "them, and those you skipped"
)


def behind_title(statuses: Iterable[str]) -> str:
    """The title of the group of skills behind the learner, naming exactly the statuses in it:
    "Done", "Done and known", "Done, known and skipped"."""
    present = set(statuses)
    words = [_WORDS[s] for s in BEHIND if s in present] or [_WORDS["done"]]
    text = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return text[0].upper() + text[1:]
