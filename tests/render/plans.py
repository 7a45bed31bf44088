"""Plans and palettes for the render tests (hand-made, synthetic and big, light and dark), and
a painter that records the text it draws."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from planner.core.domain import Library, Role, Skill
from planner.core.graph import build_graph
from planner.core.plan import Plan, make_plan
from tests.core.libraries import small_library

START = date(2026, 3, 2)


def plan_of(
    library: Library, statuses: dict[str, str] | None = None, tracks: tuple[str, ...] = ()
) -> Plan:
    """The plan of the library's role `role`."""
    graph = build_graph(library.skills)
    return make_plan(library, graph, "role", tracks, statuses, start=START)


def small_plan(statuses: dict[str, str] | None = None) -> Plan:
    """python -> numpy -> pandas -> ml <- maths ; stats ..> ml ; python, git -> web."""
    return plan_of(small_library(), statuses, ("stats-track",))


def chain_library(names: list[str]) -> Library:
    """Each skill requires the one before it; the last is the goal."""
    skills = {
        name: Skill(name, name.title(), "Area", 5, requires=(names[i - 1],) if i else ())
        for i, name in enumerate(names)
    }
    return Library(skills, {"role": Role("role", "Role", goals=(names[-1],))})


def synthetic_library(n: int, seed: int = 7) -> Library:
    """`n` skills, each requiring up to three of the forty before it and recommending one,
    spread over five areas; whatever nothing requires is a goal, so the plan holds all `n`.
    Deterministic (a fixed LCG)."""
    state = seed

    def rand(k: int) -> int:
        nonlocal state
        state = (state * 1103515245 + 12345) % 2**31
        return state % k

    names = [f"s{i:05d}" for i in range(n)]
    skills: dict[str, Skill] = {}
    for i, name in enumerate(names):
        earlier = names[max(0, i - 40) : i]
        requires = tuple(sorted({earlier[rand(len(earlier))] for _ in range(3)})) if earlier else ()
        recommends: tuple[str, ...] = ()
        if len(earlier) > 3 and rand(3) == 0:
            candidate = earlier[rand(len(earlier))]
            recommends = () if candidate in requires else (candidate,)
        area = ("Maths", "Data", "Code", "Deep learning", "MLOps")[rand(5)]
        skills[name] = Skill(
            name, f"Skill {i}", area, 1 + rand(30), requires=requires, recommends=recommends
        )
    required = {p for skill in skills.values() for p in skill.requires}
    role = Role("role", "Role", goals=tuple(n for n in names if n not in required))
    return Library(skills, {"role": role})


def light_palette() -> QPalette:
    """A light palette, fixed so that tests do not depend on the platform theme."""
    return _palette("#efefef", "#ffffff", "#1e1e1e", "#308cc6")


def dark_palette() -> QPalette:
    """A dark palette, as a dark desktop theme would give."""
    return _palette("#2d2d30", "#1e1e20", "#e6e6e6", "#2a82da")


def _palette(window: str, base: str, text: str, highlight: str) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r in (role.Window, role.Button, role.AlternateBase, role.ToolTipBase):
        palette.setColor(r, QColor(window))
    palette.setColor(role.Base, QColor(base))
    for r in (role.Text, role.WindowText, role.ButtonText, role.ToolTipText):
        palette.setColor(r, QColor(text))
    palette.setColor(role.Highlight, QColor(highlight))
    palette.setColor(role.HighlightedText, QColor("#ffffff"))
    return palette


class RecordingPainter(QPainter):
    """A painter that remembers every string it is asked to draw."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args: Any) -> Any:
        self.texts.append(next(a for a in reversed(args) if isinstance(a, str)))
        return super().drawText(*args)
