"""Use cases about the study timer: one running timer per learner, logged when stopped."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from planner.core.changes import Change, Changed, StudyLog
from planner.core.study_time import RunningTimer
from planner.core.units import MAX_SESSION_MINUTES
from planner.db import personal
from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.service.facade import Planner


class Timer:
    """The learner's study timer (`planner.timer`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    def running(self) -> RunningTimer | None:
        """The learner's running study timer, if any (skills deleted since are left out)."""
        with self._planner.connection() as connection:
            running = personal.get_timer(connection, self._planner.profile().id)
        skills = self._planner.library().skills
        return running if running is not None and running.skill in skills else None

    def start(self, skill_id: str, started: datetime | None = None) -> Changed[RunningTimer]:
        """Start timing study of a skill (now, or since `started`); one timer at a time."""
        self._planner.skill(skill_id)
        with self._planner.connection() as connection:
            profile = self._planner.profile()
            running = personal.get_timer(connection, profile.id)
            if running is not None:
                skill = self._planner.library().skills.get(running.skill)
                if skill is not None:
                    raise UsageError(
                        f"a timer is already running on '{skill.name}'"
                        ": stop it first (planner timer stop)"
                    )
                personal.clear_timer(connection, profile.id)  # its skill was deleted since
            started_timer = personal.start_timer(connection, profile.id, skill_id, started)
        return Changed(started_timer, Change(timer=True, skills=(skill_id,)))

    def minutes(self, running: RunningTimer) -> int:
        """Whole minutes a timer has run until now."""
        return max(int((self._planner.now() - running.started).total_seconds() // 60), 0)

    def stop(self) -> Changed[StudyLog | None]:
        """Stop the running timer and log its minutes as a study session on the day it
        started; under a minute nothing is logged (None). Over 24 hours it is refused and the
        timer keeps running: the learner logs what they really studied and cancels it."""
        running = self.running()
        if running is None:
            raise UsageError("no timer is running (start one: planner timer start SKILL)")
        minutes = self.minutes(running)
        if minutes > MAX_SESSION_MINUTES:
            raise UsageError(
                "the timer has been running for more than 24 hours: log the time you studied "
                "(planner log) and cancel the timer (planner timer cancel)"
            )
        profile = self._planner.profile()
        day = min(running.started.astimezone().date(), self._planner.today())
        stopped = Change(timer=True, skills=(running.skill,))
        with self._planner.connection() as connection:
            if not personal.clear_timer(connection, profile.id):  # stopped elsewhere meanwhile
                raise UsageError("the timer was stopped elsewhere a moment ago")
            if minutes < 1:
                return Changed(None, stopped)
            logged = self._planner.progress.log_in(
                connection, profile.id, running.skill, minutes, day, ""
            )
        return Changed(logged, stopped | logged.change)

    def cancel(self) -> Changed[RunningTimer]:
        """Stop the running timer without logging anything."""
        running = self.running()
        profile = self._planner.profile()
        with self._planner.connection() as connection:
            if running is None or not personal.clear_timer(connection, profile.id):
                raise UsageError("no timer is running")
        return Changed(running, Change(timer=True, skills=(running.skill,)))
