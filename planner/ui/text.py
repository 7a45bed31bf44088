"""Showing learners' text safely: names, summaries and notes are never taken for markup."""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (and wrapped): Qt guesses whether a tooltip is rich
    text, so plain text is escaped inside a paragraph rather than passed as it is."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def button_text(text: str) -> str:
    """Text for a button or a menu entry that shows `text` literally: Qt takes `&` for the
    mark of a keyboard shortcut, so it is doubled."""
    return text.replace("&", "&&")


def hours_with_pace(estimate: float, yours: float) -> str:
    """A skill's hours with the learner's own beside them when they differ noticeably (by a
    tenth and by half an hour at least): '12 h (you: ~18 h)'; else just '12 h'."""
    from planner.core.plan_pace import estimate_words

    noticeable = abs(yours - estimate) >= max(0.5, 0.1 * estimate)
    return estimate_words(estimate, yours if noticeable else None)
