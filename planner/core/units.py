"""Reading and writing the learner's units: dates, study durations and hours."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.core.domain import Salary

# "1h30" reads as 1 h 30 min: minutes after hours may leave out their unit, a bare number not.
# Compiled (and kept) by `re` when first used: most commands read no duration.
_DURATION = (
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+)\s*(?P<unit>m(?:in(?:ute)?s?)?)?)?$"
)
MAX_SESSION_MINUTES = 24 * 60


def parse_date(text: str) -> date:
    """A date written YYYY-MM-DD; anything else is a UsageError saying so."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"bad date '{text}': write it as YYYY-MM-DD, e.g. 2026-01-05") from None


def parse_duration(text: str) -> int:
    """Minutes in a duration like 90m, 1.5h, 2h30m or 1h30 (at most 24 hours)."""
    match = re.match(_DURATION, text.strip().lower())
    if (
        not text.strip()
        or match is None
        or not (match["h"] or match["m"])
        or (match["m"] and not match["h"] and not match["unit"])
    ):
        raise UsageError(f"bad duration '{text}': write it like 90m, 1.5h or 2h30m")
    minutes = round(float(match["h"] or 0) * 60) + int(match["m"] or 0)
    if minutes <= 0:
        raise UsageError(f"bad duration '{text}': a study session lasts at least a minute")
    if minutes > MAX_SESSION_MINUTES:
        raise UsageError(f"bad duration '{text}': a study session lasts at most 24 hours")
    return minutes


def format_hours(hours: float) -> str:
    """Hours with at most one decimal: 12 h, 7.5 h."""
    rounded = round(hours, 1)
    return f"{rounded:g} h" if rounded != int(rounded) else f"{int(rounded)} h"


def format_minutes(minutes: int) -> str:
    """Study time the way people say it: 45 min, 2 h, 1 h 30 min (never "0.8 h")."""
    hours, mins = divmod(max(int(minutes), 0), 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    return f"{hours} h" if hours else f"{mins} min"


def format_logged(hours: float) -> str:
    """Time studied, given in hours: minutes under an hour (45 min), hours above it (12.5 h)."""
    minutes = round(hours * 60)
    return format_minutes(minutes) if minutes < 60 else format_hours(hours)


def duration_text(minutes: int) -> str:
    """A duration as the learner would type it back: 45m, 2h, 1h30m."""
    hours, mins = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{mins}m" if mins or not hours else "")


def format_salary(salary: Salary, *, source: bool = True) -> str:
    """Pay as the roadmap gives it: `105,000 GBP`, and where the figure is from when the roadmap
    says: `105,000 GBP (UK, Levels.fyi)`."""
    amount = f"{salary.amount:,.0f} {salary.currency}"
    where = salary_source(salary)
    return f"{amount} ({where})" if source and where else amount


def salary_source(salary: Salary) -> str:
    """Where a pay figure applies and comes from: `UK, Levels.fyi`, or empty when not given."""
    return ", ".join(p for p in (salary.region, salary.source) if p)


def plural(n: int, word: str) -> str:
    """A count with its noun: '1 skill', '2 skills'."""
    return f"{n} {word}{'' if n == 1 else 's'}"
