"""Library edits as data: checks (fields, ids, cycles), deletions and their inverse."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.domain import Library, Resource, Role, Skill, Track
from planner.core.edit import (
    EditError,
    LibraryChange,
    apply_change,
    check_change,
    cycle_if_added,
    delete_skill_change,
    deletion_effects,
    inverse,
)
from planner.core.graph import build_graph, find_cycle
from tests.core.libraries import libraries, small_library


def check(library: Library, change: LibraryChange) -> None:
    check_change(library, build_graph(library.skills), change)


def test_a_new_skill_with_a_prerequisite_is_accepted() -> None:
    library = small_library()
    skill = Skill("torch", "PyTorch", "ML", 12, "intermediate", "Tensors.", ("numpy",))
    check(library, LibraryChange({"torch": skill}))
    after = apply_change(library, LibraryChange({"torch": skill}))
    assert after.skills["torch"].requires == ("numpy",)


def test_an_edge_that_closes_a_cycle_is_refused_with_the_cycle_by_name() -> None:
    library = small_library()
    python = library.skills["python"]
    change = LibraryChange({"python": replace(python, requires=("pandas",))})
    with pytest.raises(EditError) as caught:
        check(library, change)
    # python -> numpy -> pandas already; pandas before python would close the loop.
    assert caught.value.cycle == ("pandas", "python", "numpy", "pandas")
    assert str(caught.value) == (
        "'Pandas' cannot be a prerequisite of 'Python': 'Python' already comes before it, "
        "so this would make a cycle: Pandas → Python → Numpy → Pandas"
    )


def test_a_soft_edge_closing_a_cycle_is_refused_too() -> None:
    library = small_library()
    stats = library.skills["stats"]
    with pytest.raises(EditError, match="cycle: Ml → Stats → Ml"):
        check(library, LibraryChange({"stats": replace(stats, recommends=("ml",))}))


def test_cycle_if_added_answers_before_anything_is_stored() -> None:
    library = small_library()
    graph = build_graph(library.skills)
    assert cycle_if_added(library, graph, "python", "ml") == [
        "ml",
        "python",
        "numpy",
        "pandas",
        "ml",
    ]
    assert cycle_if_added(library, graph, "ml", "git") == []
    assert cycle_if_added(library, graph, "git", "git") == ["git", "git"]


def test_bad_fields_are_reported_in_the_words_of_the_file_format() -> None:
    library = small_library()
    bad = Skill(
        "New Skill",
        "",
        "Area",
        0,
        requires=("nope",),
        resources=(Resource("Site", "javascript:alert(1)"),),
    )
    with pytest.raises(EditError) as caught:
        check(library, LibraryChange({"New Skill": bad}))
    problems = caught.value.problems
    assert any("is not a valid id" in p for p in problems)
    assert any("'name' must not be empty" in p for p in problems)
    assert any("'hours'" in p and "greater than 0" in p for p in problems)
    assert any("is not an http or https address" in p for p in problems)
    assert "skill 'New Skill': unknown prerequisite 'nope'" in problems


def test_a_skill_cannot_need_itself_or_list_a_prerequisite_twice() -> None:
    library = small_library()
    git = library.skills["git"]
    with pytest.raises(EditError) as caught:
        check(library, LibraryChange({"git": replace(git, requires=("git", "python", "python"))}))
    assert caught.value.problems == [
        "'git' cannot be a prerequisite of itself",
        "skill 'git': 'python' is listed twice as a prerequisite",
    ]


def test_deleting_a_skill_takes_it_out_of_every_list_that_names_it() -> None:
    library = small_library()
    effects = deletion_effects(library, "python")
    assert effects.required_by == ("numpy", "web")
    assert deletion_effects(library, "stats").recommended_by == ("ml",)
    assert deletion_effects(library, "stats").track_goal_of == (("role", "stats-track"),)
    assert deletion_effects(library, "ml").goal_of == ("role",)
    assert not deletion_effects(library, "web").required_by

    change = delete_skill_change(library, "stats")
    check(library, change)
    after = apply_change(library, change)
    assert "stats" not in after.skills
    assert after.skills["ml"].recommends == ()
    assert after.roles["role"].tracks == ()  # a track left without a goal goes with it
    assert deletion_effects(library, "stats").emptied_tracks == (("role", "stats-track"),)


def test_deleting_the_only_goal_of_a_role_is_refused() -> None:
    library = small_library()
    role = replace(library.roles["role"], goals=("web",))
    library = Library(library.skills, {"role": role})
    assert deletion_effects(library, "web").only_goal_of == ("role",)
    with pytest.raises(EditError, match="'goals' must list at least one skill id"):
        check(library, delete_skill_change(library, "web"))


def test_deleting_a_skill_others_still_need_is_refused() -> None:
    library = small_library()
    with pytest.raises(EditError, match="'python' is still a prerequisite of numpy, web"):
        check(library, LibraryChange({"python": None}))


def test_a_role_with_an_unknown_goal_or_two_tracks_with_one_id_is_refused() -> None:
    library = small_library()
    role = Role(
        "new-role",
        "New role",
        goals=("ml", "ghost"),
        tracks=(Track("t", "T", goals=("git",)), Track("t", "T again", goals=("web",))),
    )
    with pytest.raises(EditError) as caught:
        check(library, LibraryChange(roles={"new-role": role}))
    assert caught.value.problems == [
        "role 'new-role': unknown goal 'ghost'",
        "role 'new-role': two tracks have the id 't'",
    ]


@given(libraries(), st.data())
def test_the_inverse_of_a_change_gives_the_library_back(
    library: Library, data: st.DataObject
) -> None:
    skill_id = data.draw(st.sampled_from(sorted(library.skills)))
    change = delete_skill_change(library, skill_id)
    after = apply_change(library, change)
    assert find_cycle(build_graph(after.skills)) is None
    restored = apply_change(after, inverse(library, change))
    assert dict(restored.skills) == dict(library.skills)
    assert dict(restored.roles) == dict(library.roles)
