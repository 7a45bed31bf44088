"""Every rule of the roadmap file format, with the FILE:LINE a user sees for each problem."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from planner.errors import RoadmapError
from planner.fileformat.load import load_files, parse_text
from planner.fileformat.schema import Skill

SKILL = """\
  - id: {id}
    name: {name}
    area: Programming
    hours: 10
"""


def skills_file(*skills: tuple[str, str], then: str = "") -> str:
    """A format-1 file of small skills, given as (id, name), and then `then` as it is written
    (indented as a skill's keys, it goes on with the last skill)."""
    return "format: 1\nskills:\n" + "".join(SKILL.format(id=i, name=n) for i, n in skills) + then


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(*paths: Path) -> list[str]:
    """The messages a user would see, with the folder stripped for readability."""
    with pytest.raises(RoadmapError) as caught:
        load_files(list(paths))
    return [str(p).replace(str(paths[0].parent) + "/", "") for p in caught.value.problems]


def test_a_valid_file_loads_with_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        format: 1
        name: Tiny
        skills:
          - id: python-basics
            name: Python programming
            area: Programming
            hours: 20
          - id: numpy
            name: NumPy
            area: Data
            hours: 8.5
            level: beginner
            summary: You can compute with arrays.
            requires: [python-basics]
            resources:
              - {title: NumPy docs, url: "https://numpy.org/doc/stable/", kind: docs, free: true}
        roles:
          - id: data-person
            name: Data person
            goals: [numpy]
            tracks:
              - {id: arrays, name: Arrays, goals: [numpy]}
        """,
    )
    [loaded] = load_files([path])
    numpy = loaded.roadmap.skills[1]
    assert numpy.requires == ["python-basics"]
    assert numpy.hours == 8.5
    assert loaded.roadmap.skills[0].recommends == []
    assert loaded.roadmap.roles[0].tracks[0].goals == ["numpy"]
    assert loaded.line("skills", 1, "requires", 0) == 14


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            """\
            format: 1
            skills:
              - id: a
                name: A
                area: X
                hours: 3
                requirs: [b]
            """,
            ["r.yaml:7: skill 'a': unknown key 'requirs' (did you mean 'requires'?)"],
            id="unknown_key_is_reported_on_its_line_with_a_suggestion",
        ),
        pytest.param(
            """\
            format: 1
            skills:
              - id: a
                name: A
                area: X
                hours: "40"
              - id: b
                name: B
                hours: 2
            """,
            [
                "r.yaml:6: skill 'a': 'hours': Input should be a valid number, got '40'",
                "r.yaml:7: skill 'b': 'area' is required",
            ],
            id="wrong_type_and_missing_field",
        ),
        pytest.param(
            """\
            format: 1
            skills:
              - id: Linear Algebra
                name: LA
                area: Maths
                hours: 3
                resources:
                  - title: Somewhere
                    url: ftp://example.org/file
                  - title: Script
                    url: "javascript:alert(1)"
            """,
            [
                "r.yaml:3: skill 'Linear Algebra': 'Linear Algebra' is not a valid id: use "
                "lowercase letters, digits and single hyphens, like 'linear-algebra'",
                "r.yaml:9: skill 'Linear Algebra', resource 'Somewhere': "
                "url: 'ftp://example.org/file' is not an http or https address",
                "r.yaml:11: skill 'Linear Algebra', resource 'Script': "
                "url: 'javascript:alert(1)' is not an http or https address",
            ],
            id="bad_ids_and_urls",
        ),
        pytest.param(
            """\
            format: 1
            skills:
              - id: numpy
                name: NumPy
                area: Data
                hours: 5
                requires: [pyhton-basics]
                recommends: [statistics]
            roles:
              - id: r
                name: R
                goals: [numpy, pandas]
                tracks:
                  - id: t
                    name: T
                    goals: [vision]
            """,
            [
                "r.yaml:7: skill 'numpy': unknown skill 'pyhton-basics' in requires",
                "r.yaml:8: skill 'numpy': unknown skill 'statistics' in recommends",
                "r.yaml:12: role 'r': unknown skill 'pandas' in goals",
                "r.yaml:16: role 'r', track 't': unknown skill 'vision' in goals",
            ],
            id="unknown_ids_are_reported_where_they_are_used",
        ),
        pytest.param(
            """\
            format: 1
            skills:
              - id: backprop
                name: Backpropagation
                area: DL
                hours: 5
                requires: [calculus]
              - id: calculus
                name: Calculus
                area: Maths
                hours: 5
                recommends: [neural-nets]
              - id: neural-nets
                name: Neural networks
                area: DL
                hours: 5
                requires: [backprop]
              - id: loner
                name: Loner
                area: X
                hours: 1
                requires: [loner]
            """,
            [
                "r.yaml:7: prerequisite cycle: backprop -> calculus -> neural-nets -> backprop",
                "r.yaml:22: skill 'loner' requires itself",
            ],
            id="cycles_are_reported_with_their_path",
        ),
        pytest.param(
            skills_file(
                ("python-basics", "Python"),
                ("numpy", "NumPy"),
                then="    requires: [pyhton-basics]\n",
            ),
            [
                "r.yaml:11: skill 'numpy': unknown skill 'pyhton-basics' in requires "
                "(did you mean 'python-basics'?)"
            ],
            id="unknown_id_suggests_the_close_one",
        ),
        pytest.param(
            skills_file(("a", "A"), ("b", "B"), then="    requires: [a]\n    recommends: [a]\n"),
            ["r.yaml:12: skill 'b': 'a' is both required and recommended"],
            id="required_and_recommended_at_once_is_refused",
        ),
    ],
)
def test_each_problem_is_reported_on_its_line(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    assert problems(write(tmp_path, text)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("hours: 0", "'hours': Input should be greater than 0, got 0"),
        ("hours: 2001", "'hours': Input should be less than or equal to 2000, got 2001"),
        ("hours: true", "'hours': Input should be a valid number, got True"),
        ("level: expert", "'level': Input should be 'beginner', 'intermediate' or 'advanced'"),
        ("summary: [a, b]", "'summary': Input should be a valid string"),
    ],
)
def test_field_rules(tmp_path: Path, line: str, expected: str) -> None:
    key = line.split(":")[0]
    fields = {"hours": "hours: 5", "level": "", "summary": ""}
    fields[key] = line
    body = "\n".join(f"    {v}" for v in fields.values() if v)
    text = f"format: 1\nskills:\n  - id: a\n    name: A\n    area: X\n{body}\n"
    line_number = text.splitlines().index(f"    {line}") + 1
    [message] = problems(write(tmp_path, text))
    assert message.startswith(f"r.yaml:{line_number}: skill 'a': " + expected)


def test_id_longer_than_64_characters_is_refused(tmp_path: Path) -> None:
    long_id = "a" * 65
    path = write(tmp_path, skills_file((long_id, "Long")))
    [message] = problems(path)
    assert message.startswith("r.yaml:3: ")
    assert "at most 64 characters" in message


def test_unsupported_format_and_not_a_mapping(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "format: 2\n")) == [
        "r.yaml:1: unsupported format 2; this app reads format 1"
    ]
    assert problems(write(tmp_path, "- just\n- a list\n")) == [
        "r.yaml:1: a roadmap file is a mapping that starts 'format: 1'"
    ]
    assert problems(write(tmp_path, "")) == ["r.yaml: the file is empty"]


def test_duplicate_ids_across_files_point_at_both(tmp_path: Path) -> None:
    first = write(tmp_path, skills_file(("git", "Git")), "a.yaml")
    second = write(tmp_path, skills_file(("sql", "SQL"), ("git", "Git again")), "b.yaml")
    assert problems(first, second) == [
        "b.yaml:7: duplicate skill id 'git' (first defined at a.yaml:3)"
    ]


def test_duplicate_roles_tracks_and_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        format: 1
        skills:
          - id: a
            name: A
            area: X
            hours: 1
            hours: 2
        roles:
          - id: r
            name: R
            goals: [a, a]
            tracks:
              - {id: t, name: T, goals: [a]}
              - {id: t, name: T again, goals: [a]}
          - id: r
            name: R again
            goals: [a]
        """,
    )
    assert problems(path) == ["r.yaml:7: duplicate key 'hours' (first given on line 6)"]
    path.write_text(path.read_text().replace("    hours: 2\n", ""))
    assert problems(path) == [
        "r.yaml:10: role 'r': 'a' is listed twice in goals",
        "r.yaml:13: role 'r': duplicate track id 't' (first defined on line 12)",
        "r.yaml:14: duplicate role id 'r' (first defined at r.yaml:8)",
    ]


