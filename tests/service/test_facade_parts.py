"""The Planner's parts: each made on first use, with its module, then kept on the planner."""

from __future__ import annotations

from planner.service.facade import Planner
from planner.service.planning import Planning
from planner.service.progress import ProgressPart


def test_a_part_is_made_once_per_planner_and_kept(planner: Planner) -> None:
    assert "progress" not in vars(planner)
    part = planner.progress
    assert isinstance(part, ProgressPart)
    assert vars(planner)["progress"] is part
    assert planner.progress is part
    assert isinstance(planner.planning, Planning)
    assert planner.planning is planner.planning


def test_the_parts_are_documented_on_the_class() -> None:
    assert Planner.progress.__doc__ == "Statuses, study sessions, notes and personal goals."
    assert Planner.agenda.__doc__ == "This week's (and later weeks') study blocks."
