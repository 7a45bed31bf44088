"""The `planner team` and `planner cohort` commands: a study group on a shared PostgreSQL
database — its members, and the mentor's view of a cohort (../shared/design/team.md).

They refuse an SQLite file before opening it (nothing is created). A password is read from
stdin only (`--password-stdin`), never from the command line, and never printed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from typing import TYPE_CHECKING, Any

from planner.cli.common import action, count, formats, group, print_json
from planner.cli.common import out as _out
from planner.cli.common import with_planner as run
from planner.core.team import ADDABLE, COHORT_FIELDS, NO_TEAM_ON_A_FILE, CohortRow, Member
from planner.errors import UsageError
from planner.paths import looks_like_uri

if TYPE_CHECKING:
    from planner.cli.common import Handler, PlannerHandler
    from planner.service import Planner


def on_server(handler: PlannerHandler) -> Handler:
    """`run(handler)` for a shared database only: one line for a file, which is not opened."""
    # Each step in a transaction of its own, as before: a statement the server refuses this
    # login ends its transaction, and team mode's steps (logins, grants) stand on their own.
    opened = run(handler, one_transaction=False)

    def wrapped(args: argparse.Namespace) -> int:
        chosen = args.db or os.environ.get("PLANNER_DB")
        if not (isinstance(chosen, str) and looks_like_uri(chosen)):
            raise UsageError(NO_TEAM_ON_A_FILE)
        return opened(args)

    return wrapped


def register(sub: Any) -> None:
    """Add `planner team ...` and `planner cohort` to the `planner` parser."""
    actions = group(sub, "team", "a study group on a shared PostgreSQL database: its members")
    action(
        actions,
        "init",
        on_server(_init),
        "owner: put the database in team mode (roles, grants, policies)",
    )
    p = action(
        actions, "add", on_server(_add), "owner: add a member (the login is created if missing)"
    )
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--as", dest="kind", required=True, choices=[k.value for k in ADDABLE])
    p.add_argument(
        "--cohort",
        metavar="NAME",
        action="append",
        default=[],
        help="a learner's cohort, or a cohort a mentor follows (repeatable)",
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new login's password from the first line of stdin",
    )
    p = action(
        actions, "remove", on_server(_remove), "owner: remove a member (their history is kept)"
    )
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--delete-history", action="store_true", help="delete their profile too")
    p = action(actions, "list", on_server(_list), "the members you may see")
    formats(p, "text", "json")

    p = sub.add_parser(
        "cohort", help="mentor: the learners of your cohorts at a glance", description=None
    )
    p.add_argument("name", metavar="NAME", nargs="?", help="one cohort (default: all yours)")
    formats(p, "text", "json", "csv")
    p.set_defaults(handler=on_server(_cohort))


def _init(planner: Planner, _args: argparse.Namespace) -> int:
    owner = planner.team.init()
    _out(f"team mode is set up on {planner.db.shown}; the owner is {owner.login}")
    return 0


def _read_password(login: str) -> str:
    """The first line of stdin; typed without echo when stdin is a terminal."""
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"password for {login}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UsageError("--password-stdin: no password on stdin")
    return password


def _add(planner: Planner, args: argparse.Namespace) -> int:
    password = _read_password(args.login) if args.password_stdin else None
    added = planner.team.add(args.login, args.kind, args.cohort, password)
    _out(f"added {_describe(added)}")
    return 0


def _remove(planner: Planner, args: argparse.Namespace) -> int:
    planner.team.remove(args.login, delete_history=args.delete_history)
    kept = "their history was deleted" if args.delete_history else "their history is kept"
    _out(f"removed {args.login} from the group; {kept}")
    return 0


def _describe(member: Member) -> str:
    parts = [f"{member.login} as {member.kind.value}"]
    if member.cohorts:
        parts.append(f"cohorts: {', '.join(member.cohorts)}")
    if member.profile:
        parts.append(f"profile: {member.profile}")
    return " · ".join(parts)


def _list(planner: Planner, args: argparse.Namespace) -> int:
    members = planner.team.members()
    if args.format == "json":
        print_json([m.as_json() for m in members])
        return 0
    for member in members:
        _out(_describe(member))
    _out(count(len(members), "member"))
    return 0


def _cohort(planner: Planner, args: argparse.Namespace) -> int:
    rows = planner.team.cohort(args.name)
    if args.format == "json":
        print_json([r.as_json() for r in rows])
    elif args.format == "csv":
        sys.stdout.write(cohort_csv(rows))
    else:
        for line in cohort_table(rows):
            _out(line)
    return 0


def cohort_csv(rows: list[CohortRow]) -> str:
    """The cohort as CSV: team.md's fields as columns, tracks joined by '|'."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COHORT_FIELDS)
    for row in rows:
        data = row.as_json()
        data["tracks"] = "|".join(row.tracks)
        writer.writerow(_cell(data[k]) for k in COHORT_FIELDS)
    return buffer.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def cohort_table(rows: list[CohortRow]) -> list[str]:
    """The cohort as aligned text: one line per learner."""
    if not rows:
        return ["no learners in your cohorts yet"]
    head = ("cohort", "learner", "role", "done", "h/28d", "streak", "last active", "forecast",
            "ahead")  # fmt: skip
    lines = [head]
    for r in rows:
        ahead = "" if r.days_ahead is None else f"{r.days_ahead:+d} d"
        lines.append(
            (
                r.cohort,
                r.login,
                r.role or "-",
                f"{r.percent_done_hours:.0f}% ({r.done_skills}/{r.plan_skills})",
                f"{r.hours_last_28_days:.1f}",
                f"{r.streak_days} d",
                r.last_active.isoformat() if r.last_active else "-",
                r.forecast_finish.isoformat() if r.forecast_finish else "-",
                ahead or "-",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
           for line in lines]  # fmt: skip
    return [*out, count(len(rows), "learner")]
