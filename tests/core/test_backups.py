"""Thinning backups: all recent ones, one a day for two weeks, one a week for three months."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.core.backups import backups_to_keep

NOW = datetime(2026, 3, 10, 18, 0)


def test_every_backup_of_the_last_two_days_is_kept() -> None:
    taken = [NOW - timedelta(hours=h) for h in range(0, 48, 3)]
    assert backups_to_keep(taken, NOW) == set(taken)


def test_one_a_day_for_two_weeks_the_newest_of_each_day() -> None:
    day = datetime(2026, 3, 3)  # a week ago
    morning, evening = day.replace(hour=9), day.replace(hour=21)
    kept = backups_to_keep([morning, evening], NOW)
    assert kept == {evening}


def test_one_a_week_for_three_months() -> None:
    # Every day from 3 to 12 weeks ago: one per ISO week survives, the newest of it.
    taken = [NOW - timedelta(days=d) for d in range(21, 85)]
    kept = backups_to_keep(taken, NOW)
    weeks = {t.isocalendar()[:2] for t in taken}
    assert len(kept) == len(weeks)
    for stamp in kept:
        same_week = [t for t in taken if t.isocalendar()[:2] == stamp.isocalendar()[:2]]
        assert stamp == max(same_week)


def test_older_than_three_months_goes_but_the_newest_backup_always_stays() -> None:
    old = [NOW - timedelta(days=200), NOW - timedelta(days=120)]
    assert backups_to_keep(old, NOW) == {old[1]}
    recent = NOW - timedelta(hours=1)
    assert backups_to_keep([*old, recent], NOW) == {recent}


def test_a_mixed_history_over_a_year() -> None:
    taken = [NOW - timedelta(hours=h) for h in range(0, 24 * 365, 6)]
    kept = backups_to_keep(taken, NOW)
    recent = [t for t in taken if NOW - t <= timedelta(days=2)]
    assert set(recent) <= kept
    assert all(NOW - t <= timedelta(days=91) for t in kept)
    daily = [t for t in kept if timedelta(days=2) < NOW - t <= timedelta(days=14)]
    assert len({t.date() for t in daily}) == len(daily)
    assert len(kept) < 8 + len(recent) + 12 + 14  # far fewer than the 1460 taken


def test_nothing_to_keep_from_nothing() -> None:
    assert backups_to_keep([], NOW) == set()
