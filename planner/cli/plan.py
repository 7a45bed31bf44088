"""The plan commands `planner roadmap`, `progress` and `compare`; what is not given on the
command line (role, tracks, hours per week, start, strategy) comes from the learner's profile."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import chosen_role, command, formats, number_of, opened, out, print_json
from planner.core.pace import STRATEGIES
from planner.core.units import parse_date

ROLE_HELP = "the role (default: your profile's role)"


def register_roadmap(sub: Any) -> None:
    """Add `planner roadmap` to the `planner` parser."""
    p = command(sub, "roadmap", cmd_roadmap, "your ordered, dated study plan for a role")
    p.add_argument("--role", metavar="ID", help=ROLE_HELP)
    p.add_argument(
        "--track", metavar="ID", action="append", help="a track (repeatable; default: your tracks)"
    )
    p.add_argument("--no-tracks", action="store_true", help="ignore the profile's tracks")
    p.add_argument(
        "--hours-per-week",
        metavar="H",
        type=number_of("hours", float),
        help="default: your profile's hours",
    )
    p.add_argument("--start", metavar="YYYY-MM-DD", help="default: your profile's start or today")
    p.add_argument(
        "--strategy",
        metavar="NAME",
        help=f"one of: {', '.join(STRATEGIES)} (default: your profile's)",
    )
    formats(p, "text", "json", "markdown")


def register_progress(sub: Any) -> None:
    """Add `planner progress` to the `planner` parser."""
    p = command(sub, "progress", cmd_progress, "how far you are and how fast you go")
    p.description = (
        "how far you are and how fast you go, on the plan your profile describes (its role, "
        "tracks, hours per week, start and strategy)"
    )
    p.add_argument("--role", metavar="ID", help=ROLE_HELP)
    formats(p, "text", "json")


def register_compare(sub: Any) -> None:
    """Add `planner compare` to the `planner` parser."""
    p = command(sub, "compare", cmd_compare, "two roles side by side")
    p.description = "two roles side by side; your own role counts your profile's tracks"
    p.add_argument("role_a", metavar="ROLE_A", nargs="?", help="default: your profile's role")
    p.add_argument("role_b", metavar="ROLE_B")
    formats(p, "text", "json")


def cmd_roadmap(args: argparse.Namespace) -> int:
    """Print the ordered, dated plan for a role."""
    from planner.export import report

    with opened(args) as planner:
        plan = planner.planning.plan(
            chosen_role(planner, args.role),
            [] if args.no_tracks else args.track,  # no --track: the profile's tracks
            hours_per_week=args.hours_per_week,  # these three: the profile's when not given
            start=parse_date(args.start) if args.start else None,
            strategy=args.strategy,
        )
        library = planner.library()
        personal_goals = planner.progress.personal_goals()
    if args.format == "json":
        print_json(report.plan_json(plan, personal_goals))
    elif args.format == "markdown":
        from planner.export import markdown  # its own format's module, when asked for

        out(markdown.plan_markdown(plan, library).rstrip())
    else:
        out(report.plan_text(plan, library))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    """Counts, hours, streaks and the forecast for the learner's plan."""
    from planner.export import report

    with opened(args) as planner:
        plan, progress = planner.planning.progress(chosen_role(planner, args.role))
        pace = planner.planning.pace()
        name = planner.profile_name  # the profile found (a server login's own, say)
    if args.format == "json":
        print_json(report.progress_json(name, plan, progress, pace))
    else:
        out(report.progress_text(name, plan, progress, pace))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Two roles side by side; with one role given, the learner's own role beside it."""
    from planner.export import report

    with opened(args) as planner:
        role_a = chosen_role(planner, None) if args.role_a is None else args.role_a
        comparison = planner.planning.compare(role_a, args.role_b)
        library = planner.library()
    if args.format == "json":
        print_json(report.compare_json(comparison))
    else:
        out(report.compare_text(comparison, library))
    return 0
