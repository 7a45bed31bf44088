"""What the onboarding wizard's pages share: the draft of the answers, cards, labels and
the words for hours, dates, pay and durations."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QTreeWidgetItem,
    QWizardPage,
)

from planner.core.domain import Salary
from planner.core.onboarding import OnboardingDraft
from planner.core.pace import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from planner.core.units import plural, salary_source
from planner.service import Planner
from planner.ui.widgets.dates import qdate

MIN_HOURS, MAX_HOURS = MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK
CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}
SKILL_ROLE = Qt.ItemDataRole.UserRole


def format_hours(locale: QLocale, hours: float) -> str:
    """Hours with at most one decimal: `40 h`, `7.5 h`."""
    rounded = round(float(hours), 1)
    return f"{locale.toString(rounded, 'f', 0 if rounded.is_integer() else 1)} h"


def format_date(locale: QLocale, day: date) -> str:
    """A date in the locale's long format, e.g. `Tuesday, 10 March 2026`."""
    return locale.toString(qdate(day), QLocale.FormatType.LongFormat)


def format_salary(locale: QLocale, salary: Salary) -> str:
    """`£105,000 a year (UK, Levels.fyi)`; currencies without a known symbol keep their code."""
    symbol = CURRENCY_SYMBOLS.get(salary.currency)
    if symbol is not None:
        amount = locale.toCurrencyString(float(salary.amount), symbol, 0)
    else:
        amount = f"{salary.currency} {locale.toString(float(salary.amount), 'f', 0)}"
    where = salary_source(salary)
    return f"{amount} a year ({where})" if where else f"{amount} a year"


def page_button_text(text: str) -> str:
    # Button texts are plain, but `&` would become a keyboard mnemonic.
    return text.replace("&", "&&")


def bold(font: QFont, scale: float = 1.0) -> QFont:
    font = QFont(font)
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


class Card(QFrame):
    """A rounded panel on the base colour; a chosen one has an accent border."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._chosen = False
        self._sheet = ""
        self._restyle()

    def set_chosen(self, chosen: bool) -> None:
        self._chosen = chosen
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        # Light and dark schemes switch while the app runs.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        # The application's palette, not the frame's: the style sheet alters the latter.
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        if self._chosen:
            accent = palette.color(QPalette.ColorRole.Highlight)
            border, background = accent, blend(base, accent, 0.08)
        else:  # a quarter of the way to the text colour: visible in light and dark schemes
            border, background = blend(base, palette.color(QPalette.ColorRole.Text), 0.25), base
        # Same border width either way, so choosing a card does not shift its text; the id
        # selector keeps the style off the widgets inside.
        sheet = (
            f"QFrame#{self.objectName()} {{ border: 2px solid {border.name()};"
            f" border-radius: 8px; background: {background.name()}; }}"
        )
        if sheet != self._sheet:  # setting a style sheet sends a palette change itself
            self._sheet = sheet
            self.setStyleSheet(sheet)


def blend(a: QColor, b: QColor, share: float) -> QColor:
    """`a` with `share` of `b` mixed in."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


class Page(QWizardPage):
    """A page of the wizard under its title, with a subtitle: every page has one, so that all
    share the same header (a calmer walk through)."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)


class Draft(OnboardingDraft):
    """The draft of the answers, with the service the pages ask (the quiz, today)."""

    def __init__(self, planner: Planner) -> None:
        super().__init__(
            planner.library(),
            planner.graph(),
            planner.profile(),
            planner.progress.statuses(),
            planner.today(),
        )
        self.planner = planner


def children_of(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    rows = (item.child(i) for i in range(item.childCount()))
    return [row for row in rows if row is not None]


def rough_duration(days: int) -> str:
    """A rough span a learner can picture: weeks, then months, then years."""
    if days < 8 * 7:
        return f"about {plural(max(1, round(days / 7)), 'week')}"
    if days < 2 * 365:
        return f"about {plural(round(days / 30.44), 'month')}"
    return f"about {round(days / 365.25, 1):g} years"
