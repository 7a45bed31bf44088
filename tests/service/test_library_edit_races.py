"""Two editors of one library at once: neither may close a prerequisite cycle the other's edit
makes. The check runs inside the transaction that writes, against the library as stored,
under the lock every library writer takes (an advisory lock on PostgreSQL; SQLite writes one
transaction at a time)."""

from __future__ import annotations

from functools import partial

import pytest

from planner.core.domain import Skill
from planner.core.edit import EditError, LibraryChange
from planner.core.graph import build_graph, find_cycle
from planner.errors import PlannerError
from planner.service import Planner
from tests.threads import race


def _skill(skill_id: str, *requires: str) -> Skill:
    return Skill(skill_id, skill_id.title(), "Testing", 2, requires=requires)


def _add_pair(planner: Planner, a: str, b: str) -> None:
    planner.editing.add_skill(_skill(a))
    planner.editing.add_skill(_skill(b))


def _stored_cycle(location: str) -> list[str] | None:
    fresh = Planner.open(location)
    try:
        return find_cycle(build_graph(fresh.library().skills))
    finally:
        fresh.close()


def test_an_editor_who_read_the_library_before_anothers_edit_cannot_close_a_cycle(
    db_location: str,
) -> None:
    one, two = Planner.open(db_location), Planner.open(db_location)
    try:
        _add_pair(one, "race-a", "race-b")
        two.library()  # two's idea of the library: both skills, no edge yet
        one.invalidate()
        two.invalidate()
        assert set(two.library().skills) >= {"race-a", "race-b"}
        one.editing.edit(LibraryChange({"race-a": _skill("race-a", "race-b")}))
        # Two still holds the library without one's edge: its own check passes, the stored
        # library's does not.
        assert two.library().skills["race-a"].requires == ()
        with pytest.raises(EditError) as refused:
            two.editing.edit(LibraryChange({"race-b": _skill("race-b", "race-a")}))
        assert refused.value.cycle and set(refused.value.cycle) == {"race-a", "race-b"}
        assert two.library().skills["race-a"].requires == ("race-b",)  # it knows now
        assert two.library().skills["race-b"].requires == ()
    finally:
        one.close()
        two.close()
    assert _stored_cycle(db_location) is None


def test_an_import_checks_cycles_against_the_library_as_stored(
    db_location: str, tmp_path: object
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    one, two = Planner.open(db_location), Planner.open(db_location)
    try:
        _add_pair(one, "race-a", "race-b")
        two.invalidate()
        two.library()
        one.editing.edit(LibraryChange({"race-a": _skill("race-a", "race-b")}))
        roadmap = tmp_path / "mine.yaml"
        roadmap.write_text(
            "format: 1\nskills:\n"
            "  - id: race-b\n    name: Race B\n    area: Testing\n    hours: 2\n"
            "    requires: [race-a]\n"
        )
        with pytest.raises(PlannerError, match="cycle"):
            two.editing.import_files([roadmap])
    finally:
        one.close()
        two.close()
    assert _stored_cycle(db_location) is None


ROUNDS = 6


def test_two_editors_racing_on_a_server_never_close_a_cycle(pg_planner_url: str) -> None:
    """Two connections, two threads, the edits released together, round after round: one
    edit is stored, the other refused with the cycle, never both."""
    one, two = Planner.open(pg_planner_url), Planner.open(pg_planner_url)
    try:
        for n in range(ROUNDS):
            a, b = f"race-{n}-a", f"race-{n}-b"
            _add_pair(one, a, b)
            two.invalidate()
            two.library()  # both know both skills, neither knows an edge between them
            failures = race(
                partial(one.editing.edit, LibraryChange({a: _skill(a, b)})),
                partial(two.editing.edit, LibraryChange({b: _skill(b, a)})),
            )
            assert len(failures) == 1, failures
            assert isinstance(failures[0], EditError) and failures[0].cycle, failures
            one.invalidate()
    finally:
        one.close()
        two.close()
    assert _stored_cycle(pg_planner_url) is None
