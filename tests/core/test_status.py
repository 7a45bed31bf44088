"""The one status type: its values (a contract), its sets, and one word per status for users."""

from __future__ import annotations

import json

import pytest

from planner.core.status import (
    BEHIND,
    FINISHED,
    REMAINING,
    SETTABLE,
    STATUS_TITLES,
    STATUS_WORDS,
    Status,
    settable_status,
)
from planner.core.wording import HIDE_BEHIND, behind_title
from planner.errors import UsageError


def test_the_values_are_those_the_database_and_the_json_hold() -> None:
    assert [s.value for s in Status] == ["todo", "in-progress", "done", "skipped", "implied"]


def test_a_status_writes_its_plain_value_in_json_text_and_formats() -> None:
    assert json.dumps({"status": Status.IN_PROGRESS}) == '{"status": "in-progress"}'
    assert json.dumps({Status.DONE: [Status.IMPLIED]}) == '{"done": ["implied"]}'
    assert f"{Status.IN_PROGRESS}" == str(Status.IN_PROGRESS) == "in-progress"
    # and a stored string finds its status, in comparisons and as a key
    assert Status.DONE == "done" and hash(Status.DONE) == hash("done")
    assert STATUS_WORDS["implied"] == STATUS_WORDS[Status.IMPLIED]


def test_every_status_has_one_word_and_no_two_share_it() -> None:
    assert set(STATUS_WORDS) == set(Status) == set(STATUS_TITLES)
    assert len(set(STATUS_WORDS.values())) == len(Status)
    for status in Status:
        word = STATUS_WORDS[status]
        assert word and word == word.lower()
        assert STATUS_TITLES[status].lower() == word
        assert STATUS_TITLES[status][0].isupper()


def test_an_implied_skill_is_known_to_the_learner() -> None:
    assert STATUS_WORDS[Status.IMPLIED] == "known"
    assert STATUS_TITLES[Status.IMPLIED] == "Known"
    assert behind_title([Status.DONE, Status.IMPLIED]) == "Done and known"
    assert HIDE_BEHIND == "Hide done, known and skipped skills"


def test_the_sets_split_the_statuses() -> None:
    assert set(SETTABLE) == set(Status) - {Status.IMPLIED}  # implied is derived, never stored
    assert {Status.DONE, Status.SKIPPED} == FINISHED
    assert {Status.TODO, Status.IN_PROGRESS} == REMAINING
    assert set(Status) == REMAINING | BEHIND and not REMAINING & BEHIND
    assert FINISHED < BEHIND


@pytest.mark.parametrize("value", ["todo", "in-progress", "done", "skipped"])
def test_a_learner_sets_the_statuses_they_may(value: str) -> None:
    assert settable_status(value) is Status(value)


@pytest.mark.parametrize("value", ["implied", "known", "Done", "in progress", ""])
def test_anything_else_is_a_usage_error_naming_the_choices(value: str) -> None:
    with pytest.raises(UsageError, match="use one of: todo, in-progress, done, skipped"):
        settable_status(value)


def test_the_behind_group_is_named_in_a_fixed_order_whatever_it_holds() -> None:
    assert behind_title(BEHIND) == "Done, known and skipped"
