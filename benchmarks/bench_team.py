"""Team mode (issue 18): a cohort of 200 learners with a year of history each, in a database in
team mode (row-level security on) on a PostgreSQL cluster on this machine (Unix socket).

- `planner cohort` as a whole process, by a mentor following every cohort: ≤ 1 s; beside it
  the same mentor's `planner profile show` (starting, connecting, opening), as its floor;
  and the use case alone in-process (`planner.team.cohort()`, library and plan shapes read
  again each time), beside opening the planner;
- a learner's `planner progress`, whole process and its figures in-process, on the server
  (through the policies, as their own login) beside the same learner's history in an SQLite
  file, in the same run: the issue asks for ≤ 1.5×.

Ratios are paired, as in `bench_cli` and `bench_app`: the median over the rounds of each
measurement over its baseline timed in the same round.

The history is written in bulk (COPY, not measured): each learner studied on about two days
in three for the past year (30 to 120 minutes) and went through the first 15 to 45 skills of
the AI engineer's plan, each in progress for a while and then done.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.bench_app import environment, timing
from benchmarks.common import Row, paired_ratio
from planner.service import Planner

if TYPE_CHECKING:
    from tests.pg_cluster import Cluster

LEARNERS = 200
COHORTS = 10
DAYS = 365
TODAY = date(2026, 11, 30)
RUNS = 7
IN_PROCESS_RUNS = 15
# A learner's figures take milliseconds: many rounds, so that one round trip more or less shows
# through the spread of single runs.
FIGURES_RUNS = 101
COHORT_TARGET_MS = 1000.0
PROGRESS_TARGET = 1.5
ROLE = "ai-engineer"
PLANNER = [sys.executable, "-m", "planner"]


def history(
    rng: random.Random, order: list[str], profile_id: int
) -> dict[str, list[tuple[Any, ...]]]:
    """One learner's year, as rows of study_session, progress_event, status_timeline and
    skill_state (ids are filled in by the caller)."""
    start = TODAY - timedelta(days=DAYS - 1)
    sessions = []
    stamp = datetime(2026, 1, 1)
    for n in range(DAYS):
        day = start + timedelta(days=n)
        if rng.random() < 0.66:
            skill = order[min(len(order) - 1, n * 40 // DAYS)]
            sessions.append((profile_id, skill, day, rng.randint(30, 120), "", stamp, None))
    events = []
    done = rng.randint(15, 45)
    step = (DAYS - 10) / done
    for i, skill in enumerate(order[:done]):
        began = start + timedelta(days=int(i * step))
        finished = began + timedelta(days=max(1, int(step) - 1))
        events.append((profile_id, skill, "in-progress", began, stamp))
        events.append((profile_id, skill, "done", min(finished, TODAY), stamp))
    return {"sessions": sessions, "events": events}


def _derived(
    events: list[tuple[Any, ...]], first_id: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The timeline and current statuses of events numbered from `first_id` (each skill's
    in-progress strictly before its done)."""
    timeline = []
    state: dict[tuple[int, str], tuple[Any, ...]] = {}
    for offset, (profile_id, skill, status, day, _) in enumerate(events):
        event_id = first_id + offset
        timeline.append((profile_id, skill, day, status, event_id))
        state[(profile_id, skill)] = (profile_id, skill, status, day, event_id)
    return timeline, list(state.values())


