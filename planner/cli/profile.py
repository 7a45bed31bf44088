"""The `planner profile` and `planner note` commands: learners, their settings and their notes."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from planner.cli.common import action, formats, group
from planner.cli.common import out as _out
from planner.cli.common import with_planner as run
from planner.core.pace import STRATEGIES
from planner.core.units import parse_date
from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.service import Planner, Profile


def _slots_text(profile: Profile) -> str:
    """The profile's study slots as a learner writes them ("" when none are set)."""
    if not profile.study_slots:
        return ""  # `note` and most profiles need not load the agenda's module
    from planner.core.agenda import slots_text

    return slots_text(profile.study_slots)


def profile_json(profile: Profile, current: bool) -> dict[str, Any]:
    """A profile as `planner profile list --format json` prints it."""
    return {
        "name": profile.name,
        "current": current,
        "role": profile.role,
        "tracks": list(profile.tracks),
        "hours_per_week": profile.hours_per_week,
        "start": profile.start.isoformat() if profile.start else None,
        "strategy": profile.strategy,
        "target": profile.target_date.isoformat() if profile.target_date else None,
        "study_slots": _slots_text(profile),
        "plan_by_pace": profile.plan_by_pace,
    }


def _describe(profile: Profile) -> str:
    parts = [
        profile.role or "no role yet",
        f"tracks: {', '.join(profile.tracks) or 'none'}",
        f"{profile.hours_per_week:g} h/week",
        f"from {profile.start.isoformat()}" if profile.start else "from today",
        profile.strategy,
    ]
    if profile.target_date:
        parts.append(f"target {profile.target_date.isoformat()}")
    if profile.study_slots:
        parts.append(f"studies {_slots_text(profile)}")
    if profile.plan_by_pace:
        parts.append("planned at your pace")
    return " · ".join(parts)


def register(sub: Any) -> None:
    """Add `planner profile ...` and `planner note` to the `planner` parser."""
    actions = group(sub, "profile", "learner profiles and their settings")

    p = action(actions, "list", run(_list), "every profile")
    formats(p, "text", "json")

    p = action(actions, "show", run(_show), "the settings of the profile chosen with --profile")
    formats(p, "text", "json")

    p = action(actions, "create", run(_create), "a new profile")
    p.add_argument("name", metavar="NAME")

    p = action(actions, "rename", run(_rename), "give a profile another name")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")

    p = action(actions, "delete", run(_delete), "delete a profile with all its history")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", action="store_true", help="yes, delete it and its history")

    p = action(actions, "set", run(_set), "change the role, tracks, pace or order of a profile")
    p.add_argument("--role", metavar="ID")
    p.add_argument("--track", metavar="ID", action="append", help="the tracks (repeatable)")
    p.add_argument("--no-tracks", action="store_true", help="choose no track")
    p.add_argument("--hours-per-week", metavar="H", type=float)
    p.add_argument("--start", metavar="YYYY-MM-DD")
    p.add_argument("--strategy", metavar="NAME", help=f"one of: {', '.join(STRATEGIES)}")
    p.add_argument("--target", metavar="YYYY-MM-DD", help="the date you want to finish by")
    p.add_argument("--no-target", action="store_true", help="forget the target date")
    p.add_argument(
        "--slots",
        metavar="TEXT",
        help="when you study each week, e.g. \"Mon 19:00-21:00, Sat 10:00-13:00\" ('' clears)",
    )
    p.add_argument(
        "--plan-by-pace",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="date the plan by your own pace (hours per skill from your finished skills)",
    )

    p = sub.add_parser("note", help="show or write your note on a skill")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("text", metavar="TEXT", nargs="?", help="the new note ('' clears it)")
    p.set_defaults(handler=run(_note))


def _list(planner: Planner, args: argparse.Namespace) -> int:
    profiles = planner.profiles.all()
    if args.format == "json":
        rows = [profile_json(p, p.name == planner.profile_name) for p in profiles]
        _out(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for p in profiles:
        mark = "*" if p.name == planner.profile_name else " "
        _out(f"{mark} {p.name}  ({_describe(p)})")
    return 0


def _show(planner: Planner, args: argparse.Namespace) -> int:
    profile = planner.profile()
    if args.format == "json":
        _out(json.dumps(profile_json(profile, True), indent=2, ensure_ascii=False))
    else:
        _out(f"{profile.name}: {_describe(profile)}")
    return 0


def _create(planner: Planner, args: argparse.Namespace) -> int:
    created = planner.profiles.create(args.name).value
    _out(f"created profile '{created.name}' (use it with --profile '{created.name}')")
    return 0


def _rename(planner: Planner, args: argparse.Namespace) -> int:
    renamed = planner.profiles.rename(args.old, args.new).value
    _out(f"renamed '{args.old}' to '{renamed.name}'")
    return 0


def _delete(planner: Planner, args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError(
            f"deleting '{args.name}' removes its progress, notes and study time: add --yes"
        )
    if args.name == planner.profile_name:
        others = [p.name for p in planner.profiles.all() if p.name != args.name]
        if not others:
            raise UsageError("this is the only profile; create another before deleting it")
        planner.profiles.use(others[0])
    planner.profiles.delete(args.name)
    _out(f"deleted profile '{args.name}'")
    return 0


def _set(planner: Planner, args: argparse.Namespace) -> int:
    tracks: list[str] | None = [] if args.no_tracks else args.track
    if (
        args.hours_per_week is None
        and args.slots is None
        and args.plan_by_pace is None
        and not any(
            (args.role, tracks is not None, args.start, args.strategy, args.target, args.no_target)
        )
    ):
        raise UsageError(
            "nothing to change: give --role, --track, --hours-per-week, --start, --strategy, "
            "--target, --slots or --plan-by-pace"
        )
    profile = planner.profiles.update(
        role=args.role,
        tracks=tracks,
        hours_per_week=args.hours_per_week,
        start=parse_date(args.start) if args.start else None,
        strategy=args.strategy,
        target_date=parse_date(args.target) if args.target else None,
        clear_target_date=args.no_target,
        study_slots=args.slots,
        plan_by_pace=args.plan_by_pace,
    ).value
    _out(f"{profile.name}: {_describe(profile)}")
    unmet = choice_warning(planner, profile)
    if unmet:
        # Accepted, not refused: a role is often set first and its tracks in a second step.
        sys.stderr.write(unmet + "\n")
    return 0


def choice_warning(planner: Planner, profile: Profile) -> str | None:
    """One line when the profile's role asks for a track choice its tracks do not meet."""
    if profile.role is None:
        return None
    role = planner.library().roles.get(profile.role)
    choice = role.unmet_choice(profile.tracks) if role is not None else None
    if choice is None:
        return None
    return (
        f"warning: role '{profile.role}' asks for at least {choice.choose_at_least} "
        f"{choice.name.lower()} track: {', '.join(choice.tracks)} (add --track ID)"
    )


def _note(planner: Planner, args: argparse.Namespace) -> int:
    if args.text is None:
        note = planner.progress.note(args.skill)
        if note:
            _out(note)
        return 0
    planner.progress.set_note(args.skill, args.text)
    _out(f"{args.skill}: note saved" if args.text else f"{args.skill}: note cleared")
    return 0
