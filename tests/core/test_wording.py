"""The group of skills behind the learner is named for exactly the statuses it holds."""

from __future__ import annotations

import pytest

from planner.core.wording import behind_title


@pytest.mark.parametrize(
    ("statuses", "title"),
    [
        (["done", "done"], "Done"),
        (["implied"], "Known"),
        (["skipped"], "Skipped"),
        (["implied", "done", "implied"], "Done and known"),
        (["skipped", "done"], "Done and skipped"),
        (["skipped", "implied", "done"], "Done, known and skipped"),
    ],
)
def test_the_title_names_what_the_group_holds(statuses: list[str], title: str) -> None:
    assert behind_title(statuses) == title