def build(cluster: Cluster, folder: Path) -> tuple[str, str, str, Path]:
    """The team database (its name, the mentor's and one learner's logins) and an SQLite
    file holding that learner's same history."""
    import psycopg

    database = cluster.new_database("cohort")
    owner, mentor = f"{database}_owner", f"{database}_mentor_login"
    with psycopg.connect(cluster.conninfo(), autocommit=True) as connection:
        connection.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        connection.execute(f'ALTER DATABASE "{database}" OWNER TO "{owner}"')
    planner = Planner.open(cluster.url(database, owner), today=lambda: TODAY)
    try:
        planner.team.init()
        order = [s.skill.id for s in planner.planning.plan(ROLE).steps]
        logins = [f"{database}_l{i:03d}" for i in range(LEARNERS)]
        for i, login in enumerate(logins):
            planner.team.add(login, "learner", [f"cohort-{i % COHORTS}"])
        planner.team.add(mentor, "mentor", [f"cohort-{i}" for i in range(COHORTS)])
    finally:
        planner.close()
    rng = random.Random(18)
    with psycopg.connect(cluster.conninfo(database, owner)) as connection:
        ids: dict[str, int] = dict(
            connection.execute(
                "SELECT login, id FROM profile WHERE login = ANY(%s)", (logins,)
            ).fetchall()
        )
        connection.execute(
            "UPDATE profile SET role_id = %s, hours_per_week = 8, start_date = %s, "
            "target_date = %s WHERE login = ANY(%s)",
            (ROLE, TODAY - timedelta(days=DAYS - 1), TODAY + timedelta(days=300), logins),
        )
        histories = [history(rng, order, ids[login]) for login in logins]
        _copy_server(connection, histories)
    # What autovacuum does to a database in use: statistics, and the visibility map that lets
    # the covering indexes answer alone.
    with psycopg.connect(cluster.conninfo(database), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    learner = logins[0]
    path = folder / "learner.sqlite3"
    lite = Planner.open(path, today=lambda: TODAY)
    try:
        lite.profiles.update(
            role=ROLE,
            hours_per_week=8,
            start=TODAY - timedelta(days=DAYS - 1),
            target_date=TODAY + timedelta(days=300),
        )
        lite_id = lite.profile().id
    finally:
        lite.close()
    _copy_sqlite(path, _renumber(histories[0], lite_id))  # the very same history
    return database, mentor, learner, path


def _renumber(
    rows: dict[str, list[tuple[Any, ...]]], profile_id: int
) -> dict[str, list[tuple[Any, ...]]]:
    return {k: [(profile_id, *r[1:]) for r in v] for k, v in rows.items()}


def _copy_server(connection: Any, histories: list[dict[str, list[tuple[Any, ...]]]]) -> None:
    sessions = [r for h in histories for r in h["sessions"]]
    events = [r for h in histories for r in h["events"]]
    with connection.cursor().copy(
        "COPY study_session (profile_id, skill_id, day, minutes, note, recorded_at, deleted_at) "
        "FROM STDIN"
    ) as copy:
        for row in sessions:
            copy.write_row(row)
    (first,) = connection.execute("SELECT COALESCE(max(id), 0) + 1 FROM progress_event").fetchone()
    with connection.cursor().copy(
        "COPY progress_event (id, profile_id, skill_id, status, day, recorded_at) FROM STDIN"
    ) as copy:
        for offset, row in enumerate(events):
            copy.write_row((first + offset, *row))
    connection.execute(
        "SELECT setval(pg_get_serial_sequence('progress_event', 'id'), "
        "(SELECT max(id) FROM progress_event))"
    )
    timeline, states = _derived(events, first)
    with connection.cursor().copy(
        "COPY status_timeline (profile_id, skill_id, day, status, event_id) FROM STDIN"
    ) as copy:
        for row in timeline:
            copy.write_row(row)
    with connection.cursor().copy(
        "COPY skill_state (profile_id, skill_id, status, since, event_id) FROM STDIN"
    ) as copy:
        for row in states:
            copy.write_row(row)


def _copy_sqlite(path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    with sqlite3.connect(path) as c:
        c.executemany(
            "INSERT INTO study_session (profile_id, skill_id, day, minutes, note, recorded_at, "
            "deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows["sessions"],
        )
        (first,) = c.execute("SELECT COALESCE(max(id), 0) + 1 FROM progress_event").fetchone()
        events = rows["events"]
        c.executemany(
            "INSERT INTO progress_event (id, profile_id, skill_id, status, day, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(first + i, *row) for i, row in enumerate(events)],
        )
        timeline, states = _derived(events, first)
        c.executemany("INSERT INTO status_timeline VALUES (?, ?, ?, ?, ?)", timeline)
        c.executemany(
            "INSERT INTO skill_state (profile_id, skill_id, status, since, event_id) "
            "VALUES (?, ?, ?, ?, ?)",
            states,
        )
    with sqlite3.connect(path) as c:
        c.execute("ANALYZE")


def interleaved(functions: list[Callable[[], object]], runs: int) -> list[list[float]]:
    """Each function timed `runs` times in rounds, taking turns (after a warm-up of each), so
    that a machine shared with other jobs slows them alike: the milliseconds of each."""
    for function in functions:
        function()
    samples: list[list[float]] = [[] for _ in functions]
    for _ in range(runs):
        for i, function in enumerate(functions):
            started = time.perf_counter()
            function()
            samples[i].append((time.perf_counter() - started) * 1000)
    return samples


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def run() -> list[Row]:
    from tests.pg_cluster import postgres_bin, start_cluster

    found = postgres_bin()
    if found is None:
        print("team: PostgreSQL is not installed (no pg_ctl): nothing measured")
        return []
    cluster = start_cluster(found)
    try:
        with tempfile.TemporaryDirectory() as folder:
            return _rows(cluster, Path(folder))
    finally:
        cluster.remove()


def _rows(cluster: Cluster, folder: Path) -> list[Row]:
    database, mentor, learner, path = build(cluster, folder)
    env = environment(folder)
    mentor_url, learner_url = cluster.url(database, mentor), cluster.url(database, learner)
    # The figures must agree, or the timings compare different work.
    server = Planner.open(learner_url, today=lambda: TODAY)
    lite = Planner.open(path, today=lambda: TODAY)
    try:
        (_, on_server), (_, on_file) = server.planning.progress(), lite.planning.progress()
        assert (on_server.hours_logged, on_server.skills_done, on_server.forecast_finish) == (
            on_file.hours_logged,
            on_file.skills_done,
            on_file.forecast_finish,
        )
        # The same learner's figures read by the owner (who owns the tables: no policy
        # applies), to tell what row-level security costs from what the round trips do.
        owner_url = cluster.url(database, f"{database}_owner")
        owner = Planner.open(owner_url, learner, today=lambda: TODAY)
        try:
            figures_server, figures_lite, figures_owner = interleaved(
                [server.planning.progress, lite.planning.progress, owner.planning.progress],
                FIGURES_RUNS,
            )
        finally:
            owner.close()
    finally:
        server.close()
        lite.close()
    watcher = Planner.open(mentor_url, today=lambda: TODAY)
    try:
        watcher.team.cohort()  # the library and the plans' shapes, as a process reads them

        def cohort_again() -> object:
            watcher.invalidate()  # the library and plan shapes again, as a new process would
            return watcher.team.cohort()

        in_process, just_open = interleaved(
            [cohort_again, lambda: Planner.open(mentor_url).close()], IN_PROCESS_RUNS
        )
    finally:
        watcher.close()
    commands = {
        "cohort": [*PLANNER, "--db", mentor_url, "cohort", "--format", "json"],
        "floor": [*PLANNER, "--db", mentor_url, "profile", "show"],
        "progress server": [*PLANNER, "--db", learner_url, "progress", "--format", "json"],
        "progress file": [*PLANNER, "--db", str(path), "progress", "--format", "json"],
    }
    rows = subprocess.run(commands["cohort"], env=env, check=True, capture_output=True, text=True)
    assert rows.stdout.count('"login"') == LEARNERS, "the mentor must see every learner"
    for command in commands.values():
        _time(command, env)  # bytecode compiled, caches warm
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            samples[name].append(_time(command, env))
    cohort, floor = timing(samples["cohort"]), timing(samples["floor"])
    progress_server = paired_ratio(samples["progress server"], samples["progress file"])
    figures = paired_ratio(figures_server, figures_lite)
    print("team: ratios = median over the rounds of (measured / baseline, in the same round)")
    size = f"{LEARNERS}x{DAYS}d"
    return [
        Row(
            "planner cohort (process)",
            size,
            cohort,
            "planner profile show (mentor)",
            floor,
            f"<= {COHORT_TARGET_MS:g} ms",
            cohort.median_ms <= COHORT_TARGET_MS,
        ),
        Row(
            "cohort use case, in-process",
            size,
            timing(in_process),
            "open the planner (mentor)",
            timing(just_open),
            "",
            None,
            paired=paired_ratio(in_process, just_open),
        ),
        Row(
            "learner's progress, process (PG)",
            size,
            timing(samples["progress server"]),
            "the same on SQLite",
            timing(samples["progress file"]),
            f"<= {PROGRESS_TARGET:g}x",
            progress_server <= PROGRESS_TARGET,
            paired=progress_server,
        ),
        Row(
            "learner's progress figures (PG)",
            size,
            timing(figures_server),
            "the same on SQLite",
            timing(figures_lite),
            f"<= {PROGRESS_TARGET:g}x",
            figures <= PROGRESS_TARGET,
            paired=figures,
        ),
        Row(
            "the same figures, no policies",
            size,
            timing(figures_owner),
            "the same on SQLite",
            timing(figures_lite),
            "",
            None,
            paired=paired_ratio(figures_owner, figures_lite),
        ),
    ]
