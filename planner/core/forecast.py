"""When the planner forecasts a finish at the rate the learner studies (hours a week), and what
it says instead when the history cannot bear a forecast yet (the rule is stated in
docs/progress.md).

The forecast is said "at your recent rate" (`AT_RECENT_RATE`) everywhere: "at your pace" is the
personal pace of `core.personal_pace` (how many hours a skill takes the learner), a different
figure."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner.core.units import format_hours, plural

# A forecast needs two weeks of history and a few hours logged in them: from one evening's
# 90 minutes the planner once said "15892 days behind" (issue 14).
MIN_HISTORY_DAYS = 14
MIN_MINUTES_LOGGED = 3 * 60
# How the forecast is named wherever it is shown (CLI, app, PDF, charts).
AT_RECENT_RATE = "at your recent rate"
# The pace is the study time of the last four weeks (of fewer days early on, counted from the
# start): recent enough to follow the learner, long enough to ride out a week off.
PACE_WINDOW_DAYS = 28
# Further away than this a finish is not a date but "not at this pace": no learner who studies
# is shown a date decades away.
FORECAST_HORIZON_YEARS = 10
FORECAST_HORIZON_DAYS = FORECAST_HORIZON_YEARS * 365 + FORECAST_HORIZON_YEARS // 4

# What the forecast says, as `planner progress --format json` names it.
FORECAST = "forecast"  # a finish date at the learner's pace
TOO_EARLY = "too-early"  # less than MIN_HISTORY_DAYS of history or MIN_MINUTES_LOGGED logged
NO_RECENT_STUDY = "no-recent-study"  # nothing logged in the pace window
TOO_SLOW = "too-slow"  # the finish would be more than FORECAST_HORIZON_YEARS away
FINISHED = "finished"  # nothing left to study in the plan


@dataclass(frozen=True)
class Forecast:
    """The learner's pace and the finish it leads to, or why there is none yet."""

    state: str  # one of the names above
    since: date | None  # history counts from here: the later of the start and the first activity
    minutes_logged: int  # study time logged from `since` to today
    more_days: int  # days of history still missing before a forecast (0: enough)
    more_minutes: int  # study time still missing before a forecast (0: enough)
    pace_days: int = 0  # days the pace is measured over (0: not measured)
    velocity: float | None = None  # hours a week over them; None until the evidence suffices
    finish: date | None = None  # only in the FORECAST state

    @property
    def before_start(self) -> bool:
        """Whether the learner's chosen start is still ahead (their history has not begun)."""
        # With `since` today, one day of history is there; with it ahead, none yet.
        return self.since is not None and self.more_days >= MIN_HISTORY_DAYS

    @property
    def enough_evidence(self) -> bool:
        """Whether the history is long enough and holds enough study time for a pace."""
        return not self.more_days and not self.more_minutes


def first_activity(
    daily_minutes: Sequence[tuple[date, int]], status_days: Sequence[date]
) -> date | None:
    """The first day the learner logged study time or changed a skill's status."""
    days = [day for day, _ in daily_minutes[:1]] + list(status_days[:1])
    return min(days) if days else None


