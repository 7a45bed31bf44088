"""A database written by every released version of the app opens in this one, upgraded, with
every piece of a learner's history intact and a backup of it taken first.

The fixtures in tests/db/fixtures/ were written by the released app of each schema revision
(see make_fixtures.py there); they are committed and never regenerated.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory

from planner.db.engine import Database, _alembic_config, head_revision
from planner.service import Planner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RELEASED = sorted(
    p.name[len("schema-") : -len(".sqlite3")] for p in FIXTURES.glob("schema-*.sqlite3")
)

D = date.fromisoformat

# ---------------------------------------------------------------- what each release wrote
# (profile_id, skill, status, day) of every progress event, by id. Both releases ran the same
# steps up to event 13; see make_fixtures.py.
EVENTS = [
    (1, "python-basics", "in-progress", "2026-09-01"),  # logging time started it
    (1, "python-basics", "done", "2026-09-02"),
    (1, "git", "in-progress", "2026-09-03"),
    (1, "git", "done", "2026-09-03"),
    (1, "numpy", "in-progress", "2026-09-05"),
    (1, "sql", "skipped", "2026-09-06"),
    (1, "numpy", "done", "2026-09-20"),
    (1, "linear-algebra", "in-progress", "2026-09-21"),
    (1, "git", "in-progress", "2026-10-01"),  # reopened ...
    (1, "git", "done", "2026-10-04"),  # ... and done again
    (1, "pandas", "done", "2026-09-10"),  # entered after later days
    (2, "python-basics", "done", "2026-10-01"),
    (2, "prompt-engineering", "in-progress", "2026-10-03"),
]

# (profile_id, skill, day, status, event_id): one row per change of status, derived from the
# events (by the 0002 migration for a 0001 database).
TIMELINE = [
    (1, "git", "2026-09-03", "done", 4),  # the same day's in-progress is superseded
    (1, "git", "2026-10-01", "in-progress", 9),
    (1, "git", "2026-10-04", "done", 10),
    (1, "linear-algebra", "2026-09-21", "in-progress", 8),
    (1, "numpy", "2026-09-05", "in-progress", 5),
    (1, "numpy", "2026-09-20", "done", 7),
    (1, "pandas", "2026-09-10", "done", 11),
    (1, "python-basics", "2026-09-01", "in-progress", 1),
    (1, "python-basics", "2026-09-02", "done", 2),
    (1, "sql", "2026-09-06", "skipped", 6),
    (2, "prompt-engineering", "2026-10-03", "in-progress", 13),
    (2, "python-basics", "2026-10-01", "done", 12),
]

# (id, profile_id, skill, day, minutes, note, deleted)
SESSIONS = [
    (1, 1, "python-basics", "2026-09-01", 120, "variables, loops, functions", False),
    (2, 1, "git", "2026-09-03", 45, "branches and merges", False),
    (3, 1, "numpy", "2026-09-05", 90, "broadcasting", False),
    # The corrected session (logged as 3 h): 0002 edits it, 0001 deleted it and it was logged
    # again (SQLite gave the new row the free id 4).
    (4, 1, "numpy", "2026-09-06", 30, "ufuncs", False),
    (5, 1, "linear-algebra", "2026-09-21", 60, "eigenvectors — 固有ベクトル", False),
    (6, 2, "prompt-engineering", "2026-10-03", 75, "few-shot examples", False),
]

NOTES = {
    (1, "numpy"): "Broadcasting: align trailing axes; size-1 axes stretch.",
    (1, "git"): "Learn `git reflog` — it finds lost commits.\nRebase local branches only.",
    (2, "prompt-engineering"): "Keep the prompts that worked.",
}


@dataclass(frozen=True)
class Release:
    """What the release's database holds."""

    events: list[tuple[Any, ...]]
    timeline: list[tuple[Any, ...]]
    sessions: list[tuple[Any, ...]]
    changes: list[tuple[Any, ...]]  # (session_id, action, old_day, old_minutes, new_minutes)
    target: date | None
    skills: int = 107  # the built-in library of the release
    timers: tuple[tuple[int, str], ...] = ()  # (profile_id, skill) of a running study timer
    goals: tuple[tuple[int, str], ...] = ()  # (profile_id, skill) of a learner's own goals


