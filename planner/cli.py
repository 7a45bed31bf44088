"""The `planner` command line: every use case of the app, scriptable and without a display."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from planner import __version__, cli_db, cli_export, cli_library, cli_profile, cli_time
from planner.core.model import STATUSES
from planner.core.plan import STRATEGIES
from planner.core.units import format_hours, parse_date, parse_duration, plural
from planner.errors import DatabaseError, PlannerError, RoadmapError, UsageError
from planner.export import markdown, report
from planner.library.load import LoadedFile, check_paths, read_file
from planner.library.quiz import check_quiz, read_quiz
from planner.library.schema import Skill
from planner.paths import builtin_roadmap_files
from planner.service import DEFAULT_PROFILE, Planner

Handler = Callable[[argparse.Namespace], int]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(one_line(text) + "\n")


def one_line(text: str) -> str:
    """`text` as one line a terminal shows as written: line breaks, control and bidi
    characters, and bytes of a name that are not UTF-8 are shown as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# ---------------------------------------------------------------------------- check
def cmd_check(args: argparse.Namespace) -> int:
    """Validate roadmap files together, on top of the built-in library; touch no database."""
    paths = [Path(p) for p in args.files]
    quizzes = [p for p in paths if _is_quiz(p)]
    loaded, problems = check_paths([p for p in paths if p not in quizzes], _builtin_context(paths))
    quiz_lines: list[str] = []
    if not problems:
        for path in quizzes:
            try:
                quiz_lines.append(_check_quiz(path, loaded))
            except RoadmapError as error:
                problems.extend(error.problems)
    if problems:
        for problem in sorted(problems):
            _err(str(problem))
        files = len({p.file for p in problems})
        _err(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}"
        )
        return 1
    for f in loaded:
        skills = f.roadmap.skills
        hours = sum(s.hours for s in skills)
        roles = f.roadmap.roles
        tracks = sum(len(r.tracks) for r in roles)
        _out(
            f"{f.name}: ok, {_count(len(skills), 'skill')} ({hours:,.0f} h), "
            f"{_count(len(roles), 'role')}, {_count(tracks, 'track')}"
        )
    for line in quiz_lines:
        _out(line)
    return 0


def _is_quiz(path: Path) -> bool:
    """A "which role fits me?" questionnaire rather than a roadmap: it has `questions`."""
    try:
        if not path.is_file():  # a device (/dev/zero) or a pipe could be read forever
            return False  # read_file reports it
        with path.open("rb") as file:
            head = file.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return False  # read_file reports it
    return re.search(r"^questions\s*:", head, re.MULTILINE) is not None


def _check_quiz(path: Path, loaded: Sequence[LoadedFile]) -> str:
    """Validate a questionnaire against the roles and skills of the files and built-ins."""
    quiz = read_quiz(path)
    roles: set[str] = set()
    skills: set[str] = set()
    for f in [*loaded, *_builtin_files(exclude=[f.name for f in loaded])]:
        roles |= {r.id for r in f.roadmap.roles}
        skills |= {s.id for s in f.roadmap.skills}
    check_quiz(quiz, roles, skills)
    return f"{quiz.name}: ok, {_count(len(quiz.quiz.questions), 'question')}"


def _builtin_files(exclude: Sequence[str]) -> list[LoadedFile]:
    given = {Path(name).resolve() for name in exclude}
    files: list[LoadedFile] = []
    for path in builtin_roadmap_files():
        if path.resolve() not in given:
            try:
                files.append(read_file(path))
            except RoadmapError:
                continue  # reported when that file is checked itself
    return files


def _builtin_context(checked: Sequence[Path]) -> list[Skill]:
    """Skills of the built-in library that files being checked may refer to."""
    return [s for f in _builtin_files(exclude=[str(p) for p in checked]) for s in f.roadmap.skills]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------- the database
def _open(args: argparse.Namespace) -> Planner:
    return Planner.open(args.db, args.profile)


