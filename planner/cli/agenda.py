"""`planner agenda`: the plan's next steps laid into the learner's study slots, week by week."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from planner.cli.common import command, formats, opened, out, print_json
from planner.errors import UsageError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def register(sub: Any) -> None:
    """Add `planner agenda` to the `planner` parser."""
    p = command(sub, "agenda", cmd_agenda, "what to study in your study times, this week and next")
    p.description = (
        "the plan's next steps laid into your study times (`planner profile set --slots`): "
        "skills in progress first, prerequisites first, reviews that are due slotted in"
    )
    p.add_argument(
        "--week", metavar="YYYY-Www", help="that week only, e.g. 2026-W11 (default: this and next)"
    )
    formats(p, "text", "json")


def parse_week(text: str) -> date:
    """The Monday of an ISO week written YYYY-Www; one clear line for anything else."""
    match = _WEEK.match(text.strip())
    try:
        if match is None:
            raise ValueError
        return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise UsageError(f"'{text}' is not a week: write it YYYY-Www, e.g. 2026-W11") from None


def cmd_agenda(args: argparse.Namespace) -> int:
    """Print the agenda."""
    from planner.export import learner_report

    first = parse_week(args.week) if args.week else None
    with opened(args) as planner:
        weeks = planner.agenda.weeks(first, 1 if first else 2)
        slots = planner.profile().study_slots
        library = planner.library()
    if args.format == "json":
        print_json(learner_report.agenda_json(weeks, library, slots))
    else:
        out(learner_report.agenda_text(weeks, library, slots))
    return 0
