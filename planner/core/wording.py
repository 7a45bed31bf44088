"""The words for the skills behind a learner, and for being ahead of or behind a plan, the same
in every view and export.

Steps that are done, known (implied by something done) or skipped form the plan's first group
(phase 0), and the plan view's toggle hides exactly those. Both say what they hold: a group of
skills finished in the app is not "already known", and a toggle hiding skipped skills says so.
Each status is named by its word in `STATUS_WORDS`, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from planner.core.personal_pace import PersonalPace, pace_words
from planner.core.status import STATUS_TITLES, STATUS_WORDS, Status
from planner.core.units import plural

if TYPE_CHECKING:  # core.plan_steps words its groups with this module
    from planner.core.plan_steps import Plan

_NAMED_ORDER: tuple[Status, ...] = (Status.DONE, Status.IMPLIED, Status.SKIPPED)
"""The statuses of the skills behind the learner (`status.BEHIND`), in the order they are named."""

_DONE, _KNOWN, _SKIPPED = (STATUS_WORDS[s] for s in _NAMED_ORDER)

HIDE_BEHIND = f"Hide {_DONE}, {_KNOWN} and {_SKIPPED} skills"
"""The toggle that hides the steps of the group `behind_title` names."""

HIDE_BEHIND_TIP = (
    f"Hide the skills you have {_DONE}, those {_KNOWN} because you finished something that "
    f"needs them, and those you {_SKIPPED}"
)


def behind_title(statuses: Iterable[str]) -> str:
    """The title of the group of skills behind the learner, naming exactly the statuses in it:
    "Done", "Done and known", "Done, known and skipped"."""
    present = set(statuses)
    words = [STATUS_WORDS[s] for s in _NAMED_ORDER if s in present] or [_DONE]
    text = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return text[0].upper() + text[1:]


def known_because(name: str) -> str:
    """Why an implied skill counts as known, in the app's tooltips and panels:
    "Known because you finished Pandas" (`name` is the finished skill's)."""
    return f"{STATUS_TITLES[Status.IMPLIED]} because you finished {name}"


def pace_sentence(pace: PersonalPace, plan: Plan | None, day: Callable[[date], str]) -> str:
    """The learner's pace in words with the plan's finish both ways, as the Progress view and
    the PDF say it: "Your pace: skills take you about 40 % longer than estimated (from 3
    finished skills) — finish 12 Jul 2028 by the estimates, 3 Oct 2028 at your own pace."
    (`day` writes a date the caller's way)."""
    words = pace_words(pace)
    if plan is None or plan.finish_as_estimated is None or plan.finish_at_pace is None:
        return f"{words}."
    return (
        f"{words} — finish {day(plan.finish_as_estimated)} by the estimates, "
        f"{day(plan.finish_at_pace)} at your own pace."
    )


def ahead_words(days_ahead: int | None) -> str:
    """Ahead of or behind the target (or the plan): '12 days ahead', 'On plan', '3 days behind'."""
    if not days_ahead:
        return "On plan"
    return f"{plural(abs(days_ahead), 'day')} {'ahead' if days_ahead > 0 else 'behind'}"
