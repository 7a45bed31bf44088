"""Shared pieces of the benchmarks: synthetic libraries, a database of them, and timing."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.core.domain import Library, Role, Skill
from planner.db.engine import Database

PREREQUISITES = 5


def synthetic_library(n: int, seed: int = 7) -> Library:
    """n skills with about five prerequisites each (fewer near the start), acyclic by
    construction (prerequisites have lower indices), ids shuffled against that order; one role
    whose goals are the last tenth of the skills, so its plan spans most of the graph."""
    rng = random.Random(seed)
    ids = [f"s{i:06d}" for i in range(n)]
    rng.shuffle(ids)
    skills: dict[str, Skill] = {}
    for i, skill_id in enumerate(ids):
        window = ids[max(0, i - 200) : i]  # local structure, like real curricula
        k = min(PREREQUISITES, len(window))
        prereqs = rng.sample(window, k)
        hard = tuple(prereqs[:4])
        soft = tuple(prereqs[4:])
        skills[skill_id] = Skill(
            skill_id,
            f"Skill {i}",
            f"Area {i % 12}",
            rng.choice([4, 8, 12, 20]),
            "beginner",
            "",
            hard,
            soft,
        )
    goals = tuple(ids[-max(1, n // 10) :])
    return Library(skills, {"role": Role("role", "Role", goals=goals)})


def fill_database(path: Path, library: Library) -> None:
    """A migrated database holding `library`, written in bulk (the setup is not measured)."""
    Database.open(path).close()
    with sqlite3.connect(path) as c:
        c.executemany(
            "INSERT INTO skill (id, name, area, hours, level, summary, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (s.id, s.name, s.area, s.hours, s.level, s.summary, i)
                for i, s in enumerate(library.skills.values())
            ],
        )
        c.executemany(
            "INSERT INTO prerequisite (skill_id, prerequisite_id, hard, position) "
            "VALUES (?, ?, ?, ?)",
            [
                (s.id, p, hard, i)
                for s in library.skills.values()
                for hard, group in ((1, s.requires), (0, s.recommends))
                for i, p in enumerate(group)
            ],
        )
        c.execute("INSERT INTO role (id, name, summary, position) VALUES ('role', 'Role', '', 0)")
        c.executemany(
            "INSERT INTO role_goal (role_id, skill_id, position) VALUES ('role', ?, ?)",
            [(g, i) for i, g in enumerate(library.roles["role"].goals)],
        )


def returning_learner(db: Path) -> None:
    """The built-in library and a learner who finished onboarding weeks ago."""
    from planner.service import Planner

    planner = Planner.open(db)
    planner.profiles.update(
        role="ml-engineer",
        tracks=["computer-vision"],
        hours_per_week=8,
        start=date(2026, 9, 1),
    )
    planner.progress.set_statuses(["python-basics", "git", "numpy"], "done", date(2026, 9, 20))
    planner.progress.set_status("pandas", "in-progress", date(2026, 10, 1))
    for day in range(1, 29):
        planner.progress.log_study("pandas" if day % 2 else "numpy", 45, date(2026, 10, day), "")
    planner.progress.set_note("numpy", "broadcasting: read the guide again")
    planner.progress.set_note("pandas", "groupby and merge, then the exercises")
    planner.close()


@dataclass(frozen=True)
class Timing:
    """The median and spread of repeated runs, in milliseconds."""

    median_ms: float
    min_ms: float
    runs: int


def measure(fn: Callable[[], object], runs: int = 7, warmup: int = 1) -> Timing:
    """Time `fn` over several runs after a warm-up; medians resist a noisy machine."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(statistics.median(samples), min(samples), runs)


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    name: str
    size: str
    measured: Timing
    baseline_name: str
    baseline: Timing
    target: str
    ok: bool | None  # None: reported only, no target
    unit: str = "ms"  # what `Timing` holds: milliseconds, or "MB" for memory figures
    # The median of the ratios of runs made in the same round (measured and baseline one after
    # the other), when the benchmark pairs them: a load that comes and goes between rounds
    # moves both halves of a pair, and cancels out. None: the ratio of the two medians.
    paired: float | None = None

    @property
    def ratio(self) -> float:
        if self.paired is not None:
            return self.paired
        return self.measured.median_ms / self.baseline.median_ms


def paired_ratio(measured: list[float], baseline: list[float]) -> float:
    """The median over the rounds of each run's time over its baseline's in the same round."""
    return statistics.median(m / b for m, b in zip(measured, baseline, strict=True))


def print_table(rows: list[Row]) -> None:
    """The results, one row per measurement, with its baseline and target."""
    header = (
        f"{'measurement':<34} {'size':>8} {'median':>10} {'baseline':<26} {'base med':>10} "
        f"{'ratio':>7}  {'target':<22} result"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        verdict = "reported" if r.ok is None else ("ok" if r.ok else "MISSED")
        print(
            f"{r.name:<34} {r.size:>8} {r.measured.median_ms:>8.1f}{r.unit:<2} "
            f"{r.baseline_name:<26} {r.baseline.median_ms:>8.1f}{r.unit:<2} {r.ratio:>6.2f}x  "
            f"{r.target:<22} {verdict}"
        )
