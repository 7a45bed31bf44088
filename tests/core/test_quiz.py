"""The questionnaire: the shipped file validates, bad files are located, scoring adds up."""

from __future__ import annotations

import pytest

from planner.core.domain import Library, Role, Skill
from planner.core.graph import build_graph
from planner.core.quiz import recommend
from planner.errors import RoadmapError
from planner.fileformat.load import load_files
from planner.fileformat.quiz import check_quiz, parse_quiz, read_quiz
from planner.paths import builtin_quiz_file, builtin_roadmap_files

QUIZ = """\
format: 1
questions:
  - id: maths
    text: Maths?
    answers:
      - text: Love it
        reason: You love maths.
        weights: {ml: 3}
      - text: Avoid it
        weights: {ai: 3}
  - id: background
    text: Background?
    answers:
      - text: Developer
        weights: {ai: 1, ml: 1}
        known: [python]
      - text: Analyst
        weights: {ml: 1}
"""


def _library() -> Library:
    skills = {
        "python": Skill("python", "Python", "Code", 10),
        "maths": Skill("maths", "Maths", "Maths", 30),
        "ml": Skill("ml", "ML", "ML", 20, requires=("python", "maths")),
        "llm": Skill("llm", "LLMs", "AI", 5, requires=("python",)),
    }
    roles = {
        "ml": Role("ml", "ML engineer", goals=("ml",)),
        "ai": Role("ai", "AI engineer", goals=("llm",)),
    }
    return Library(skills, roles)


def test_scores_add_up_with_reasons_and_hours() -> None:
    library = _library()
    quiz = parse_quiz(QUIZ, "q.yaml").quiz
    result = recommend(quiz, {"maths": 0, "background": 0}, library, build_graph(library.skills))
    assert result.role == "ml"
    assert result.scores == {"ml": 4.0, "ai": 1.0}
    assert result.known == {"python"}
    # The reason text of the answer that spoke for ML; the tie answer gives no reason.
    assert result.reasons[0] == "You love maths."
    assert len(result.reasons) == 2
    assert "ML engineer needs 50 h" in result.reasons[1]  # python counts as known
    assert "AI engineer needs 5 h" in result.reasons[1]


def test_other_answers_point_the_other_way_and_unanswered_count_nothing() -> None:
    library = _library()
    quiz = parse_quiz(QUIZ, "q.yaml").quiz
    result = recommend(quiz, {"maths": 1}, library, build_graph(library.skills))
    assert result.role == "ai"
    assert result.scores == {"ml": 0.0, "ai": 3.0}
    assert result.reasons[0] == "Avoid it"  # no `reason`: the answer's own text


def test_a_tie_goes_to_the_role_with_fewer_hours_left() -> None:
    library = _library()
    quiz = parse_quiz(QUIZ, "q.yaml").quiz
    result = recommend(quiz, {"background": 0}, library, build_graph(library.skills))
    assert result.role == "ai"


def test_the_shipped_quiz_validates_against_the_builtin_library() -> None:
    library = Library.from_files(load_files(builtin_roadmap_files()))
    loaded = read_quiz(builtin_quiz_file())
    check_quiz(loaded, library.roles, library.skills)
    assert 5 <= len(loaded.quiz.questions) <= 7
    for question in loaded.quiz.questions:
        weights = [w for a in question.answers for w in a.weights]
        assert set(weights) <= {"ai-engineer", "ml-engineer"}


def test_bad_quiz_file_reports_file_and_line() -> None:
    bad = QUIZ.replace("        reason: You love maths.\n", "        reasn: typo\n").replace(
        "weights: {ai: 3}", "weights: {ai: high}"
    )
    with pytest.raises(RoadmapError) as error:
        parse_quiz(bad, "quiz.yaml")
    lines = str(error.value).splitlines()
    assert any(line.startswith("quiz.yaml:7: ") and "unknown key" in line for line in lines)
    assert any(line.startswith("quiz.yaml:10: ") for line in lines)


def test_unknown_roles_and_skills_are_located() -> None:
    loaded = parse_quiz(QUIZ.replace("known: [python]", "known: [pyhton]"), "quiz.yaml")
    with pytest.raises(RoadmapError) as error:
        check_quiz(loaded, {"ml"}, {"python"})
    text = str(error.value)
    assert "quiz.yaml:10: unknown role 'ai'" in text
    assert "quiz.yaml:16: unknown skill 'pyhton'" in text
