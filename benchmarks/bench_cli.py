"""The `planner` command line as people type it: whole processes, each beside a floor process
timed in the same run (issue 16).

Every command a learner types day to day runs on the database of a returning learner (the
built-in library; a profile with a role, a track, a pace and a start; some skills done, one in
progress, study sessions and notes) with no flags, as they would type it, against a floor: a
process that imports SQLAlchemy, reads the same rows with plain SQL and prints them (the
floors are below, each saying what it reads). `--help` runs against a bare `python -c pass`,
`check` against a process that only parses the YAML, and `roadmap --format json` on a 10k-skill
library against a process that reads the graph and sorts it with networkx.

Commands that write (`status`, `log`, `note`) and their floors run on a fresh copy of the
database every run (copied before the clock starts), so every run does the same work. Runs
go in rounds, each round running every process once, each command followed by its floor; the
first round is not counted (bytecode is cached, as for an installed app).

The ratio is paired: in each round a command's time over its floor's in the same round, and
the median of those `RUNS` ratios (the median columns are each side's median time). The load
of a shared machine comes and goes between rounds; within a round both sides of a pair see
the same, so a busy round no longer lands on one side only (the sixth look's runs moved by
0.2-0.5x where this had not been done).
"""

from __future__ import annotations

import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_app import environment
from benchmarks.common import (
    Row,
    Timing,
    fill_database,
    paired_ratio,
    returning_learner,
    synthetic_library,
)
from benchmarks.floors import HEAD, PLAN_ROWS
from planner.paths import builtin_roadmap_files
from planner.service import Planner

RUNS = 21  # rounds counted (about 10 s each on two cores): a shared machine's bursts even out
BIG = 10_000
PLANNER = [sys.executable, "-m", "planner"]
DAILY_TARGET = 1.3  # times the SQLAlchemy floor

YAML_FLOOR = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as file:
        yaml.compose(file, Loader=yaml.SafeLoader)  # the nodes with their line numbers
"""

ROLES_FLOOR = (
    HEAD
    + """
with engine.connect() as c:
    roles = q(c, "SELECT id, name FROM role ORDER BY position")
    tracks = q(c, "SELECT role_id, id, name FROM track ORDER BY position")
for role_id, name in roles:
    print(role_id, name)
    for owner, track_id, track_name in tracks:
        if owner == role_id:
            print("   --track", track_id, track_name)
"""
)

SKILLS_FLOOR = (
    HEAD
    + """
with engine.connect() as c:
    rows = q(c, "SELECT s.id, s.name, s.hours, coalesce(st.status, 'todo') FROM skill s "
             "LEFT JOIN skill_state st ON st.skill_id = s.id AND st.profile_id = "
             "(SELECT id FROM profile WHERE name = 'default') "
             "WHERE s.deleted_at IS NULL ORDER BY s.position")
for skill_id, name, hours, status in rows:
    print(status, skill_id, hours, name)
"""
)

ROADMAP_FLOOR = (
    HEAD
    + PLAN_ROWS
    + """
with engine.connect() as c:
    _, heading, steps = plan_rows(c)
print(heading)
for skill, name, area, hours, week, mine, since in steps:
    print(f"{skill:<40} {area:<20} {hours:>5g} h (you: ~{mine:.2g} h)  week {week:.0f}  {name}",
          f"(started {since})" if since else "")
"""
)

PROGRESS_FLOOR = (
    HEAD
    + PLAN_ROWS
    + """
with engine.connect() as c:
    pid, heading, steps = plan_rows(c)
    days = q(c, "SELECT day, sum(minutes) FROM study_session WHERE profile_id = :p "
                "AND deleted_at IS NULL GROUP BY day ORDER BY day", p=pid)
    timeline = q(c, "SELECT skill_id, day, status FROM status_timeline "
                    "WHERE profile_id = :p ORDER BY day", p=pid)
print(heading, len(steps), "steps left,", sum(m for _, m in days) / 60, "hours on", len(days),
      "days,", len(timeline), "changes")
"""
)

HISTORY_FLOOR = (
    HEAD
    + """
with engine.connect() as c:
    pid = q(c, "SELECT id FROM profile WHERE name = 'default'")[0][0]
    events = q(c, "SELECT id, skill_id, status, day, recorded_at FROM progress_event "
                  "WHERE profile_id = :p ORDER BY id DESC LIMIT 30", p=pid)
    sessions = q(c, "SELECT id, skill_id, day, minutes, note, recorded_at, deleted_at "
                    "FROM study_session WHERE profile_id = :p ORDER BY id DESC LIMIT 30", p=pid)
