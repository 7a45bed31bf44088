"""Score the "Which role fits me?" answers: a recommended role, every role's score, and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.core.compare import compare_roles
from planner.core.domain import Library
from planner.core.graph import SkillGraph
from planner.core.status import Status
from planner.core.units import format_hours

if TYPE_CHECKING:  # the file format (pydantic) loads only when the quiz file is read
    from planner.fileformat.quiz import QuizFile


@dataclass(frozen=True)
class Recommendation:
    """The role that fits best, with the points of every role and the reasons in words."""

    role: str
    scores: Mapping[str, float]
    reasons: tuple[str, ...]
    known: frozenset[str]


def recommend(
    quiz: QuizFile,
    answers: Mapping[str, int],
    library: Library,
    graph: SkillGraph,
    statuses: Mapping[str, Status] | None = None,
) -> Recommendation:
    """Add up the chosen answers' weights (`answers`: question id -> answer index).

    Skills the answers say the learner knows count as done, on top of `statuses`, for the
    remaining-hours reason. Ties go to the role with fewer hours left, then to the id.
    """
    scores: dict[str, float] = dict.fromkeys(library.roles, 0.0)
    chosen = []
    known: set[str] = set()
    for question in quiz.questions:
        index = answers.get(question.id)
        if index is None or not 0 <= index < len(question.answers):
            continue  # an unanswered question speaks for no role
        answer = question.answers[index]
        chosen.append(answer)
        known.update(s for s in answer.known if s in library.skills)
        for role, weight in answer.weights.items():
            if role in scores:
                scores[role] += weight
    if not scores:
        raise ValueError("the library has no roles to recommend")
    progress = {**(statuses or {}), **dict.fromkeys(known, Status.DONE)}
    remaining = {
        role: compare_roles(library, graph, role, role, progress).remaining_hours_a
        for role in scores
    }
    best = min(scores, key=lambda r: (-scores[r], remaining[r], r))
    reasons = [
        answer.reason or answer.text
        for answer in chosen
        if answer.weights.get(best, 0.0)
        > max((w for r, w in answer.weights.items() if r != best), default=0.0)
    ]
    others = sorted((r for r in scores if r != best), key=lambda r: (-scores[r], r))
    if others:
        other = others[0]
        diff = remaining[other] - remaining[best]
        name, other_name = library.roles[best].name, library.roles[other].name
        if diff > 0:
            reasons.append(
                f"From where you stand, {name} needs {format_hours(remaining[best])} more study; "
                f"{other_name} needs {format_hours(remaining[other])} ({format_hours(diff)} more)."
            )
        else:
            reasons.append(
                f"From where you stand, {name} needs {format_hours(remaining[best])} more study; "
                f"{other_name} needs {format_hours(remaining[other])} "
                f"({format_hours(-diff)} less), so the fit is about the work, not the hours."
            )
    return Recommendation(best, scores, tuple(reasons), frozenset(known))
