"""The `planner timer` and `planner goal` commands: a study timer and personal goals."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from planner.cli.common import action, formats, group
from planner.cli.common import out as _out
from planner.cli.common import with_planner as run
from planner.core.units import format_minutes

if TYPE_CHECKING:
    from planner.service import Planner


def register(sub: Any) -> None:
    """Add `planner timer ...` and `planner goal ...` to the `planner` parser."""
    timer = sub.add_parser(
        "timer",
        help="time a study session: start, stop (logs it), or show the running timer",
        description="With no action, show the running timer. The timer is kept in the "
        "database: it runs on while the app or the terminal is closed.",
    )
    timer.set_defaults(handler=run(_show_timer))
    actions = timer.add_subparsers(dest="action", metavar="ACTION")
    p = action(actions, "start", run(_start_timer), "start timing your study of a skill")
    p.add_argument("skill", metavar="SKILL")
    action(actions, "stop", run(_stop_timer), "stop the timer and log the time as a study session")
    action(actions, "cancel", run(_cancel_timer), "stop the timer without logging anything")

    actions = group(sub, "goal", "skills you added to your plan as goals of your own")
    p = action(
        actions, "add", run(_add_goal), "add a skill (and all it needs) to your plan as a goal"
    )
    p.add_argument("skill", metavar="SKILL")
    p = action(actions, "remove", run(_remove_goal), "take a skill off your personal goals")
    p.add_argument("skill", metavar="SKILL")
    p = action(actions, "list", run(_list_goals), "your personal goals")
    formats(p, "text", "json")


def _name(planner: Planner, skill_id: str) -> str:
    return planner.library().skills[skill_id].name


def _show_timer(planner: Planner, args: argparse.Namespace) -> int:
    running = planner.timer.running()
    if running is None:
        _out("no timer is running")
        return 0
    since = running.started.astimezone().strftime("%Y-%m-%d %H:%M")
    minutes = format_minutes(planner.timer.minutes(running))
    _out(f"{running.skill}: timing {_name(planner, running.skill)} since {since} ({minutes})")
    return 0


def _start_timer(planner: Planner, args: argparse.Namespace) -> int:
    running = planner.timer.start(args.skill).value
    since = running.started.astimezone().strftime("%H:%M")
    _out(f"{running.skill}: timer started at {since}; `planner timer stop` logs the time")
    return 0


def _stop_timer(planner: Planner, args: argparse.Namespace) -> int:
    running = planner.timer.running()
    log = planner.timer.stop().value
    if log is None:
        skill = running.skill if running is not None else "timer"
        _out(f"{skill}: stopped after less than a minute; nothing logged")
        return 0
    logged, started = log.session, log.started
    _out(
        f"{logged.skill}: logged {format_minutes(logged.minutes)} on {logged.day.isoformat()} "
        f"(session #{logged.id})"
    )
    if started is not None:
        _out(f"{started.skill}: todo -> in-progress")
    return 0


def _cancel_timer(planner: Planner, args: argparse.Namespace) -> int:
    running = planner.timer.cancel().value
    _out(f"{running.skill}: timer cancelled; nothing logged")
    return 0


def _add_goal(planner: Planner, args: argparse.Namespace) -> int:
    planner.progress.add_personal_goal(args.skill)
    _out(f"{args.skill}: added to your plan as a goal")
    return 0


def _remove_goal(planner: Planner, args: argparse.Namespace) -> int:
    planner.progress.remove_personal_goal(args.skill)
    _out(f"{args.skill}: no longer one of your goals")
    return 0


def _list_goals(planner: Planner, args: argparse.Namespace) -> int:
    goals = planner.progress.personal_goals()
    if args.format == "json":
        skills = planner.library().skills
        data = [{"skill": g, "name": skills[g].name} for g in goals]
        _out(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if not goals:
        _out("no personal goals (add one: planner goal add SKILL)")
    for goal in goals:
        _out(f"{goal}  {_name(planner, goal)}")
    return 0
