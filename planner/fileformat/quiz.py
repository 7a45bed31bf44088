"""The "Which role fits me?" questionnaire file: its schema and loading with FILE:LINE errors."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.errors import Problem, RoadmapError
from planner.fileformat.schema import Id, LongText, Text
from planner.fileformat.yamlread import MAX_FILE_BYTES, ReadResult, decode, read_yaml


class _Model(BaseModel):
    # The same rules as roadmap files: no coercion, and an unknown key is a typo.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Answer(_Model):
    """One answer: how much it speaks for each role, and what it says the learner knows."""

    text: Text
    reason: LongText | None = Field(
        default=None, description="Shown as a reason when this answer supports the role."
    )
    weights: dict[Id, float] = Field(default_factory=dict, description="Role id -> points.")
    known: list[Id] = Field(default_factory=list, description="Skill ids this answer implies.")


class Question(_Model):
    """A question with two or more answers, one of which is chosen."""

    id: Id
    text: Text
    answers: list[Answer] = Field(min_length=2)


class QuizFile(_Model):
    """The questionnaire: data, so that questions and weights change without code."""

    format: Literal[1]
    questions: list[Question] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedQuiz:
    """A questionnaire that passed validation, with the line of each value."""

    name: str
    quiz: QuizFile
    read: ReadResult


def parse_quiz(text: str, name: str) -> LoadedQuiz:
    """Validate a questionnaire's text; raise RoadmapError listing every problem as FILE:LINE."""
    read = read_yaml(text, name)
    if read.problems:
        raise RoadmapError(read.problems)
    if not isinstance(read.data, dict):
        raise RoadmapError([Problem(name, read.line_of(()), "a quiz file is a mapping")])
    try:
        quiz = QuizFile.model_validate(read.data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            where = ".".join(str(p) for p in loc) or "file"
            if item["type"] == "extra_forbidden":
                message = f"{where}: unknown key"
            elif item["type"] == "missing":
                message = f"{where}: is required"
            else:
                message = f"{where}: {item['msg']}"
            # A wrong key inside `weights` has no line of its own value; use its mapping's.
            line = read.line_of(loc) or read.line_of(loc[:-1])
            problems.append(Problem(name, line, message))
        raise RoadmapError(problems) from None
    return LoadedQuiz(name, quiz, read)


def read_quiz(path: Path) -> LoadedQuiz:
    """Read and validate a questionnaire file from disk."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RoadmapError([Problem(name, 0, "file is larger than 5 MiB; refused")])
        raw = path.read_bytes()
    except OSError as error:
        raise RoadmapError([Problem(name, 0, f"cannot read: {error.strerror}")]) from None
    text, problems = decode(raw, name)
    if text is None:
        raise RoadmapError(problems)
    return parse_quiz(text, name)


def check_quiz(loaded: LoadedQuiz, roles: Collection[str], skills: Collection[str]) -> None:
    """Raise RoadmapError when the questionnaire names roles or skills the library lacks,
    or repeats a question id."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for q, question in enumerate(loaded.quiz.questions):
        if question.id in seen:
            line = loaded.read.line_of(("questions", q, "id"))
            problems.append(Problem(loaded.name, line, f"duplicate question id '{question.id}'"))
        seen.add(question.id)
        for a, answer in enumerate(question.answers):
            path = ("questions", q, "answers", a)
            for role in answer.weights:
                if role not in roles:
                    line = loaded.read.line_of((*path, "weights", role))
                    problems.append(Problem(loaded.name, line, f"unknown role '{role}'"))
            for k, skill in enumerate(answer.known):
                if skill not in skills:
                    line = loaded.read.line_of((*path, "known", k))
                    problems.append(Problem(loaded.name, line, f"unknown skill '{skill}'"))
    if problems:
        raise RoadmapError(problems)