RELEASE_0002 = Release(
    [*EVENTS, (1, "statistics", "in-progress", "2026-10-06")],
    sorted([*TIMELINE, (1, "statistics", "2026-10-06", "in-progress", 14)]),
    [
        *SESSIONS[:3],
        (4, 1, "numpy", "2026-09-06", 30, "ufuncs (was logged as 3h)", False),
        *SESSIONS[4:],
        (7, 1, "pandas", "2026-10-02", 20, "meant for numpy", True),
        (8, 1, "statistics", "2026-10-06", 60, "hypothesis tests", False),
    ],
    changes=[
        (4, "edit", "2026-09-06", 180, 30),
        (7, "delete", "2026-10-02", 20, None),
        (8, "delete", "2026-10-06", 60, None),
        (8, "restore", "2026-10-06", 60, None),
    ],
    target=D("2027-06-30"),
)

EXPECTED = {
    "0001": Release(EVENTS, TIMELINE, SESSIONS, changes=[], target=None),
    "0002": RELEASE_0002,
    # 0003 ran the 0002 steps, then deleted the skill `rust` (its row stays, marked deleted).
    "0003": RELEASE_0002,
    # 0004 ran the 0003 steps, then added a goal of the learner's own and started a timer.
    "0004": dataclasses.replace(
        RELEASE_0002, skills=113, timers=((2, "prompt-engineering"),), goals=((1, "docker"),)
    ),
}
# 0005 ran the 0004 steps (its app records no reviews or study slots yet).
EXPECTED["0005"] = EXPECTED["0004"]
# 0006 ran the 0005 steps (team mode is a server's: its file holds no logins or members).
EXPECTED["0006"] = EXPECTED["0005"]
# Skills each release marked deleted.
DELETED = {"0003": ["rust"], "0004": ["rust"], "0005": ["rust"], "0006": ["rust"]}


# ---------------------------------------------------------------- helpers
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded_sums() -> dict[str, str]:
    lines = (FIXTURES / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [tuple(row) for row in connection.execute(sql)]
    finally:
        connection.close()


@dataclass
class Upgraded:
    revision: str
    path: Path  # the upgraded copy
    reference: Path  # an untouched copy of the fixture, never opened by the app
    created: bool  # what Database.open said


@pytest.fixture(params=RELEASED)
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Upgraded]:
    """A copy of a release's fixture, opened once by today's app; the fixture itself is checked
    to be byte for byte what make_fixtures.py wrote, before and after."""
    revision: str = request.param
    original = FIXTURES / f"schema-{revision}.sqlite3"
    before = _sha256(original)
    assert before == _recorded_sums()[original.name], f"{original.name} was changed"
    reference = tmp_path / "reference" / "planner.sqlite3"
    path = tmp_path / "data" / "planner.sqlite3"
    for copy in (reference, path):
        copy.parent.mkdir()
        shutil.copyfile(original, copy)
    db = Database.open(path)
    created = db.created
    db.close()
    yield Upgraded(revision, path, reference, created)
    assert _sha256(original) == before
    leftovers = [
        p.name for p in FIXTURES.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))
    ]
    assert leftovers == [], "something opened a fixture in place"


# ---------------------------------------------------------------- the tests
def test_every_released_revision_has_a_fixture() -> None:
    """Every revision older than the newest was released, and needs its fixture (a revision
    being written now is the head until the next one: its fixture comes with its release)."""
    scripts = ScriptDirectory.from_config(_alembic_config())
    older = {rev.revision for rev in scripts.walk_revisions()} - {head_revision()}
    assert older <= set(RELEASED), f"run make_fixtures.py for {sorted(older - set(RELEASED))}"
    assert set(RELEASED) <= set(EXPECTED), "add what the new fixture holds to EXPECTED"


