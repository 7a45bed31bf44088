"""The Review and Agenda views and the plan with the learner's pace, light and dark, at
1280×800 with the skill panel open: nothing clipped, blocks and rows drawn in the palette's
colours. With PLANNER_SCREENSHOTS set, their pictures go to docs/screenshots."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from planner.render.charts import chart_style
from planner.service import Planner
from planner.ui.theme import dark_style
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory
from tests.ui.test_nothing_clipped import HEIGHT, SCREENSHOTS, WIDTH, clipped_texts


def a_learner_months_in(planner: Planner) -> None:
    """Study times, two skills finished slowly months ago (one rusty twice since), one just
    begun: reviews are due, the pace is known, the agenda has study and review blocks."""
    planner.profiles.update(
        role="ml-engineer",
        hours_per_week=8,
        study_slots="Tue 19:00-21:00, Thu 18:30-20:30, Sat 09:30-13:00",
    )
    for skill, hours, days, back in (("python-basics", 64, 40, 260), ("git", 12, 8, 150)):
        for day in range(days):
            when = TODAY - timedelta(days=back - 2 * day)
            planner.progress.log_study(skill, hours * 60 // days, when)
        planner.progress.set_status(skill, "done", TODAY - timedelta(days=back - 2 * days))
    planner.reviews.answer("git", "rusty", TODAY - timedelta(days=12))
    planner.reviews.answer("git", "rusty", TODAY - timedelta(days=5))
    planner.progress.set_status("sql", "done", TODAY - timedelta(days=100))
    planner.progress.log_study("unix-shell", 50, TODAY - timedelta(days=1))


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    win = open_window(a_learner_months_in, size=(WIDTH, HEIGHT))
    win.state.select("unix-shell")
    return win


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_review_agenda_and_the_plan_with_pace_fit_and_follow_the_palette(
    window: MainWindow, qtbot: QtBot, scheme: str
) -> None:
    window.set_scheme(scheme, save=False)
    dark = scheme == "dark"
    qtbot.waitUntil(lambda: dark_style.is_dark(window.palette()) is dark)
    shots = {
        View.REVIEW: window.review_view,
        View.AGENDA: window.agenda_view,
        View.PLAN: window.plan_view,
    }
    for view, widget in shots.items():
        window.show_view(view)
        qtbot.waitUntil(lambda w=widget: window.views.currentWidget() is w)  # type: ignore[misc]
        if view is View.AGENDA:  # blocks and rows come in after the view shows
            qtbot.waitUntil(lambda: all(c.isVisible() for c in window.agenda_view.cards()))
        if view is View.REVIEW:
            qtbot.waitUntil(lambda: all(r.isVisible() for r in window.review_view.rows))
        window.grab()
        qtbot.waitUntil(lambda w=widget: clipped_texts(w) == [])  # type: ignore[misc]
        assert clipped_texts(window.statusBar()) == []
        if os.environ.get("PLANNER_SCREENSHOTS"):
            name = {View.REVIEW: "review", View.AGENDA: "agenda", View.PLAN: "plan-pace"}[view]
            window.grab().save(str(SCREENSHOTS / f"{name}-{scheme}.png"))
    # The cards are drawn in the charts' card colour of this palette, their text readable on it.
    card = window.agenda_view.cards()[0]
    image = card.grab().toImage()
    background = chart_style(card.palette()).background
    inside = image.pixelColor(QPoint(image.width() // 2, image.height() - 3))
    assert abs(inside.lightness() - background.lightness()) < 12
    text = card.palette().color(QPalette.ColorRole.WindowText)
    assert abs(text.lightness() - background.lightness()) > 120
    rusty_twice = window.review_view.row("git")
    assert rusty_twice is not None and rusty_twice.reopen_button.isVisibleTo(rusty_twice)
    window.set_scheme("light", save=False)
