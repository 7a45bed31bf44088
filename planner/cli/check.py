"""The `planner check` command: validate roadmap and questionnaire files; touches no database."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.common import command, err, out
from planner.cli.common import count as _count
from planner.errors import RoadmapError

if TYPE_CHECKING:  # pydantic and PyYAML load when a file is checked, not for --help
    from planner.fileformat.load import LoadedFile
    from planner.fileformat.schema import Skill


def register(sub: Any) -> None:
    """Add `planner check FILE...` to the `planner` parser."""
    p = command(sub, "check", cmd_check, "validate roadmap files; touches no database")
    p.add_argument("files", nargs="+", metavar="FILE")


def cmd_check(args: argparse.Namespace) -> int:
    """Validate roadmap files together, on top of the built-in library; touch no database."""
    from planner.fileformat.load import check_paths

    paths = [Path(p) for p in args.files]
    quizzes = [p for p in paths if _is_quiz(p)]
    loaded, problems = check_paths([p for p in paths if p not in quizzes], _builtin_context(paths))
    quiz_lines: list[str] = []
    if not problems:
        for path in quizzes:
            try:
                quiz_lines.append(_check_quiz(path, loaded))
            except RoadmapError as error:
                problems.extend(error.problems)
    if problems:
        for problem in sorted(problems):
            err(str(problem))
        files = len({p.file for p in problems})
        err(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}"
        )
        return 1
    for f in loaded:
        skills = f.roadmap.skills
        hours = sum(s.hours for s in skills)
        roles = f.roadmap.roles
        tracks = sum(len(r.tracks) for r in roles)
        out(
            f"{f.name}: ok, {_count(len(skills), 'skill')} ({hours:,.0f} h), "
            f"{_count(len(roles), 'role')}, {_count(tracks, 'track')}"
        )
    for line in quiz_lines:
        out(line)
    return 0


def _is_quiz(path: Path) -> bool:
    """A "which role fits me?" questionnaire rather than a roadmap: it has `questions`."""
    try:
        if not path.is_file():  # a device (/dev/zero) or a pipe could be read forever
            return False  # read_file reports it
        with path.open("rb") as file:
            head = file.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return False  # read_file reports it
    return re.search(r"^questions\s*:", head, re.MULTILINE) is not None


def _check_quiz(path: Path, loaded: Sequence[LoadedFile]) -> str:
    """Validate a questionnaire against the roles and skills of the files and built-ins."""
    from planner.fileformat.quiz import check_quiz, read_quiz

    quiz = read_quiz(path)
    roles: set[str] = set()
    skills: set[str] = set()
    for f in [*loaded, *_builtin_files(exclude=[f.name for f in loaded])]:
        roles |= {r.id for r in f.roadmap.roles}
        skills |= {s.id for s in f.roadmap.skills}
    check_quiz(quiz, roles, skills)
    return f"{quiz.name}: ok, {_count(len(quiz.quiz.questions), 'question')}"


def _builtin_files(exclude: Sequence[str]) -> list[LoadedFile]:
    from planner.fileformat.load import read_file
    from planner.paths import builtin_roadmap_files

    given = {Path(name).resolve() for name in exclude}
    files: list[LoadedFile] = []
    for path in builtin_roadmap_files():
        if path.resolve() not in given:
            try:
                files.append(read_file(path))
            except RoadmapError:
                continue  # reported when that file is checked itself
    return files


def _builtin_context(checked: Sequence[Path]) -> list[Skill]:
    """Skills of the built-in library that files being checked may refer to."""
    return [s for f in _builtin_files(exclude=[str(p) for p in checked]) for s in f.roadmap.skills]
