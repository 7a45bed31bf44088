"""Days between Python and Qt: date ↔ QDate, and a date written in the learner's locale."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale


def qdate(day: date) -> QDate:
    """The same day as a QDate (a datetime gives its own day)."""
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> date:
    """The same day as a Python date."""
    return date(day.year(), day.month(), day.day())


def short_date(value: object, form: str = "d MMM yyyy") -> str:
    """A date in the user's locale, short: 2 Mar 2026 in en_GB."""
    if not isinstance(value, date):
        return ""
    return QLocale().toString(qdate(value), form)
