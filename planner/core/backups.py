"""Which backups to keep as they age: all recent ones, then one a day, then one a week."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

KEEP_ALL = timedelta(days=2)
KEEP_DAILY = timedelta(days=14)
KEEP_WEEKLY = timedelta(days=91)


def backups_to_keep(taken: Iterable[datetime], now: datetime) -> set[datetime]:
    """The times of the backups worth keeping, Anki's way.

    Every backup of the last 2 days; the newest of each day for the last 2 weeks; the newest of
    each ISO week for the last 3 months; nothing older. The newest backup is always kept, so a
    learner who has not opened the app for months still has their last state.
    """
    stamps = sorted(set(taken), reverse=True)  # newest first: the first seen in a bucket wins
    keep: set[datetime] = set(stamps[:1])
    days: set[object] = set()
    weeks: set[object] = set()
    for stamp in stamps:
        age = now - stamp
        if age <= KEEP_ALL:
            keep.add(stamp)
        elif age <= KEEP_DAILY:
            if stamp.date() not in days:
                days.add(stamp.date())
                keep.add(stamp)
        elif age <= KEEP_WEEKLY:
            week = stamp.isocalendar()[:2]
            if week not in weeks:
                weeks.add(week)
                keep.add(stamp)
    return keep
