"""Dates and durations as learners type them; pay as roadmaps give it."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.domain import Salary
from planner.core.units import (
    duration_text,
    format_hours,
    format_logged,
    format_minutes,
    format_salary,
    parse_date,
    parse_duration,
)
from planner.errors import UsageError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        *[("90m", 90), ("1.5h", 90), ("2h30m", 150), ("2h 30m", 150), ("45min", 45), ("1H", 60)],
        *[("1h30", 90), ("1 h 30 min", 90), ("2 hours", 120), ("45 minutes", 45)],
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "90", "h", "1.5", "2x", "-1h", "0m", "25h", "1h-5m", "m"])
def test_bad_durations_say_how_to_write_them(text: str) -> None:
    with pytest.raises(UsageError, match="bad duration"):
        parse_duration(text)


def test_dates() -> None:
    assert parse_date("2026-01-05") == date(2026, 1, 5)
    for bad in ("2026-02-30", "05/01/2026", "2026-1-5", "tomorrow", ""):
        with pytest.raises(UsageError, match="write it as YYYY-MM-DD"):
            parse_date(bad)


def test_hours_show_at_most_one_decimal() -> None:
    assert format_hours(12) == "12 h"
    assert format_hours(7.5) == "7.5 h"
    assert format_hours(1.04) == "1 h"
    assert format_hours(2.25) == "2.2 h"


def test_plural_forms() -> None:
    from planner.core.units import plural

    assert plural(1, "skill") == "1 skill"
    assert [plural(n, "day") for n in (0, 2)] == ["0 days", "2 days"]


def test_study_time_under_an_hour_is_said_in_minutes() -> None:
    assert format_minutes(45) == "45 min"
    assert format_minutes(60) == "1 h"
    assert format_minutes(90) == "1 h 30 min"
    assert format_logged(0.75) == "45 min"  # not "0.8 h"
    assert format_logged(1.5) == "1.5 h"
    assert format_logged(12) == "12 h"


def test_durations_are_written_back_as_typed() -> None:
    for minutes in (1, 45, 60, 90, 150, 24 * 60):
        assert parse_duration(duration_text(minutes)) == minutes


def test_pay_says_where_the_figure_is_from_only_when_the_roadmap_does() -> None:
    assert (
        format_salary(Salary(105000, "GBP", "UK", "Levels.fyi")) == "105,000 GBP (UK, Levels.fyi)"
    )
    assert format_salary(Salary(70000, "EUR", None, "Glassdoor")) == "70,000 EUR (Glassdoor)"
    assert format_salary(Salary(70000, "EUR")) == "70,000 EUR"
    assert format_salary(Salary(105000, "GBP", "UK"), source=False) == "105,000 GBP"