def _json(data: object) -> None:
    _out(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def cmd_import(args: argparse.Namespace) -> int:
    """Validate files against the stored library, then add or update everything in them."""
    planner = _open(args)
    try:
        counts = planner.import_files([Path(p) for p in args.files])
    finally:
        planner.close()
    _out(
        f"imported: {_count(counts.skills_added, 'new skill')}, "
        f"{_count(counts.skills_updated, 'updated skill')}, "
        f"{_count(counts.roles_added, 'new role')}, {_count(counts.roles_updated, 'updated role')}"
    )
    return 0


def cmd_roles(args: argparse.Namespace) -> int:
    """List the roles and their tracks."""
    planner = _open(args)
    try:
        roles = list(planner.library().roles.values())
    finally:
        planner.close()
    if args.format == "json":
        _json([report.role_json(r) for r in roles])
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
    planner = _open(args)
    try:
        library = planner.library()
        if args.role:
            plan = planner.plan(args.role, args.track)  # no --track: the profile's tracks
            steps = {s.skill.id: s.status for s in plan.steps}
            skills = [library.skills[s] for s in steps]
            status = steps
        else:
            skills = list(library.skills.values())
            known = planner.skill_statuses()
            status = {s.id: known.get(s.id, "todo") for s in skills}
    finally:
        planner.close()
    if args.format == "json":
        _json([report.skill_json(s, status[s.id]) for s in skills])
        return 0
    for skill in skills:
        _out(
            f"{report.MARKS[status[skill.id]]} {skill.id:<40} "
            f"{format_hours(skill.hours):>6}  {skill.name}"
        )
    return 0


def cmd_roadmap(args: argparse.Namespace) -> int:
    """Print the ordered, dated plan for a role."""
    planner = _open(args)
    try:
        plan = planner.plan(
            args.role,
            [] if args.no_tracks else args.track,  # no --track: the profile's tracks
            hours_per_week=args.hours_per_week,
            start=parse_date(args.start) if args.start else None,
            strategy=args.strategy,
        )
        library = planner.library()
        personal_goals = planner.personal_goals()
    finally:
        planner.close()
    if args.format == "json":
        _json(report.plan_json(plan, personal_goals))
    elif args.format == "markdown":
        _out(markdown.plan_markdown(plan, library).rstrip())
    else:
        _out(report.plan_text(plan, library))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Record a status change."""
    planner = _open(args)
    try:
        day = parse_date(args.date) if args.date else None
        change = planner.set_status(args.skill, args.state, day)
        needed = planner.open_prerequisites(change.skill) if change.status == "in-progress" else []
    finally:
        planner.close()
    _out(f"{change.skill}: {change.previous} -> {change.status} ({change.day.isoformat()})")
    _prerequisite_notice(change.skill, needed)
    return 0


def _prerequisite_notice(skill_id: str, needed: list[str]) -> None:
    """One line naming the hard prerequisites of a skill just begun that are still open."""
    if needed:
        _out(
            f"note: {skill_id} needs {plural(len(needed), 'skill')} not done yet: "
            f"{', '.join(needed)}; the plan puts them first (mark any you already know "
            "with `planner status SKILL done`)"
        )


def cmd_log(args: argparse.Namespace) -> int:
    """Record a study session."""
    planner = _open(args)
    try:
        minutes = parse_duration(args.duration)
        day = parse_date(args.date) if args.date else None
        logged, started = planner.log_study(args.skill, minutes, day, args.note or "")
        studying = planner.statuses().get(logged.skill) == "in-progress"
        needed = planner.open_prerequisites(logged.skill) if studying else []
    finally:
        planner.close()
    _out(f"{logged.skill}: logged {report.duration(logged.minutes)} on {logged.day.isoformat()}")
    if started is not None:
        _out(f"{started.skill}: todo -> in-progress")
    _prerequisite_notice(logged.skill, needed)
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    """Counts, hours, streaks and the forecast for the learner's plan."""
    planner = _open(args)
    try:
        plan, progress = planner.progress(args.role)
    finally:
        planner.close()
    if args.format == "json":
        _json(report.progress_json(args.profile, plan, progress))
    else:
        _out(report.progress_text(args.profile, plan, progress))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """The learner's newest entries: status changes, study sessions and their corrections."""
    planner = _open(args)
    try:
        activity = planner.recent_activity(args.limit)
    finally:
        planner.close()
    if args.format == "json":
        _json([report.activity_json(a) for a in activity])
    else:
        for entry in activity:
            _out(report.activity_text(entry))
    return 0


def cmd_session(args: argparse.Namespace) -> int:
    """Correct, delete or restore a study session; every change stays in the history."""
    editing = (args.duration, args.date, args.note)
    if args.action != "edit" and any(v is not None for v in editing):
        raise UsageError("--duration, --date and --note go with `session edit` only")
    planner = _open(args)
    try:
        if args.action == "delete":
            planner.delete_study_session(args.id)
        elif args.action == "restore":
            planner.restore_study_session(args.id)
        else:
            planner.edit_study_session(
                args.id,
                minutes=parse_duration(args.duration) if args.duration is not None else None,
                day=parse_date(args.date) if args.date is not None else None,
                note=args.note,
            )
        found = planner.study_session(args.id)
    finally:
        planner.close()
    state = "deleted" if found.deleted else f"{report.duration(found.minutes)}"
    _out(f"session #{found.id} ({found.skill}, {found.day.isoformat()}): {state}")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Two roles side by side."""
    planner = _open(args)
    try:
        comparison = planner.compare(args.role_a, args.role_b)
        library = planner.library()
    finally:
        planner.close()
    if args.format == "json":
        _json(report.compare_json(comparison))
    else:
        _out(report.compare_text(comparison, library))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app."""
    from planner.app import run

    explicit_profile = args.profile if args.profile != DEFAULT_PROFILE else None
    return run(args.db, explicit_profile)


# ---------------------------------------------------------------------------- parser
def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours") from None
    return value


def _session_number(text: str) -> int:
    """A study session's number: a positive whole number SQLite can store."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a session number: {text!r}") from None
    if not 0 < number < 2**63:
        raise argparse.ArgumentTypeError(f"no study session has the number {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; `planner --help` shows it."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Plan and track your study roadmap to AI engineer or ML engineer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $PLANNER_DB or the user data folder)"
    )
    parser.add_argument(
        "--profile", metavar="NAME", default="default", help="the learner (default: default)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    def formats(p: argparse.ArgumentParser, *choices: str) -> None:
        p.add_argument("--format", choices=choices, default="text")

    command("gui", cmd_gui, "open the desktop app (the default)")
    p = command("check", cmd_check, "validate roadmap files; touches no database")
    p.add_argument("files", nargs="+", metavar="FILE")
    p = command("import", cmd_import, "validate, then add or update skills and roles")
    p.add_argument("files", nargs="+", metavar="FILE")
    formats(command("roles", cmd_roles, "list the roles and their tracks"), "text", "json")
    p = command("skills", cmd_skills, "list skills with your status")
    p.add_argument("--role", metavar="ID", help="only the skills of this role's plan")
    p.add_argument("--track", metavar="ID", action="append", help="with --role: add a track")
    formats(p, "text", "json")
    p = command("roadmap", cmd_roadmap, "your ordered, dated study plan for a role")
    p.add_argument("--role", metavar="ID", required=True)
    p.add_argument("--track", metavar="ID", action="append", help="add a track (repeatable)")
    p.add_argument("--no-tracks", action="store_true", help="ignore the profile's tracks")
    p.add_argument("--hours-per-week", metavar="H", type=_hours)
    p.add_argument("--start", metavar="YYYY-MM-DD")
    p.add_argument("--strategy", metavar="NAME", help=f"one of: {', '.join(STRATEGIES)}")
    formats(p, "text", "json", "markdown")
    p = command("status", cmd_status, "set a skill's status")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("state", metavar="STATE", choices=STATUSES, help=" | ".join(STATUSES))
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")
    p = command("log", cmd_log, "log a study session")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("duration", metavar="DURATION", help="like 90m, 1.5h or 2h30m")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")
    p.add_argument("--note", metavar="TEXT")
    p = command("progress", cmd_progress, "how far you are and how fast you go")
    p.add_argument("--role", metavar="ID", help="default: your profile's role")
    formats(p, "text", "json")
    p = command("history", cmd_history, "your newest entries: statuses, sessions, corrections")
    p.add_argument("--limit", metavar="N", type=int, default=30, help="how many (default: 30)")
    formats(p, "text", "json")
    p = command("session", cmd_session, "correct, delete or restore a logged study session")
    p.add_argument("action", choices=("edit", "delete", "restore"))
    p.add_argument(
        "id", metavar="ID", type=_session_number, help="the session's number (see `history`)"
    )
    p.add_argument("--duration", metavar="DURATION", help="edit: like 90m, 1.5h or 2h30m")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="edit: the day studied")
    p.add_argument("--note", metavar="TEXT", help="edit: the note")
    cli_profile.register(sub, _open)
    cli_export.register(sub, _open)
    cli_db.register(sub, _open)
    cli_library.register(sub, _open)
    cli_time.register(sub, _open)
    p = command("compare", cmd_compare, "two roles side by side")
    p.add_argument("role_a", metavar="ROLE_A")
    p.add_argument("role_b", metavar="ROLE_B")
    formats(p, "text", "json")
    return parser


# Arguments naming files: a file name may hold any bytes, other text must be Unicode.
_PATH_ARGUMENTS = ("db", "file", "to_")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _check_text(args: argparse.Namespace) -> None:
    """Refuse text that is not UTF-8 (Python passes its bytes on as lone surrogates): a name
    or a note cannot be stored or shown with them."""
    for dest, value in vars(args).items():
        if dest.startswith(_PATH_ARGUMENTS):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and _SURROGATE.search(item):
                raise UsageError(f"'{item}' is not UTF-8 text (check the terminal's encoding)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 1 user error, 2 bad usage)."""
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 reaches us as surrogates: show it escaped, not crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", cmd_gui)
    try:
        _check_text(args)
        return handler(args)
    except PlannerError as error:
        # One line per problem: a message quoting a value with a line break stays one line.
        problems = error.problems if isinstance(error, RoadmapError) else [error]
        lines = [str(p) for p in problems] or ["unknown error"]
        if isinstance(error, DatabaseError):
            lines[-1] += cli_db.restore_hint(error, args.db)
        for line in lines:
            _err(f"planner: {line}")
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # a path the system refuses: too long, not allowed, a full disk
        where = f"{error.filename}: " if error.filename else ""
        _err(f"planner: {where}{error.strerror or error}")
        return 1
    except Exception as error:  # a bug: say so in one line rather than dump a traceback
        if os.environ.get("PLANNER_DEBUG"):
            traceback.print_exc()
        _err(
            f"planner: internal error: {type(error).__name__}: {error} "
            "(PLANNER_DEBUG=1 shows details)"
        )
        return 1
