"""The `planner skill delete` and `planner role delete` commands: the library editor's
deletions from the command line (adding and changing go through roadmap files and `import`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from planner.cli_profile import with_planner
from planner.core.edit import EditError, LibraryChange, delete_skill_change
from planner.service import Planner

Opener = Callable[[argparse.Namespace], Planner]


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def register(sub: Any, opener: Opener) -> None:
    """Add `planner skill ...` and `planner role ...` to the `planner` parser."""
    run = with_planner(opener)
    skill = sub.add_parser("skill", help="delete a skill from the library (history is kept)")
    actions = skill.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "delete",
        help="delete a skill and take it out of every prerequisite and goal list",
        description="Delete a skill. Your history on it is kept: importing a file that "
        "defines it again brings it back with its history.",
    )
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=run(_delete_skill))
    role = sub.add_parser("role", help="delete a role from the library")
    actions = role.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("delete", help="delete a role; its skills stay in the library")
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=run(_delete_role))


def _delete_skill(planner: Planner, args: argparse.Namespace) -> int:
    effects = planner.deletion_effects(args.id)
    library = planner.library()
    if effects.only_goal_of:
        raise EditError(
            [
                f"'{args.id}' is the only goal of role {', '.join(effects.only_goal_of)}: "
                "give the role another goal first"
            ]
        )
    planner.edit_library(delete_skill_change(library, args.id))
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
    planner.role(args.id)
    users = [p.name for p in planner.profiles() if p.role == args.id]
    planner.edit_library(LibraryChange(roles={args.id: None}))
    left = f"; profiles without a role now: {', '.join(users)}" if users else ""
    _out(f"deleted role '{args.id}'{left}")
    return 0
