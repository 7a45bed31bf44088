"""The figures of a mentor's cohort, read for every learner at once (team mode, issue 18):
one query per kind of figure, none per learner; the plans are made from them by the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import text

from planner.core.records import Profile
from planner.core.status import Status

if TYPE_CHECKING:
    from planner.db.engine import Tx


@dataclass(frozen=True)
class Learner:
    """A learner of a cohort with their settings and what their plan is made from."""

    login: str
    cohort: str
    profile: Profile | None
    statuses: dict[str, Status]
    started: dict[str, date]  # skills in progress: since when
    goals: tuple[str, ...]  # their own goals
    hours_last_28_days: float
    streak_days: int
    last_active: date | None
    first_active: date | None
    minutes_since_start: int  # logged on or after their start (all, without one)
    window_minutes: tuple[tuple[date, int], ...]  # the last 28 days' study days


@dataclass(frozen=True)
class CohortData:
    """What one round of queries brings for a cohort view."""

    learners: list[Learner]
    timelines: dict[int, tuple[tuple[date, str, Status], ...]]  # by profile id (burn-up only)


def cohort_data(
    session: Tx, name: str | None, today: date, *, timelines: bool = False
) -> CohortData:
    """Every learner of the cohorts the caller may see (of `name` only, when given), with the
    figures the server sums for them: one query per kind of figure, none per learner."""
    run = session.execute
    rows = run(
        text(
            "SELECT c.cohort, c.login, p.id, p.name, p.role_id, p.hours_per_week, "
            "p.start_date, p.strategy, p.target_date, "
            "COALESCE((SELECT array_agg(pt.track_id ORDER BY pt.position) FROM profile_track pt "
            "  WHERE pt.profile_id = p.id AND pt.role_id = p.role_id), '{}') "
            "FROM cohort_member c JOIN team_member t ON t.login = c.login AND t.kind = 'learner' "
            "LEFT JOIN profile p ON p.login = c.login "
            "WHERE (CAST(:name AS varchar) IS NULL OR c.cohort = :name) "
            "ORDER BY c.cohort, c.login"
        ),
        {"name": name},
    ).all()
    ids = [int(r[2]) for r in rows if r[2] is not None]
    statuses: dict[int, dict[str, Status]] = {}
    started: dict[int, dict[str, date]] = {}
    for pid, skill, status, since in run(
        text(
            "SELECT profile_id, skill_id, status, since FROM skill_state "
            "WHERE profile_id = ANY(:ids) AND status <> 'todo'"
        ),
        {"ids": ids},
    ):
        statuses.setdefault(pid, {})[skill] = Status(status)
        if status == Status.IN_PROGRESS.value:
            started.setdefault(pid, {})[skill] = since
    goals: dict[int, list[str]] = {}
    for pid, skill in run(
        text(
            "SELECT profile_id, skill_id FROM profile_goal WHERE profile_id = ANY(:ids) "
            "ORDER BY profile_id, added_at, skill_id"
        ),
        {"ids": ids},
    ):
        goals.setdefault(pid, []).append(str(skill))
    # Short queries over a few tens of thousands of rows: compiling them (JIT) costs more
    # than it saves.
    run(text("SET LOCAL jit = off"))
    figures = {
        int(r[0]): r[1:]
        for r in run(
            text(
                """
WITH days AS (
    SELECT profile_id, day, sum(minutes) AS minutes FROM study_session
    WHERE profile_id = ANY(:ids) AND deleted_at IS NULL AND day <= :today
    GROUP BY profile_id, day
), numbered AS (
    -- In a run of consecutive days, a day plus its rank from the newest is the same number.
    SELECT profile_id, day, minutes,
           day + CAST(row_number() OVER (PARTITION BY profile_id ORDER BY day DESC) AS integer)
               AS run,
           max(day) OVER (PARTITION BY profile_id) AS newest
    FROM days
), sums AS (
    SELECT n.profile_id,
           sum(n.minutes) FILTER (WHERE n.day > CAST(:today AS date) - 28) AS recent,
           count(*) FILTER (WHERE n.run = n.newest + 1
                            AND n.newest >= CAST(:today AS date) - 1) AS streak,
           sum(n.minutes) FILTER (WHERE p.start_date IS NULL OR n.day >= p.start_date) AS since,
           min(n.day) AS first, max(n.day) AS last
    FROM numbered n JOIN profile p ON p.id = n.profile_id
    GROUP BY n.profile_id
), changed AS (
    SELECT profile_id, min(day) AS first FROM status_timeline
    WHERE profile_id = ANY(:ids) GROUP BY profile_id
), events AS (
    SELECT profile_id, max(day) AS last FROM progress_event
    WHERE profile_id = ANY(:ids) GROUP BY profile_id
)
SELECT p.id, COALESCE(s.recent, 0), COALESCE(s.streak, 0),
       GREATEST(s.last, e.last), LEAST(s.first, c.first), COALESCE(s.since, 0)
FROM profile p LEFT JOIN sums s ON s.profile_id = p.id
LEFT JOIN changed c ON c.profile_id = p.id LEFT JOIN events e ON e.profile_id = p.id
WHERE p.id = ANY(:ids)
"""
            ),
            {"ids": ids, "today": today},
        )
    }
    window: dict[int, list[tuple[date, int]]] = {}
    for pid, day, minutes in run(
        text(
            "SELECT profile_id, day, sum(minutes) FROM study_session "
            "WHERE profile_id = ANY(:ids) AND deleted_at IS NULL "
            "AND day > CAST(:today AS date) - 28 AND day <= :today "
            "GROUP BY profile_id, day ORDER BY profile_id, day"
        ),
        {"ids": ids, "today": today},
    ):
        window.setdefault(pid, []).append((day, int(minutes)))
    histories: dict[int, tuple[tuple[date, str, Status], ...]] = {}
    if timelines:
        changes: dict[int, list[tuple[date, str, Status]]] = {}
        for pid, day, skill, status in run(
            text(
                "SELECT profile_id, day, skill_id, status FROM status_timeline "
                "WHERE profile_id = ANY(:ids) ORDER BY profile_id, day, skill_id"
            ),
            {"ids": ids},
        ):
            changes.setdefault(pid, []).append((day, str(skill), Status(status)))
        histories = {pid: tuple(found) for pid, found in changes.items()}
    learners = []
    for cohort, login, pid, pname, role, hours, start, strategy, target, tracks in rows:
        profile = (
            None
            if pid is None
            else Profile(pid, pname, role, tuple(tracks), hours, start, strategy, target)
        )
        recent, streak, last, first, since = figures.get(pid, (0, 0, None, None, 0))
        learners.append(
            Learner(
                str(login),
                str(cohort),
                profile,
                statuses.get(pid, {}),
                started.get(pid, {}),
                tuple(goals.get(pid, ())),
                int(recent) / 60,
                int(streak),
                last,
                first,
                int(since),
                tuple(window.get(pid, ())),
            )
        )
    return CohortData(learners, histories)