def make_forecast(
    remaining_hours: float,
    daily_minutes: Sequence[tuple[date, int]],
    first: date | None,
    start: date | None,
    today: date,
) -> Forecast:
    """The forecast for `remaining_hours` from the minutes of each study day (oldest first),
    the first day of activity and the learner's chosen start (None: not set)."""
    # The start counts when it is later than the first activity: a learner who opened the app
    # before their chosen start has not started, and days before it are not their pace.
    since = first if first is None or start is None else max(first, start)
    history_days = (today - since).days + 1 if since is not None else 0
    logged = sum(m for day, m in daily_minutes if since is not None and since <= day <= today)
    more_days = max(0, MIN_HISTORY_DAYS - history_days)
    more_minutes = max(0, MIN_MINUTES_LOGGED - logged)
    base = Forecast(TOO_EARLY, since, logged, more_days, more_minutes)
    if more_days or more_minutes:
        return base if remaining_hours > 0 else replace(base, state=FINISHED)
    pace_days = min(history_days, PACE_WINDOW_DAYS)
    window_start = today - timedelta(days=pace_days - 1)
    recent = sum(m for day, m in daily_minutes if window_start <= day <= today)
    velocity = recent / 60 / (pace_days / 7)
    measured = replace(base, pace_days=pace_days, velocity=velocity)
    if remaining_hours <= 0:
        return replace(measured, state=FINISHED)
    if recent == 0:
        return replace(measured, state=NO_RECENT_STUDY)
    # Whole minutes and days, so that more study never rounds to a later day.
    days = math.ceil(remaining_hours * 60 * pace_days / recent)
    if days > FORECAST_HORIZON_DAYS:
        return replace(measured, state=TOO_SLOW)
    return replace(measured, state=FORECAST, finish=today + timedelta(days=days))


# ---------------------------------------------------------------------------- in words
def missing_words(f: Forecast, day: Callable[[date], str] = date.isoformat) -> str:
    """What the history still lacks: '9 more days and 1.5 h more of study'; `day` writes a
    date the way the caller shows dates."""
    hours = format_hours(math.ceil(f.more_minutes / 6) / 10) if f.more_minutes else ""
    if f.before_start and f.since is not None:
        wanted = plural(MIN_HISTORY_DAYS, "day") + (f" and {hours}" if hours else "")
        return f"{wanted} of study from your start on {day(f.since)}"
    days = plural(f.more_days, "more day") if f.more_days else ""
    if days and hours:
        return f"{days} and {hours} more of study"
    if days:
        return f"{days} of study"
    return f"{hours} more of study" if hours else ""


def pace_span_words(days: int) -> str:
    """The days a pace is measured over: 'the last 4 weeks', 'the last 16 days'."""
    return f"the last {days // 7} weeks" if days % 7 == 0 else f"the last {days} days"


def per_week(hours: float) -> str:
    """A pace: '5.2 h/week', and under an hour in minutes ('10 min/week', not '0.2 h/week')."""
    if hours <= 0:
        return "0 h/week"
    if hours < 1:
        return f"{max(round(hours * 60), 1)} min/week"
    return f"{hours:.1f} h/week"


def velocity_words(f: Forecast) -> str:
    """The pace in a phrase: '5.2 h/week over the last 4 weeks', or why there is none."""
    if f.velocity is None:
        return "no pace yet"
    return f"{per_week(f.velocity)} over {pace_span_words(f.pace_days)}"


def forecast_words(f: Forecast, day: Callable[[date], str] = date.isoformat) -> str:
    """The forecast when there is no date to give, in a phrase ('' when there is one)."""
    if f.state == TOO_EARLY:
        return f"too early to tell — {missing_words(f, day)}"
    if f.state == NO_RECENT_STUDY:
        return f"no study logged in {pace_span_words(f.pace_days)}"
    if f.state == TOO_SLOW:
        return f"more than {FORECAST_HORIZON_YEARS} years at {per_week(f.velocity or 0)}"
    if f.state == FINISHED:
        return "finished"
    return ""


def forecast_card(f: Forecast, day: Callable[[date], str] = date.isoformat) -> tuple[str, str]:
    """(headline, detail) of a forecast without a date, as the app's card and the PDF's title
    page show it; the FORECAST state has a date and its callers show it their way."""
    if f.state == TOO_EARLY:
        return "Too early to tell", missing_words(f, day)
    if f.state == NO_RECENT_STUDY:
        return "No recent study", f"nothing logged in {pace_span_words(f.pace_days)}"
    if f.state == TOO_SLOW:
        return f"Over {FORECAST_HORIZON_YEARS} years", f"at {per_week(f.velocity or 0)}"
    if f.state == FINISHED:
        return "Finished", "nothing left to study in this plan"
    return "", ""
