"""The built-in roadmaps: complete, correct and well-formed, as a learner reads them every day."""

from __future__ import annotations

import re
from collections import deque
from functools import cache

import pytest

from planner.core.domain import Library, Role
from planner.fileformat.load import load_files
from planner.paths import builtin_roadmap_files
from tests.conftest import ROADMAPS

# Every skill the brief names, under its standard name (../shared/brief/roles.md).
BRIEF_SKILLS = {
    # shared ground
    "python-basics": "Python",
    "sql": "SQL",
    "git": "Git",
    "github": "GitHub",
    "ci-cd": "CI/CD",
    "docker": "Docker",
    "unix-shell": "Bash/Zsh",
    "cloud-fundamentals": "AWS, Azure or GCP",
    "software-engineering-fundamentals": "Software-engineering fundamentals",
    "transformers": "Transformer",
    # AI engineer
    "backend-language": "Go or Java",
    "llm-fundamentals": "Large language models",
    "foundation-models": "Foundation models",
    "prompt-engineering": "Prompt engineering",
    "rag": "Retrieval-augmented generation",
    "fine-tuning": "Fine-tuning",
    "model-context-protocol": "Model Context Protocol",
    # ML engineer
    "calculus": "Calculus",
    "linear-algebra": "Linear algebra",
    "statistics": "Statistics",
    "mlops": "MLOps",
    "gradient-boosted-trees": "Gradient-boosted trees",
    "backpropagation": "Backpropagation",
    "pytorch": "PyTorch",
    "rust": "Rust",
    "time-series-forecasting": "forecasting",
    "recommendation-systems": "Recommendation systems",
    "computer-vision": "Computer vision",
}

# Real prerequisites a learner needs (hard, possibly through other skills).
MUST_COME_BEFORE = [
    ("python-basics", "numpy"),
    ("python-basics", "gradient-boosted-trees"),
    ("calculus", "backpropagation"),
    ("linear-algebra", "backpropagation"),
    ("transformers", "fine-tuning"),
    ("git", "ci-cd"),
    ("llm-fundamentals", "rag"),
    ("statistics", "gradient-boosted-trees"),
    ("docker", "mlops"),
]


@cache
def library() -> Library:
    return Library.from_files(load_files(builtin_roadmap_files()))


def closure(goals: tuple[str, ...]) -> set[str]:
    lib = library()
    seen: set[str] = set()
    queue = deque(goals)
    while queue:
        skill = queue.popleft()
        if skill not in seen:
            seen.add(skill)
            queue.extend(lib.skills[skill].requires)
    return seen


def role(role_id: str) -> Role:
    return library().roles[role_id]


def test_the_files_are_organised_so_foundations_are_defined_once() -> None:
    names = [p.name for p in builtin_roadmap_files()]
    assert names == ["ai-engineer.yaml", "foundations.yaml", "ml-engineer.yaml"]


def test_each_file_points_editors_at_the_schema() -> None:
    for path in builtin_roadmap_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./schema.json", path.name


@pytest.mark.parametrize(("skill_id", "name_part"), sorted(BRIEF_SKILLS.items()))
def test_every_skill_the_brief_names_is_there(skill_id: str, name_part: str) -> None:
    skill = library().skills[skill_id]
    assert name_part.lower() in skill.name.lower()


@pytest.mark.parametrize(("before", "after"), MUST_COME_BEFORE)
def test_real_prerequisites_are_hard_prerequisites(before: str, after: str) -> None:
    assert before in closure((after,)) - {after}


def test_the_ai_engineer_plan_does_not_drag_in_deep_maths() -> None:
    plan = closure(role("ai-engineer").goals)
    assert not plan & {"calculus", "linear-algebra", "backpropagation"}


def test_both_roles_have_a_rich_plan_and_share_the_foundations() -> None:
    ai = closure(role("ai-engineer").goals)
    ml = closure(role("ml-engineer").goals)
    assert len(ai) >= 40
    assert len(ml) >= 40
    shared = ai & ml
    assert {"python-basics", "sql", "git", "github", "ci-cd"} <= shared
    assert {"rag", "prompt-engineering", "model-context-protocol"} <= ai - ml
    assert {"calculus", "gradient-boosted-trees", "mlops"} <= ml - ai


def test_every_skill_is_reachable_from_some_goal() -> None:
    goals: list[str] = []
    for r in library().roles.values():
        goals.extend(r.goals)
        for t in r.tracks:
            goals.extend(t.goals)
    assert set(library().skills) - closure(tuple(goals)) == set()


def test_the_tracks_the_roles_need() -> None:
    ml_tracks = {t.id for t in role("ml-engineer").tracks}
    assert {
        "forecasting",
        "recommendation-systems",
        "computer-vision",
        "ml-platform",
        "ml-hardware",
        "ml-solutions",
    } <= ml_tracks
    ai_tracks = {t.id for t in role("ai-engineer").tracks}
    assert "agents" in ai_tracks
    assert len(ai_tracks) >= 2
    for r in library().roles.values():
        for t in r.tracks:
            assert t.summary, (r.id, t.id)
            # A track adds something to study, not only skills the role already covers.
            assert closure(t.goals) - closure(r.goals), (r.id, t.id)


def test_roles_carry_the_pay_facts_from_the_brief() -> None:
    ml, ai = role("ml-engineer"), role("ai-engineer")
    assert ml.name == "Machine-learning engineer"
    assert ai.name == "AI engineer"
    assert ml.salary is not None
    assert ai.salary is not None
    assert (ml.salary.amount, ml.salary.currency, ml.salary.region) == (105000, "GBP", "UK")
    assert (ai.salary.amount, ai.salary.currency, ai.salary.region) == (75000, "GBP", "UK")
    assert ml.salary.source == ai.salary.source == "Levels.fyi"
    assert "foundation models" in ai.summary.lower()
    assert "production" in ml.summary.lower()


def test_every_skill_is_complete_and_realistic() -> None:
    for skill in library().skills.values():
        assert skill.level in ("beginner", "intermediate", "advanced"), skill.id
        # Most skills are a few to ~60 hours; a few semester-sized ones (data structures and
        # algorithms, C++, GPU programming) were re-checked against real course lengths.
        assert 2 <= skill.hours <= 100, skill.id
        assert len(skill.summary) >= 40, skill.id
        assert 1 <= len(skill.resources) <= 3, skill.id
        for resource in skill.resources:
            assert resource.url.startswith("https://"), (skill.id, resource.url)
            assert resource.kind is not None, (skill.id, resource.title)


def test_areas_form_a_small_consistent_set() -> None:
    areas = {s.area for s in library().skills.values()}
    assert len(areas) <= 16, sorted(areas)


def test_standard_terms_only() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in builtin_roadmap_files()).lower()
    for wrong in ("fast engineering", "basic models", "gradient boosted trees"):
        assert wrong not in text
    assert not re.search(r"<[a-z/][^>]*>", text), "summaries are plain text, not markup"


def test_schema_json_is_current() -> None:
    from planner.fileformat.jsonschema import schema_text

    assert (ROADMAPS / "schema.json").read_text(encoding="utf-8") == schema_text(), (
        "roadmaps/schema.json is stale: run `make schema`"
    )
