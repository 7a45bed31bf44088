"""Launching the app, in subprocesses: the time to the first painted main window against a
bare PySide6 window, the time until the plan is shown, and the memory of the app open on a
10k-skill library.

Every launch is a fresh interpreter running `benchmarks/launch_probe.py` (the bare window, the
least real window and the app go through the same script), timed from just before the process
is spawned to the lines it prints once the window's first frame is painted and (the app) once
the plan is shown. Runs of the kinds alternate, so that all see
the same machine. Bytecode is cached in a temporary folder (PYTHONPYCACHEPREFIX) and the first
run of each is not counted: an installed app runs from compiled bytecode, and
PYTHONDONTWRITEBYTECODE in a developer's shell would otherwise charge the compiler to the app.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import Row, Timing, fill_database, synthetic_library
from planner.service import Planner

PROBE = Path(__file__).resolve().parent / "launch_probe.py"
RUNS = 7
LAUNCH_TARGET = 1.5  # times the bare window
CLI_LAUNCH_TARGET = 1.25  # `planner gui`: times the least real main window (issue 16)
MEMORY_SIZE = 10_000
MEMORY_TARGET_MB = 300


def probe(
    args: Sequence[str], env: dict[str, str]
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Run the probe once: the wall time (ms) to each of its timed lines (`painted`, `usable`,
    `settled`), and every figure it printed, in order. Each run has settings of its own, so
    that none opens on what an earlier one left (the app remembers its view and size)."""
    env = dict(env, XDG_CONFIG_HOME=tempfile.mkdtemp(dir=env["XDG_CONFIG_HOME"]))
    started = time.perf_counter()
    process = subprocess.Popen(
        # Through a shell that forks it: on Linux a process's peak RSS (getrusage's maxrss)
        # carries over an exec from the process that forked it, and this one is big.
        ["/bin/sh", "-c", '"$@"; exit $?', "sh", sys.executable, str(PROBE), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    elapsed: dict[str, float] = {}
    figures: dict[str, list[float]] = {}
    for line in process.stdout:
        key, value = line.split()
        if key != "maxrss":
            elapsed[key] = (time.perf_counter() - started) * 1000
        figures.setdefault(key, []).append(float(value))
    if process.wait(timeout=300) != 0 or "painted" not in elapsed:
        raise RuntimeError(f"the launch probe failed: {' '.join(args)}")
    return elapsed, figures


def environment(home: Path) -> dict[str, str]:
    """Offscreen, settings and data away from the user's, bytecode cached in `home`."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PYTHONPYCACHEPREFIX=str(home / "pycache"),
    )
    return env


def timing(samples: list[float]) -> Timing:
    return Timing(statistics.median(samples), min(samples), len(samples))


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = environment(home)
        Path(env["XDG_CONFIG_HOME"]).mkdir()
        builtin = home / "builtin.sqlite3"
        planner = Planner.open(builtin)  # the built-in library, a profile with a role: no wizard
        planner.profiles.update(role="ml-engineer", hours_per_week=10)
        planner.close()
        big = home / "big.sqlite3"
        library = synthetic_library(MEMORY_SIZE)
        fill_database(big, library)
        planner = Planner.open(big)
        planner.profiles.update(role="role", hours_per_week=10)
        planner.progress.set_statuses(list(library.skills)[: MEMORY_SIZE // 20], "done")
        planner.close()

        kinds = {
            "bare": ["bare"],
            "widgets": ["widgets"],
            "app": ["app", str(builtin), "default"],
            "cli": ["cli", str(builtin), "default"],  # `planner gui`, what `make run` starts
        }
        for args in kinds.values():
            probe(args, env)  # bytecode compiled and cached; the disk cache warm
        times: dict[str, list[float]] = {k: [] for k in kinds}
        usable: list[float] = []
        bare_rss: list[float] = []
        for _ in range(RUNS):
            for kind, args in kinds.items():
                elapsed, figures = probe(args, env)
                times[kind].append(elapsed["painted"])
                if kind == "app":
                    usable.append(elapsed["usable"])
                if kind == "bare":
                    bare_rss.append(figures["maxrss"][0] / 1024)
        big_runs = [probe(["app", str(big), "default", "--settle"], env) for _ in range(3)]

    bare, app, floor = timing(times["bare"]), timing(times["app"]), timing(times["widgets"])
    cli = timing(times["cli"])
    bare_mb = timing(bare_rss)
    # maxrss is printed at each timed line: painted, usable (the library loaded), settled.
    open_mb = timing([f["maxrss"][1] / 1024 for _, f in big_runs])
    settled_mb = timing([f["maxrss"][-1] / 1024 for _, f in big_runs])
    big_usable = timing([elapsed["usable"] for elapsed, _ in big_runs])
    size = f"{MEMORY_SIZE // 1000}k"
    return [
        Row(
            "launch to first painted window",
            "built-in",
            app,
            "bare PySide6 window",
            bare,
            f"<= {LAUNCH_TARGET:g}x",
            app.median_ms <= LAUNCH_TARGET * bare.median_ms,
        ),
        Row(
            "(floor: least real main window)",
            "",
            floor,
            "bare PySide6 window",
            bare,
            "",
            None,
        ),
        Row(
            "planner gui to first painted window",
            "built-in",
            cli,
            "least real main window",
            floor,
            f"<= {CLI_LAUNCH_TARGET:g}x",
            cli.median_ms <= CLI_LAUNCH_TARGET * floor.median_ms,
        ),
        Row(
            "launch until the plan is shown",
            "built-in",
            timing(usable),
            "bare PySide6 window",
            bare,
            "",
            None,
        ),
        Row(
            "launch until the plan is shown",
            size,
            big_usable,
            "bare PySide6 window",
            bare,
            "",
            None,
        ),
        Row(
            "peak memory, window open",
            size,
            open_mb,
            "bare PySide6 window",
            bare_mb,
            f"<= {MEMORY_TARGET_MB} MB",
            open_mb.median_ms <= MEMORY_TARGET_MB,
            unit="MB",
        ),
        Row(
            "peak memory, graph laid out too",
            size,
            settled_mb,
            "bare PySide6 window",
            bare_mb,
            f"<= {MEMORY_TARGET_MB} MB",
            settled_mb.median_ms <= MEMORY_TARGET_MB,
            unit="MB",
        ),
    ]
