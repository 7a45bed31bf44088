"""A role's track choice (`choose_at_least` over a named group of tracks) and later-career
tracks: how a file says them, what the checker says when they are wrong, and what they mean."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from planner.core.domain import Library, TrackChoice
from planner.errors import RoadmapError
from planner.fileformat.load import load_files

ROLE = """\
format: 1
skills:
  - {id: base, name: Base, area: X, hours: 5}
  - {id: vision, name: Vision, area: X, hours: 5, requires: [base]}
  - {id: words, name: Words, area: X, hours: 5, requires: [base]}
  - {id: chips, name: Chips, area: X, hours: 5, requires: [base]}
roles:
  - id: engineer
    name: Engineer
    goals: [base]
    tracks:
      - {id: cv, name: Computer vision, goals: [vision]}
      - {id: hardware, name: Hardware, goals: [chips], later_career: true}
      - {id: nlp, name: NLP, goals: [words]}
    track_choice:
      name: Entry specialisation
      choose_at_least: 1
      tracks: [nlp, cv]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(RoadmapError) as caught:
        load_files([path])
    return [str(p).replace(f"{path.parent}/", "") for p in caught.value.problems]


def test_a_track_choice_and_a_later_career_track_load(tmp_path: Path) -> None:
    role = Library.from_files(load_files([write(tmp_path, ROLE)])).roles["engineer"]
    # The choice lists its tracks in the role's order, as the app shows them.
    assert role.track_choice == TrackChoice("Entry specialisation", 1, ("cv", "nlp"))
    assert [t.later_career for t in role.tracks] == [False, True, False]


def test_a_plan_meets_the_choice_only_with_one_of_its_tracks(tmp_path: Path) -> None:
    role = Library.from_files(load_files([write(tmp_path, ROLE)])).roles["engineer"]
    assert role.unmet_choice([]) == role.track_choice
    assert role.unmet_choice(["hardware"]) == role.track_choice  # later-career: not a choice
    assert role.unmet_choice(["nlp"]) is None
    assert role.unmet_choice(["cv", "hardware"]) is None


def test_a_role_without_a_choice_asks_for_nothing(tmp_path: Path) -> None:
    text = ROLE.split("    track_choice:")[0].replace(", later_career: true", "")
    role = Library.from_files(load_files([write(tmp_path, text)])).roles["engineer"]
    assert role.track_choice is None
    assert role.unmet_choice([]) is None
    assert not any(t.later_career for t in role.tracks)


def test_a_choice_naming_a_missing_track_is_reported_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, ROLE.replace("tracks: [nlp, cv]", "tracks: [nlp, cvv, nlp]"))
    assert problems(path) == [
        "r.yaml:18: role 'engineer', track_choice: 'nlp' is listed twice",
        "r.yaml:18: role 'engineer', track_choice: the role has no track 'cvv' "
        "(did you mean 'cv'?)",
    ]


def test_a_choice_cannot_ask_for_more_tracks_than_it_lists(tmp_path: Path) -> None:
    path = write(tmp_path, ROLE.replace("choose_at_least: 1", "choose_at_least: 3"))
    assert problems(path) == [
        "r.yaml:17: role 'engineer', track_choice: choose_at_least is 3 but only 2 tracks "
        "are listed"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "choose_at_least: 1",
            "choose_at_least: 0",
            "r.yaml:17: role 'engineer': 'choose_at_least': Input should be greater than or "
            "equal to 1, got 0",
        ),
        (
            "tracks: [nlp, cv]",
            "tracks: []",
            "r.yaml:18: role 'engineer': 'tracks' must list at least one track id",
        ),
        (
            "choose_at_least: 1",
            "choose_at_leest: 1",
            "r.yaml:17: role 'engineer': unknown key 'choose_at_leest' "
            "(did you mean 'choose_at_least'?)",
        ),
        (
            "later_career: true",
            "later_career: 'yes'",
            "r.yaml:13: role 'engineer', track 'hardware': 'later_career': Input should be a "
            "valid boolean, got 'yes'",
        ),
    ],
    ids=["zero", "empty", "typo", "not-a-boolean"],
)
def test_each_mistake_in_the_new_fields_has_one_precise_message(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    found = problems(write(tmp_path, ROLE.replace(old, new)))
    assert expected in found
    # A misspelt key is also a missing one; every other mistake is one message.
    assert len(found) == (2 if "unknown key" in expected else 1), found
