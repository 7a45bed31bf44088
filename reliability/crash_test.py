"""Crash test: kill real `planner` writers with SIGKILL and check that no history is lost.

    python -m reliability.crash_test --trials 200 [--seed S] [--keep]

Each trial works in a fresh temporary data folder: a copy of a database made once per run (the
built-in library and a profile), or no database at all (the writer creates it), or a database of
the first released schema (tests/db/fixtures/schema-0001.sqlite3: the writer backs it up and
migrates it). It runs `planner` writers one after another (status, log, note, session edit and
delete, profile set), and after each reads the database (read-only) to check that the writer's
acknowledged output is exactly what was stored. One writer per trial, the victim, is stopped at
a random moment, its state noted from /proc (which locks it held), and killed with SIGKILL. Its
change must then be all there or not there at all. Writers after it must work, and at the end
the file must pass `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, `planner db check`
must find nothing, every acknowledged write must be present, and the cached current status
and status timeline must agree with the event log.

The victim's moment is either uniform over a writer's typical run time (most of it is Python
starting up), or, for `--targeted` of the trials, uniform over the time it spends with the
database open, counted from its first lock on the file: that is where a crash can hurt.

Linux only (/proc/locks and /proc/PID tell what the victim was doing). Exit status 1 on any
failure; failing trials' folders are kept and named.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OLD_SCHEMA = REPO / "tests" / "db" / "fixtures" / "schema-0001.sqlite3"
DB_NAME = "planner.sqlite3"
POLL_S = 0.0005

# Skills in the built-in library of every release (the upgrade trials use the 0001 library).
SKILLS = (
    "python-basics",
    "git",
    "sql",
    "numpy",
    "pandas",
    "statistics",
    "linear-algebra",
    "calculus",
    "probability",
    "docker",
    "pytorch",
    "backpropagation",
)
STATES = ("todo", "in-progress", "done", "skipped")
DURATIONS = {"10m": 10, "25m": 25, "45m": 45, "1h": 60, "1h30m": 90, "2h": 120}

# Where a victim was when it was stopped; the first three count as "mid-write".
IN_TRANSACTION = "in a transaction (write lock held)"
CHECKPOINT = "checkpointing / writing the file"
BACKUP = "writing the pre-migration backup"
READING = "in a read transaction"
OPEN = "connection open, outside a transaction"
AWAY = "no connection open (between connections, or exiting)"
STARTING = "starting (before its first lock on the database)"
FINISHED = "finished before the kill"
MID_WRITE = (IN_TRANSACTION, CHECKPOINT, BACKUP)
PHASES = (IN_TRANSACTION, CHECKPOINT, BACKUP, READING, OPEN, AWAY, STARTING, FINISHED)


def _say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------------------- the database
Event = tuple[int, str, str, str]  # profile, skill, status, day
Session = tuple[int, str, str, int, str, bool]  # profile, skill, day, minutes, note, deleted


@dataclass(frozen=True)
class Snapshot:
    """What a learner's history consists of, read without writing."""

    revision: str | None = None
    events: dict[int, Event] = field(default_factory=dict)
    sessions: dict[int, Session] = field(default_factory=dict)
    changes: dict[int, tuple[int, str]] = field(default_factory=dict)  # session, action
    notes: dict[tuple[int, str], str] = field(default_factory=dict)
    hours: dict[int, float] = field(default_factory=dict)  # per profile
    states: dict[tuple[int, str], tuple[str, str, int]] = field(default_factory=dict)
    timeline: list[tuple[int, str, str, str, int]] | None = None  # None: not in this schema
    requires: dict[str, frozenset[str]] = field(default_factory=dict)  # hard prerequisites

    def implied(self) -> set[str]:
        """Skills the default learner evidently knows (core.graph.implied): hard
        prerequisites of what is done or skipped, with no status of their own."""
        stack = [s for (p, s), st in self.states.items() if p == 1 and st[0] in ("done", "skipped")]
        seen: set[str] = set()
        while stack:
            for before in self.requires.get(stack.pop(), ()):
                if before not in seen:
                    seen.add(before)
                    stack.append(before)
        return {s for s in seen if self.states.get((1, s), ("todo",))[0] == "todo"}