for row in sorted(events + sessions, key=lambda r: r[-1] or "", reverse=True)[:30]:
    print(*row)
"""
)

# The writers: one transaction each, as the commands make.
STATUS_FLOOR = (
    HEAD
    + """
import datetime
skill, status, today = sys.argv[2], sys.argv[3], datetime.date.today().isoformat()
now = datetime.datetime.now().isoformat(" ")
with engine.begin() as c:
    pid = q(c, "SELECT id FROM profile WHERE name = 'default'")[0][0]
    before = q(c, "SELECT status FROM skill_state WHERE profile_id = :p AND skill_id = :s",
               p=pid, s=skill)
    event = c.execute(sa.text("INSERT INTO progress_event (profile_id, skill_id, status, day, "
                              "recorded_at) VALUES (:p, :s, :st, :d, :n)"),
                      dict(p=pid, s=skill, st=status, d=today, n=now)).lastrowid
    c.execute(sa.text("INSERT OR REPLACE INTO skill_state VALUES (:p, :s, :st, :d, :e)"),
              dict(p=pid, s=skill, st=status, d=today, e=event))
    c.execute(sa.text("INSERT OR REPLACE INTO status_timeline VALUES (:p, :s, :d, :st, :e)"),
              dict(p=pid, s=skill, d=today, st=status, e=event))
print(skill, before[0][0] if before else "todo", "->", status, today)
"""
)

LOG_FLOOR = (
    HEAD
    + """
import datetime
skill, minutes, today = sys.argv[2], int(sys.argv[3]), datetime.date.today().isoformat()
now = datetime.datetime.now().isoformat(" ")
with engine.begin() as c:
    pid = q(c, "SELECT id FROM profile WHERE name = 'default'")[0][0]
    c.execute(sa.text("INSERT INTO study_session (profile_id, skill_id, day, minutes, note, "
                      "recorded_at) VALUES (:p, :s, :d, :m, '', :n)"),
              dict(p=pid, s=skill, d=today, m=minutes, n=now))
    status = q(c, "SELECT status FROM skill_state WHERE profile_id = :p AND skill_id = :s",
               p=pid, s=skill)
    open_ = q(c, "SELECT r.prerequisite_id FROM prerequisite r LEFT JOIN skill_state st "
                 "ON st.skill_id = r.prerequisite_id AND st.profile_id = :p "
                 "WHERE r.skill_id = :s AND r.hard "
                 "AND coalesce(st.status, 'todo') NOT IN ('done', 'skipped')", p=pid, s=skill)
print(skill, "logged", minutes, "min on", today, status, [r[0] for r in open_])
"""
)

NOTE_FLOOR = (
    HEAD
    + """
import datetime
skill, text = sys.argv[2], sys.argv[3]
with engine.begin() as c:
    pid = q(c, "SELECT id FROM profile WHERE name = 'default'")[0][0]
    c.execute(sa.text("INSERT INTO note VALUES (:p, :s, :t, :n) ON CONFLICT DO UPDATE "
                      "SET text = excluded.text, updated_at = excluded.updated_at"),
              dict(p=pid, s=skill, t=text, n=datetime.datetime.now().isoformat(" ")))
print(skill, "note saved")
"""
)

# `export --pdf`: the same work minus the planner. The export's rows read with plain SQL (the
# plan's, its notes, sessions, status entries, minutes per day and timeline), then the very PDF
# the command draws — the app's own renderer (`write_exports`, every section: plan table, graph,
# charts, a block per skill, bookmarks) — of the same export data, which the floor unpickles
# (made once by the service before the clock starts) instead of building it with the planner.
# What the command pays above it is the planner: its CLI, service, storage and planning.
PDF_FLOOR = (
    HEAD
    + PLAN_ROWS
    + """
with engine.connect() as c:
    pid, _, steps = plan_rows(c)
    notes = dict(q(c, "SELECT skill_id, text FROM note WHERE profile_id = :p", p=pid))
    sessions = q(c, "SELECT * FROM study_session WHERE profile_id = :p ORDER BY day", p=pid)
    events = q(c, "SELECT * FROM progress_event WHERE profile_id = :p ORDER BY id", p=pid)
    days = q(c, "SELECT day, sum(minutes) FROM study_session WHERE profile_id = :p "
                "AND deleted_at IS NULL GROUP BY day ORDER BY day", p=pid)
    timeline = q(c, "SELECT skill_id, day, status FROM status_timeline "
                    "WHERE profile_id = :p ORDER BY day", p=pid)
