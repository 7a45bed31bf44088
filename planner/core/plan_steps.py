"""A plan as plain data: its steps in study order, its phases as titled groups, its totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.core.domain import Skill
from planner.core.status import REMAINING, STATUS_TITLES, STATUS_WORDS, Status
from planner.core.wording import behind_title


@dataclass(frozen=True, slots=True)
class Step:
    """One skill of a plan, as the learner sees it."""

    skill: Skill
    status: Status
    phase: int  # 1.. for remaining steps; 0 for skills already known
    goal: bool
    start: date | None = None
    end: date | None = None
    implied_by: str | None = None  # for implied steps: the finished skill that implies it
    started: date | None = None  # for steps in progress: the day the learner began, if known
    # What it is likely to take this learner (core.plan_pace); None while their pace is not
    # known. `skill.hours` stays the library's estimate.
    personal_hours: float | None = None

    @property
    def remaining(self) -> bool:
        """Still to study: todo or in progress."""
        return self.status in REMAINING


@dataclass(frozen=True)
class Plan:
    """A dated study roadmap for one role with its chosen tracks."""

    role: str
    tracks: tuple[str, ...]
    strategy: str
    hours_per_week: float
    start: date
    steps: tuple[Step, ...]
    focus: bool = False  # phase 1 holds the skills in progress and what they still need
    goal_groups: tuple[str, ...] = ()  # goal-by-goal: each later phase's goal ("" for none)
    # With the learner's pace known (core.plan_pace): dated by it or not, and the finish both
    # ways (None: pace unknown, or nothing remains).
    at_pace: bool = False
    finish_as_estimated: date | None = None
    finish_at_pace: date | None = None

    @property
    def total_hours(self) -> float:
        """Hours of every skill in the plan, known ones included."""
        return sum(s.skill.hours for s in self.steps)

    @property
    def remaining_hours(self) -> float:
        """Hours of the skills still to study."""
        return sum(s.skill.hours for s in self.steps if s.remaining)

    @property
    def remaining_personal_hours(self) -> float | None:
        """Hours the skills still to study are likely to take this learner (None: pace unknown)."""
        if any(s.personal_hours is None for s in self.steps if s.remaining):
            return None
        return sum(s.personal_hours or 0.0 for s in self.steps if s.remaining)

    @property
    def finish(self) -> date | None:
        """The day the last remaining step ends (None when nothing remains)."""
        ends = [s.end for s in self.steps if s.end is not None]
        return max(ends) if ends else None

    def phases(self) -> list[tuple[int, list[Step]]]:
        """The steps grouped by phase, in plan order; phase 0 (already known) first."""
        groups: dict[int, list[Step]] = {}
        for step in self.steps:
            groups.setdefault(step.phase, []).append(step)
        return sorted(groups.items())

    def groups(self) -> list[Group]:
        """The phases as the learner reads them, each with its title: what is behind the learner
        ("Done", "Done and known" …),
        the in-progress block, then "Phase N" (foundations first) or "Goal: …" (goal by goal)."""
        names = {s.skill.id: s.skill.name for s in self.steps}
        result: list[Group] = []
        for phase, steps in self.phases():
            kind, goal = "phase", None
            if phase == 0:
                kind, title = "behind", behind_title(s.status for s in steps)
            elif phase == 1 and self.focus:
                kind = Status.IN_PROGRESS.value  # the group kind (docs/cli.md) is spelled so
                title = (
                    STATUS_TITLES[Status.IN_PROGRESS]
                    if self.strategy == "goal-by-goal"
                    else f"Phase 1: {STATUS_WORDS[Status.IN_PROGRESS]}"
                )
            elif self.strategy == "goal-by-goal":
                number = phase - 1 - self.focus
                goal = self.goal_groups[number] if number < len(self.goal_groups) else ""
                kind = "goal"
                title = f"Goal: {names[goal]}" if goal in names else "Other skills"
                goal = goal or None
            else:
                title = f"Phase {phase}"
            result.append(Group(phase, kind, title, goal, tuple(steps)))
        return result


@dataclass(frozen=True, slots=True)
class Group:
    """One phase of a plan with its title; `kind` is behind, in-progress, phase or goal."""

    phase: int
    kind: str
    title: str
    goal: str | None  # for a goal group: the goal's skill id
    steps: tuple[Step, ...]

    @property
    def hours(self) -> float:
        """The hours of the group's skills."""
        return sum(s.skill.hours for s in self.steps)

    @property
    def start(self) -> date | None:
        """The day its first remaining step starts (None when nothing in it remains)."""
        return min((s.start for s in self.steps if s.start is not None), default=None)

    @property
    def end(self) -> date | None:
        """The day its last remaining step ends."""
        return max((s.end for s in self.steps if s.end is not None), default=None)