def _connect(path: Path, alone: bool = False) -> sqlite3.Connection:
    """Read-only; `alone`: the file by itself, as a copy of just it would be (no journal or
    WAL beside it is looked at, and none is created)."""
    options = "immutable=1" if alone else "mode=ro"
    return sqlite3.connect(f"{path.as_uri()}?{options}", uri=True, timeout=10)


def read_snapshot(path: Path, alone: bool = False) -> Snapshot:
    """Every row of the history (an absent or empty file is an empty history)."""
    if not path.exists() or path.stat().st_size == 0:
        return Snapshot()
    c = _connect(path, alone)
    try:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return Snapshot()
        (revision,) = c.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
        columns = {r[1] for r in c.execute("PRAGMA table_info(study_session)")}
        deleted = "deleted_at IS NOT NULL" if "deleted_at" in columns else "0"
        return Snapshot(
            revision=revision,
            events={
                r[0]: (r[1], r[2], r[3], r[4])
                for r in c.execute(
                    "SELECT id, profile_id, skill_id, status, day FROM progress_event"
                )
            },
            sessions={
                r[0]: (r[1], r[2], r[3], r[4], r[5], bool(r[6]))
                for r in c.execute(
                    "SELECT id, profile_id, skill_id, day, minutes, note, "
                    f"{deleted} FROM study_session"
                )
            },
            changes={
                r[0]: (r[1], r[2])
                for r in (
                    c.execute("SELECT id, session_id, action FROM study_session_change")
                    if "study_session_change" in tables
                    else []
                )
            },
            notes={
                (r[0], r[1]): r[2] for r in c.execute("SELECT profile_id, skill_id, text FROM note")
            },
            hours={r[0]: float(r[1]) for r in c.execute("SELECT id, hours_per_week FROM profile")},
            states={
                (r[0], r[1]): (r[2], r[3], r[4])
                for r in c.execute(
                    "SELECT profile_id, skill_id, status, since, event_id FROM skill_state"
                )
            },
            timeline=(
                sorted(
                    tuple(r)
                    for r in c.execute(
                        "SELECT profile_id, skill_id, day, status, event_id FROM status_timeline"
                    )
                )
                if "status_timeline" in tables
                else None
            ),
            requires=_requires(c),
        )
    finally:
        c.close()


def _requires(c: sqlite3.Connection) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for skill, before in c.execute("SELECT skill_id, prerequisite_id FROM prerequisite WHERE hard"):
        found.setdefault(skill, set()).add(before)
    return {skill: frozenset(before) for skill, before in found.items()}


def consistency_problems(snap: Snapshot) -> list[str]:
    """The caches kept beside the event log must say what the log says."""
    problems: list[str] = []
    last: dict[tuple[int, str], tuple[str, str, int]] = {}
    for event_id in sorted(snap.events):
        profile, skill, status, day = snap.events[event_id]
        last[(profile, skill)] = (status, day, event_id)
    if snap.states != last:
        wrong = sorted(set(snap.states.items()) ^ set(last.items()))[:3]
        problems.append(f"skill_state disagrees with the event log: {wrong}")
    if snap.timeline is not None:
        # core.progress.status_timeline's rule: each entry restates the status from its day on.
        spans: dict[tuple[int, str], list[tuple[str, str, int]]] = {}
        for event_id in sorted(snap.events):
            profile, skill, status, day = snap.events[event_id]
            rows = spans.setdefault((profile, skill), [])
            rows[:] = [row for row in rows if row[0] < day]
            if (rows[-1][1] if rows else "todo") != status:
                rows.append((day, status, event_id))
        expected = sorted((p, s, d, st, e) for (p, s), rows in spans.items() for d, st, e in rows)
        if snap.timeline != expected:
            wrong_rows = sorted(set(snap.timeline) ^ set(expected))[:3]
            problems.append(f"status_timeline disagrees with the event log: {wrong_rows}")
    return problems


def pragma_problems(path: Path, alone: bool = False) -> list[str]:
    """`integrity_check` and `foreign_key_check`, read-only."""
    c = _connect(path, alone)
    try:
        integrity = [str(r[0]) for r in c.execute("PRAGMA integrity_check")]
        dangling = c.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        c.close()
    problems = [] if integrity == ["ok"] else [f"integrity_check: {integrity[:3]}"]
    if dangling:
        problems.append(f"foreign_key_check: {dangling[:3]}")
    return problems


