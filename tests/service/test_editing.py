"""Library edits on a real database: stored, undone exactly, and never at the cost of history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from planner.core.domain import Resource, Role, Skill, Track
from planner.core.edit import LibraryChange, delete_skill_change
from planner.errors import NotFoundError
from planner.service import EditError, Planner

TODAY = date(2026, 3, 10)


@pytest.fixture
def planner(tmp_path: Path) -> Iterator[Planner]:
    p = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    yield p
    p.close()


def fresh(planner: Planner) -> Planner:
    """Another planner on the same database: reads what is stored, not a cache."""
    return Planner(planner.db, planner.profile_name, today=lambda: TODAY)


TORCH = Skill(
    "pytorch-intro",
    "PyTorch, first steps",
    "Deep learning",
    12.5,
    "beginner",
    "Tensors, autograd and a training loop.",
    requires=("numpy",),
    recommends=("linear-algebra",),
    resources=(Resource("PyTorch tutorials", "https://pytorch.org/tutorials/", "docs", True),),
)


def test_an_added_skill_is_stored_with_every_field_and_undo_removes_it(planner: Planner) -> None:
    edit = planner.editing.add_skill(TORCH)
    assert fresh(planner).library().skills["pytorch-intro"] == TORCH
    planner.editing.undo(edit)
    assert "pytorch-intro" not in fresh(planner).library().skills
    planner.editing.edit(edit.applied)  # redo
    assert fresh(planner).library().skills["pytorch-intro"] == TORCH


def test_adding_a_skill_with_a_taken_id_is_refused(planner: Planner) -> None:
    with pytest.raises(EditError, match="a skill with the id 'numpy' already exists"):
        planner.editing.add_skill(replace(TORCH, id="numpy"))


def test_an_edit_that_would_close_a_cycle_stores_nothing(planner: Planner) -> None:
    python = planner.library().skills["python-basics"]
    with pytest.raises(EditError) as caught:
        planner.editing.edit(LibraryChange({"python-basics": replace(python, requires=("numpy",))}))
    assert caught.value.cycle == ("numpy", "python-basics", "numpy")
    assert "would make a cycle: NumPy → Python programming → NumPy" in str(caught.value)
    assert fresh(planner).library().skills["python-basics"] == python


def test_the_plan_follows_an_edit_at_once(planner: Planner) -> None:
    planner.profiles.update(role="ml-engineer")
    before = planner.planning.plan().total_hours
    numpy = planner.library().skills["numpy"]
    planner.editing.edit(LibraryChange({"numpy": replace(numpy, hours=numpy.hours + 30)}))
    assert planner.planning.plan().total_hours == before + 30


def test_deleting_a_skill_keeps_the_learners_history_and_undo_gives_everything_back(
    planner: Planner,
) -> None:
    planner.profiles.update(role="ml-engineer")
    planner.progress.set_status("numpy", "done")
    planner.progress.log_study("numpy", 90, TODAY, "arrays")
    planner.progress.set_note("numpy", "broadcasting!")
    library = planner.library()
    edit = planner.editing.edit(delete_skill_change(library, "numpy"))

    after = fresh(planner)
    assert "numpy" not in after.library().skills
    assert all("numpy" not in s.requires for s in after.library().skills.values())
    assert "numpy" not in after.progress.statuses()
    assert "numpy" not in {step.skill.id for step in after.planning.plan().steps}
    with pytest.raises(NotFoundError):
        after.progress.set_status("numpy", "todo")

    planner.editing.undo(edit)
    back = fresh(planner)
    assert back.library().skills == library.skills
    assert back.progress.statuses()["numpy"] == "done"
    assert back.progress.minutes_studied("numpy") == 90
    assert back.progress.note("numpy") == "broadcasting!"


def test_importing_a_deleted_skill_brings_it_back_with_its_history(
    planner: Planner, tmp_path: Path
) -> None:
    planner.progress.set_status("git", "done")
    planner.editing.edit(delete_skill_change(planner.library(), "git"))
    path = tmp_path / "git.yaml"
    path.write_text(
        "format: 1\nskills:\n  - {id: git, name: Git, area: Tools, hours: 5}\n",
        encoding="utf-8",
    )
    planner.editing.import_files([path])
    assert fresh(planner).library().skills["git"].name == "Git"
    assert fresh(planner).progress.statuses()["git"] == "done"


def test_roles_and_tracks_are_added_edited_and_undone_with_the_learners_choices(
    planner: Planner,
) -> None:
    role = Role(
        "data-engineer",
        "Data engineer",
        "Pipelines.",
        goals=("sql",),
        tracks=(Track("streaming", "Streaming", "Kafka and friends.", ("pandas",)),),
    )
    added = planner.editing.add_role(role)
    assert fresh(planner).library().roles["data-engineer"] == role
    planner.profiles.update(role="data-engineer", tracks=["streaming"])

    # Removing the track takes the learner's choice of it; undo gives it back.
    edit = planner.editing.edit(LibraryChange(roles={"data-engineer": replace(role, tracks=())}))
    assert fresh(planner).profile().tracks == ()
    planner.editing.undo(edit)
    assert fresh(planner).library().roles["data-engineer"] == role
    assert fresh(planner).profile().tracks == ("streaming",)

    # Deleting the role leaves the learner without one; undo puts them back on it.
    deleted = planner.editing.edit(LibraryChange(roles={"data-engineer": None}))
    assert fresh(planner).profile().role is None
    planner.editing.undo(deleted)
    assert fresh(planner).profile().role == "data-engineer"
    assert fresh(planner).profile().tracks == ("streaming",)

    planner.editing.undo(added)
    assert "data-engineer" not in fresh(planner).library().roles
