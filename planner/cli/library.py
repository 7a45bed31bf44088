"""The library from the command line: `import`, `roles`, `skills`, and the library editor's
deletions `skill delete` and `role delete` (adding and changing go through roadmap files)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.common import (
    action,
    command,
    count,
    formats,
    group,
    open_planner,
    opened,
    print_json,
)
from planner.cli.common import out as _out
from planner.cli.common import with_planner as run

if TYPE_CHECKING:
    from planner.service import Planner


def register_listing(sub: Any) -> None:
    """Add `planner import`, `planner roles` and `planner skills` to the `planner` parser."""
    p = command(sub, "import", cmd_import, "validate, then add or update skills and roles")
    p.add_argument("files", nargs="+", metavar="FILE")
    formats(command(sub, "roles", cmd_roles, "list the roles and their tracks"), "text", "json")
    p = command(sub, "skills", cmd_skills, "list skills with your status")
    p.add_argument("--role", metavar="ID", help="only the skills of this role's plan")
    p.add_argument("--track", metavar="ID", action="append", help="with --role: add a track")
    formats(p, "text", "json")


def cmd_import(args: argparse.Namespace) -> int:
    """Validate files against the stored library, then add or update everything in them."""
    planner = open_planner(args)  # the files read and checked outside any transaction
    try:
        counts = planner.editing.import_files([Path(p) for p in args.files])
    finally:
        planner.close()
    _out(
        f"imported: {count(counts.skills_added, 'new skill')}, "
        f"{count(counts.skills_updated, 'updated skill')}, "
        f"{count(counts.roles_added, 'new role')}, {count(counts.roles_updated, 'updated role')}"
    )
    return 0


def cmd_roles(args: argparse.Namespace) -> int:
    """List the roles and their tracks."""
    with opened(args) as planner:
        roles = planner.roles()  # not the whole library: the skills are not needed
    if args.format == "json":
        from planner.export import listings

        print_json([listings.role_json(r) for r in roles])
        return 0
    for role in roles:
        _out(f"{role.id}  {role.name}")
        choice = role.track_choice
        if choice is not None:
            at_least = choice.choose_at_least
            _out(f"  {choice.name}: choose at least {at_least} of the tracks marked *")
        for track in role.tracks:
            mark = "*" if choice is not None and track.id in choice.tracks else " "
            later = "  (later career)" if track.later_career else ""
            _out(f"  {mark} --track {track.id}  {track.name}{later}")
    return 0


def cmd_skills(args: argparse.Namespace) -> int:
    """List the skills (of a role's plan, with --role) with the learner's status."""
    from planner.core.status import Status
    from planner.core.units import format_hours
    from planner.export import listings

    with opened(args) as planner:
        library = planner.library()
        if args.role:
            plan = planner.planning.plan(args.role, args.track)  # no --track: the profile's tracks
            steps = {s.skill.id: s.status for s in plan.steps}
            skills = [library.skills[s] for s in steps]
            status = steps
        else:
            skills = list(library.skills.values())
            known = planner.progress.skill_statuses()
            status = {s.id: known.get(s.id, Status.TODO) for s in skills}
    if args.format == "json":
        print_json([listings.skill_json(s, status[s.id]) for s in skills])
        return 0
    for skill in skills:
        _out(
            f"{listings.MARKS[status[skill.id]]} {skill.id:<40} "
            f"{format_hours(skill.hours):>6}  {skill.name}"
        )
    return 0


def register(sub: Any) -> None:
    """Add `planner skill ...` and `planner role ...` to the `planner` parser."""
    actions = group(sub, "skill", "delete a skill from the library (history is kept)")
    p = action(
        actions,
        "delete",
        run(_delete_skill),
        "delete a skill and take it out of every prerequisite and goal list",
        description="Delete a skill. Your history on it is kept: importing a file that "
        "defines it again brings it back with its history.",
    )
    p.add_argument("id", metavar="ID")
    actions = group(sub, "role", "delete a role from the library")
    p = action(
        actions, "delete", run(_delete_role), "delete a role; its skills stay in the library"
    )
    p.add_argument("id", metavar="ID")


def _delete_skill(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.edit import EditError, delete_skill_change  # not needed for --help

    effects = planner.editing.deletion_effects(args.id)
    library = planner.library()
    if effects.only_goal_of:
        raise EditError(
            [
                f"'{args.id}' is the only goal of role {', '.join(effects.only_goal_of)}: "
                "give the role another goal first"
            ]
        )
    planner.editing.edit(delete_skill_change(library, args.id))
    touched = [
        *(f"requires of {s}" for s in effects.required_by),
        *(f"recommends of {s}" for s in effects.recommended_by),
        *(f"goals of role {r}" for r in effects.goal_of),
        *(f"goals of track {r}/{t}" for r, t in effects.track_goal_of),
    ]
    where = f"; taken out of: {', '.join(touched)}" if touched else ""
    _out(f"deleted skill '{args.id}'{where}")
    return 0


def _delete_role(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.edit import LibraryChange

    planner.role(args.id)
    users = [p.name for p in planner.profiles.all() if p.role == args.id]
    planner.editing.edit(LibraryChange(roles={args.id: None}))
    left = f"; profiles without a role now: {', '.join(users)}" if users else ""
    _out(f"deleted role '{args.id}'{left}")
    return 0
