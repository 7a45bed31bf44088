"""The first start's answers as they are being given: the role, tracks, pace and the skills
the learner already knows, and the plan they lead to (pure: the wizard shows it, the service
stores the final choice)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from planner.core.domain import Library, Role, Skill
from planner.core.graph import SkillGraph, hard_ancestors, implied
from planner.core.plan import (
    MAX_HOURS_PER_WEEK,
    MIN_HOURS_PER_WEEK,
    Plan,
    Skeleton,
    make_plan,
    skeleton,
)
from planner.core.records import Profile
from planner.core.status import FINISHED, Status
from planner.errors import UsageError


@dataclass(frozen=True)
class OnboardingChoice:
    """What the learner chose at the first start (or when choosing again)."""

    role: str
    tracks: tuple[str, ...]
    hours_per_week: float
    start: date
    known: frozenset[str]  # every skill of the plan the learner already knows
    name: str | None = None  # the learner's name for the profile (None: keep it)


class OnboardingDraft:
    """The learner's answers so far, and the plan they lead to."""

    def __init__(
        self,
        library: Library,
        graph: SkillGraph,
        profile: Profile,
        statuses: Mapping[str, Status],
        today: date,
    ) -> None:
        self.library = library
        self.graph = graph
        self.profile = profile
        self.statuses: dict[str, Status] = dict(statuses)
        self.today = today
        # Skills already settled in the database: shown ticked and locked, never rewritten.
        self.implied_by = implied(self.graph, self.statuses)
        self.settled = {s for s, st in self.statuses.items() if st in FINISHED}
        self.settled |= set(self.implied_by)
        self.role: str | None = profile.role if profile.role in library.roles else None
        self.tracks: tuple[str, ...] = self._profile_tracks(self.role)
        self.hours = min(max(profile.hours_per_week, MIN_HOURS_PER_WEEK), MAX_HOURS_PER_WEEK)
        self.start = profile.start or today
        self.ticked: set[str] = set()  # ticked in this wizard, beyond what is settled
        self._skeletons: dict[tuple[str, tuple[str, ...]], Skeleton] = {}

    def _profile_tracks(self, role_id: str | None) -> tuple[str, ...]:
        """The profile's tracks when it is this role's; an import may have dropped some."""
        if role_id is None or role_id != self.profile.role:
            return ()
        role = self.library.roles[role_id]
        return tuple(t for t in self.profile.tracks if role.track(t) is not None)

    def choose_role(self, role_id: str) -> None:
        if role_id != self.role:
            self.role = role_id
            self.tracks = self._profile_tracks(role_id)

    def role_info(self) -> Role:
        if self.role is None:
            raise UsageError("choose a role first")
        return self.library.roles[self.role]

    def _skeleton(self) -> Skeleton:
        role = self.role_info().id
        key = (role, self.tracks)
        if key not in self._skeletons:
            self._skeletons[key] = skeleton(self.library, self.graph, role, self.tracks)
        return self._skeletons[key]

    def plan_skills(self) -> frozenset[str]:
        return frozenset(self._skeleton().ids)

    def known(self) -> frozenset[str]:
        return frozenset((self.ticked | self.settled) & self.plan_skills())

    def plan(self) -> Plan:
        """The plan as it will be once applied: the service schedules from today at the
        earliest, so the same rule here makes the finish date match what the app shows."""
        done = dict.fromkeys(self.ticked & self.plan_skills(), Status.DONE)
        return make_plan(
            self.library,
            self.graph,
            self.role_info().id,
            self.tracks,
            {**self.statuses, **done},
            hours_per_week=self.hours,
            start=max(self.start, self.today),
            strategy=self.profile.strategy,
            prepared=self._skeleton(),
        )

    def tick(self, skills: Iterable[str]) -> None:
        """Knowing a skill means knowing its hard prerequisites too."""
        skills = set(skills)
        self.ticked |= (skills | set(hard_ancestors(self.graph, skills))) - self.settled

    def untick(self, skills: Iterable[str]) -> None:
        """Not knowing a skill means not knowing what requires it either."""
        stack = list(skills)
        while stack:
            skill = stack.pop()
            self.ticked.discard(skill)
            stack.extend(
                s
                for s in self.graph.succs[skill]
                if s in self.ticked and skill in self.graph.hard_preds[s]
            )

    def choice(self) -> OnboardingChoice:
        return OnboardingChoice(
            self.role_info().id, self.tracks, self.hours, self.start, self.known()
        )


def areas_foundations_first(
    skills: Mapping[str, Skill], hard_preds: Mapping[str, tuple[str, ...]], members: Iterable[str]
) -> list[tuple[str, list[str]]]:
    """The plan's skills grouped by area, foundations first.

    Areas come in order of the shallowest prerequisite depth among their skills; between
    equally shallow areas, the one more of the plan builds on comes first (Programming before
    Mathematics), then by name. Within an area, skills go by depth, then by name.
    """
    plan = set(members)
    depth: dict[str, int] = {}

    def depth_of(skill: str) -> int:
        if skill not in depth:
            depth[skill] = 1 + max((depth_of(p) for p in hard_preds[skill]), default=-1)
        return depth[skill]

    dependents: dict[str, list[str]] = {s: [] for s in plan}
    for skill in plan:
        for prereq in hard_preds[skill]:
            if prereq in plan:
                dependents[prereq].append(skill)

    def reach(area_skills: list[str]) -> int:
        seen = set(area_skills)
        stack = list(area_skills)
        while stack:
            for later in dependents[stack.pop()]:
                if later not in seen:
                    seen.add(later)
                    stack.append(later)
        return len(seen) - len(area_skills)

    groups: dict[str, list[str]] = {}
    for skill in plan:
        groups.setdefault(skills[skill].area, []).append(skill)
    for area_skills in groups.values():
        area_skills.sort(key=lambda s: (depth_of(s), skills[s].name.casefold(), s))
    return sorted(
        groups.items(),
        key=lambda kv: (min(map(depth_of, kv[1])), -reach(kv[1]), kv[0].casefold()),
    )