@dataclass(frozen=True)
class Delta:
    """What one writer changed, ids left out; `lost` lists what disappeared (never allowed)."""

    events: tuple[Event, ...] = ()
    sessions: tuple[Session, ...] = ()
    edited: tuple[tuple[int, Session], ...] = ()
    changes: tuple[tuple[int, str], ...] = ()
    notes: tuple[tuple[tuple[int, str], str | None], ...] = ()
    hours: tuple[tuple[int, float], ...] = ()
    lost: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self != Delta()


def diff(old: Snapshot, new: Snapshot) -> Delta:
    lost = [f"event {i}" for i in old.events if new.events.get(i) != old.events[i]]
    lost += [f"session {i}" for i in old.sessions if i not in new.sessions]
    lost += [f"session change {i}" for i in old.changes if new.changes.get(i) != old.changes[i]]
    lost += [f"profile {i}" for i in old.hours if i not in new.hours]
    return Delta(
        events=tuple(new.events[i] for i in sorted(set(new.events) - set(old.events))),
        sessions=tuple(new.sessions[i] for i in sorted(set(new.sessions) - set(old.sessions))),
        edited=tuple(
            (i, new.sessions[i])
            for i in sorted(old.sessions)
            if i in new.sessions and new.sessions[i] != old.sessions[i]
        ),
        changes=tuple(new.changes[i] for i in sorted(set(new.changes) - set(old.changes))),
        notes=tuple(
            (key, new.notes.get(key))
            for key in sorted(set(old.notes) | set(new.notes))
            if old.notes.get(key) != new.notes.get(key)
        ),
        hours=tuple(
            (i, new.hours[i])
            for i in sorted(new.hours)
            if i in old.hours and old.hours[i] != new.hours[i]
        ),
        lost=tuple(lost),
    )


# ---------------------------------------------------------------------------- the writers
@dataclass(frozen=True)
class Op:
    """One `planner` command that writes, and how to tell that it did exactly its job."""

    argv: tuple[str, ...]
    # From the writer's output and the history before it: the change it reports (None when
    # the output is not what the command prints on success).
    acknowledged: Callable[[str, Snapshot], Delta | None]
    # Every complete change it may have made, for a writer killed before it could report.
    outcomes: Callable[[Snapshot], list[Delta]]

    def __str__(self) -> str:
        return "planner " + " ".join(self.argv)


def _day_of(rng: random.Random) -> str:
    return (date.today() - timedelta(days=rng.randint(0, 300))).isoformat()


def _status_op(rng: random.Random) -> Op:
    skill, state, day = rng.choice(SKILLS), rng.choice(STATES), _day_of(rng)
    pattern = re.compile(rf"{re.escape(skill)}: (\S+) -> {state} \({day}\)\n")

    def acknowledged(out: str, _before: Snapshot) -> Delta | None:
        found = pattern.fullmatch(out)
        if found is None:
            return None
        return Delta() if found[1] == state else Delta(events=((1, skill, state, day),))

    return Op(
        ("status", skill, state, "--date", day),
        acknowledged,
        lambda _before: [Delta(events=((1, skill, state, day),))],
    )


def _log_op(rng: random.Random, trial: int) -> Op:
    skill, day = rng.choice(SKILLS), _day_of(rng)
    duration = rng.choice(list(DURATIONS))
    minutes = DURATIONS[duration]
    note = rng.choice(["", f"trial {trial}: chapter {rng.randint(1, 20)}", "ünïcode — ✓ 学習"])
    session: Session = (1, skill, day, minutes, note, False)
    started: Event = (1, skill, "in-progress", day)
    logged = f"{skill}: logged "
    start_line = f"{skill}: todo -> in-progress\n"

    def outcomes(before: Snapshot) -> list[Delta]:
        # A skill to do is started too, unless the learner evidently knows it (implied).
        starts = before.states.get((1, skill), ("todo",))[0] == "todo"
        if starts and skill not in before.implied():
            return [Delta(events=(started,), sessions=(session,))]
        return [Delta(sessions=(session,))]

    def acknowledged(out: str, before: Snapshot) -> Delta | None:
        if not out.startswith(logged) or not out.split("\n")[0].endswith(f" on {day}"):
            return None
        (expected,) = outcomes(before)
        said = out.split("\n", 1)[1]
        return expected if said == (start_line if expected.events else "") else None

    argv = ("log", skill, duration, "--date", day) + (("--note", note) if note else ())
    return Op(argv, acknowledged, outcomes)