import pickle
from pathlib import Path
from planner.export.bundle import write_exports
from planner.export.options import PdfOptions
from planner.export.pdf.qt import gui_application
data = pickle.loads(Path(sys.argv[3]).read_bytes())
with gui_application():
    written = write_exports(data, [("pdf", Path(sys.argv[2]))], pdf=PdfOptions(paper="a4"))
print("wrote", *written)
"""
)

BIG_ROADMAP_FLOOR = """
import json, sys, networkx as nx, sqlalchemy as sa
engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as c:
    skills = c.execute(sa.text("SELECT id, name, area, hours FROM skill")).all()
    edges = c.execute(sa.text("SELECT prerequisite_id, skill_id FROM prerequisite")).all()
graph = nx.DiGraph()
graph.add_nodes_from(s[0] for s in skills)
graph.add_edges_from(edges)
rows = {s[0]: s for s in skills}
steps = [
    {"skill": i, "name": rows[i][1], "area": rows[i][2], "hours": rows[i][3]}
    for i in nx.lexicographical_topological_sort(graph)
]
print(json.dumps({"steps": steps}, indent=2))
"""

# What every daily command pays before its own query, in today's architecture: the service
# imported (the tables, the queries, the use cases) and the database opened through it.
OPEN_ONLY = """
import sys
from planner.service import Planner
Planner.open(sys.argv[1]).close()
"""

# The `roles` floor in a process that has also imported what the app's storage layer is made
# of: the app's 20 tables (planner.db.tables, SQLAlchemy Core since the fifth look; until then
# declarative ORM classes, whose import alone was 1.63x this floor).
TABLES_ROLES = "import planner.db.tables\n" + ROLES_FLOOR

# What a `planner roles` that loads no more than it needs would cost: the CLI's parser, the
# checks `Database.open` makes on an existing file (SQLite's quick check, the revision), then
# the `roles` floor's SQLAlchemy reads.
LEAN_ROLES = (
    """
import sqlite3, sys
from planner.cli.parser import build_parser
build_parser().parse_args(["roles"])
check = sqlite3.connect(sys.argv[1])
check.execute("PRAGMA quick_check").fetchall()
check.execute("SELECT version_num FROM alembic_version").fetchall()
check.close()
"""
    + ROLES_FLOOR
)

WORK = "{work}"  # in a command: the fresh copy of the database this run works on


@dataclass(frozen=True)
class Case:
    name: str
    size: str
    command: list[str]
    floor_name: str
    floor: list[str]
    target: float | None
    writes: bool = False  # both sides run on a fresh copy of the database
    floor_of: str | None = None  # the floor is that case's (timed once, not again)


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def _timing(samples: list[float]) -> Timing:
    return Timing(statistics.median(samples), min(samples), len(samples))


def big_learner(db: Path) -> None:
    """The synthetic 10k-skill library and a profile on its role, 5 % done."""
    library = synthetic_library(BIG)
    fill_database(db, library)
    planner = Planner.open(db)
    planner.profiles.update(role="role", hours_per_week=10)
    planner.progress.set_statuses(list(library.skills)[: BIG // 20], "done")
    planner.close()


def export_data(db: Path, to: Path) -> None:
    """The export data `planner export` makes of the learner's plan, pickled for the floor."""
    planner = Planner.open(db)
    try:
        data = planner.planning.export_data(planner.profile().role)
    finally:
        planner.close()
    to.write_bytes(pickle.dumps(data))


