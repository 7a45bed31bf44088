"""Two writers at once for the same learner (the same learner on two machines): nothing
acknowledged is lost, and the derived tables (current status, status timeline) say exactly
what the events say. Run on both engines; on PostgreSQL the writers really overlap."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import text

from planner.core.progress import status_timeline
from planner.service import Planner
from tests.threads import race

SKILLS = ["python-basics", "git", "numpy"]
WRITERS = 4
STATUSES = ["in-progress", "done", "todo", "skipped"]
ROUNDS = 40
TODAY = date(2026, 3, 10)


def _race(*writers: Callable[[], None]) -> None:
    failures = race(*writers)
    assert not failures, failures


def test_two_writers_of_one_learner_lose_nothing(db_location: str) -> None:
    Planner.open(db_location).close()  # created (and filled) before the race
    events: list[list[object]] = [[] for _ in range(WRITERS)]
    sessions: list[list[int]] = [[] for _ in range(WRITERS)]

    def writer(n: int) -> Callable[[], None]:
        def write() -> None:
            planner = Planner.open(db_location, today=lambda: TODAY)
            try:
                for i in range(ROUNDS):
                    skill = SKILLS[(i + n) % len(SKILLS)]
                    day = TODAY - timedelta(days=(i * 7 + n * 3) % 30)
                    if i % 3 == 2:
                        study = planner.progress.log_study(skill, 30 + n, day)
                        sessions[n].append(study.session.id)
                        if study.started is not None:
                            events[n].append(study.started)
                    else:
                        change = planner.progress.set_status(skill, STATUSES[(i + n) % 4], day)
                        if change.change.statuses:  # recorded (else: no change to record)
                            events[n].append(change)
            finally:
                planner.close()

        return write

    _race(*(writer(n) for n in range(WRITERS)))

    planner = Planner.open(db_location, today=lambda: TODAY)
    try:
        with planner.db.session() as s:
            profile = planner.profile().id
            logged = {
                r[0]
                for r in s.execute(
                    text("SELECT id FROM study_session WHERE profile_id = :p"), {"p": profile}
                )
            }
            entered = [
                (r.day, r.skill_id, r.status)
                for r in s.execute(
                    text(
                        "SELECT day, skill_id, status FROM progress_event "
                        "WHERE profile_id = :p ORDER BY id"
                    ),
                    {"p": profile},
                )
            ]
            current: dict[str, str] = dict(
                s.execute(
                    text("SELECT skill_id, status FROM skill_state WHERE profile_id = :p"),
                    {"p": profile},
                ).all()
            )
            timeline = [
                (_day(r.day), r.skill_id, r.status)
                for r in s.execute(
                    text(
                        "SELECT day, skill_id, status FROM status_timeline "
                        "WHERE profile_id = :p ORDER BY day, skill_id"
                    ),
                    {"p": profile},
                )
            ]
    finally:
        planner.close()
    # Every acknowledged study session and status change is there, and nothing else.
    assert logged == {i for ids in sessions for i in ids}
    assert len(logged) == sum(len(ids) for ids in sessions)
    assert len(entered) == sum(len(changes) for changes in events)
    entered = [(_day(day), skill, status) for day, skill, status in entered]
    # The derived tables are what the events (in the order entered) make.
    last: dict[str, str] = {}
    for _when, skill, status in entered:
        last[skill] = status
    assert current == last
    assert timeline == status_timeline(entered)


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def test_learners_opening_a_new_database_at_once_create_it_once(pg_url: str) -> None:
    """The first start of a cohort: several planners open the same empty database on the
    server together; one creates the tables and fills the library, the others wait and find
    it done. (Not on SQLite: a learner's own file is created by one app, which holds an
    instance lock, and SQLite may refuse switching a new file to WAL while another connection
    opens it, without waiting.)"""
    empty_db_location = pg_url
    opened: list[int] = []

    def first_start() -> None:
        planner = Planner.open(empty_db_location)
        try:
            opened.append(len(planner.library().skills))
        finally:
            planner.close()

    _race(*(first_start for _ in range(3)))
    planner = Planner.open(empty_db_location)
    try:
        skills = len(planner.library().skills)
        with planner.db.session() as s:
            stored = s.execute(text("SELECT count(*), count(DISTINCT id) FROM skill")).one()
    finally:
        planner.close()
    assert opened == [skills] * 3
    assert tuple(stored) == (skills, skills)


def test_a_library_read_waits_for_an_edit_in_progress(pg_planner_url: str) -> None:
    """On a server a reader never sees half of an editor's change: the library is read under
    a lock its writers hold until they commit, so the read waits and sees the whole edit."""
    import time

    from planner.core.domain import Skill
    from planner.core.edit import LibraryChange
    from planner.db import library_edit, queries

    editor = Planner.open(pg_planner_url)
    reader = Planner.open(pg_planner_url)
    loaded: list[set[str]] = []
    try:
        with editor.db.session() as session:
            new = Skill("half-way", "Half way", "Testing", 2, requires=("python-basics",))
            library_edit.write_change(session, LibraryChange({new.id: new}))

            def read() -> None:
                with reader.db.session() as s:
                    loaded.append(set(queries.load_library(s).skills))

            thread = threading.Thread(target=read)
            thread.start()
            for _ in range(400):  # until the reader's backend waits for the editor's lock
                with editor.db.engine.connect() as c:
                    waiting = c.execute(
                        text(
                            "SELECT count(*) FROM pg_locks "
                            "WHERE locktype = 'advisory' AND NOT granted"
                        )
                    ).scalar()
                if waiting:
                    break
                time.sleep(0.025)  # waiting for the other thread's server process
            assert waiting == 1 and not loaded
        thread.join()
        assert "half-way" in loaded[0]
    finally:
        editor.close()
        reader.close()
