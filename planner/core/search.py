"""Finding skills by what the learner types: every word must appear in the name, id or area."""

from __future__ import annotations

from planner.core.domain import Skill


def search_words(text: str) -> list[str]:
    """The words of a search, case-folded ("Linear ALG" finds "linear algebra")."""
    return text.casefold().split()


def skill_text(skill: Skill) -> str:
    """What a search looks in."""
    return f"{skill.name}\n{skill.id}\n{skill.area}".casefold()


def matches(skill: Skill, words: list[str]) -> bool:
    """Whether every word of the search appears in the skill's name, id or area."""
    text = skill_text(skill)
    return all(word in text for word in words)