def _note_op(rng: random.Random, trial: int) -> Op:
    skill = rng.choice(SKILLS)
    text = f"trial {trial}, note {rng.randint(1, 10**6)}: résumé — 注意"

    def acknowledged(out: str, before: Snapshot) -> Delta | None:
        if out != f"{skill}: note saved\n":
            return None
        return (
            Delta() if before.notes.get((1, skill)) == text else Delta(notes=(((1, skill), text),))
        )

    return Op(("note", skill, text), acknowledged, lambda _b: [Delta(notes=(((1, skill), text),))])


def _session_op(rng: random.Random, before: Snapshot) -> Op | None:
    live = [i for i, s in before.sessions.items() if s[0] == 1 and not s[5]]
    if not live:
        return None
    session_id = rng.choice(sorted(live))
    profile, skill, day, minutes, note, _deleted = before.sessions[session_id]
    head = f"session #{session_id} ({skill}, {day}): "
    if rng.random() < 0.3:
        deleted: Session = (profile, skill, day, minutes, note, True)
        delta = Delta(edited=((session_id, deleted),), changes=((session_id, "delete"),))
        return Op(
            ("session", "delete", str(session_id)),
            lambda out, _b: delta if out == head + "deleted\n" else None,
            lambda _b: [delta],
        )
    duration = rng.choice(list(DURATIONS))
    new_note = f"corrected {rng.randint(1, 10**6)}"
    edited: Session = (profile, skill, day, DURATIONS[duration], new_note, False)
    delta = Delta(edited=((session_id, edited),), changes=((session_id, "edit"),))
    return Op(
        ("session", "edit", str(session_id), "--duration", duration, "--note", new_note),
        lambda out, _b: delta if out.startswith(head) and "deleted" not in out else None,
        lambda _b: [delta],
    )


def _profile_op(rng: random.Random) -> Op:
    hours = float(rng.randint(2, 40))
    delta = Delta(hours=((1, hours),))

    def acknowledged(out: str, before: Snapshot) -> Delta | None:
        if not out.startswith("default: ") or f" {hours:g} h/week" not in out:
            return None
        return Delta() if before.hours.get(1) == hours else delta

    return Op(
        ("profile", "set", "--hours-per-week", f"{hours:g}"), acknowledged, lambda _b: [delta]
    )


def random_op(rng: random.Random, trial: int, before: Snapshot) -> Op:
    kind = rng.choices(["status", "log", "note", "session", "profile"], [35, 30, 10, 15, 10])[0]
    if kind == "profile" and 1 not in before.hours:
        kind = "status"  # the profile is created with the database: nothing to compare with
    if kind == "session":
        op = _session_op(rng, before)
        if op is not None:
            return op
        kind = "log"
    if kind == "status":
        return _status_op(rng)
    if kind == "log":
        return _log_op(rng, trial)
    if kind == "note":
        return _note_op(rng, trial)
    return _profile_op(rng)


# ---------------------------------------------------------------------------- processes
@dataclass
class Run:
    """One writer's run."""

    code: int  # -9 when killed
    out: str
    err: str
    seconds: float
    contact: float | None  # seconds from start to its first lock on the database
    released: float | None  # ... and to the last moment it was seen holding one
    phase: str | None = None  # where a victim was when stopped


@dataclass(frozen=True)
class Lock:
    pid: int
    write: bool
    inode: int
    start: int
    end: int  # -1 for "to the end of the file"


def read_locks(pid: int) -> list[Lock]:
    """The POSIX locks `pid` holds (SQLite's only locks on Linux), from /proc/locks."""
    locks: list[Lock] = []
    with Path("/proc/locks").open() as handle:
        for line in handle:
            parts = line.split()
            if len(parts) > 1 and parts[1] == "->":
                continue  # a process waiting for a lock, not holding it
            if len(parts) < 8 or parts[1] not in ("POSIX", "OFDLCK") or int(parts[4]) != pid:
                continue
            end = -1 if parts[7] == "EOF" else int(parts[7])
            inode = int(parts[5].rsplit(":", 1)[1])
            locks.append(Lock(pid, parts[3] == "WRITE", inode, int(parts[6]), end))
    return locks


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _covers(lock: Lock, offset: int) -> bool:
    return lock.start <= offset and (lock.end == -1 or offset <= lock.end)


