"""A piece of work in one transaction (`Planner.opened`, `Planner.connection`): what one command
of the command line does reads the profile once and commits once, all of it or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import Engine, event

from planner.core.status import Status
from planner.errors import NotFoundError
from planner.service import Planner

TODAY = date(2026, 3, 10)


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every statement any engine runs in the block, BEGIN and COMMIT included."""
    seen: list[str] = []

    def statement(_conn: object, _cursor: object, text: str, *_rest: object) -> None:
        if not text.startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE: the begin event's own
            seen.append(" ".join(text.split()))

    def begin(_conn: object) -> None:
        seen.append("BEGIN")

    def commit(_conn: object) -> None:
        seen.append("COMMIT")

    listeners = (("before_cursor_execute", statement), ("begin", begin), ("commit", commit))
    for name, listener in listeners:
        event.listen(Engine, name, listener)
    try:
        yield seen
    finally:
        for name, listener in listeners:
            event.remove(Engine, name, listener)


def _planners_own(seen: list[str]) -> list[str]:
    """What the planner ran, from its first look at the library on: not the checks opening the
    database makes on its own (the schema's revision, a server's tables)."""
    first = next(i for i, s in enumerate(seen) if s.startswith("SELECT skill.id FROM skill"))
    assert seen[first - 1] == "BEGIN"
    return seen[first - 1 :]


def _profile_reads(seen: list[str]) -> int:
    return sum(s.startswith("SELECT profile.id, profile.name") for s in seen)


@pytest.fixture
def learner(db_location: str) -> str:
    """A database with the built-in library and a learner on the ML engineer's plan."""
    planner = Planner.open(db_location, today=lambda: TODAY)
    try:
        planner.profiles.update(role="ml-engineer", hours_per_week=8)
        planner.progress.set_status("numpy", "done", date(2026, 3, 1))
        planner.progress.log_study("pandas", 45, date(2026, 3, 2))
    finally:
        planner.close()
    return db_location


def test_progress_as_the_command_asks_it_is_one_transaction_and_one_profile_read(
    learner: str,
) -> None:
    """`planner progress`: the plan, its figures and the learner's pace. Each use case in a
    transaction of its own read the profile eight times and began sixteen transactions."""
    with statements() as seen, Planner.opened(learner, today=lambda: TODAY) as planner:
        plan, progress = planner.planning.progress()
        planner.planning.pace()
    seen = _planners_own(seen)
    assert seen.count("BEGIN") == 1
    assert seen.count("COMMIT") == 1
    assert _profile_reads(seen) == 1
    assert progress.hours_logged == pytest.approx(0.75)
    assert "numpy" not in {s.skill.id for s in plan.steps if s.status != Status.DONE}


def test_a_use_case_alone_reads_the_profile_once(learner: str) -> None:
    """Outside a block of its own, a use case made of others is one transaction too: the
    app's (and a shared server's, where each costs round trips) progress figures."""
    planner = Planner.open(learner, today=lambda: TODAY)
    try:
        with statements() as seen:
            planner.planning.progress()
    finally:
        planner.close()
    assert seen.count("BEGIN") == 1
    assert _profile_reads(seen) == 1


def test_writes_in_the_block_are_seen_in_it_and_kept_when_it_ends(learner: str) -> None:
    with Planner.opened(learner, today=lambda: TODAY) as planner:
        planner.progress.set_status("sql", "in-progress")
        assert planner.progress.statuses()["sql"] == Status.IN_PROGRESS
        planner.profiles.update(hours_per_week=4)
        # The profile read at the start is not kept past a change to it.
        assert planner.profile().hours_per_week == 4
        assert planner.planning.plan().hours_per_week == 4
    again = Planner.open(learner, today=lambda: TODAY)
    try:
        assert again.progress.statuses()["sql"] == Status.IN_PROGRESS
        assert again.profile().hours_per_week == 4
    finally:
        again.close()


def test_an_error_in_the_block_keeps_none_of_it(learner: str) -> None:
    """A command that fails halfway leaves the database as it found it."""
    with (
        pytest.raises(NotFoundError),
        Planner.opened(learner, today=lambda: TODAY) as planner,
    ):
        planner.progress.set_status("sql", "in-progress")
        planner.progress.log_study("sql", 30)
        planner.progress.set_note("no-such-skill", "never stored")
    again = Planner.open(learner, today=lambda: TODAY)
    try:
        assert "sql" not in again.progress.statuses()
        assert again.progress.minutes_studied("sql") == 0
    finally:
        again.close()


def test_the_profile_is_read_again_in_the_next_transaction(learner: str) -> None:
    """Between transactions another program may change it: the app sees what it wrote."""
    planner = Planner.open(learner, today=lambda: TODAY)
    other = Planner.open(learner, today=lambda: TODAY)
    try:
        assert planner.profile().hours_per_week == 8
        other.profiles.update(hours_per_week=12)
        assert planner.profile().hours_per_week == 12
    finally:
        planner.close()
        other.close()


def test_a_missing_profile_is_refused_on_opening(learner: str) -> None:
    with (
        pytest.raises(NotFoundError, match="unknown profile 'nobody'"),
        Planner.opened(learner, "nobody"),
    ):
        pass  # pragma: no cover (never reached)


def test_a_note_reads_its_skill_not_the_whole_library(learner: str) -> None:
    """`planner note` checks one skill; the library (every skill, edge and resource) is read
    only to say which skill a mistyped id was close to."""
    with statements() as seen, Planner.opened(learner, today=lambda: TODAY) as planner:
        planner.progress.set_note("numpy", "broadcasting")
        assert planner.progress.note("numpy") == "broadcasting"
    assert not [s for s in seen if "FROM resource" in s or "FROM prerequisite" in s]
    with Planner.opened(learner, today=lambda: TODAY) as planner:
        with pytest.raises(NotFoundError, match=r"unknown skill 'numpi' \(did you mean 'numpy'"):
            planner.progress.set_note("numpi", "never stored")
        # The library is loaded now: ids are checked in it, the same way.
        with pytest.raises(NotFoundError, match="unknown skill 'numpi'"):
            planner.progress.set_status("numpi", "done")
        assert planner.progress.set_status("numpy", "in-progress").status == Status.IN_PROGRESS