def cases(db: Path, big: Path, work: Path, pdf: Path, pickled: Path) -> list[Case]:
    python = [sys.executable, "-c"]
    files = [str(p) for p in builtin_roadmap_files()]

    def daily(
        name: str, argv: list[str], floor: str, *floor_args: str, writes: bool = False
    ) -> Case:
        """A daily command beside its SQLAlchemy floor, on the same database."""
        base = WORK if writes else str(db)
        pdf_floor = "write_exports" in floor
        return Case(
            name,
            "built-in",
            [*PLANNER, "--db", base, *argv],
            "same rows + the same PDF" if pdf_floor else "SQLAlchemy, same rows",
            [*python, floor, base, *floor_args],
            DAILY_TARGET,
            writes,
        )

    return [
        Case(
            "planner --help",
            "process",
            [*PLANNER, "--help"],
            "python -c pass",
            [*python, "pass"],
            3.0,
        ),
        Case(
            "planner check (built-in files)",
            "process",
            [*PLANNER, "check", *files],
            "parse the YAML only",
            [*python, YAML_FLOOR, *files],
            1.5,
        ),
        daily("planner roles", ["roles"], ROLES_FLOOR),
        daily("planner skills", ["skills"], SKILLS_FLOOR),
        daily("planner roadmap", ["roadmap"], ROADMAP_FLOOR),
        daily("planner progress", ["progress"], PROGRESS_FLOOR),
        daily("planner history", ["history"], HISTORY_FLOOR),
        daily(
            "planner status",
            ["status", "sql", "in-progress"],
            STATUS_FLOOR,
            "sql",
            "in-progress",
            writes=True,
        ),
        daily("planner log", ["log", "pandas", "45m"], LOG_FLOOR, "pandas", "45", writes=True),
        daily(
            "planner note",
            ["note", "pandas", "merge: how='left'"],
            NOTE_FLOOR,
            "pandas",
            "merge: how='left'",
            writes=True,
        ),
        daily(
            "planner export --pdf",
            ["export", "--pdf", str(pdf)],
            PDF_FLOOR,
            str(pdf.with_name("floor.pdf")),
            str(pickled),
        ),
        Case(
            "(floor: open the planner only)",
            "built-in",
            [*python, OPEN_ONLY, str(db)],
            "SQLAlchemy, same rows",
            [],
            None,
            floor_of="planner roles",
        ),
        Case(
            "(floor: roles + the app's tables)",
            "built-in",
            [*python, TABLES_ROLES, str(db)],
            "SQLAlchemy, same rows",
            [],
            None,
            floor_of="planner roles",
        ),
        Case(
            "(lean roles: parser, checks, rows)",
            "built-in",
            [*python, LEAN_ROLES, str(db)],
            "SQLAlchemy, same rows",
            [],
            None,
            floor_of="planner roles",
        ),
        Case(
            "planner roadmap --format json",
            f"{BIG // 1000}k",
            [*PLANNER, "--db", str(big), "roadmap", "--format", "json"],
            "SQLAlchemy + nx sort, JSON",
            [*python, BIG_ROADMAP_FLOOR, str(big)],
            1.5,
        ),
    ]


def _fresh_copy(template: Path, work: Path) -> None:
    for end in ("-wal", "-shm"):
        work.with_name(work.name + end).unlink(missing_ok=True)
    shutil.copyfile(template, work)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = environment(home)
        db, big, work = home / "learner.sqlite3", home / "big.sqlite3", home / "work.sqlite3"
        returning_learner(db)
        big_learner(big)
        export_data(db, home / "export.pickle")
        all_cases = cases(db, big, work, home / "plan.pdf", home / "export.pickle")

        def once(case: Case, command: list[str]) -> float:
            if case.writes:
                _fresh_copy(db, work)
                command = [str(work) if part == WORK else part for part in command]
            return _time(command, env)

        # Each command beside its floor, run one after the other: what the machine does
        # meanwhile changes within a round, and the two of a pair then see the same (until
        # the tenth look every floor ran after all the commands, seconds away).
        runs: list[tuple[Case, list[str]]] = []
        where, floor_run = {}, {}  # case name: where its samples are, where its floor's are
        for case in all_cases:
            where[case.name] = len(runs)
            runs.append((case, case.command))
            if case.floor_of is None:
                floor_run[case.name] = len(runs)
                runs.append((case, case.floor))
        for case, command in runs:
            once(case, command)  # bytecode compiled and cached; the disk cache warm
        samples: list[list[float]] = [[] for _ in runs]
        for _ in range(RUNS):
            for i, (case, command) in enumerate(runs):
                samples[i].append(once(case, command))
    print(f"cli: ratio = median over {RUNS} rounds of (command / its floor, run in the same round)")
    rows: list[Row] = []
    for case in all_cases:
        own, floors = samples[where[case.name]], samples[floor_run[case.floor_of or case.name]]
        paired = paired_ratio(own, floors)
        target = case.target
        ok = None if target is None else paired <= target
        label = "" if target is None else f"<= {target:g}x"
        rows.append(
            Row(
                case.name,
                case.size,
                _timing(own),
                case.floor_name,
                _timing(floors),
                label,
                ok,
                paired=paired,
            )
        )
    return rows
