"""Use cases about the agenda: the plan's next steps laid into the learner's study slots.

`weeks` lays out weeks from a Monday with `core.agenda.lay_out_weeks`: the profile's study
slots and hours a week; the plan's remaining steps in the plan's order (skills in progress
first, prerequisites before what needs them), each needing its planned hours (the library's
estimate, or the learner's own hours when the plan is at their pace) less the minutes already
logged on it (a skill in progress that has used up its time still gets an hour: it is not
done until the learner says so); and the reviews due by the last day laid out. Slots on days
before today stay empty: an agenda says what to do next, not what should have been done. A
later week is laid out after the weeks from this one up to it, so it shows what is left for it.

The study logged this week (any skill, deleted sessions aside) counts against this week's hours,
and today's fills today's study times from their start as logged blocks: "Log this" leaves the
block it logged in place, shown as logged, instead of laying the skill's next chunk into it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.core.agenda import Agenda, goals_served, lay_out_weeks, monday_of
from planner.core.status import Status
from planner.db import queries
from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.service.facade import Planner

MAX_WEEKS = 53
STILL_IN_PROGRESS_MINUTES = 60  # for a skill in progress past its estimate
MAX_WEEKS_AHEAD = 520  # ten years: an agenda further ahead says nothing worth the wait


class AgendaPart:
    """The learner's agenda (`planner.agenda`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    def weeks(self, first: date | None = None, count: int = 2) -> list[Agenda]:
        """`count` weeks of the agenda from the Monday of `first` (default: this week). With
        no study slots set every week is empty (no blocks): there is nowhere to put anything."""
        if not 1 <= count <= MAX_WEEKS:
            raise UsageError(f"an agenda covers 1 to {MAX_WEEKS} weeks, not {count}")
        planner = self._planner
        today = planner.today()
        monday = monday_of(first or today)
        ahead = max(0, (monday - monday_of(today)).days // 7)  # weeks laid out before it
        if ahead > MAX_WEEKS_AHEAD:
            raise UsageError(
                f"the week of {monday.isoformat()} is more than ten years ahead: "
                "the agenda looks at most ten years ahead"
            )
        profile = planner.profile()
        if not profile.study_slots:
            return [Agenda(monday + timedelta(weeks=k), ()) for k in range(count)]
        last_day = monday + timedelta(weeks=count, days=-1)
        reviews = [(s.skill_id, s.due) for s in planner.reviews.states() if s.due <= last_day]
        this_monday = monday_of(today)
        with planner.connection() as connection:
            this_week = [
                (s.skill, s.day, s.minutes)
                for s in queries.study_sessions(connection, profile.id)
                if not s.deleted and this_monday <= s.day <= today
            ]
            logged = queries.minutes_by_skill(connection, profile.id) if profile.role else {}
        steps: list[tuple[str, int]] = []
        goals: dict[str, str] = {}
        if profile.role is not None:
            plan = planner.planning.plan()
            for step in plan.steps:
                if step.remaining:
                    hours = step.skill.hours
                    if plan.at_pace and step.personal_hours is not None:
                        hours = step.personal_hours
                    left = round(hours * 60) - logged.get(step.skill.id, 0)
                    if step.status == Status.IN_PROGRESS:
                        left = max(left, STILL_IN_PROGRESS_MINUTES)
                    steps.append((step.skill.id, left))
            order = [s.skill.id for s in plan.steps]
            goals = goals_served(
                order, (s.skill.id for s in plan.steps if s.goal), planner.graph().preds
            )
        agendas = lay_out_weeks(
            monday - timedelta(weeks=ahead),
            ahead + count,
            profile.study_slots,
            profile.hours_per_week,
            steps,
            reviews,
            from_day=today,
            logged=this_week,
        )
        return [replace(a, goals=_goals_of(a, goals)) for a in agendas[ahead:]]


def _goals_of(agenda: Agenda, goals: dict[str, str]) -> dict[str, str]:
    return {b.skill_id: goals[b.skill_id] for b in agenda.blocks if b.skill_id in goals}
