"""The views the main window switches between, in the order of its sidebar and View menu."""

from __future__ import annotations

from enum import IntEnum


class View(IntEnum):
    """A view of the main window; its value is its place in the sidebar and the stack."""

    PLAN = 0
    GRAPH = 1
    PROGRESS = 2
    LIBRARY = 3
    COMPARE = 4
    AGENDA = 5
    REVIEW = 6
    COHORT = 7  # a mentor's learners (team mode); hidden for everyone else

    @property
    def title(self) -> str:
        """The view's name in the sidebar and the View menu."""
        return self.name.title()

    @classmethod
    def of(cls, value: object) -> View:
        """The view a stored setting names; the plan when it names none."""
        try:
            return cls(int(str(value)))
        except ValueError:
            return cls.PLAN
