"""Reviews of finished skills: `planner review` lists them, `planner review SKILL solid|rusty`
records an answer (appended to the history, never rewritten)."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import command, date_option, formats, number_of, opened, out, print_json
from planner.core.units import parse_date
from planner.errors import UsageError

ANSWERS = ("solid", "rusty")  # core.reviews.Answer's values, known without loading it


def register(sub: Any) -> None:
    """Add `planner review` to the `planner` parser."""
    p = command(sub, "review", cmd_review, "reviews of finished skills: list them, or answer one")
    p.description = (
        "without SKILL: every finished skill with its next review, or (--due) those due; with "
        "SKILL and an answer: record that it is still solid or has gone rusty"
    )
    p.add_argument("skill", metavar="SKILL", nargs="?", help="a finished skill to answer for")
    p.add_argument("answer", metavar="ANSWER", nargs="?", help=" | ".join(ANSWERS))
    date_option(p, "when you reviewed it (default: today)")
    p.add_argument("--due", action="store_true", help="only the reviews due (today or before)")
    p.add_argument(
        "--within", metavar="DAYS", type=_days, help="with --due: due within DAYS days from today"
    )
    formats(p, "text", "json")


def _days(text: str) -> int:
    days = int(number_of("days", int)(text))
    if not 0 <= days <= 3660:
        raise argparse.ArgumentTypeError(f"{days}: give a number of days from 0 to 3660")
    return days


def cmd_review(args: argparse.Namespace) -> int:
    """List the reviews, or record an answer."""
    if args.skill is None:
        if args.date is not None:
            raise UsageError(
                "--date goes with an answer: planner review SKILL solid|rusty --date D"
            )
        return _list(args)
    if args.answer is None:
        raise UsageError(f"answer {' or '.join(ANSWERS)}: planner review {args.skill} solid")
    if args.due or args.within is not None:
        raise UsageError("--due and --within list reviews; they take no SKILL")
    return _answer(args)


def _list(args: argparse.Namespace) -> int:
    from planner.export import learner_report

    with opened(args) as planner:
        due = args.due or args.within is not None
        states = planner.reviews.due(args.within or 0) if due else planner.reviews.states()
        library = planner.library()
        today = planner.today()
    if args.format == "json":
        print_json([learner_report.review_json(s, library, today) for s in states])
        return 0
    if not due:
        heading = "finished skills and their next review"
    elif args.within:
        heading = f"reviews due within {args.within} day{'s' if args.within != 1 else ''}"
    else:
        heading = "reviews due today"
    out(learner_report.reviews_text(states, library, today, heading))
    return 0


def _answer(args: argparse.Namespace) -> int:
    from planner.export import learner_report

    with opened(args) as planner:
        day = parse_date(args.date) if args.date else None
        state = planner.reviews.answer(args.skill, args.answer, day).value
        library = planner.library()
        today = planner.today()
    if args.format == "json":
        print_json(learner_report.review_json(state, library, today))
    else:
        answered = state.last_reviewed or today
        out(learner_report.answered_text(state, args.answer, answered, today))
    return 0
