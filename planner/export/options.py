"""What an export includes, and whom it tells how far it is: plain, for the CLI and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

FORMATS: dict[str, str] = {
    "pdf": "PDF document",
    "markdown": "Markdown checklist",
    "json": "JSON data",
    "ics": "iCalendar file",
    "csv": "CSV history",
}
Paper = Literal["a4", "letter"]
PAPERS: dict[str, str] = {"a4": "A4", "letter": "US Letter"}
SECTIONS: dict[str, str] = {
    "plan": "Plan by phase",
    "graph": "Prerequisite graph",
    "progress": "Progress charts",
    "skills": "Skills in detail",
}


@dataclass(frozen=True)
class PdfOptions:
    """The paper, the sections after the title page (in this order) and whether the
    learner's notes are printed."""

    paper: Paper = "a4"
    sections: tuple[str, ...] = tuple(SECTIONS)
    notes: bool = True


Tell = Callable[[float, str], None]
"""Told how far an export is (0 to 1) and what it is doing."""


def quiet(_share: float, _what: str) -> None:
    """Tells no one: the `Tell` of an export nobody watches."""
