"""Use cases: the one door through which the command line and the app read and change data.

A `Planner` is built by the composition root (the CLI's `main` or the app) for one database
and one learner profile. It hands out plain data (dataclasses), never ORM objects, and every
change returns a `Change` saying what changed, so each view can decide whether to refresh.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.domain import Library, Role, Skill
from planner.core.edit import (
    DeletionEffects,
    EditError,
    LibraryChange,
    check_change,
    cycle_if_added,
    deletion_effects,
    inverse,
)
from planner.core.graph import SkillGraph, build_graph, find_cycle, implied, open_prerequisites
from planner.core.plan import (
    DEFAULT_STRATEGY,
    Comparison,
    Plan,
    Skeleton,
    check_schedule,
    compare_roles,
    make_plan,
    skeleton,
)
from planner.core.progress import Progress, summarise_history
from planner.core.quiz import Recommendation, recommend
from planner.core.records import (
    Activity,
    Change,
    ExportData,
    HistoryEntry,
    ImportCounts,
    LibraryEdit,
    Profile,
    RunningTimer,
    StatusChange,
    StudySession,
)
from planner.core.status import Status, settable_status
from planner.core.units import MAX_SESSION_MINUTES
from planner.db import backup as db_backup
from planner.db import check as db_check
from planner.db import library_edit, personal, queries
from planner.db.backup import Backup
from planner.db.check import CheckReport
from planner.db.engine import Database
from planner.db.location import locate

# Plain data the CLI and the UI receive from the use cases, importable from here.
__all__ = [
    "Activity",
    "Backup",
    "Change",
    "CheckReport",
    "DeletionEffects",
    "EditError",
    "ExportData",
    "HistoryEntry",
    "ImportCounts",
    "LibraryChange",
    "LibraryEdit",
    "Planner",
    "Profile",
    "RunningTimer",
    "StatusChange",
    "StudySession",
]
from planner.errors import NotFoundError, PlannerError, UsageError
from planner.paths import (
    builtin_quiz_file,
    builtin_roadmap_files,
    builtin_roadmaps_dir,
    refuse_special_target,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from planner.fileformat.quiz import QuizFile
    from planner.fileformat.schema import RoadmapFile

DEFAULT_PROFILE = "default"


class Planner:
    """The use cases of the planner for one database and one learner."""

    def __init__(
        self,
        db: Database,
        profile: str = DEFAULT_PROFILE,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.db = db
        self.profile_name = profile
        self.today = today
        self._library: Library | None = None
        self._graph: SkillGraph | None = None
        self._skeletons: dict[tuple[str, tuple[str, ...]], Skeleton] = {}
        # Now, for the study timer (aware); tests pass a clock instead of waiting.
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        db_path: Path | str | None = None,
        profile: str = DEFAULT_PROFILE,
        today: Callable[[], date] = date.today,
    ) -> Planner:
        """Open the database (a path or a PostgreSQL URI; default location unless given),
        filling a new one with the built-in roadmaps, and select a profile."""
        db = Database.open(db_path)  # a file path or a PostgreSQL URI (planner.db.location)
        planner = cls(db, profile, today)
        try:
            with db.session() as session:
                db.serialize(session, "library")  # two first starts on one server fill it once
                if queries.library_is_empty(session):
                    from planner.fileformat.load import load_files  # the file format, on demand

                    builtin = builtin_roadmap_files()
                    if not builtin:  # a broken installation: say so, not an empty planner
                        raise PlannerError(
                            f"the built-in roadmaps are missing (no roadmap files in "
                            f"{builtin_roadmaps_dir()}); reinstall the planner"
                        )
                    files = load_files(builtin)
                    queries.save_library(session, Library.from_files(files))
            planner.profile()  # an unknown profile is an error now, not halfway through
        except BaseException:
            db.close()
            raise
        return planner

    def close(self) -> None:
        """Release the database."""
        self.db.close()

    def changed_elsewhere(self) -> bool:
        """Whether another program (the command line, say) changed the database since the
        last call; the first call starts watching and says False. Cached data is dropped."""
        self.db.watch.start()
        changed = self.db.watch.changed()
        if changed:
            self._invalidate()
        return changed

    # ------------------------------------------------------------------ library
    def library(self) -> Library:
        """Every skill and role (cached until the library changes)."""
        if self._library is None:
            with self.db.session() as session:
                self._library = queries.load_library(session)
        return self._library

    def roles(self) -> list[Role]:
        """Every role with its tracks, in order; reads no skills (the library when loaded)."""
        if self._library is not None:
            return list(self._library.roles.values())
        with self.db.session() as session:
            return list(queries.load_roles(session).values())

    def graph(self) -> SkillGraph:
        """The prerequisite graph of the library (cached with it)."""
        if self._graph is None:
            self._graph = build_graph(self.library().skills)
        return self._graph

    def _invalidate(self) -> None:
        self._library = None
        self._graph = None
        self._skeletons.clear()

    def _skeleton(
        self, role_id: str, tracks: Sequence[str], library: Library, extra: tuple[str, ...]
    ) -> Skeleton:
        """The shape of a role's plan; kept until the library changes, since re-planning
        after a status change only needs the statuses on top of it."""
        key = (role_id, (*tracks, "+", *extra))
        if key not in self._skeletons:
            self._skeletons[key] = skeleton(library, self.graph(), role_id, tracks)
        return self._skeletons[key]

    def skill(self, skill_id: str) -> None:
        """Raise NotFoundError unless the skill exists."""
        if skill_id not in self.library().skills:
            raise NotFoundError(
                f"unknown skill '{skill_id}'{_did_you_mean(skill_id, self.library().skills)}"
            )

    def role(self, role_id: str) -> None:
        """Raise NotFoundError unless the role exists."""
        if role_id not in self.library().roles:
            known = ", ".join(self.library().roles) or "none"
            raise NotFoundError(f"unknown role '{role_id}' (roles: {known})")

    def import_files(self, paths: Sequence[Path]) -> ImportCounts:
        """Validate roadmap files against the stored library, then store them, all or nothing."""
        from planner.fileformat.load import load_files  # the file format, on demand

        current = self.library()
        files = load_files(paths, context=current.skills.values())
        incoming = Library.from_files(files)
        merged = {**current.skills, **incoming.skills}
        cycle = find_cycle(build_graph(merged))
        if cycle is not None:  # check_together saw the same graph; this guards the invariant
            raise PlannerError(f"importing would make a prerequisite cycle: {' -> '.join(cycle)}")
        with self.db.session() as session:
            counts = queries.save_library(session, incoming)
        self._invalidate()
        return counts

    def export_role_file(self, role_id: str, path: Path) -> Path:
        """Write a roadmap file holding the role, its tracks and every skill they need."""
        self.role(role_id)
        from planner.core.files import role_file

        return _write_roadmap(path, role_file(self.library(), role_id))

    def export_library_file(self, path: Path) -> Path:
        """Write the whole library as one roadmap file."""
        from planner.core.files import library_file

        return _write_roadmap(path, library_file(self.library(), "Roadmap library"))

    # ------------------------------------------------------------------ library edits
    def edit_library(self, change: LibraryChange) -> LibraryEdit:
        """Check the change (fields, ids, cycles), store it, and return it with its undo."""
        library = self.library()
        check_change(library, self.graph(), change)
        undo = inverse(library, change)
        with self.db.session() as session:
            choices = library_edit.choices_for(session, change.roles)
            library_edit.write_change(session, change)
        self._invalidate()
        return LibraryEdit(change, undo, choices)

    def check_edit(self, change: LibraryChange) -> None:
        """Raise EditError with every problem the change has; store nothing."""
        check_change(self.library(), self.graph(), change)

    def add_skill(self, skill: Skill) -> LibraryEdit:
        """Add a new skill; its id must not be taken."""
        if skill.id in self.library().skills:
            raise EditError([f"a skill with the id '{skill.id}' already exists"])
        return self.edit_library(LibraryChange({skill.id: skill}))

    def add_role(self, role: Role) -> LibraryEdit:
        """Add a new role; its id must not be taken."""
        if role.id in self.library().roles:
            raise EditError([f"a role with the id '{role.id}' already exists"])
        return self.edit_library(LibraryChange(roles={role.id: role}))

    def undo_edit(self, edit: LibraryEdit) -> None:
        """Put back what the edit replaced, learners' choices included."""
        library = self.library()
        check_change(library, self.graph(), edit.undo)
        with self.db.session() as session:
            library_edit.write_change(session, edit.undo)
            library_edit.restore_choices(session, edit.choices)
        self._invalidate()

    def deletion_effects(self, skill_id: str) -> DeletionEffects:
        """What deleting the skill would touch."""
        self.skill(skill_id)
        return deletion_effects(self.library(), skill_id)

    def cycle_if_added(self, skill_id: str, prereq: str) -> list[str]:
        """The cycle `prereq` as a prerequisite of `skill_id` would close ([] if none)."""
        return cycle_if_added(self.library(), self.graph(), skill_id, prereq)

    def quiz(self) -> QuizFile:
        """The "Which role fits me?" questions, checked against the library."""
        from planner.fileformat.quiz import check_quiz, read_quiz

        loaded = read_quiz(builtin_quiz_file())
        check_quiz(loaded, self.library().roles, self.library().skills)
        return loaded.quiz

    def recommend_role(self, answers: Mapping[str, int]) -> Recommendation:
        """The role the answers (question id -> answer index) point to, and why."""
        return recommend(self.quiz(), answers, self.library(), self.graph(), self.statuses())

    # ------------------------------------------------------------------ profiles
    def profile(self) -> Profile:
        """The current learner's profile; `default` is created on first use.

        Unnamed (`default`) and with no profile of that name, it is the first profile ever
        made: the first start's wizard gives that one the learner's own name, and the command
        line, run without --profile, must go on finding their plan under it."""
        with self.db.session() as session:
            found = queries.get_profile(session, self.profile_name)
            if found is not None:
                return found
            self.db.serialize(session, "profiles")  # two first starts create `default` once
            profiles = queries.list_profiles(session)
            if self.profile_name != DEFAULT_PROFILE:
                names = [p.name for p in profiles] or ["none"]
                raise NotFoundError(
                    f"unknown profile '{self.profile_name}' (profiles: {', '.join(names)})"
                )
            if profiles:
                first = min(profiles, key=lambda p: p.id)
                self.profile_name = first.name
                return first
            return queries.create_profile(session, DEFAULT_PROFILE)

    def profiles(self) -> list[Profile]:
        """Every learner profile."""
        self.profile()  # `default` exists once anyone asks
        with self.db.session() as session:
            return queries.list_profiles(session)

    def create_profile(self, name: str) -> Profile:
        """A new learner profile (it does not become the current one)."""
        name = _profile_name(name)
        with self.db.session() as session:
            self.db.serialize(session, "profiles")
            if queries.get_profile(session, name) is not None:
                raise UsageError(f"a profile named '{name}' already exists")
            return queries.create_profile(session, name)

    def rename_profile(self, old: str, new: str) -> Profile:
        """Give a profile another name; the current profile follows its new name."""
        new = _profile_name(new)
        with self.db.session() as session:
            found = queries.get_profile(session, old)
            if found is None:
                raise NotFoundError(f"unknown profile '{old}'")
            if new != old and queries.get_profile(session, new) is not None:
                raise UsageError(f"a profile named '{new}' already exists")
            renamed = queries.update_profile(session, found.id, name=new)
        if self.profile_name == old:
            self.profile_name = new
        return renamed

    def delete_profile(self, name: str) -> None:
        """Delete a profile with all its progress; the current one cannot be deleted."""
        if name == self.profile_name:
            raise UsageError("switch to another profile before deleting this one")
        with self.db.session() as session:
            found = queries.get_profile(session, name)
            if found is None:
                raise NotFoundError(f"unknown profile '{name}'")
            queries.delete_profile(session, found.id)

    def use_profile(self, name: str) -> Profile:
        """Make another existing profile the current one."""
        previous = self.profile_name
        self.profile_name = name
        try:
            return self.profile()
        except PlannerError:
            self.profile_name = previous
            raise

    def update_profile(
        self,
        *,
        role: str | None = None,
        tracks: Sequence[str] | None = None,
        hours_per_week: float | None = None,
        start: date | None = None,
        strategy: str | None = None,
        target_date: date | None = None,
        clear_target_date: bool = False,
    ) -> Profile:
        """Change the current learner's role, tracks, weekly hours, start date or strategy, or
        set their target date (`clear_target_date` removes it)."""
        if role is not None:
            self.role(role)
        current = self.profile()
        role_id = role or current.role
        if tracks is not None:
            if role_id is None:
                raise UsageError("choose a role before its tracks")
            library = self.library()
            for track_id in tracks:
                if library.roles[role_id].track(track_id) is None:
                    raise NotFoundError(f"role '{role_id}' has no track '{track_id}'")
        check_schedule(
            hours_per_week if hours_per_week is not None else current.hours_per_week,
            strategy or current.strategy,
        )
        with self.db.session() as session:
            return queries.update_profile(
                session,
                current.id,
                role=role,
                tracks=tracks,
                hours_per_week=hours_per_week,
                start=start,
                strategy=strategy,
                target_date=target_date,
                clear_target_date=clear_target_date,
            )

    def set_target_date(self, day: date | None) -> Change:
        """Aim to finish the plan by a day, or (None) stop aiming for one."""
        if day is not None and day < self.today():
            raise UsageError(f"the target date {day.isoformat()} has already passed")
        self.update_profile(target_date=day, clear_target_date=day is None)
        return Change(profile=True)

    # ------------------------------------------------------------------ planning
    def statuses(self) -> dict[str, Status]:
        """The learner's current status of every skill that is not todo."""
        profile = self.profile()
        with self.db.session() as session:
            known = queries.statuses(session, profile.id)
        skills = self.library().skills
        # A deleted skill keeps its history, but takes no part in plans.
        return {k: v for k, v in known.items() if k in skills}

    def skill_statuses(self) -> dict[str, Status]:
        """Every skill's status for the learner, `implied` included (todo left out)."""
        known = self.statuses()
        for skill_id in implied(self.graph(), known):
            known[skill_id] = Status.IMPLIED
        return known

    def plan(
        self,
        role: str | None = None,
        tracks: Sequence[str] | None = None,
        *,
        hours_per_week: float | None = None,
        start: date | None = None,
        strategy: str | None = None,
    ) -> Plan:
        """The learner's dated plan; anything not given comes from their profile.

        Without an explicit start the remaining steps are scheduled from today, or from the
        profile's start date when that is still ahead.
        """
        profile = self.profile()
        role_id = role or profile.role
        if role_id is None:
            raise UsageError("no role chosen: pass --role ID (see `planner roles`)")
        self.role(role_id)
        if tracks is None:
            tracks = profile.tracks if role_id == profile.role else ()
        if start is None:
            start = max(self.today(), profile.start or self.today())
        with self.db.session() as session:
            started = queries.in_progress_since(session, profile.id)
        library, extra = self._with_personal_goals(role_id)
        return make_plan(
            library,
            self.graph(),
            role_id,
            tracks,
            self.statuses(),
            hours_per_week=hours_per_week if hours_per_week is not None else profile.hours_per_week,
            start=start,
            strategy=strategy or profile.strategy or DEFAULT_STRATEGY,
            prepared=self._skeleton(role_id, tracks, library, extra),
            started=started,
        )

    def open_prerequisites(self, skill_id: str) -> list[str]:
        """The hard prerequisites of a skill the learner has not finished (nor is known to
        know), prerequisites first: what to tell them about when they start it."""
        self.skill(skill_id)
        return open_prerequisites(self.graph(), self.statuses(), skill_id)

    def _with_personal_goals(self, role_id: str) -> tuple[Library, tuple[str, ...]]:
        """The library as this learner plans with it: their personal goals added to the role's
        goals (so the plan holds them and all they need), and which goals those are."""
        library = self.library()
        role = library.roles[role_id]
        extra = tuple(g for g in self.personal_goals() if g not in role.goals)
        if not extra:
            return library, ()
        roles = {**library.roles, role_id: replace(role, goals=(*role.goals, *extra))}
        return Library(library.skills, roles), extra

    def compare(self, role_a: str, role_b: str) -> Comparison:
        """Two roles side by side, with what each still costs this learner. The learner's own
        role counts their tracks, as their plan does; another role counts its goals alone."""
        self.role(role_a)
        self.role(role_b)
        profile = self.profile()
        library = self.library()

        def tracks(role_id: str) -> tuple[str, ...]:
            if role_id != profile.role:
                return ()
            role = library.roles[role_id]
            return tuple(t for t in profile.tracks if role.track(t) is not None)

        return compare_roles(
            library,
            self.graph(),
            role_a,
            role_b,
            self.statuses(),
            tracks(role_a),
            tracks(role_b),
        )

    # ------------------------------------------------------------------ progress
    def _day(self, day: date | None) -> date:
        today = self.today()
        if day is None:
            return today
        if day > today:
            raise UsageError(f"the date {day.isoformat()} is in the future")
        return day

    def set_status(self, skill_id: str, status: str, day: date | None = None) -> StatusChange:
        """Record that a skill is now todo, in progress, done or skipped."""
        self.skill(skill_id)
        new = settable_status(status)
        when = self._day(day)
        profile = self.profile()
        with self.db.session() as session:
            previous = queries.status_of(session, profile.id, skill_id)
            if previous == new:  # nothing changes: nothing to record, nothing to undo
                return StatusChange(skill_id, previous, new, when)
            queries.record_status(session, profile.id, skill_id, new, when)
        return StatusChange(
            skill_id, previous, new, when, Change(statuses=True, skills=(skill_id,))
        )

    def set_statuses(self, skill_ids: Sequence[str], status: str, day: date | None = None) -> None:
        """Record the same status for several skills at once, in one transaction."""
        for skill_id in skill_ids:
            self.skill(skill_id)
        new = settable_status(status)
        when = self._day(day)
        profile = self.profile()
        with self.db.session() as session:
            for skill_id in skill_ids:
                if queries.status_of(session, profile.id, skill_id) != new:
                    queries.record_status(session, profile.id, skill_id, new, when)

    def log_study(
        self, skill_id: str, minutes: int, day: date | None = None, note: str = ""
    ) -> tuple[StudySession, StatusChange | None]:
        """Record a study session; a skill still to do moves to in progress (one the learner
        evidently knows already, an implied one, stays where it is)."""
        self.skill(skill_id)
        if minutes <= 0:
            raise UsageError("a study session lasts at least a minute")
        when = self._day(day)
        profile = self.profile()
        with self.db.session() as session:
            return self._log(session, profile.id, skill_id, minutes, when, note)

    def _log(
        self, session: Session, profile_id: int, skill_id: str, minutes: int, when: date, note: str
    ) -> tuple[StudySession, StatusChange | None]:
        logged = queries.add_study_session(session, profile_id, skill_id, when, minutes, note)
        started: StatusChange | None = None
        statuses = queries.statuses(session, profile_id)
        if statuses.get(skill_id, Status.TODO) == Status.TODO and skill_id not in implied(
            self.graph(), statuses
        ):
            queries.record_status(session, profile_id, skill_id, Status.IN_PROGRESS, when)
            started = StatusChange(skill_id, Status.TODO, Status.IN_PROGRESS, when)
        return logged, started

    def minutes_studied(self, skill_id: str) -> int:
        """Minutes the learner has logged on one skill."""
        profile = self.profile()
        with self.db.session() as session:
            return queries.minutes_by_skill(session, profile.id).get(skill_id, 0)

    def delete_study_session(self, session_id: int) -> None:
        """Remove a study session of the current learner (undoing a log). The history keeps
        it, marked deleted, and records the deletion: `restore_study_session` brings it back."""
        profile = self.profile()
        with self.db.session() as session:
            if not queries.delete_study_session(session, profile.id, session_id):
                raise NotFoundError(f"no study session {session_id}")

    def restore_study_session(self, session_id: int) -> None:
        """Bring back a deleted study session (the restoration is recorded too)."""
        profile = self.profile()
        with self.db.session() as session:
            if not queries.restore_study_session(session, profile.id, session_id):
                raise NotFoundError(f"no deleted study session {session_id}")

    def study_session(self, session_id: int) -> StudySession:
        """One study session of the learner, deleted or not."""
        profile = self.profile()
        with self.db.session() as session:
            found = queries.get_study_session(session, profile.id, session_id)
        if found is None:
            raise NotFoundError(f"no study session {session_id}")
        return found

    def edit_study_session(
        self,
        session_id: int,
        *,
        minutes: int | None = None,
        day: date | None = None,
        note: str | None = None,
    ) -> StudySession:
        """Correct a study session's time, day or note; the values it had are recorded."""
        current = self.study_session(session_id)
        if current.deleted:
            raise UsageError(f"study session {session_id} is deleted: restore it first")
        minutes = current.minutes if minutes is None else minutes
        if not 0 < minutes <= MAX_SESSION_MINUTES:
            raise UsageError("a study session lasts at least a minute and at most 24 hours")
        when = current.day if day is None else self._day(day)
        profile = self.profile()
        with self.db.session() as session:
            edited = queries.edit_study_session(
                session,
                profile.id,
                session_id,
                when,
                minutes,
                current.note if note is None else note,
            )
        if edited is None:  # deleted by someone else in between
            raise NotFoundError(f"no study session {session_id}")
        return edited

    def recent_activity(self, limit: int = 50) -> list[Activity]:
        """The learner's newest entries (status changes, sessions and their corrections),
        newest first."""
        profile = self.profile()
        with self.db.session() as session:
            return queries.recent_activity(session, profile.id, limit)

    def study_sessions(self) -> list[StudySession]:
        """Every study session of the learner, oldest first."""
        profile = self.profile()
        with self.db.session() as session:
            return queries.study_sessions(session, profile.id)

    def progress(self, role: str | None = None) -> tuple[Plan, Progress]:
        """The learner's plan and every progress figure about it."""
        plan = self.plan(role)
        profile = self.profile()
        with self.db.session() as session:
            history = queries.progress_history(session, profile.id)
        progress = summarise_history(
            plan,
            self.graph(),
            history,
            self.today(),
            target=profile.target_date,
            start=profile.start,
        )
        return plan, progress

    def export_data(
        self, role: str | None = None, tracks: Sequence[str] | None = None
    ) -> ExportData:
        """The plan (role and tracks as for `plan`) with its progress, the learner's notes on
        its skills, their study sessions and status history: what every export format shows."""
        plan = self.plan(role, tracks)
        profile = self.profile()
        skill_ids = [s.skill.id for s in plan.steps]
        with self.db.session() as session:
            reduced = queries.progress_history(session, profile.id)
            events = queries.progress_events(session, profile.id)
            sessions = queries.study_sessions(session, profile.id)
            notes = {s: queries.get_note(session, profile.id, s) for s in skill_ids}
        # The same figures as `progress` computes, so the export agrees with the app.
        progress = summarise_history(
            plan,
            self.graph(),
            reduced,
            self.today(),
            target=profile.target_date,
            start=profile.start,
        )
        before: dict[str, Status] = {}
        history: list[HistoryEntry] = []
        for day, skill_id, status in events:
            history.append(HistoryEntry(day, skill_id, before.get(skill_id, Status.TODO), status))
            before[skill_id] = status
        return ExportData(
            profile=profile.name,
            library=self.library(),
            plan=plan,
            progress=progress,
            notes={s: text for s, text in notes.items() if text.strip()},
            sessions=tuple(sessions),
            history=tuple(history),
            today=self.today(),
            personal_goals=frozenset(self.personal_goals()),
        )

    # ------------------------------------------------------------------ notes
    def note(self, skill_id: str) -> str:
        """The learner's note on a skill."""
        self.skill(skill_id)
        profile = self.profile()
        with self.db.session() as session:
            return queries.get_note(session, profile.id, skill_id)

    def set_note(self, skill_id: str, text: str) -> Change:
        """Save the learner's note on a skill."""
        self.skill(skill_id)
        profile = self.profile()
        with self.db.session() as session:
            queries.set_note(session, profile.id, skill_id, text)
        return Change(notes=True, skills=(skill_id,))

    # ------------------------------------------------------------------ study timer
    def timer(self) -> RunningTimer | None:
        """The learner's running study timer, if any (skills deleted since are left out)."""
        profile = self.profile()
        with self.db.session() as session:
            running = personal.get_timer(session, profile.id)
        return running if running is not None and running.skill in self.library().skills else None

    def start_timer(self, skill_id: str, started: datetime | None = None) -> RunningTimer:
        """Start timing study of a skill (now, or since `started`); one timer at a time."""
        self.skill(skill_id)
        profile = self.profile()
        with self.db.session() as session:
            running = personal.get_timer(session, profile.id)
            if running is not None:
                skill = self.library().skills.get(running.skill)
                if skill is not None:
                    raise UsageError(
                        f"a timer is already running on '{skill.name}'"
                        ": stop it first (planner timer stop)"
                    )
                personal.clear_timer(session, profile.id)  # its skill was deleted since
            return personal.start_timer(session, profile.id, skill_id, started)

    def timer_minutes(self, running: RunningTimer) -> int:
        """Whole minutes a timer has run until now."""
        return max(int((self.now() - running.started).total_seconds() // 60), 0)

    def stop_timer(self) -> tuple[StudySession | None, StatusChange | None]:
        """Stop the running timer and log its minutes as a study session on the day it
        started; under a minute nothing is logged (None). Over 24 hours it is refused and the
        timer keeps running: the learner logs what they really studied and cancels it."""
        running = self.timer()
        if running is None:
            raise UsageError("no timer is running (start one: planner timer start SKILL)")
        minutes = self.timer_minutes(running)
        if minutes > MAX_SESSION_MINUTES:
            raise UsageError(
                "the timer has been running for more than 24 hours: log the time you studied "
                "(planner log) and cancel the timer (planner timer cancel)"
            )
        profile = self.profile()
        day = min(running.started.astimezone().date(), self.today())
        with self.db.session() as session:
            if not personal.clear_timer(session, profile.id):  # stopped elsewhere meanwhile
                raise UsageError("the timer was stopped elsewhere a moment ago")
            if minutes < 1:
                return None, None
            return self._log(session, profile.id, running.skill, minutes, day, "")

    def cancel_timer(self) -> RunningTimer:
        """Stop the running timer without logging anything."""
        running = self.timer()
        profile = self.profile()
        with self.db.session() as session:
            if running is None or not personal.clear_timer(session, profile.id):
                raise UsageError("no timer is running")
        return running

    # ------------------------------------------------------------------ personal goals
    def personal_goals(self) -> list[str]:
        """Skills the learner added to their plan as goals, oldest first (deleted ones left
        out: they come back if the skill does)."""
        profile = self.profile()
        with self.db.session() as session:
            found = personal.goals(session, profile.id)
        return [g for g in found if g in self.library().skills]

    def add_personal_goal(self, skill_id: str) -> Change:
        """Make a skill (built-in or the learner's own) a goal of their plan."""
        self.skill(skill_id)
        profile = self.profile()
        with self.db.session() as session:
            if not personal.add_goal(session, profile.id, skill_id):
                raise UsageError(f"'{skill_id}' is one of your goals already")
        return Change(profile=True, skills=(skill_id,))

    def remove_personal_goal(self, skill_id: str) -> Change:
        """Take a skill off the learner's personal goals (its progress stays)."""
        profile = self.profile()
        with self.db.session() as session:
            if not personal.remove_goal(session, profile.id, skill_id):
                raise NotFoundError(f"'{skill_id}' is not one of your goals")
        return Change(profile=True, skills=(skill_id,))

    # ------------------------------------------------------------------ backups and checks
    def backup(self) -> Path:
        """A backup of the database now, in the backups folder beside it (a server's owner
        backs it up with pg_dump: DatabaseError)."""
        return db_backup.create_backup(self.db.file())

    def backup_and_thin(self) -> Path:
        """A backup now, then fewer of the old ones (the app does this when it closes)."""
        taken = db_backup.create_backup(self.db.file())
        db_backup.thin_backups(self.db.file())
        return taken

    def backups(self) -> list[Backup]:
        """The backups of this database, newest first (none on a shared server)."""
        return [] if self.db.path is None else db_backup.list_backups(self.db.path)

    @staticmethod
    def restore_database(db_path: Path | str | None, backup_file: Path) -> Path | None:
        """Replace a database that is not open (perhaps too damaged to open) with a backup,
        after checking it; returns the copy kept of the replaced database."""
        return db_backup.restore(Planner.database_path(db_path), backup_file)

    @staticmethod
    def database_path(db_path: Path | str | None = None) -> Path:
        """The file `Planner.open(db_path)` opens: `--db`, PLANNER_DB or the default, resolved;
        DatabaseError for a PostgreSQL URI (what only a file has: backups, restoring)."""
        return db_backup.database_file(db_path)

    @staticmethod
    def database_file(db_path: Path | str | None = None) -> Path | None:
        """The SQLite file `Planner.open(db_path)` opens; None for a database on a server."""
        found = locate(db_path)
        return found if isinstance(found, Path) else None

    @staticmethod
    def backups_of(db_path: Path | str | None) -> list[Backup]:
        """The backups of a database that is not open (perhaps cannot be), newest first."""
        return db_backup.list_backups(Planner.database_path(db_path))

    @staticmethod
    def backups_folder(db_path: Path | str | None) -> Path:
        """Where the backups of a database are (the folder may not exist yet)."""
        return db_backup.backups_dir(Planner.database_path(db_path))

    @staticmethod
    def set_aside_database(db_path: Path | str | None) -> Path:
        """Move a database that cannot be opened into its backups folder, so that the next
        open starts a new one; returns where it went. Nothing is deleted."""
        return db_backup.set_aside(Planner.database_path(db_path))

    def restore(self, backup_file: Path) -> Path | None:
        """Replace the database with a backup after checking it; returns the copy kept of the
        replaced database. A refused file leaves the database untouched and open."""
        path = self.db.file()
        db_backup.validate_backup(backup_file)  # before closing anything
        self.db.close()
        try:
            kept = db_backup.restore(path, backup_file)
        finally:
            self.db = Database.open(path)
            self._invalidate()
        with self.db.session() as session:
            if queries.get_profile(session, self.profile_name) is None:
                self.profile_name = DEFAULT_PROFILE  # the backup is older than this profile
        return kept

    def check_database(self) -> CheckReport:
        """Look for damage and dangling references; fix what is safe in one transaction."""
        report = db_check.check_database(self.db)
        self._invalidate()
        return report


def _write_roadmap(path: Path, roadmap: RoadmapFile) -> Path:
    from planner.fileformat.dump import dump_roadmap

    # The schema line points at the installed schema so that an editor can check the file.
    text = dump_roadmap(roadmap, schema=(builtin_roadmaps_dir() / "schema.json").as_uri())
    # Written beside the target, then renamed over it: a failure leaves no half-written file,
    # and a symbolic link in the target's place is replaced, not written through.
    refuse_special_target(path)
    part: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        part = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        part.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)  # mkstemp: 0o600
        part.replace(path)
    except OSError as error:
        if part is not None:
            part.unlink(missing_ok=True)
        raise PlannerError(f"{path}: cannot write: {error.strerror or error}") from None
    return path


def _profile_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UsageError("a profile needs a name")
    if len(name) > 100:
        raise UsageError("a profile name has at most 100 characters")
    return name


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
