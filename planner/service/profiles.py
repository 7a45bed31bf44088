"""Use cases about learners: their profiles, their settings, the first start's choices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from planner.core.records import Profile
from planner.core.status import BEHIND, Status
from planner.db import queries
from planner.errors import NotFoundError, PlannerError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from planner.core.changes import Change, Changed
    from planner.core.onboarding import OnboardingChoice
    from planner.service.facade import Planner

DEFAULT_PROFILE = "default"


class Profiles:
    """The learners (`planner.profiles`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner
        self._own_checked = False  # the login's own profile was looked for (a server's)

    def current(self) -> Profile:
        """The current learner's profile; `default` is created on first use.

        Unnamed (`default`) and with no profile of that name, it is the first profile ever
        made: the first start's wizard gives that one the learner's own name, and the command
        line, run without --profile, must go on finding their plan under it.

        Read once per transaction (`Planner.connection`): the use cases a command runs in one
        transaction share what the first of them read."""
        planner = self._planner
        kept = planner.kept_profile
        if kept is not None and kept.name == planner.profile_name:
            return kept
        with planner.connection() as connection:
            found = self._find(connection)
            planner.kept_profile = found
            return found

    def _find(self, connection: Connection) -> Profile:
        planner = self._planner
        if planner.profile_name == DEFAULT_PROFILE and planner.db.on_server:
            own = self._own(connection)
            if own is not None:
                return own
        found = queries.get_profile(connection, planner.profile_name)
        if found is not None:
            return found
        planner.db.serialize(connection, "profiles")  # two first starts create `default` once
        profiles = queries.list_profiles(connection)
        if planner.profile_name != DEFAULT_PROFILE:
            names = [p.name for p in profiles] or ["none"]
            raise NotFoundError(
                f"unknown profile '{planner.profile_name}' (profiles: {', '.join(names)})"
            )
        if profiles:
            first = min(profiles, key=lambda p: p.id)
            planner.profile_name = first.name
            return first
        return queries.create_profile(connection, DEFAULT_PROFILE)

    def _own(self, connection: Connection) -> Profile | None:
        """On a shared server, unnamed: the connecting login's own profile (team.md), which
        becomes the current one. In team mode a member without one (a mentor, an editor)
        gets one named after their login; the owner and a server not in team mode go on with
        `default` as on a file."""
        from planner.core.team import Kind
        from planner.db import team

        if self._own_checked:
            return None
        name = team.own_profile_name(connection)
        if name is None and team.team_mode(connection):
            me = team.member(connection, team.current_login(connection))
            if me is not None and me.kind != Kind.OWNER:
                self._planner.db.serialize(connection, "profiles")
                team.give_profile(connection, me.login)
                name = team.own_profile_name(connection)
        self._own_checked = True
        if name is None:
            return None
        self._planner.profile_name = name
        return queries.get_profile(connection, name)

    def all(self) -> list[Profile]:
        """Every learner profile."""
        self.current()  # `default` exists once anyone asks
        with self._planner.connection() as connection:
            return queries.list_profiles(connection)

    def create(self, name: str) -> Changed[Profile]:
        """A new learner profile (it does not become the current one)."""
        # Here, not at the top: every command reads a profile, few change one.
        from planner.core.changes import Change, Changed

        name = _profile_name(name)
        with self._planner.connection() as connection:
            self._planner.db.serialize(connection, "profiles")
            if queries.get_profile(connection, name) is not None:
                raise UsageError(f"a profile named '{name}' already exists")
            return Changed(queries.create_profile(connection, name), Change(profile=True))

    def rename(self, old: str, new: str) -> Changed[Profile]:
        """Give a profile another name; the current profile follows its new name."""
        from planner.core.changes import Change, Changed

        with self._planner.connection() as connection:
            renamed = self._rename(connection, old, new)
        if self._planner.profile_name == old:
            self._planner.profile_name = renamed.name
        return Changed(renamed, Change(profile=True))

    def _rename(self, connection: Connection, old: str, new: str) -> Profile:
        new = _profile_name(new)
        self._planner.kept_profile = None  # the current one, perhaps
        found = queries.get_profile(connection, old)
        if found is None:
            raise NotFoundError(f"unknown profile '{old}'")
        if new != old and queries.get_profile(connection, new) is not None:
            raise UsageError(f"a profile named '{new}' already exists")
        return queries.update_profile(connection, found.id, name=new)

    def delete(self, name: str) -> Change:
        """Delete a profile with all its progress; the current one cannot be deleted."""
        from planner.core.changes import Change

        if name == self._planner.profile_name:
            raise UsageError("switch to another profile before deleting this one")
        with self._planner.connection() as connection:
            found = queries.get_profile(connection, name)
            if found is None:
                raise NotFoundError(f"unknown profile '{name}'")
            queries.delete_profile(connection, found.id)
        return Change(profile=True)

    def use(self, name: str) -> Profile:
        """Make another existing profile the current one (the database does not change)."""
        previous = self._planner.profile_name
        self._planner.profile_name = name
        try:
            return self.current()
        except PlannerError:
            self._planner.profile_name = previous
            raise

    def update(
        self,
        *,
        role: str | None = None,
        tracks: Sequence[str] | None = None,
        hours_per_week: float | None = None,
        start: date | None = None,
        strategy: str | None = None,
        target_date: date | None = None,
        clear_target_date: bool = False,
        study_slots: str | None = None,
        plan_by_pace: bool | None = None,
    ) -> Changed[Profile]:
        """Change the current learner's role, tracks, weekly hours, start date or strategy, or
        set their target date (`clear_target_date` removes it); their study slots as a learner
        writes them ("Mon 19:00-21:00, Sat 10:00-13:00"; "" clears them), and whether their
        plan is dated at their own pace."""
        from planner.core.agenda import parse_slots  # the study slots: not for every command
        from planner.core.changes import Change, Changed

        slots = None if study_slots is None else parse_slots(study_slots)
        current = self._check(role, tracks, hours_per_week, strategy)
        with self._planner.connection() as connection:
            updated = queries.update_profile(
                connection,
                current.id,
                role=role,
                tracks=tracks,
                hours_per_week=hours_per_week,
                start=start,
                strategy=strategy,
                target_date=target_date,
                clear_target_date=clear_target_date,
                study_slots=slots,
                plan_by_pace=plan_by_pace,
            )
            self._planner.kept_profile = updated
        return Changed(updated, Change(profile=True))

    def _check(
        self,
        role: str | None,
        tracks: Sequence[str] | None,
        hours_per_week: float | None,
        strategy: str | None,
    ) -> Profile:
        """The current profile, once the settings given are known to be valid for it."""
        planner = self._planner
        if role is not None:
            planner.role(role)
        current = self.current()
        role_id = role or current.role
        if tracks is not None:
            if role_id is None:
                raise UsageError("choose a role before its tracks")
            library = planner.library()
            for track_id in tracks:
                if library.roles[role_id].track(track_id) is None:
                    raise NotFoundError(f"role '{role_id}' has no track '{track_id}'")
        from planner.core.plan import check_schedule  # the planning engine: not for every command

        check_schedule(
            hours_per_week if hours_per_week is not None else current.hours_per_week,
            strategy or current.strategy,
        )
        return current

    def set_target_date(self, day: date | None) -> Change:
        """Aim to finish the plan by a day, or (None) stop aiming for one."""
        if day is not None and day < self._planner.today():
            raise UsageError(f"the target date {day.isoformat()} has already passed")
        return self.update(target_date=day, clear_target_date=day is None).change

    def onboard(self, choice: OnboardingChoice) -> Change:
        """Store the first start's choices in one transaction, all of them or none: the
        learner's name for the profile, their role, tracks, weekly hours and start, and every
        newly known skill as done.

        Known skills are dated the start day, or today when the start is ahead (a status
        cannot be recorded in the future). Skills already finished or implied keep their own
        history. A name another profile has refuses the whole choice."""
        from planner.core.changes import Change

        planner = self._planner
        current = self._check(choice.role, choice.tracks, choice.hours_per_week, None)
        for skill_id in choice.known:
            planner.skill(skill_id)
        day = min(choice.start, planner.today())
        already = planner.progress.skill_statuses()  # each write below implies more skills
        written = [s for s in sorted(choice.known) if already.get(s) not in BEHIND]
        with planner.connection() as connection:
            renamed = None
            if choice.name is not None and choice.name != current.name:
                renamed = self._rename(connection, current.name, choice.name)
            queries.update_profile(
                connection,
                current.id,
                role=choice.role,
                tracks=choice.tracks,
                hours_per_week=choice.hours_per_week,
                start=choice.start,
            )
            planner.kept_profile = None  # read again with the choices
            for skill_id in written:
                if queries.status_of(connection, current.id, skill_id) != Status.DONE:
                    queries.record_status(connection, current.id, skill_id, Status.DONE, day)
        if renamed is not None:
            planner.profile_name = renamed.name
        return Change(statuses=bool(written), profile=True, skills=tuple(written))


def _profile_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UsageError("a profile needs a name")
    if len(name) > 100:
        raise UsageError("a profile name has at most 100 characters")
    return name
