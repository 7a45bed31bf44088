"""Use cases of team mode (`planner.team`): who the connecting login is, the group's members,
and the mentor's cohort view — on a shared PostgreSQL database (../shared/design/team.md).

On an SQLite file there is no team: `me()` is None, `can_edit_library()` is True, and the
team commands (`init`, `add`, `remove`, `members`, `cohort`, `burnup`) refuse with one line.
What a member may do is enforced by PostgreSQL (planner/db/team.py); the checks here only
say it sooner, in the same words.

The cohort figures come from one round of queries for the whole cohort
(`db.queries.cohort.cohort_data`: hours in the last 28 days, streaks, last activity and
statuses summed by the server); each learner's plan dates are then computed here from what
it brought, with the plan shapes kept across learners of the same role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.core.domain import Library
from planner.core.forecast import make_forecast
from planner.core.plan import DEFAULT_STRATEGY, Plan, make_plan
from planner.core.progress import burnup_from_changes
from planner.core.team import (
    ADDABLE,
    LIBRARY_EDITORS,
    NO_TEAM_ON_A_FILE,
    NO_TEAM_YET,
    CohortDay,
    CohortRow,
    Kind,
    Member,
    days_ahead,
)
from planner.errors import NotFoundError, PermissionRefused, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from planner.core.progress import StatusEntry
    from planner.db.queries.cohort import Learner
    from planner.service.facade import Planner

ONLY_OWNER_MEMBERS = "only the owner can add or remove members"
ONLY_MENTORS = "only mentors and the owner can see a cohort"
_LOGIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")


def check_login(login: str) -> str:
    """A login name `team add` accepts: letters, digits, `_ . @ -`, at most 63 characters."""
    if not _LOGIN.match(login):
        raise UsageError(
            f"'{login}' cannot be a login: use letters, digits, _ . @ - "
            "(starting with a letter or _; at most 63 characters)"
        )
    return login


def kind_of(word: str) -> Kind:
    """The kind `--as` names (learner, mentor, editor)."""
    try:
        kind = Kind(word)
    except ValueError:
        kind = None
    if kind not in ADDABLE:
        raise UsageError(
            f"'{word}' is not a kind of member to add: learner, mentor or editor "
            "(the owner is whoever ran `team init`)"
        )
    assert kind is not None
    return kind


class Team:
    """Team mode (`planner.team`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    # ------------------------------------------------------------------ who am I
    def me(self) -> Member | None:
        """The connecting login as a member; None on SQLite, on a database not in team mode,
        or for a login that is not a member."""
        if not self._planner.db.on_server:
            return None
        from planner.db import team

        with self._planner.connection() as connection:
            if not team.team_mode(connection):
                return None
            return team.member(connection, team.current_login(connection))

    def can_edit_library(self) -> bool:
        """Whether the connecting login may change the library: True on SQLite and outside
        team mode, else for editors and the owner."""
        me = self.me()
        if me is None:
            return not self._in_team_mode()
        return me.kind in LIBRARY_EDITORS

    def _in_team_mode(self) -> bool:
        if not self._planner.db.on_server:
            return False
        from planner.db import team

        with self._planner.connection() as connection:
            return team.team_mode(connection)

    def _server(self) -> None:
        if not self._planner.db.on_server:
            raise UsageError(NO_TEAM_ON_A_FILE)

    def _member(self, connection: Connection) -> Member:
        """The connecting member; refusals for a database not in team mode or a stranger."""
        from planner.db import team

        if not team.team_mode(connection):
            raise UsageError(NO_TEAM_YET)
        login = team.current_login(connection)
        found = team.member(connection, login)
        if found is None:
            raise PermissionRefused(
                f"the login {login} is not a member of this group: ask its owner to add it "
                "(planner team add LOGIN)"
            )
        return found

    def _owner(self, connection: Connection) -> Member:
        found = self._member(connection)
        if found.kind != Kind.OWNER:
            raise PermissionRefused(ONLY_OWNER_MEMBERS)
        return found

    def _database(self) -> str:
        from planner.db.location import ServerAddress

        location = self._planner.db.location
        assert isinstance(location, ServerAddress)
        return location.database

    # ------------------------------------------------------------------ the members
    def init(self) -> Member:
        """Put the database in team mode with the connecting login as its owner: the group
        roles, grants and row-level security policies (idempotent: running it again brings
        them up to date). Needs the login that owns the database's tables, allowed to create
        roles."""
        self._server()
        from planner.db import team

        db = self._planner.db
        with self._planner.connection() as connection:
            db.serialize(connection, "team")
            login = team.current_login(connection)
            if team.team_mode(connection):
                me = team.member(connection, login)
                if me is None or me.kind != Kind.OWNER:
                    raise PermissionRefused(
                        "team mode is already set up here: only its owner can run team init"
                    )
            if not team.may_set_up(connection):
                raise PermissionRefused(
                    "only the database's owner can set up team mode: connect as the login "
                    "that owns its tables and may create roles (createuser --createrole)"
                )
            from planner.db import team_security

            team_security.apply_security(connection, self._database(), login)
            found = team.member(connection, login)
        assert found is not None
        return found

    def members(self) -> list[Member]:
        """The members the login may see: the owner all, a mentor themselves and the learners
        of their cohorts, anyone else themselves."""
        self._server()
        from planner.db import team

        with self._planner.connection() as connection:
            self._member(connection)
            return team.members(connection)

    def add(
        self,
        login: str,
        kind: Kind | str,
        cohorts: Sequence[str] = (),
        password: str | None = None,
    ) -> Member:
        """Add a member (or change an existing member's kind and cohorts): the login is
        created when the cluster has none of that name (with `password`, if given; an
        existing login's password is changed only when one is given), granted its kind's group
        role, and a learner gets a profile of their own named after the login."""
        self._server()
        from planner.db import team

        login = check_login(login)
        kind = kind_of(kind) if isinstance(kind, str) else kind
        if kind not in ADDABLE:
            raise UsageError(f"'{kind}' is not a kind of member to add: learner, mentor or editor")
        cohorts = [_cohort_name(c) for c in cohorts]
        if password is not None and not password:
            raise UsageError("the password is empty")
        if login in team.roles_of(self._database()).values():
            raise UsageError(f"{login} is the name of one of this group's roles, not a login")
        db = self._planner.db
        with self._planner.connection() as connection:
            owner = self._owner(connection)
            if login == owner.login:
                raise UsageError(f"{login} is the owner: the owner is no other kind of member")
            db.serialize(connection, "team")
            if not team.login_exists(connection, login):
                team.create_login(connection, login, password)
            elif password is not None:
                team.set_password(connection, login, password)
            team.grant_kind(connection, self._database(), login, kind)
            team.put_member(connection, login, kind, cohorts)
            if kind == Kind.LEARNER:
                team.give_profile(connection, login)
            found = team.member(connection, login)
        assert found is not None
        return found

    def remove(self, login: str, delete_history: bool = False) -> None:
        """Remove a member: their group role and cohorts go; their profile and history stay
        (still theirs, should they come back) unless `delete_history`. The login itself stays
        on the cluster (it may be used elsewhere): the server's owner drops it (dropuser)."""
        self._server()
        from planner.db import team

        db = self._planner.db
        with self._planner.connection() as connection:
            owner = self._owner(connection)
            if login == owner.login:
                raise UsageError("the owner cannot be removed")
            db.serialize(connection, "team")
            if team.member(connection, login) is None:
                raise NotFoundError(f"{login} is not a member of this group")
            team.revoke_all(connection, self._database(), login)
            team.delete_member(connection, login, delete_history=delete_history)

    # ------------------------------------------------------------------ the cohort
    def cohort(self, name: str | None = None) -> list[CohortRow]:
        """One row per learner of the cohorts the login follows (the owner: every cohort),
        or of the cohort `name` only; by cohort, then login."""
        learners, _ = self._learners(name, timelines=False)
        return [self._row(learner) for learner in learners]

    def burnup(self, name: str | None = None) -> list[CohortDay]:
        """The burn-up of the cohorts the login follows (or of `name`), one entry per day from
        the first day anyone started to today, summed over the learners (see `CohortDay`)."""
        learners, timelines = self._learners(name, timelines=True)
        today = self._planner.today()
        done_lines: list[list[tuple[date, float]]] = []
        planned: list[tuple[date, float, float]] = []  # start, hours a week, plan's total
        scope = 0.0
        seen: set[str] = set()
        first: date | None = None
        for learner in learners:
            if learner.login in seen or learner.profile is None:
                continue
            seen.add(learner.login)
            plan = self._plan(learner)
            if plan is None:
                continue
            scope += plan.total_hours
            points = burnup_from_changes(
                plan, self._planner.graph(), timelines.get(learner.profile.id, ())
            )
            done_lines.append(points)
            start = learner.profile.start or learner.first_active
            if start is not None:
                planned.append((start, learner.profile.hours_per_week, plan.total_hours))
            for day in [start, *(d for d, _ in points[:1])]:
                if day is not None and (first is None or day < first):
                    first = day
        if first is None or first > today:
            return []
        days: list[CohortDay] = []
        cursors = [0] * len(done_lines)
        values = [0.0] * len(done_lines)
        day = first
        while day <= today:
            for i, points in enumerate(done_lines):
                while cursors[i] < len(points) and points[cursors[i]][0] <= day:
                    values[i] = points[cursors[i]][1]
                    cursors[i] += 1
            aimed = sum(
                min(total, per_week * ((day - start).days + 1) / 7)
                for start, per_week, total in planned
                if day >= start
            )
            days.append(CohortDay(day, aimed, sum(values), scope))
            day += timedelta(days=1)
        return days

    def _learners(
        self, name: str | None, *, timelines: bool
    ) -> tuple[list[Learner], dict[int, tuple[StatusEntry, ...]]]:
        self._server()
        from planner.db.queries import cohort

        with self._planner.connection() as connection:
            me = self._member(connection)
            if me.kind not in (Kind.MENTOR, Kind.OWNER):
                raise PermissionRefused(ONLY_MENTORS)
            data = cohort.cohort_data(connection, name, self._planner.today(), timelines=timelines)
        if name is not None and not data.learners:
            known = ", ".join(me.cohorts) if me.kind == Kind.MENTOR else "any"
            raise NotFoundError(
                f"no learners in a cohort '{name}' you follow (your cohorts: {known or 'none'})"
            )
        return data.learners, dict(data.timelines)

    def _plan(self, learner: Learner) -> Plan | None:
        """The learner's plan as `planner plan` makes it for them (None without a role)."""
        planner = self._planner
        profile = learner.profile
        library = planner.library()
        if profile is None or profile.role is None or profile.role not in library.roles:
            return None
        role = library.roles[profile.role]
        tracks = tuple(t for t in profile.tracks if role.track(t) is not None)
        extra = tuple(g for g in learner.goals if g not in role.goals and g in library.skills)
        planned_with = library
        if extra:
            roles = {**library.roles, role.id: replace(role, goals=(*role.goals, *extra))}
            planned_with = Library(library.skills, roles)
        today = planner.today()
        statuses = {k: v for k, v in learner.statuses.items() if k in library.skills}
        return make_plan(
            planned_with,
            planner.graph(),
            role.id,
            tracks,
            statuses,
            hours_per_week=profile.hours_per_week,
            start=max(today, profile.start or today),
            strategy=profile.strategy or DEFAULT_STRATEGY,
            prepared=planner.planning._skeleton(role.id, tracks, planned_with, extra),
            started=learner.started,
        )

    def _row(self, learner: Learner) -> CohortRow:
        profile = learner.profile
        plan = self._plan(learner)
        today = self._planner.today()
        planned_finish = forecast_finish = None
        plan_skills = done_skills = 0
        percent = 0.0
        if plan is not None and profile is not None:
            plan_skills = len(plan.steps)
            done_skills = sum(1 for s in plan.steps if not s.remaining)
            remaining = plan.remaining_hours
            percent = 100 * (plan.total_hours - remaining) / plan.total_hours if plan.steps else 0
            planned_finish = plan.finish
            forecast = make_forecast(
                remaining, self._daily(learner), learner.first_active, profile.start, today
            )
            forecast_finish = forecast.finish
        target = profile.target_date if profile is not None else None
        return CohortRow(
            login=learner.login,
            profile=profile.name if profile is not None else None,
            cohort=learner.cohort,
            role=profile.role if profile is not None else None,
            tracks=profile.tracks if profile is not None else (),
            plan_skills=plan_skills,
            done_skills=done_skills,
            percent_done_hours=percent,
            hours_last_28_days=learner.hours_last_28_days,
            streak_days=learner.streak_days,
            last_active=learner.last_active,
            planned_finish=planned_finish,
            forecast_finish=forecast_finish,
            target_date=target,
            days_ahead=days_ahead(forecast_finish, planned_finish, target),
        )

    @staticmethod
    def _daily(learner: Learner) -> list[tuple[date, int]]:
        """The study days a forecast reads, as the server summed them: the last 28 days one by
        one, and the minutes logged before them (since the start) as one day at the start."""
        profile = learner.profile
        first = learner.first_active
        start = profile.start if profile is not None else None
        since = first if first is None or start is None else max(first, start)
        window = list(learner.window_minutes)
        if since is None:
            return window
        before = learner.minutes_since_start - sum(m for d, m in window if d >= since)
        return [(since, before), *window] if before > 0 else window


def _cohort_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise UsageError("a cohort needs a name of 1 to 100 characters")
    return name