def test_the_upgrade_reaches_the_newest_schema(upgraded: Upgraded) -> None:
    path = upgraded.path
    assert not upgraded.created  # an existing database, not a new one
    assert _rows(upgraded.reference, "SELECT version_num FROM alembic_version") == [
        (upgraded.revision,)
    ]
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(path, "PRAGMA foreign_key_check") == []


def test_a_backup_is_taken_before_the_upgrade(upgraded: Upgraded) -> None:
    backups = list(upgraded.path.parent.glob("planner.sqlite3.before-migration-*"))
    if upgraded.revision == head_revision():
        assert backups == []  # nothing to migrate, nothing to back up
        return
    assert [b.name.split("-")[2] for b in backups] == [upgraded.revision]
    (backup,) = backups
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # one plain file: no -wal needed beside it
    assert [p.name for p in backup.parent.iterdir() if p.name.startswith(".")] == []
    assert _rows(backup, "PRAGMA integrity_check") == [("ok",)]
    # The very data the release wrote, row for row.
    connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    reference = sqlite3.connect(f"{upgraded.reference.as_uri()}?mode=ro", uri=True)
    try:
        assert list(connection.iterdump()) == list(reference.iterdump())
    finally:
        connection.close()
        reference.close()


def test_a_backup_cut_short_by_a_crash_is_cleared_by_the_next_upgrade(tmp_path: Path) -> None:
    """A run killed while copying leaves its partial copy under a hidden name (never one that
    looks like a backup); the next run removes it and takes a complete backup."""
    path = tmp_path / "planner.sqlite3"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite3", path)
    partial = tmp_path / ".planner.sqlite3.before-migration-0001-20260101-000000.partial"
    partial.write_bytes(b"SQLite format 3\x00" + bytes(100))
    partial.with_name(partial.name + "-journal").write_bytes(bytes(512))
    Database.open(path).close()
    left = [p for p in tmp_path.iterdir() if "before-migration" in p.name]
    assert len(left) == 1 and left[0].name.startswith("planner.sqlite3.before-migration-0001-")
    assert _rows(left[0], "PRAGMA integrity_check") == [("ok",)]


def test_every_row_of_the_history_is_intact(upgraded: Upgraded) -> None:
    expected = EXPECTED[upgraded.revision]
    path = upgraded.path
    assert _rows(path, "SELECT count(*) FROM skill") == [(expected.skills,)]
    assert _rows(path, "SELECT id FROM skill WHERE deleted_at IS NOT NULL") == [
        (s,) for s in DELETED.get(upgraded.revision, [])
    ]
    # What 0004 added is empty before it, kept after it.
    assert _rows(path, "SELECT profile_id, skill_id FROM study_timer ORDER BY 1") == list(
        expected.timers
    )
    assert _rows(path, "SELECT profile_id, skill_id FROM profile_goal ORDER BY 1") == list(
        expected.goals
    )
    # What 0005 added starts empty: no reviews, no study slots, the library's estimates.
    assert _rows(path, "SELECT count(*) FROM review_event") == [(0,)]
    assert _rows(path, "SELECT DISTINCT study_slots, plan_by_pace FROM profile") == [("", 0)]
    # What 0006 added starts empty: no login owns a profile, no team.
    assert _rows(path, "SELECT DISTINCT login FROM profile") == [(None,)]
    assert _rows(path, "SELECT count(*) FROM team_member") == [(0,)]
    assert _rows(path, "SELECT id, name FROM profile ORDER BY id") == [(1, "default"), (2, "sam")]
    events = _rows(path, "SELECT profile_id, skill_id, status, day FROM progress_event ORDER BY id")
    assert events == expected.events
    assert _rows(path, "SELECT max(id) FROM progress_event") == [(len(expected.events),)]
    timeline = _rows(
        path,
        "SELECT profile_id, skill_id, day, status, event_id FROM status_timeline "
        "ORDER BY profile_id, skill_id, day",
    )
    assert timeline == expected.timeline
    sessions = _rows(
        path,
        "SELECT id, profile_id, skill_id, day, minutes, note, deleted_at IS NOT NULL "
        "FROM study_session ORDER BY id",
    )
    assert sessions == [(*s[:6], int(s[6])) for s in expected.sessions]
    changes = _rows(
        path,
        "SELECT session_id, action, old_day, old_minutes, new_minutes "
        "FROM study_session_change ORDER BY id",
    )
    assert changes == expected.changes
    notes = _rows(path, "SELECT profile_id, skill_id, text FROM note")
    assert {(p, s): text for p, s, text in notes} == NOTES
    # The cached current status agrees with the last event of each skill.
    states = _rows(path, "SELECT profile_id, skill_id, status, event_id FROM skill_state")
    last: dict[tuple[int, str], tuple[str, int]] = {}
    for event_id, (profile_id, skill, status, _day) in enumerate(expected.events, start=1):
        last[(profile_id, skill)] = (status, event_id)
    assert {(p, s): (st, e) for p, s, st, e in states} == last


