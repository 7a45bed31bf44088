"""A study group on the tests' PostgreSQL, made with the team use cases as its owner would:
a mentor following two cohorts, another following one, an editor, and five learners with
histories of their own (each recorded through the learner's own login, as the server only
lets them write their own rows)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import psycopg
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from planner.service import Planner
from planner.ui.window.main_window import MainWindow
from tests.conftest import TODAY
from tests.pg_cluster import Cluster

SPRING, AUTUMN = "spring-2026", "autumn-2025"
LEARNERS = {"ana": SPRING, "ben": SPRING, "chloe": SPRING, "dev": AUTUMN, "emma": AUTUMN}


@dataclass
class Team:
    """The group's database on the cluster; `open(login)` connects as a member."""

    cluster: Cluster
    database: str
    today: date = TODAY
    opened: list[Planner] = field(default_factory=list)

    def url(self, login: str) -> str:
        return self.cluster.url(self.database, login=login)

    def open(self, login: str) -> Planner:
        planner = Planner.open(self.url(login), today=lambda: self.today)
        self.opened.append(planner)
        return planner

    def close(self) -> None:
        for planner in self.opened:
            planner.close()
        self.opened.clear()


def ago(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


def _steady(
    planner: Planner, skills: list[str], first: int, last: int, every: int, minutes: int
) -> None:
    """Study every `every` days from `first` days ago to `last` days ago, finishing a skill of
    `skills` each fortnight (the first one after a week)."""
    today = planner.today()
    for days in range(first, last - 1, -every):
        skill = skills[min((first - days) // 14, len(skills) - 1)]
        planner.progress.log_study(skill, minutes, ago(days, today))
    for number, skill in enumerate(skills[:-1]):
        finished = first - 7 - 14 * number
        if finished >= last:
            planner.progress.set_status(skill, "done", ago(finished, today))


def make_team(cluster: Cluster, database: str, today: date = TODAY) -> Team:
    """The group, set up by its owner (the cluster's superuser) and filled by its learners."""
    team = Team(cluster, database, today)
    owner = team.open("postgres")
    owner.team.init()
    owner.team.add("mia", "mentor", [SPRING, AUTUMN])
    owner.team.add("noah", "mentor", [AUTUMN])
    owner.team.add("eve", "editor")
    for login, cohort in LEARNERS.items():
        owner.team.add(login, "learner", [cohort])
    ml = ["python-basics", "sql", "unix-shell", "numpy", "git", "linear-algebra", "pandas"]
    ai = ["python-basics", "sql", "http-rest-apis", "llm-fundamentals", "python-async"]

    ana = team.open("ana")  # ahead: two hours a day, ten weeks
    ana.profiles.update(role="ml-engineer", hours_per_week=10, start=ago(70, today))
    _steady(ana, ml, 70, 0, 1, 120)
    ben = team.open("ben")  # behind: five hours a week where his plan counts on twelve
    ben.profiles.update(role="ai-engineer", hours_per_week=12, start=ago(63, today))
    _steady(ben, ai[:3], 60, 2, 3, 100)
    chloe = team.open("chloe")  # started this week: too early to tell
    chloe.profiles.update(role="ml-engineer", hours_per_week=8, start=ago(3, today))
    _steady(chloe, ml[:1], 3, 1, 1, 45)
    dev = team.open("dev")  # studies well, but aims at a date too soon for that pace
    dev.profiles.update(
        role="ai-engineer", tracks=["agents"], hours_per_week=8, start=ago(90, today)
    )
    dev.profiles.set_target_date(date(today.year + 1, 6, 30))
    _steady(dev, ai, 90, 1, 2, 150)
    team.open("emma")  # joined, no role chosen yet
    return team


Opener = Callable[[str], MainWindow]


def team_copy(cluster: Cluster, template: str, prefix: str) -> Iterator[Team]:
    """The group in a database of its own, copied from the opened template (for a module
    fixture), dropped afterwards."""
    name = cluster.new_database(prefix)
    with psycopg.connect(cluster.conninfo(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}"')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    made = make_team(cluster, name)
    try:
        yield made
    finally:
        made.close()
        cluster.drop_database(name)


def windows_of(qtbot: QtBot, team: Team, folder: Path) -> Iterator[Opener]:
    """Opens the app as a member of the group (their own login, their own profile), at
    1400×900; every window it opened (and the learners' windows they opened) closed after."""
    opened: list[tuple[MainWindow, Planner]] = []

    def factory(login: str) -> MainWindow:
        planner = Planner.open(team.url(login), today=lambda: team.today)
        settings = QSettings(str(folder / f"{login}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(planner, settings)
        qtbot.addWidget(window)
        opened.append((window, planner))
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield factory
    for window, planner in opened:
        for learner in list(window.learner_windows):
            learner.close()
        window.close()
        planner.close()
