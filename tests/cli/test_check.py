"""`planner check`: one summary line per valid file, every problem otherwise, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from planner.paths import builtin_roadmap_files
from tests.conftest import ROADMAPS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_builtin_roadmaps_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in builtin_roadmap_files()]
    code, out, err = run(capsys, "check", *files)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[2].startswith(str(ROADMAPS / "ml-engineer.yaml") + ": ok, ")
    assert "1 role" in lines[2]


def test_a_users_file_may_build_on_the_builtin_skills(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "format: 1\nskills:\n  - id: my-capstone\n    name: My capstone\n    area: Projects\n"
        "    hours: 30\n    requires: [rag, docker]\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(mine))
    assert code == 0
    assert out == f"{mine}: ok, 1 skill (30 h), 0 roles, 0 tracks\n"


BROKEN = {
    "cycle.yaml": (
        "format: 1\nskills:\n"
        "  - {id: a, name: A, area: X, hours: 1, requires: [b]}\n"
        "  - {id: b, name: B, area: X, hours: 1, requires: [a]}\n",
        "cycle.yaml:3: prerequisite cycle: a -> b -> a",
    ),
    "unknown.yaml": (
        "format: 1\nskills:\n  - {id: a, name: A, area: X, hours: 1, requires: [nope]}\n",
        "unknown.yaml:3: skill 'a': unknown skill 'nope' in requires",
    ),
    "dup.yaml": (
        "format: 1\nskills:\n  - {id: a, name: A, area: X, hours: 1}\n"
        "  - {id: a, name: A2, area: X, hours: 1}\n",
        "dup.yaml:4: duplicate skill id 'a'",
    ),
    "typo.yaml": (
        "format: 1\nskills:\n  - id: a\n    name: A\n    area: X\n    hours: 1\n    sumary: x\n",
        "typo.yaml:7: skill 'a': unknown key 'sumary' (did you mean 'summary'?)",
    ),
    "type.yaml": (
        "format: 1\nskills:\n  - id: a\n    name: A\n    area: X\n    hours: lots\n",
        "type.yaml:6: skill 'a': 'hours': Input should be a valid number, got 'lots'",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_kind_of_broken_file_exits_1_with_file_and_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = BROKEN[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", str(path))
    assert code == 1
    assert out == ""
    assert err.splitlines()[0].startswith(f"{tmp_path}/{expected}")
    assert err.splitlines()[-1].endswith("in 1 file")


def test_all_problems_of_all_files_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = []
    for name in ("typo.yaml", "type.yaml"):
        path = tmp_path / name
        path.write_text(BROKEN[name][0], encoding="utf-8")
        paths.append(str(path))
    code, _, err = run(capsys, "check", *paths)
    assert code == 1
    assert err.splitlines()[-1] == "2 problems in 2 files"


def test_real_entry_point_never_prints_a_traceback(tmp_path: Path) -> None:
    """Through the installed module: binary, non-UTF-8, alias bomb and a missing file."""
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "latin1.yaml").write_bytes(b"format: 1\nname: caf\xe9\n")
    bomb = ["format: 1", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    files = ["binary.yaml", "latin1.yaml", "bomb.yaml", "missing.yaml"]
    result = subprocess.run(
        [sys.executable, "-m", "planner", "check", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert (
        lines[0] == "binary.yaml:2: not UTF-8 text: byte 0x80 cannot be decoded"
    )  # after byte 0x0a
    assert lines[1].startswith("bomb.yaml:")
    assert lines[2] == "latin1.yaml:2: not UTF-8 text: byte 0xe9 cannot be decoded"
    assert lines[3] == "missing.yaml: cannot read: the path does not exist"
    assert lines[4] == "4 problems in 4 files"


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_the_roadmaps_folder_checks_clean_quiz_included(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner check roadmaps/*.yaml`, as a mentor would run it before a pull request."""
    files = sorted(str(p) for p in ROADMAPS.glob("*.yaml"))
    code, out, err = run(capsys, "check", *files)
    assert code == 0, err
    assert out.splitlines()[-1].endswith("quiz.yaml: ok, 7 questions")


def test_a_quiz_naming_an_unknown_role_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quiz = tmp_path / "quiz.yaml"
    quiz.write_text(
        "format: 1\nquestions:\n  - id: q\n    text: Which?\n    answers:\n"
        "      - text: This\n        weights: {astronaut: 2}\n      - text: That\n"
        "        weights: {ml-engineer: 1}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "check", str(quiz))
    assert code == 1
    assert err.splitlines()[0] == f"{quiz}:7: unknown role 'astronaut'"


def test_a_type_error_an_unknown_key_and_an_unknown_id_are_listed_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "format: 1\n"
        "skills:\n"
        "  - {id: one, name: One, area: X, hours: many}\n"
        "  - {id: two, name: Two, area: X, hours: 2, colour: red}\n"
        "  - {id: three, name: Three, area: X, hours: 3, requires: [nowhere-skill]}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(path))
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        f"{path}:3",
        f"{path}:4",
        f"{path}:5",
    ]
    assert "'hours'" in lines[0] and "unknown key 'colour'" in lines[1]
    assert "unknown skill 'nowhere-skill' in requires" in lines[2]
    assert lines[-1] == "3 problems in 1 file"