def test_the_app_reads_the_upgraded_history(upgraded: Upgraded) -> None:
    expected = EXPECTED[upgraded.revision]
    planner = Planner.open(upgraded.path)
    try:
        profile = planner.profile()
        assert (profile.role, profile.tracks, profile.hours_per_week) == (
            "ml-engineer",
            ("forecasting",),
            8.0,
        )
        assert (profile.start, profile.strategy) == (D("2026-09-01"), "foundations-first")
        assert profile.target_date == expected.target
        statuses = {s: st for p, s, st, _ in expected.events if p == 1}  # the last of each
        assert planner.progress.statuses() == statuses
        assert statuses["git"] == "done" and statuses["linear-algebra"] == "in-progress"
        live = [s for s in expected.sessions if s[1] == 1 and not s[6]]
        assert [
            (s.id, s.skill, s.day, s.minutes, s.note) for s in planner.progress.study_sessions()
        ] == [
            (i, skill, D(day), minutes, note)
            for i, _p, skill, day, minutes, note, _deleted in sorted(
                live, key=lambda s: (s[3], s[0])
            )
        ]
        assert planner.progress.note("git") == NOTES[(1, "git")]
        assert planner.progress.note("numpy") == NOTES[(1, "numpy")]
        _plan, progress = planner.planning.progress()
        assert progress is not None
        kinds = {a.kind for a in planner.progress.recent_activity(100)}
        assert {"status", "logged"} <= kinds
        if expected.changes:
            assert {"edited", "deleted", "restored"} <= kinds

        planner.profiles.use("sam")
        sam = planner.profile()
        assert (sam.role, sam.tracks, sam.strategy) == ("ai-engineer", ("agents",), "goal-by-goal")
        assert planner.progress.statuses() == {
            "python-basics": "done",
            "prompt-engineering": "in-progress",
        }
        assert [(s.skill, s.minutes) for s in planner.progress.study_sessions()] == [
            ("prompt-engineering", 75)
        ]
        assert planner.progress.note("prompt-engineering") == "Keep the prompts that worked."
    finally:
        planner.close()


def test_the_upgraded_database_takes_new_history(upgraded: Upgraded) -> None:
    planner = Planner.open(upgraded.path, today=lambda: D("2026-11-01"))
    try:
        planner.progress.set_status("pandas", "in-progress")
        planner.progress.log_study("statistics", 25, note="after the upgrade")
        planner.progress.edit_study_session(2, minutes=50)
        planner.timer.start("pandas")
        planner.progress.add_personal_goal("computer-vision")
    finally:
        planner.close()
    planner = Planner.open(upgraded.path)
    try:
        running = planner.timer.running()
        assert running is not None and running.skill == "pandas"
        expected = EXPECTED[upgraded.revision]
        assert planner.progress.personal_goals() == [
            *(skill for p, skill in expected.goals if p == 1),
            "computer-vision",
        ]
        assert "computer-vision" in {s.skill.id for s in planner.planning.plan().steps}
        assert planner.progress.statuses()["pandas"] == "in-progress"
        assert planner.progress.study_session(2).minutes == 50
        assert planner.progress.study_sessions()[-1].note == "after the upgrade"
    finally:
        planner.close()
    assert _rows(upgraded.path, "PRAGMA foreign_key_check") == []
