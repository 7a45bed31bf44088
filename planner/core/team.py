"""Team mode as plain records: the kinds of member, a member, a cohort's row per learner and
the cohort's burn-up (docs: ../shared/design/team.md; the service is `planner.service.team`).

A member is a PostgreSQL login; the kinds say what the database lets them do (grants and
row-level security, planner/db/team.py). The records are what the command line prints and
the app's Cohort view shows: no SQL, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    """What a member may do (team.md's table): a learner studies, a mentor also reads the
    learners of the cohorts they follow, an editor also changes the library, and the owner
    (the login that ran `team init`) does everything."""

    LEARNER = "learner"
    MENTOR = "mentor"
    EDITOR = "editor"
    OWNER = "owner"


# What the team commands say on an SQLite file (or a database not yet in team mode).
NO_TEAM_ON_A_FILE = (
    "team mode needs a shared PostgreSQL database (--db postgresql://LOGIN@HOST/DBNAME); "
    "this database is a file of your own"
)
NO_TEAM_YET = "this database is not in team mode yet: its owner runs `planner team init` first"

# The kinds `team add --as` gives; the owner is whoever ran `team init`.
ADDABLE = (Kind.LEARNER, Kind.MENTOR, Kind.EDITOR)
# Who may change the library.
LIBRARY_EDITORS = (Kind.EDITOR, Kind.OWNER)


@dataclass(frozen=True)
class Member:
    """A member of the group: their login, kind, cohorts (a learner's cohort, the cohorts a
    mentor follows) and their profile's name (None: they have none yet)."""

    login: str
    kind: Kind
    cohorts: tuple[str, ...] = ()
    profile: str | None = None

    def as_json(self) -> dict[str, object]:
        """`team list --format json`'s object."""
        return {
            "login": self.login,
            "kind": self.kind.value,
            "cohorts": list(self.cohorts),
            "profile": self.profile,
        }


@dataclass(frozen=True)
class CohortRow:
    """One learner of a cohort at a glance: team.md's `cohort --format json` fields.

    `days_ahead` is the target date (else the planned finish) minus the forecast finish:
    negative when behind; None when there is no forecast yet (too little history)."""

    login: str
    profile: str | None
    cohort: str
    role: str | None
    tracks: tuple[str, ...]
    plan_skills: int
    done_skills: int
    percent_done_hours: float
    hours_last_28_days: float
    streak_days: int
    last_active: date | None
    planned_finish: date | None
    forecast_finish: date | None
    target_date: date | None
    days_ahead: int | None

    def as_json(self) -> dict[str, object]:
        """The JSON object of `cohort --format json` (dates as YYYY-MM-DD or null)."""

        def day(value: date | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "login": self.login,
            "profile": self.profile,
            "cohort": self.cohort,
            "role": self.role,
            "tracks": list(self.tracks),
            "plan_skills": self.plan_skills,
            "done_skills": self.done_skills,
            "percent_done_hours": round(self.percent_done_hours, 1),
            "hours_last_28_days": round(self.hours_last_28_days, 2),
            "streak_days": self.streak_days,
            "last_active": day(self.last_active),
            "planned_finish": day(self.planned_finish),
            "forecast_finish": day(self.forecast_finish),
            "target_date": day(self.target_date),
            "days_ahead": self.days_ahead,
        }


# The columns of `cohort --format csv`, in order (the JSON's fields; tracks joined by "|").
COHORT_FIELDS = (
    "login",
    "profile",
    "cohort",
    "role",
    "tracks",
    "plan_skills",
    "done_skills",
    "percent_done_hours",
    "hours_last_28_days",
    "streak_days",
    "last_active",
    "planned_finish",
    "forecast_finish",
    "target_date",
    "days_ahead",
)


@dataclass(frozen=True)
class CohortDay:
    """One day of a cohort's burn-up, summed over its learners (each counted once, in the
    cohort they belong to):

    - `done_hours`: the hours of each learner's plan done by the end of that day (their own
      burn-up, as `planner progress` draws it), summed;
    - `planned_hours`: the hours their plans meant to have done by then — each learner's
      weekly hours from their start (or first activity) on, capped at their plan's total,
      summed;
    - `scope_hours`: the hours of their plans in all (the line the others rise towards)."""

    day: date
    planned_hours: float
    done_hours: float
    scope_hours: float


def days_ahead(
    forecast_finish: date | None, planned_finish: date | None, target: date | None
) -> int | None:
    """Days the forecast finish is ahead of the target (or, without one, of the planned
    finish); negative when behind, None without a forecast or anything to compare with."""
    aim = target or planned_finish
    if forecast_finish is None or aim is None:
        return None
    return (aim - forecast_finish).days
