"""Use cases that read the learner's plan: the plan, its progress, comparisons, the quiz."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from planner.core.domain import Library
from planner.core.personal_pace import Evidence, PersonalPace, personal_pace
from planner.core.plan import (
    DEFAULT_STRATEGY,
    Plan,
    Skeleton,
    make_plan,
    skeleton,
)
from planner.core.plan_pace import with_pace
from planner.core.status import Status
from planner.db import queries
from planner.errors import UsageError
from planner.paths import builtin_quiz_file

if TYPE_CHECKING:
    from planner.core.compare import Comparison
    from planner.core.export_data import ExportData
    from planner.core.progress import Progress
    from planner.core.quiz import Recommendation
    from planner.core.records import Profile
    from planner.fileformat.quiz import QuizFile
    from planner.service.facade import Planner


class _PlanInputs(NamedTuple):
    """What one plan is made of, as `Planning._plan_inputs` read it."""

    profile: Profile
    library: Library
    extra: tuple[str, ...]  # the learner's personal goals beyond the role's
    role_id: str
    tracks: tuple[str, ...]
    statuses: dict[str, Status]
    started: dict[str, date]
    hours_per_week: float
    start: date
    strategy: str
    pace: PersonalPace


class Planning:
    """The learner's plan and what is computed from it (`planner.planning`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner
        # The learner's pace, with what it was computed from: the library (as loaded) and the
        # profile's newest entries of every kind (see `pace`).
        self._pace: tuple[Library, tuple[object, ...], PersonalPace] | None = None

    def plan(
        self,
        role: str | None = None,
        tracks: Sequence[str] | None = None,
        *,
        hours_per_week: float | None = None,
        start: date | None = None,
        strategy: str | None = None,
        at_pace: bool | None = None,
    ) -> Plan:
        """The learner's dated plan; anything not given comes from their profile.

        Without an explicit start the remaining steps are scheduled from today, or from the
        profile's start date when that is still ahead. Once the learner's pace is known each
        step carries their likely hours beside the library's estimate, and the plan both
        finish dates (core.plan_pace); `at_pace` dates the steps by the learner's hours (None:
        as their profile's `plan_by_pace` says).
        """
        return self._planned(
            self._plan_inputs(
                role, tracks, hours_per_week=hours_per_week, start=start, strategy=strategy
            ),
            at_pace,
        )

    def _plan_inputs(
        self,
        role: str | None,
        tracks: Sequence[str] | None,
        *,
        hours_per_week: float | None = None,
        start: date | None = None,
        strategy: str | None = None,
    ) -> _PlanInputs:
        """What a plan is made of, read in one transaction (the profile once); the plan itself
        is computed after it (`_planned`), the database's lock not held meanwhile."""
        planner = self._planner
        with planner.connection():  # one transaction: the profile read once
            profile = planner.profile()
            role_id = role or profile.role
            if role_id is None:
                raise UsageError("no role chosen: pass --role ID (see `planner roles`)")
            planner.role(role_id)
            if tracks is None:
                tracks = profile.tracks if role_id == profile.role else ()
            if start is None:
                start = max(planner.today(), profile.start or planner.today())
            states = planner.progress.statuses_since()
            library, extra = self._with_personal_goals(role_id)
            return _PlanInputs(
                profile,
                library,
                extra,
                role_id,
                tuple(tracks),
                {s: status for s, (status, _) in states.items()},
                {s: day for s, (status, day) in states.items() if status == Status.IN_PROGRESS},
                hours_per_week if hours_per_week is not None else profile.hours_per_week,
                start,
                strategy or profile.strategy or DEFAULT_STRATEGY,
                self.pace(),
            )

    def _planned(self, given: _PlanInputs, at_pace: bool | None = None) -> Plan:
        """The plan made of what `_plan_inputs` read."""
        plan = make_plan(
            given.library,
            self._planner.graph(),
            given.role_id,
            given.tracks,
            given.statuses,
            hours_per_week=given.hours_per_week,
            start=given.start,
            strategy=given.strategy,
            prepared=self._skeleton(given.role_id, given.tracks, given.library, given.extra),
            started=given.started,
        )
        by_pace = given.profile.plan_by_pace if at_pace is None else at_pace
        return with_pace(plan, given.pace, by_pace)

    def pace(self) -> PersonalPace:
        """The learner's own pace (core.personal_pace): from the skills they finished (status
        done) with the minutes they logged on each, beside the library's estimate and area.

        Summing every study session takes long in a long history, and every plan reads the
        pace, so it is kept until the evidence may have changed: another library (an edit, an
        import, a restore: `Planner.invalidate`), another learner, or a new entry in their
        history — a status, a session logged, edited, deleted or restored, here or by another
        program (the newest entry of each log, `queries.newest_entries`: one statement)."""
        planner = self._planner
        with planner.connection() as connection:
            profile = planner.profile()
            library = planner.library()
            key = (profile.id, *queries.newest_entries(connection, profile.id))
            kept = self._pace
            if kept is not None and kept[0] is library and kept[1] == key:
                return kept[2]
            # The query the plan ran (compiled once a process: one distinct statement fewer).
            statuses = planner.progress.statuses()
            minutes = queries.minutes_by_skill(connection, profile.id)
        skills = library.skills
        pace = personal_pace(
            Evidence(s, skills[s].area, skills[s].hours, minutes.get(s, 0) / 60)
            for s, status in statuses.items()
            if status == Status.DONE and s in skills
        )
        self._pace = (library, key, pace)
        return pace

    def _skeleton(
        self, role_id: str, tracks: Sequence[str], library: Library, extra: tuple[str, ...]
    ) -> Skeleton:
        """The shape of a role's plan; kept until the library changes, since re-planning
        after a status change only needs the statuses on top of it."""
        key = (role_id, (*tracks, "+", *extra))
        kept = self._planner.skeletons
        if key not in kept:
            kept[key] = skeleton(library, self._planner.graph(), role_id, tracks)
        return kept[key]

    def _with_personal_goals(self, role_id: str) -> tuple[Library, tuple[str, ...]]:
        """The library as this learner plans with it: their personal goals added to the role's
        goals (so the plan holds them and all they need), and which goals those are."""
        library = self._planner.library()
        role = library.roles[role_id]
        goals = self._planner.progress.personal_goals()
        extra = tuple(g for g in goals if g not in role.goals)
        if not extra:
            return library, ()
        roles = {**library.roles, role_id: replace(role, goals=(*role.goals, *extra))}
        return Library(library.skills, roles), extra

    def open_prerequisites(self, skill_id: str) -> list[str]:
        """The hard prerequisites of a skill the learner has not finished (nor is known to
        know), prerequisites first: what to tell them about when they start it."""
        return self._planner.progress.open_prerequisites(skill_id)

    def compare(self, role_a: str, role_b: str) -> Comparison:
        """Two roles side by side, with what each still costs this learner. The learner's own
        role counts their tracks, as their plan does; another role counts its goals alone."""
        from planner.core.compare import compare_roles  # `compare` alone needs it

        planner = self._planner
        with planner.connection():  # one transaction, the profile read once
            planner.role(role_a)
            planner.role(role_b)
            profile = planner.profile()
            library = planner.library()
            statuses = planner.progress.statuses()

        def tracks(role_id: str) -> tuple[str, ...]:
            if role_id != profile.role:
                return ()
            role = library.roles[role_id]
            return tuple(t for t in profile.tracks if role.track(t) is not None)

        return compare_roles(
            library,
            planner.graph(),
            role_a,
            role_b,
            statuses,
            tracks(role_a),
            tracks(role_b),
        )

    def progress(self, role: str | None = None) -> tuple[Plan, Progress]:
        """The learner's plan and every progress figure about it."""
        from planner.core.progress import summarise_history  # not for a plan alone

        with self._planner.connection() as connection:
            given = self._plan_inputs(role, None)
            history = queries.progress_history(connection, given.profile.id)
        plan = self._planned(given)
        progress = summarise_history(
            plan,
            self._planner.graph(),
            history,
            self._planner.today(),
            target=given.profile.target_date,
            start=given.profile.start,
        )
        return plan, progress

    def export_data(
        self, role: str | None = None, tracks: Sequence[str] | None = None
    ) -> ExportData:
        """The plan (role and tracks as for `plan`) with its progress, the learner's notes on
        its skills, their study sessions and status history: what every export format shows."""
        from planner.core.export_data import ExportData  # an export's records: exports only
        from planner.core.history import HistoryEntry
        from planner.core.progress import summarise_history

        planner = self._planner
        plan = self.plan(role, tracks)
        profile = planner.profile()
        skill_ids = [s.skill.id for s in plan.steps]
        with planner.connection() as connection:
            reduced = queries.progress_history(connection, profile.id)
            events = queries.progress_events(connection, profile.id)
            sessions = queries.study_sessions(connection, profile.id)
            notes = {s: queries.get_note(connection, profile.id, s) for s in skill_ids}
        # The same figures as `progress` computes, so the export agrees with the app.
        progress = summarise_history(
            plan,
            planner.graph(),
            reduced,
            planner.today(),
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
            library=planner.library(),
            plan=plan,
            progress=progress,
            notes={s: text for s, text in notes.items() if text.strip()},
            sessions=tuple(sessions),
            history=tuple(history),
            today=planner.today(),
            personal_goals=frozenset(planner.progress.personal_goals()),
            pace=self.pace(),
            reviews=tuple(planner.reviews.states()),
            review_events=tuple(planner.reviews.events()),
            agenda=tuple(planner.agenda.weeks()),
            study_slots=profile.study_slots,
            plan_by_pace=profile.plan_by_pace,
        )

    def quiz(self) -> QuizFile:
        """The "Which role fits me?" questions, checked against the library."""
        from planner.fileformat.quiz import check_quiz, read_quiz

        library = self._planner.library()
        loaded = read_quiz(builtin_quiz_file())
        check_quiz(loaded, library.roles, library.skills)
        return loaded.quiz

    def recommend_role(self, answers: Mapping[str, int]) -> Recommendation:
        """The role the answers (question id -> answer index) point to, and why."""
        from planner.core.quiz import recommend  # the quiz alone needs it

        planner = self._planner
        return recommend(
            self.quiz(), answers, planner.library(), planner.graph(), planner.progress.statuses()
        )
