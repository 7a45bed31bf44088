"""A learner's plan settings that need no library: the study orders and the hours a week."""

from __future__ import annotations

STRATEGIES: dict[str, str] = {
    "foundations-first": "Layer by layer: everything a phase needs comes in an earlier phase.",
    "goal-by-goal": "Early wins: the goal with the fewest hours left first, with what it needs.",
}
DEFAULT_STRATEGY = "foundations-first"
# One range everywhere (service, toolbar, wizard): below half an hour a week no plan ends in
# a learner's lifetime; above 80 nobody studies sustainably.
MIN_HOURS_PER_WEEK = 0.5
MAX_HOURS_PER_WEEK = 80.0
