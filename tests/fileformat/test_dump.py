"""Writing roadmap files: random libraries survive file and load; role files stand alone."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.domain import Library, Resource, Role, Salary, Skill, Track
from planner.core.files import library_file, role_closure, role_file
from planner.fileformat.dump import dump_roadmap
from planner.fileformat.load import load_files, parse_text
from planner.paths import builtin_roadmap_files

# Plain text that YAML would misread if written unquoted: booleans, numbers, nulls, markup.
TRICKY = ["yes", "no", "null", "1.5", "0x10", "~", "- item", "a: b", "#x", "<b>bold</b>", "é ü"]
text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=40),
).map(str.strip)
name = text.filter(bool)


@st.composite
def rich_libraries(draw: st.DrawFn) -> Library:
    """A random acyclic library using every field of the format."""
    n = draw(st.integers(min_value=1, max_value=12))
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z]{1,5}(-[a-z0-9]{1,3})?", fullmatch=True),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    skills: dict[str, Skill] = {}
    for index, ident in enumerate(ids):
        earlier = ids[:index]
        requires = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        )
        rest = [e for e in earlier if e not in requires]
        recommends = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
        resources = draw(
            st.lists(
                st.builds(
                    Resource,
                    title=name,
                    url=st.sampled_from(["https://example.org/a", "http://x.io/b?c=1#d"]),
                    kind=st.sampled_from([None, "book", "video"]),
                    free=st.sampled_from([None, True, False]),
                ),
                max_size=2,
            )
        )
        skills[ident] = Skill(
            id=ident,
            name=draw(name),
            area=draw(name),
            hours=draw(st.sampled_from([0.5, 1.0, 2.25, 40.0, 2000.0])),
            level=draw(st.sampled_from([None, "beginner", "advanced"])),
            summary=draw(text),
            requires=tuple(requires),
            recommends=tuple(recommends),
            resources=tuple(resources),
        )
    goals = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
    salary = draw(
        st.one_of(
            st.none(),
            st.builds(
                Salary,
                amount=st.sampled_from([75000.0, 1.5]),
                currency=st.just("GBP"),
                region=st.sampled_from([None, "UK"]),
                source=st.just(None),
            ),
        )
    )
    track = Track("extra", draw(name), draw(text), goals[:1])
    role = Role(
        "role", draw(name), draw(text), salary, goals, draw(st.sampled_from([(), (track,)]))
    )
    return Library(skills, {"role": role})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(library=rich_libraries())
def test_random_library_survives_file_and_load(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "lib.yaml"
    path.write_text(dump_roadmap(library_file(library)), encoding="utf-8")
    assert Library.from_files(load_files([path])) == library


def test_role_file_is_complete_on_its_own(tmp_path: Path) -> None:
    library = Library.from_files(load_files(builtin_roadmap_files()))
    path = tmp_path / "ml.yaml"
    path.write_text(dump_roadmap(role_file(library, "ml-engineer")), encoding="utf-8")
    back = Library.from_files(load_files([path]))  # no context: every id is in the file
    assert back.roles == {"ml-engineer": library.roles["ml-engineer"]}
    assert set(back.skills) == role_closure(library, "ml-engineer")
    assert all(back.skills[s] == library.skills[s] for s in back.skills)


def test_file_starts_with_schema_line_and_keys_in_format_order() -> None:
    library = Library(
        {"a": Skill("a", "A", "Area", 3.0, summary="s", requires=())},
        {"r": Role("r", "R", goals=("a",))},
    )
    text = dump_roadmap(library_file(library, "Mine"), schema="./schema.json")
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=./schema.json",
        "format: 1",
        "name: Mine",
        "skills:",
    ]
    assert "hours: 3\n" in text
    assert parse_text(text, "x.yaml").roadmap == library_file(library, "Mine")
