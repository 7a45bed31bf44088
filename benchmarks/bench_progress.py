"""Every progress figure over 1M status entries and 100k study sessions of one learner, against
a bare sqlite3 GROUP BY over the same rows; recent activity; and the first version's way."""

from __future__ import annotations

import random
import sqlite3
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.common import Row, measure
from planner.core.progress import status_timeline, summarise, summarise_history
from planner.db import queries
from planner.service import Planner

EVENTS = 1_000_000
SESSIONS = 100_000
DAYS = 5 * 365  # five years of history up to today
TODAY = date(2026, 11, 25)
TARGET_MS = 200
STATUSES = ("todo", "in-progress", "done", "skipped")


def fill_history(path: Path, seed: int = 11) -> Planner:
    """One learner on the built-in library (ML engineer) whose every day for five years holds
    hundreds of status entries on random skills (5 % of them entered up to a month late) and
    a few study sessions (1 % later deleted). Written in bulk: the set-up is not measured."""
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer", hours_per_week=10, start=TODAY - timedelta(DAYS))
    profile = planner.profile().id
    skills = sorted(planner.library().skills)
    rng = random.Random(seed)
    first = TODAY - timedelta(days=DAYS - 1)
    events: list[tuple[date, str, str]] = []
    for i in range(EVENTS):
        offset = i * DAYS // EVENTS
        if rng.random() < 0.05:
            offset = max(0, offset - rng.randrange(30))
        events.append((first + timedelta(offset), rng.choice(skills), rng.choice(STATUSES)))
    stamp = datetime(2021, 1, 1)
    sessions = [
        (
            profile,
            rng.choice(skills),
            (first + timedelta(i * DAYS // SESSIONS)).isoformat(),
            rng.choice((15, 30, 45, 60, 90, 120)),
            "",
            str(stamp + timedelta(minutes=i)),
            str(stamp) if rng.random() < 0.01 else None,
        )
        for i in range(SESSIONS)
    ]
    planner.close()
    with sqlite3.connect(path) as c:
        c.executemany(
            "INSERT INTO progress_event (id, profile_id, skill_id, status, day, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (i + 1, profile, skill, status, day.isoformat(), str(stamp + timedelta(seconds=i)))
                for i, (day, skill, status) in enumerate(events)
            ),
        )
        # The derived tables, as record_status keeps them entry after entry.
        last: dict[str, tuple[int, str]] = {}
        for i, (_, skill, status) in enumerate(events):
            last[skill] = (i + 1, status)
        c.executemany(
            "INSERT INTO skill_state (profile_id, skill_id, status, since, event_id) "
            "VALUES (?, ?, ?, ?, ?)",
            ((profile, s, st, events[i - 1][0].isoformat(), i) for s, (i, st) in last.items()),
        )
        latest_id = {(day, skill): i + 1 for i, (day, skill, _) in enumerate(events)}
        c.executemany(
            "INSERT INTO status_timeline (profile_id, skill_id, day, status, event_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (profile, skill, day.isoformat(), status, latest_id[day, skill])
                for day, skill, status in status_timeline(events)
            ),
        )
        c.executemany(
            "INSERT INTO study_session (profile_id, skill_id, day, minutes, note, recorded_at, "
            "deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        c.execute("ANALYZE")
    return Planner.open(path, today=lambda: TODAY)


def raw_group_by(path: Path) -> object:
    """The baseline: the same rows counted and summed per day with the standard library."""
    with sqlite3.connect(path) as c:
        events = c.execute(
            "SELECT day, COUNT(*) FROM progress_event WHERE profile_id = 1 GROUP BY day"
        ).fetchall()
        minutes = c.execute(
            "SELECT day, SUM(minutes) FROM study_session WHERE profile_id = 1 GROUP BY day"
        ).fetchall()
    return events, minutes


def raw_newest(path: Path) -> object:
    with sqlite3.connect(path) as c:
        return [
            c.execute(f"SELECT * FROM {table} WHERE profile_id = 1 ORDER BY id DESC LIMIT 100")
            for table in ("progress_event", "study_session")
        ]


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        planner = fill_history(path)
        try:
            return _measure(planner, path)
        finally:
            planner.close()


def _measure(planner: Planner, path: Path) -> list[Row]:
    plan = planner.planning.plan()
    graph = planner.graph()
    profile = planner.profile().id
    size = f"{EVENTS // 1000}k+{SESSIONS // 1000}k"

    def figures() -> object:
        with planner.db.session() as session:
            history = queries.progress_history(session, profile)
        return summarise_history(plan, graph, history, TODAY)

    def first_version() -> object:
        with planner.db.session() as session:
            events = queries.progress_events(session, profile)
            sessions = [(s.day, s.minutes) for s in queries.study_sessions(session, profile)]
        return summarise(plan, graph, events, sessions, TODAY)

    def activity() -> object:
        return planner.progress.recent_activity(100)

    baseline = measure(lambda: raw_group_by(path), 7)
    aggregates = measure(figures, 7)
    whole = measure(planner.planning.progress, 7)
    ok = aggregates.median_ms <= TARGET_MS
    skills = sorted(planner.library().skills)
    flip = iter(range(10**9))

    def record() -> object:
        n = next(flip)
        return planner.progress.set_status(
            skills[n % len(skills)], STATUSES[n % 4], TODAY - timedelta(n)
        )

    return [
        Row(
            "all progress figures",
            size,
            aggregates,
            "raw sqlite3 GROUP BY day",
            baseline,
            f"<= {TARGET_MS} ms",
            ok,
        ),
        Row(
            "planner.planning.progress() (plans too)",
            size,
            whole,
            "raw sqlite3 GROUP BY day",
            baseline,
            "",
            None,
        ),
        Row(
            "recent activity, newest 100",
            size,
            measure(activity, 7),
            "raw sqlite3 newest 100",
            measure(lambda: raw_newest(path), 7),
            "",
            None,
        ),
        Row(
            "record a status (+ timeline)",
            size,
            measure(record, 7),
            "raw sqlite3 GROUP BY day",
            baseline,
            "",
            None,
        ),
        Row(
            "first version: every entry loaded",
            size,
            measure(first_version, 3),
            "raw sqlite3 GROUP BY day",
            baseline,
            "",
            None,
        ),
    ]