def test_every_problem_of_every_file_is_listed(tmp_path: Path) -> None:
    broken = write(tmp_path, "format: 1\nskills:\n  - id: a\n    nam: A\n", "broken.yaml")
    bad_yaml = write(tmp_path, "format: 1\nskills: [\n", "bad.yaml")
    found = problems(broken, bad_yaml)
    assert any(p.startswith("broken.yaml:4: skill 'a': unknown key 'nam'") for p in found)
    assert any(p.startswith("bad.yaml:3: invalid YAML") for p in found)
    assert len(found) >= 4  # nam unknown; name, area, hours missing; the YAML error


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"format: 1\nname: ok\nskills:\n  - id: cafe\n    name: Caf\xe9\n")
    assert problems(path) == ["latin1.yaml:5: not UTF-8 text: byte 0xe9 cannot be decoded"]


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [message] = problems(path)
    assert message.startswith("image.yaml:1: ")


def test_control_character_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_bytes(b"format: 1\nname: bell\x07\n")
    assert problems(path) == [
        "ctl.yaml:2: the file contains a character YAML does not allow (U+0007)"
    ]


def test_file_over_5_mib_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"format: 1\n" + b"#" * (5 * 1024 * 1024))
    [message] = problems(path)
    assert message.startswith("huge.yaml: file is larger than 5 MiB")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.yaml") == ["nope.yaml: cannot read: the path does not exist"]
    (tmp_path / "dir.yaml").mkdir()
    assert problems(tmp_path / "dir.yaml") == ["dir.yaml: cannot read: the path is a directory"]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["format: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    started = time.process_time()
    [message] = problems(path)
    # A sanity bound, far above the real figure (milliseconds): without the bound on alias
    # expansion this file would take minutes and gigabytes.
    assert time.process_time() - started < 5
    assert "expands to more than 200,000 values" in message
    assert message.startswith("r.yaml:")


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    for depth in (60, 200_000):
        path = write(tmp_path, "format: 1\nskills: " + "[" * depth + "]" * depth + "\n")
        [message] = problems(path)
        assert message.startswith("r.yaml:2: ")
        assert "nest" in message


def test_anchors_and_aliases_for_values_still_work(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        format: 1
        skills:
          - id: a
            name: A
            area: &area Programming
            hours: 1
          - id: b
            name: B
            area: *area
            hours: 1
            requires: &needs [a]
          - id: c
            name: C
            area: *area
            hours: 1
            requires: *needs
        """,
    )
    [loaded] = load_files([path])
    assert [s.area for s in loaded.roadmap.skills] == ["Programming"] * 3
    assert loaded.roadmap.skills[2].requires == ["a"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: 1\n<<: {name: x}\n", "r.yaml:2: YAML merge keys (<<) are not supported"),
        ("format: 1\nname: !!python/object:os.system x\n", "r.yaml:2: YAML tag"),
        ("format: 1\n? [a, b]\n: c\n", "r.yaml:2: a mapping key must be a plain word"),
        ("format: 1\n---\nformat: 1\n", "r.yaml:2: a roadmap file holds one YAML document"),
        ("format: 1\nname: *nowhere\n", "r.yaml:2: alias *nowhere names no anchor"),
    ],
)
def test_yaml_features_a_roadmap_does_not_need(tmp_path: Path, text: str, expected: str) -> None:
    [message] = problems(write(tmp_path, text))
    assert message.startswith(expected)


def test_markup_in_text_is_kept_literally() -> None:
    loaded = parse_text(
        "format: 1\nskills:\n  - id: x\n    name: '<img src=x> <b>bold</b>'\n"
        "    area: '&amp;'\n    hours: 1\n",
        "m.yaml",
    )
    skill: Skill = loaded.roadmap.skills[0]
    assert skill.name == "<img src=x> <b>bold</b>"
    assert skill.area == "&amp;"


def test_context_skills_may_be_referred_to_and_redefined(tmp_path: Path) -> None:
    """A user's file builds on the built-in library without copying it."""
    base = Skill(id="python-basics", name="Python", area="Programming", hours=10)
    mine = skills_file(("my-skill", "Mine"), then="    requires: [python-basics]\n")
    path = write(tmp_path, mine + SKILL.format(id="python-basics", name="Python, my way"))
    [loaded] = load_files([path], context=[base])
    assert loaded.roadmap.skills[1].name == "Python, my way"


def test_an_infinite_salary_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        skills_file(
            ("a", "A"),
            then="roles:\n  - id: r\n    name: R\n    goals: [a]\n"
            "    salary: {amount: .inf, currency: GBP}\n",
        ),
    )
    [message] = problems(path)
    assert message.startswith("r.yaml:11: role 'r': 'amount': Input should be a finite number")


THREE_PROBLEMS = """\
format: 1
skills:
  - id: numpy-arrays
    name: NumPy arrays
    area: Data
    hours: "ten"
  - id: pandas-frames
    name: Pandas
    area: Data
    hours: 8
    difficulty: hard
  - id: plotting
    name: Plotting
    area: Data
    hours: 6
    requires: [pandas-frame, numpy-arrays, pandas-frames]
  - id: charts
    name: Charts
    area: Data
    hours: 4
    requires: [plotting, charts-2]
  - id: charts-2
    name: More charts
    area: Data
    hours: 4
    requires: [charts]
  - id: plotting
    name: Plotting again
    area: Data
    hours: 2
roles:
  - id: analyst
    name: Analyst
    goals: [plotting, dashboards]
"""


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    # A type error and an unknown key (schema) do not hide the unknown prerequisite, the
    # cycle, the duplicate id and the unknown goal (references) among the entries that parsed.
    path = write(tmp_path, THREE_PROBLEMS)
    assert problems(path) == [
        "r.yaml:6: skill 'numpy-arrays': 'hours': Input should be a valid number, got 'ten'",
        "r.yaml:11: skill 'pandas-frames': unknown key 'difficulty'; allowed: "
        "id, name, area, hours, level, summary, requires, recommends, resources",
        "r.yaml:16: skill 'plotting': unknown skill 'pandas-frame' in requires "
        "(did you mean 'pandas-frames'?)",
        "r.yaml:21: prerequisite cycle: charts -> charts-2 -> charts",
        "r.yaml:27: duplicate skill id 'plotting' (first defined at r.yaml:12)",
        "r.yaml:34: role 'analyst': unknown skill 'dashboards' in goals",
    ]


def test_a_reference_to_an_entry_with_its_own_problem_is_not_called_unknown(
    tmp_path: Path,
) -> None:
    # 'numpy-arrays' and 'pandas-frames' are broken, but they exist: naming them is not a
    # second mistake, so only their own problems are listed.
    text = THREE_PROBLEMS.split("  - id: charts\n")[0].replace("pandas-frame, ", "")
    assert [p.split(": ", 1)[0] for p in problems(write(tmp_path, text))] == [
        "r.yaml:6",
        "r.yaml:11",
    ]


def test_a_file_that_cannot_be_read_at_all_hides_only_unknown_id_reports(
    tmp_path: Path,
) -> None:
    # Any id might be defined in the unreadable file, so "unknown" would be guesswork there;
    # the other file's own problems are still listed.
    broken = write(tmp_path, "format: 1\nskills: [\n", "a.yaml")
    other = write(tmp_path, THREE_PROBLEMS, "b.yaml")
    found = problems(broken, other)
    assert not any("unknown skill" in p for p in found)
    assert any(p.startswith("a.yaml:") for p in found)
    assert "b.yaml:21: prerequisite cycle: charts -> charts-2 -> charts" in found
    assert any(p.startswith("b.yaml:6: ") for p in found)