def classify(pid: int, db: Path, touched: bool) -> str:
    """Where a stopped process is, from the locks it holds and the files it has open;
    `touched`: it was seen holding a lock on the database before."""
    locks = read_locks(pid)
    db_ino, shm_ino = _inode(db), _inode(db.with_name(db.name + "-shm"))
    # WAL: byte 120 of the -shm is the write lock (BEGIN IMMEDIATE), 121 the checkpoint lock;
    # an exclusive lock on the database file's lock bytes is a rollback-mode write or the last
    # connection checkpointing and deleting the WAL on close.
    if any(lk.write and lk.inode == shm_ino and _covers(lk, 120) for lk in locks):
        return IN_TRANSACTION
    if any(lk.write and lk.inode == shm_ino and _covers(lk, 121) for lk in locks) or any(
        lk.write and lk.inode == db_ino for lk in locks
    ):
        return CHECKPOINT
    if any(lk.write and lk.inode not in (db_ino, shm_ino) for lk in locks):
        return BACKUP
    # Bytes 123-127 of the -shm are the read marks of a read transaction; an open connection
    # keeps a shared lock on the database file the whole time.
    if any(lk.inode == shm_ino and lk.start <= 127 and not lk.end < 123 for lk in locks):
        return READING
    if locks:
        return OPEN
    away = AWAY if touched else STARTING
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return away
    for fd in fds:
        with contextlib.suppress(OSError):
            if fd.readlink() == db:
                return OPEN
    return away


def _stopped(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # gone
    return stat.rsplit(")", 1)[1].split()[0] in ("T", "t", "Z", "X")


@dataclass(frozen=True)
class Kill:
    """When to kill: `delay` seconds after the start, or after the first database lock."""

    delay: float
    after_contact: bool


def run_writer(
    argv: Sequence[str],
    env: dict[str, str],
    db: Path,
    kill: Kill | None,
    quiet: float = 0.0,
    app: Path = REPO,
) -> Run:
    """Run `planner ARGV`, watching for its first lock on the database; kill it if asked.

    The watching starts `quiet` seconds in (no writer reaches the database sooner: Python and
    the app take that long to start), to leave the CPU to the writer meanwhile.
    """
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", "--db", str(db), *argv],
        cwd=app,  # `python -m planner` runs the app found here
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    contact: float | None = None
    released: float | None = None
    deadline = start + kill.delay if kill is not None and not kill.after_contact else None
    phase: str | None = None
    while proc.poll() is None:
        now = time.monotonic()
        if now - start < quiet and (deadline is None or now < deadline):
            time.sleep(min(0.01, quiet - (now - start)))
            continue
        if read_locks(proc.pid):
            released = now - start
            if contact is None:
                contact = released
                if kill is not None and kill.after_contact:
                    deadline = now + kill.delay
        if deadline is not None and now >= deadline:
            phase = _stop_and_kill(proc, db, touched=contact is not None)
            break
        time.sleep(POLL_S)
    out, err = proc.communicate()
    seconds = time.monotonic() - start
    if proc.returncode != -signal.SIGKILL:
        phase = FINISHED if kill is not None else None
    return Run(proc.returncode, out, err, seconds, contact, released, phase)


def _stop_and_kill(proc: subprocess.Popen[str], db: Path, touched: bool) -> str:
    """SIGSTOP, note where the process is, SIGKILL: the note is exactly where it died."""
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGSTOP)
    give_up = time.monotonic() + 2
    while not _stopped(proc.pid) and time.monotonic() < give_up:
        time.sleep(0.0001)
    phase = classify(proc.pid, db, touched) if proc.poll() is None else FINISHED
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return phase


