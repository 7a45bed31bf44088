"""Recording progress: `planner status`, `log`, `history` and `session` (corrections)."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import command, date_option, formats, number_of, opened, out, print_json
from planner.core.status import SETTABLE, Status
from planner.core.units import format_minutes, parse_date, parse_duration, plural
from planner.errors import UsageError

# The most entries `history --limit` lists (a history is read newest first, that many of each kind).
MAX_LIMIT = 100_000


def register_status_and_log(sub: Any) -> None:
    """Add `planner status` and `planner log` to the `planner` parser."""
    p = command(sub, "status", cmd_status, "set a skill's status")
    p.add_argument("skill", metavar="SKILL")
    states = [s.value for s in SETTABLE]  # plain values: argparse's errors show their repr
    p.add_argument("state", metavar="STATE", choices=states, help=" | ".join(states))
    date_option(p, "when it happened (default: today)")
    p = command(sub, "log", cmd_log, "log a study session")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("duration", metavar="DURATION", help="like 90m, 1.5h or 2h30m")
    date_option(p, "when it happened (default: today)")
    p.add_argument("--note", metavar="TEXT")


def register_history(sub: Any) -> None:
    """Add `planner history` and `planner session` to the `planner` parser."""
    p = command(sub, "history", cmd_history, "your newest entries: statuses, sessions, corrections")
    p.add_argument("--limit", metavar="N", type=_limit, default=30, help="how many (default: 30)")
    formats(p, "text", "json")
    p = command(sub, "session", cmd_session, "correct, delete or restore a logged study session")
    p.add_argument("action", choices=("edit", "delete", "restore"))
    p.add_argument(
        "id", metavar="ID", type=_session_number, help="the session's number (see `history`)"
    )
    p.add_argument("--duration", metavar="DURATION", help="edit: like 90m, 1.5h or 2h30m")
    date_option(p, "edit: the day studied")
    p.add_argument("--note", metavar="TEXT", help="edit: the note")


def _session_number(text: str) -> int:
    """A study session's number: a positive whole number SQLite can store."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a session number: {text!r}") from None
    if not 0 < number < 2**63:
        raise argparse.ArgumentTypeError(f"no study session has the number {number}")
    return number


def _limit(text: str) -> int:
    # Bounded: a number past the database's integers is a usage error, not an internal one.
    entries = int(number_of("entries", int)(text))
    if not 0 <= entries <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            f"{entries}: give a number of entries from 0 to {MAX_LIMIT}"
        )
    return entries


def cmd_status(args: argparse.Namespace) -> int:
    """Record a status change."""
    with opened(args) as planner:
        day = parse_date(args.date) if args.date else None
        change = planner.progress.set_status(args.skill, args.state, day)
        needed = (
            planner.progress.open_prerequisites(change.skill)
            if change.status == Status.IN_PROGRESS
            else []
        )
    out(f"{change.skill}: {change.previous} -> {change.status} ({change.day.isoformat()})")
    _prerequisite_notice(change.skill, needed)
    return 0


def _prerequisite_notice(skill_id: str, needed: list[str]) -> None:
    """One line naming the hard prerequisites of a skill just begun that are still open."""
    if needed:
        out(
            f"note: {skill_id} needs {plural(len(needed), 'skill')} not done yet: "
            f"{', '.join(needed)}; the plan puts them first (mark any you already know "
            "with `planner status SKILL done`)"
        )


def cmd_log(args: argparse.Namespace) -> int:
    """Record a study session."""
    with opened(args) as planner:
        minutes = parse_duration(args.duration)
        day = parse_date(args.date) if args.date else None
        log = planner.progress.log_study(args.skill, minutes, day, args.note or "")
        logged, started = log.session, log.started
        studying = planner.progress.statuses().get(logged.skill) == Status.IN_PROGRESS
        needed = planner.progress.open_prerequisites(logged.skill) if studying else []
    # format_minutes: what `listings.duration` says, without loading the listings' records to
    # say how long one session was.
    out(f"{logged.skill}: logged {format_minutes(logged.minutes)} on {logged.day.isoformat()}")
    if started is not None:
        out(f"{started.skill}: {started.previous} -> {started.status}")
    _prerequisite_notice(logged.skill, needed)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """The learner's newest entries: status changes, study sessions and their corrections."""
    from planner.export import listings

    with opened(args) as planner:
        activity = planner.progress.recent_activity(args.limit)
    if args.format == "json":
        print_json([listings.activity_json(a) for a in activity])
    else:
        for entry in activity:
            out(listings.activity_text(entry))
    return 0


def cmd_session(args: argparse.Namespace) -> int:
    """Correct, delete or restore a study session; every change stays in the history."""
    from planner.export import listings

    editing = (args.duration, args.date, args.note)
    if args.action != "edit" and any(v is not None for v in editing):
        raise UsageError("--duration, --date and --note go with `session edit` only")
    with opened(args) as planner:
        if args.action == "delete":
            planner.progress.delete_study_session(args.id)
        elif args.action == "restore":
            planner.progress.restore_study_session(args.id)
        else:
            planner.progress.edit_study_session(
                args.id,
                minutes=parse_duration(args.duration) if args.duration is not None else None,
                day=parse_date(args.date) if args.date is not None else None,
                note=args.note,
            )
        found = planner.progress.study_session(args.id)
    state = "deleted" if found.deleted else f"{listings.duration(found.minutes)}"
    out(f"session #{found.id} ({found.skill}, {found.day.isoformat()}): {state}")
    return 0
