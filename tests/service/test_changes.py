"""Every use case that changes data says what it changed, and the first start's choices are
stored all together or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.core.domain import Skill
from planner.db import queries
from planner.errors import UsageError
from planner.service import Change, OnboardingChoice, Planner

TODAY = date(2026, 3, 10)


@pytest.fixture
def planner(tmp_path: Path) -> Iterator[Planner]:
    p = Planner.open(tmp_path / "planner.sqlite3", today=lambda: TODAY)
    p.profiles.update(role="ml-engineer", hours_per_week=10)
    yield p
    p.close()


def test_progress_changes_name_what_they_changed(planner: Planner) -> None:
    progress = planner.progress
    assert progress.set_status("git", "done").change == Change(statuses=True, skills=("git",))
    assert progress.set_status("git", "done").change.empty  # already so: nothing changed
    assert progress.set_statuses(["git", "numpy"], "done") == Change(
        statuses=True, skills=("numpy",)
    )
    log = progress.log_study("pandas", 30)
    assert log.change == Change(sessions=True, statuses=True, skills=("pandas",))
    assert progress.log_study("pandas", 15).change == Change(sessions=True, skills=("pandas",))
    session_id = log.session.id
    edited = progress.edit_study_session(session_id, minutes=40)
    assert edited.value.minutes == 40
    assert edited.change == Change(sessions=True, skills=("pandas",))
    assert progress.delete_study_session(session_id) == Change(sessions=True, skills=("pandas",))
    assert progress.restore_study_session(session_id) == Change(sessions=True, skills=("pandas",))
    assert progress.set_note("sql", "joins") == Change(notes=True, skills=("sql",))
    assert progress.add_personal_goal("rust") == Change(profile=True, skills=("rust",))
    assert progress.remove_personal_goal("rust") == Change(profile=True, skills=("rust",))


def test_timer_changes_name_what_they_changed(planner: Planner) -> None:
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    planner.now = lambda: now
    started = planner.timer.start("git", now - timedelta(minutes=30))
    assert started.change == Change(timer=True, skills=("git",))
    stopped = planner.timer.stop()
    assert stopped.value is not None and stopped.value.session.minutes == 30
    assert stopped.change == Change(statuses=True, sessions=True, timer=True, skills=("git",))
    planner.timer.start("sql")
    assert planner.timer.cancel().change == Change(timer=True, skills=("sql",))


def test_profile_changes_name_what_they_changed(planner: Planner) -> None:
    profiles = planner.profiles
    assert profiles.update(hours_per_week=12).change == Change(profile=True)
    assert profiles.set_target_date(TODAY + timedelta(days=90)) == Change(profile=True)
    created = profiles.create("Sam")
    assert (created.value.name, created.change) == ("Sam", Change(profile=True))
    assert profiles.rename("Sam", "Alex").change == Change(profile=True)
    assert profiles.delete("Alex") == Change(profile=True)


def test_library_changes_name_what_they_changed(planner: Planner, tmp_path: Path) -> None:
    own = Skill(id="my-kaggle", name="My Kaggle entry", area="Practice", hours=12)
    edit = planner.editing.add_skill(own)
    assert edit.change == Change(library=True, skills=("my-kaggle",))
    assert planner.editing.undo(edit) == Change(library=True, skills=("my-kaggle",))
    path = tmp_path / "git.yaml"
    path.write_text(
        "format: 1\nskills:\n  - {id: git, name: Git, area: Tools, hours: 5}\n", encoding="utf-8"
    )
    counts = planner.editing.import_files([path])
    assert counts.change == Change(library=True, skills=("git",))


def test_restoring_or_repairing_the_database_may_change_everything(planner: Planner) -> None:
    backup = planner.files.backup()
    assert planner.files.restore(backup).change == Change.everything()
    checked = planner.files.check_database()
    assert not checked.value.fixed and checked.change.empty  # a sound database: nothing to fix


def choice(**overrides: Any) -> OnboardingChoice:
    fields: dict[str, Any] = {
        "role": "ai-engineer",
        "tracks": (),
        "hours_per_week": 6.0,
        "start": TODAY,
        "known": frozenset({"git", "sql", "python-basics"}),
        "name": "Sam",
    }
    return OnboardingChoice(**{**fields, **overrides})


def test_onboarding_stores_every_choice_and_says_what_changed(planner: Planner) -> None:
    change = planner.profiles.onboard(choice())
    assert change == Change(statuses=True, profile=True, skills=("git", "python-basics", "sql"))
    profile = planner.profile()
    assert (profile.name, profile.role, profile.hours_per_week) == ("Sam", "ai-engineer", 6.0)
    assert planner.progress.statuses() == dict.fromkeys(("git", "python-basics", "sql"), "done")


def test_onboarding_failing_half_way_leaves_the_database_as_it_was(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (planner.profile(), planner.progress.statuses(), planner.profiles.all())
    record = queries.record_status
    calls: list[str] = []

    def second_write_fails(*args: Any) -> str:
        calls.append(args[2])
        if len(calls) == 2:  # the rename, the profile and one status are written by now
            raise OSError("the disk went away")
        return record(*args)

    monkeypatch.setattr(queries, "record_status", second_write_fails)
    with pytest.raises(OSError):
        planner.profiles.onboard(choice())
    monkeypatch.undo()
    assert len(calls) == 2
    assert (planner.profile(), planner.progress.statuses(), planner.profiles.all()) == before
    assert planner.profile_name == before[0].name


def test_onboarding_refuses_a_taken_name_before_writing_anything(planner: Planner) -> None:
    planner.profiles.create("Alex")
    before = (planner.profile(), planner.progress.statuses())
    with pytest.raises(UsageError, match="already exists"):
        planner.profiles.onboard(choice(name="Alex"))
    assert (planner.profile(), planner.progress.statuses()) == before


def test_onboarding_dates_known_skills_today_when_the_start_is_ahead(planner: Planner) -> None:
    choice = OnboardingChoice(
        role="ai-engineer",
        tracks=("agents",),
        hours_per_week=10,
        start=date(2026, 4, 1),
        known=frozenset({"git", "python-basics"}),
    )
    change = planner.profiles.onboard(choice)
    assert change.profile and change.statuses
    assert change.skills == ("git", "python-basics")
    with planner.db.session() as session:
        events = queries.progress_events(session, planner.profile().id)
    assert sorted(events) == [(TODAY, "git", "done"), (TODAY, "python-basics", "done")]
    assert planner.profile().start == date(2026, 4, 1)