# ---------------------------------------------------------------------------- trials
@dataclass
class Timing:
    """Typical run times, measured as the run goes."""

    total: list[float] = field(default_factory=list)  # whole runs of writers
    contact: list[float] = field(default_factory=list)  # from the start to the first lock
    window: dict[str, list[float]] = field(default_factory=dict)  # at the database, by kind

    def note(self, scenario: str, run: Run) -> None:
        self.total.append(run.seconds)
        if run.contact is not None and run.released is not None:
            self.contact.append(run.contact)
            self.window.setdefault(scenario, []).append(run.released - run.contact)

    def quiet(self) -> float:
        """Half the quickest time a writer took to reach the database."""
        return min(self.contact) / 2 if self.contact else 0.0

    def typical_total(self) -> float:
        return statistics.median(self.total[-50:]) if self.total else 1.0

    def typical_window(self, scenario: str) -> float:
        # Until an upgrade was timed, creating a database (migrations and all) stands for one.
        runs = self.window.get(scenario) or self.window.get("new") or [0.3]
        return statistics.median(runs[-50:])


@dataclass
class Trial:
    number: int
    scenario: str
    folder: Path
    failures: list[str] = field(default_factory=list)
    writers: int = 0
    acknowledged: int = 0
    phase: str | None = None
    victim_committed: bool | None = None
    kill: str = ""  # when the victim was to be killed
    log: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line about the trial, for --verbose."""
        committed = {None: "", True: ", its change committed", False: ", its change not made"}
        return (
            f"trial {self.number:4d} {self.scenario:8s} {self.writers} writers, killed "
            f"{self.kill}: {self.phase}{committed[self.victim_committed]}"
            + (f" — FAILED: {self.failures[0]}" if self.failures else "")
        )


@dataclass
class Report:
    trials: list[Trial] = field(default_factory=list)
    seconds: float = 0.0
    seed: int = 0

    @property
    def failures(self) -> list[Trial]:
        return [t for t in self.trials if t.failures]


class Runner:
    """Holds what a run shares: the seed, the template database, the environment, timings."""

    def __init__(self, seed: int, targeted: float, workdir: Path, app: Path = REPO) -> None:
        self.seed = seed
        self.app = app
        self.targeted = targeted
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if k != "PLANNER_DB"}
        self.env |= {
            "XDG_DATA_HOME": str(workdir / "xdg-data"),
            "XDG_CONFIG_HOME": str(workdir / "xdg-config"),
        }
        self.timing = Timing()
        self.template = workdir / "template" / DB_NAME
        self.head: str | None = None

    def run(self, argv: Sequence[str], db: Path, kill: Kill | None = None) -> Run:
        """One `planner` writer of this run's app on `db`."""
        return run_writer(argv, self.env, db, kill, self.timing.quiet(), self.app)

    def prepare(self) -> None:
        """The database every "existing" trial starts from (a profile with some history,
        made once), and first timings."""
        self.template.parent.mkdir()
        week_ago = (date.today() - timedelta(days=7)).isoformat()
        for kind, argv in [
            ("new", ["profile", "set", "--role", "ml-engineer", "--hours-per-week", "10"]),
            ("existing", ["log", "numpy", "1h", "--date", week_ago, "--note", "broadcasting"]),
        ]:
            run = self.run(argv, self.template)
            if run.code != 0:
                raise SystemExit(f"cannot make the template database: {run.err.strip()}")
            self.timing.note(kind, run)
        wal = self.template.with_name(DB_NAME + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise SystemExit("the template database was not checkpointed on close")
        self.head = read_snapshot(self.template).revision

    def trial(self, number: int) -> Trial:
        rng = random.Random(f"{self.seed}:{number}")
        scenario = rng.choices(["existing", "new", "upgrade"], [8, 1, 1])[0]
        folder = self.workdir / f"trial-{number:04d}"
        folder.mkdir()
        db = folder / DB_NAME
        if scenario == "existing":
            shutil.copyfile(self.template, db)
        elif scenario == "upgrade":
            shutil.copyfile(OLD_SCHEMA, db)
        trial = Trial(number, scenario, folder)
        try:
            self._trial(trial, rng, db)
        except Exception as error:  # a bug of this script: report it as a failure
            trial.failures.append(f"crash test error: {type(error).__name__}: {error}")
        return trial

    def _trial(self, trial: Trial, rng: random.Random, db: Path) -> None:
        scenario = trial.scenario
        # A new or old database: the first writer creates or migrates it, and is the victim.
        before_victim = 0 if scenario != "existing" else rng.randint(1, 2)
        after_victim = 1
        snap = read_snapshot(db)
        baseline = snap
        acknowledged_events: dict[int, Event] = {}

        def step(op: Op, kill: Kill | None) -> Snapshot | None:
            """Run one writer and check what it changed; the new history, or None to stop."""
            nonlocal snap
            run = self.run(op.argv, db, kill)
            trial.writers += 1
            trial.log.append(f"{op}  -> {run.code} {run.phase or ''} {run.out.strip()!r}")
            after = read_snapshot(db)
            change = diff(snap, after)
            if change.lost:
                trial.failures.append(f"{op}: history disappeared: {', '.join(change.lost)}")
            if run.phase is not None and run.phase != FINISHED:  # the victim, killed
                trial.phase = run.phase
                allowed = [Delta(), *op.outcomes(snap)]
                trial.victim_committed = bool(change)
                if change not in allowed:
                    trial.failures.append(f"{op} killed {run.phase}: half a change: {change}")
            else:
                if kill is not None:
                    trial.phase = FINISHED
                else:
                    self.timing.note(_kind(snap, self.head), run)
                if run.code != 0:
                    trial.failures.append(f"{op} failed ({run.code}): {run.err.strip()}")
                    return None
                expected = op.acknowledged(run.out, snap)
                trial.acknowledged += 1
                if expected is None:
                    trial.failures.append(f"{op}: unexpected output {run.out!r}")
                elif change != expected:
                    trial.failures.append(f"{op} said {run.out.strip()!r} but stored {change}")
                new_ids = set(after.events) - set(snap.events)
                acknowledged_events.update({i: after.events[i] for i in new_ids})
            for problem in consistency_problems(after):
                trial.failures.append(f"after {op}: {problem}")
            snap = after
            return after

        for _ in range(before_victim):
            if step(random_op(rng, trial.number, snap), None) is None:
                return
        if rng.random() < self.targeted:
            kill = Kill(rng.uniform(0, self.timing.typical_window(scenario) * 1.1), True)
            trial.kill = f"{kill.delay * 1000:.1f} ms after its first lock"
        else:
            kill = Kill(rng.uniform(0, self.timing.typical_total()), False)
            trial.kill = f"{kill.delay:.2f} s after its start"
        step(random_op(rng, trial.number, snap), kill)
        if db.exists():
            trial.failures += [f"right after the kill: {p}" for p in pragma_problems(db)]
        for _ in range(after_victim):
            if step(random_op(rng, trial.number, snap), None) is None:
                return
        self._final_checks(trial, db, snap, baseline, acknowledged_events)

    def _final_checks(
        self,
        trial: Trial,
        db: Path,
        last: Snapshot,
        baseline: Snapshot,
        acknowledged_events: dict[int, Event],
    ) -> None:
        trial.failures += pragma_problems(db)
        check = self.run(["db", "check"], db)
        if check.code != 0 or check.out != "database ok: no problems found\n":
            trial.failures.append(f"planner db check: {check.code} {check.out!r} {check.err!r}")
        final = read_snapshot(db)
        if final != last:
            trial.failures.append(f"the history changed after the last writer: {diff(last, final)}")
        if final.revision != self.head:
            trial.failures.append(f"schema {final.revision}, not {self.head}")
        missing = [i for i, e in acknowledged_events.items() if final.events.get(i) != e]
        if missing:
            trial.failures.append(f"acknowledged status changes missing: events {missing}")
        kept = {i: e for i, e in baseline.events.items() if final.events.get(i) != e}
        if kept:
            trial.failures.append(f"history from before the trial missing: events {sorted(kept)}")
        trial.failures += backup_problems(db.parent, baseline)


def _kind(snap: Snapshot, head: str | None) -> str:
    """Which timing a writer on this database belongs to."""
    if snap.revision is None:
        return "new"
    return "existing" if snap.revision == head else "upgrade"


def backup_problems(folder: Path, baseline: Snapshot) -> list[str]:
    """Every pre-migration backup must be the database as it was, complete in one file, and
    nothing half-written may be left beside them."""
    problems: list[str] = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(f".{DB_NAME}.before-migration-"):
            problems.append(f"{name}: a partial backup was left behind")
        if not name.startswith(f"{DB_NAME}.before-migration-"):
            continue
        if name.endswith(("-journal", "-wal", "-shm")):
            problems.append(f"{name}: a backup needs this file beside it (it was half-written)")
            continue
        try:
            found = [f"{name}: {p}" for p in pragma_problems(path, alone=True)]
            copy = read_snapshot(path, alone=True)
        except sqlite3.Error as error:
            found = [f"{name}: an unreadable backup ({error})"]
            copy = Snapshot()
        if not found and (copy.events, copy.sessions) != (baseline.events, baseline.sessions):
            found.append(f"{name}: the backup is not the database as it was before the migration")
        problems += found
    return problems


# ---------------------------------------------------------------------------- the report
def summary(report: Report) -> list[str]:
    trials = report.trials
    phases = Counter(t.phase for t in trials)
    killed = [t for t in trials if t.phase not in (None, FINISHED)]
    mid = [t for t in killed if t.phase in MID_WRITE]
    scenarios = Counter(t.scenario for t in trials)
    minutes, seconds = divmod(round(report.seconds), 60)
    lines = [
        f"crash test: {len(trials)} trials in {minutes}m{seconds:02d}s, seed {report.seed}",
        f"  machine: {platform.system()} {platform.release()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        f"  scenarios: {scenarios['existing']} on an existing database, {scenarios['new']} "
        f"creating it, {scenarios['upgrade']} migrating a schema-0001 database",
        f"  writers: {sum(t.writers for t in trials)} run, "
        f"{sum(t.acknowledged for t in trials)} acknowledged (each checked at once and at the end)",
        f"  kills: {len(killed)} writers killed with SIGKILL, {len(mid)} mid-write; "
        f"{sum(1 for t in killed if t.victim_committed)} had committed their change, "
        f"{sum(1 for t in killed if t.victim_committed is False)} had not",
    ]
    lines += [f"    {phases[p]:>5}  {p}" for p in PHASES if phases[p]]
    failed = report.failures
    lines.append(f"  failures: {len(failed)}")
    for t in failed:
        lines.append(f"    trial {t.number} ({t.scenario}, {t.phase}), kept in {t.folder}:")
        lines += [f"      - {f}" for f in t.failures[:5]]
        lines += [f"        {entry}" for entry in t.log]
    lines.append("all healthy" if not failed else "FAILED")
    return lines


def run(
    trials: int,
    seed: int,
    targeted: float,
    keep: bool,
    progress: bool = True,
    verbose: bool = False,
    app: Path = REPO,
) -> Report:
    """Run the trials in a temporary folder (removed afterwards unless kept)."""
    workdir = Path(tempfile.mkdtemp(prefix="planner-crash-test-"))
    report = Report(seed=seed)
    started = time.monotonic()
    runner = Runner(seed, targeted, workdir, app)
    try:
        runner.prepare()
        for number in range(1, trials + 1):
            trial = runner.trial(number)
            report.trials.append(trial)
            if not trial.failures and not keep:
                shutil.rmtree(trial.folder, ignore_errors=True)
            if verbose:
                _say(trial.line())
            elif progress and (number % 10 == 0 or trial.failures):
                _say(
                    f"  {number}/{trials} trials, {len(report.failures)} failing, "
                    f"{time.monotonic() - started:.0f} s"
                )
    finally:
        report.seconds = time.monotonic() - started
        if not keep and not report.failures:
            shutil.rmtree(workdir, ignore_errors=True)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reliability.crash_test",
        description="Kill planner writers with SIGKILL and check that no history is lost.",
    )
    parser.add_argument("--trials", type=int, default=20, metavar="N")
    parser.add_argument("--seed", type=int, default=None, metavar="S", help="default: random")
    parser.add_argument(
        "--targeted",
        type=float,
        default=0.75,
        metavar="F",
        help="share of kills timed within the database work rather than the whole run "
        "(default 0.75)",
    )
    parser.add_argument("--keep", action="store_true", help="keep every trial's folder")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--verbose", action="store_true", help="one line per trial")
    parser.add_argument(
        "--app",
        type=Path,
        default=REPO,
        metavar="DIR",
        help="the folder holding the `planner` package to test (default: this checkout)",
    )
    args = parser.parse_args(argv)
    if not Path("/proc/locks").exists():
        parser.error("needs Linux (/proc/locks)")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    report = run(
        args.trials,
        seed,
        args.targeted,
        args.keep,
        progress=not args.quiet,
        verbose=args.verbose,
        app=args.app.resolve(),
    )
    for line in summary(report):
        _say(line)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
