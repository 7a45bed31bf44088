"""Launching the app, in subprocesses: the time to the first painted main window against a
bare PySide6 window, the time until the plan is shown (the complete window), a first start to
the onboarding wizard against a returning start, and the memory of the app open on a
10k-skill library.

The launches run on a real X server when one can be started: an Xvfb of their own (with the
openbox window manager when installed) and Qt's xcb platform, as a learner's desktop; without
Xvfb they run offscreen, and the output says which.

Every launch is a fresh interpreter running `benchmarks/launch_probe.py` (the bare window, the
least real window and the app go through the same script), timed from just before the process
is spawned to the lines it prints once the window's first frame is painted and (the app) once
the plan is shown. Runs go in rounds, each kind once per round, so that all see the same
machine; a ratio is the median over the rounds of a launch's time over its baseline's in the
same round (the median columns are each side's median time). Bytecode is cached in a
temporary folder (PYTHONPYCACHEPREFIX) and the first run of each is not counted: an installed
app runs from compiled bytecode, and PYTHONDONTWRITEBYTECODE in a developer's shell would
otherwise charge the compiler to the app.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import (
    Row,
    Timing,
    fill_database,
    paired_ratio,
    returning_learner,
    synthetic_library,
)
from planner.paths import APP_NAME, DB_FILENAME
from planner.service import Planner

PROBE = Path(__file__).resolve().parent / "launch_probe.py"
RUNS = 11
LAUNCH_TARGET = 1.5  # times the bare window
CLI_LAUNCH_TARGET = 1.25  # `planner gui`: times the least real main window (issue 16)
COMPLETE_TARGET = 2.5  # the complete window (the plan shown): times the bare window
FIRST_START_TARGET = 1.5  # a first start to the wizard: times a returning start
MEMORY_SIZE = 10_000
MEMORY_TARGET_MB = 300


def probe(
    args: Sequence[str], env: dict[str, str], fresh_data: bool = False
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Run the probe once: the wall time (ms) to each of its timed lines (`painted`, `usable`,
    `settled`, `wizard`), and every figure it printed, in order. Each run has settings of its
    own, so that none opens on what an earlier one left (the app remembers its view and size);
    with `fresh_data`, an empty user data folder too (a first start)."""
    env = dict(env, XDG_CONFIG_HOME=tempfile.mkdtemp(dir=env["XDG_CONFIG_HOME"]))
    if fresh_data:
        env["XDG_DATA_HOME"] = tempfile.mkdtemp(dir=env["XDG_CONFIG_HOME"])
        env.pop("PLANNER_DB", None)
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
    if process.wait(timeout=300) != 0 or not elapsed:
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


@contextmanager
def display() -> Iterator[tuple[dict[str, str], str]]:
    """The environment that puts windows on a real X server, and what it is: an Xvfb of our own
    (any free display number) with openbox when installed; offscreen without Xvfb."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}, "offscreen platform (Xvfb is not installed)"
        return
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    manager: subprocess.Popen[bytes] | None = None
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # written once the server accepts clients
        if not number:
            raise RuntimeError("Xvfb did not start")
        env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
        what = f"xcb platform on Xvfb :{number}"
        openbox = shutil.which("openbox")
        if openbox is not None:
            manager = subprocess.Popen(
                [openbox],
                env={**os.environ, **env},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)  # managing the screen before the first window maps
            what += " with openbox"
        yield env, what
    finally:
        for process in (manager, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder, display() as (screen, what):
        print(f"launches: {what}", flush=True)
        home = Path(folder)
        env = {**environment(home), **screen}
        env.pop("PLANNER_DB", None)
        Path(env["XDG_CONFIG_HOME"]).mkdir()
        # The built-in library, a learner with a plan (no wizard), in the user data folder:
        # where `planner` and `planner gui` find it as a returning learner types them.
        builtin = Path(env["XDG_DATA_HOME"]) / APP_NAME / DB_FILENAME
        builtin.parent.mkdir(parents=True)
        returning_learner(builtin)
        big = home / "big.sqlite3"
        library = synthetic_library(MEMORY_SIZE)
        fill_database(big, library)
        planner = Planner.open(big)
        planner.profiles.update(role="role", hours_per_week=10)
        planner.progress.set_statuses(list(library.skills)[: MEMORY_SIZE // 20], "done")
        planner.close()

        db = str(builtin)
        kinds: dict[str, tuple[list[str], bool]] = {
            "bare": (["bare"], False),
            "widgets": (["widgets"], False),
            "bare-plan": (["bare-plan", db], False),  # the complete window's floors
            "widgets-plan": (["widgets-plan", db], False),
            "app": (["app", db, "default"], False),  # roadmap-planner: planner.app.run
            "planner": (["cli"], False),  # `planner`, no command: the app
            "gui": (["cli", "gui"], False),  # `planner gui`, what `make run` starts
            # a first start: no database yet, `planner` on an empty user data folder
            "first": (["cli", "--wizard"], True),
        }
        for args, fresh in kinds.values():
            probe(args, env, fresh)  # bytecode compiled and cached; the disk cache warm
        times: dict[str, list[float]] = {k: [] for k in kinds}
        complete: dict[str, list[float]] = {
            "app": [],
            "planner": [],
            "bare-plan": [],
            "widgets-plan": [],
        }
        bare_rss: list[float] = []
        for _ in range(RUNS):
            for kind, (args, fresh) in kinds.items():
                elapsed, figures = probe(args, env, fresh)
                times[kind].append(elapsed["wizard" if kind == "first" else "painted"])
                if kind in complete:
                    complete[kind].append(elapsed["usable"])
                if kind == "bare":
                    bare_rss.append(figures["maxrss"][0] / 1024)
        big_runs = [probe(["app", str(big), "default", "--settle"], env) for _ in range(3)]

    bare, app, floor = times["bare"], times["app"], times["widgets"]
    cli, gui, first = times["planner"], times["gui"], times["first"]
    app_complete, cli_complete = complete["app"], complete["planner"]
    plan_floor = complete["bare-plan"]
    real_plan_floor = complete["widgets-plan"]
    bare_mb = timing(bare_rss)
    # maxrss is printed at each timed line: painted, usable (the library loaded), settled.
    open_mb = timing([f["maxrss"][1] / 1024 for _, f in big_runs])
    settled_mb = timing([f["maxrss"][-1] / 1024 for _, f in big_runs])
    big_usable = [elapsed["usable"] for elapsed, _ in big_runs]
    size = f"{MEMORY_SIZE // 1000}k"
    print(f"app: ratio = median over {RUNS} rounds of (launch / its baseline in the same round)")

    def against(
        name: str,
        size: str,
        measured: list[float],
        base_name: str,
        base: list[float],
        target: float | None,
    ) -> Row:
        # Runs of one round are paired (the 10k launches, run apart, are not): the load of a
        # shared machine moves both halves of a pair, and the median of the ratios keeps it out.
        paired = None
        if len(measured) == len(base):
            paired = paired_ratio(measured, base)
        ratio = (
            paired if paired is not None else timing(measured).median_ms / timing(base).median_ms
        )
        ok = None if target is None else ratio <= target
        label = f"<= {target:g}x" if target else ""
        return Row(name, size, timing(measured), base_name, timing(base), label, ok, paired=paired)

    return [
        against(
            "roadmap-planner to first paint",
            "built-in",
            app,
            "bare PySide6 window",
            bare,
            LAUNCH_TARGET,
        ),
        against("(floor: least real main window)", "", floor, "bare PySide6 window", bare, None),
        against(
            "roadmap-planner to first paint",
            "built-in",
            app,
            "least real main window",
            floor,
            CLI_LAUNCH_TARGET,
        ),
        against(
            "planner to first paint",
            "built-in",
            cli,
            "least real main window",
            floor,
            CLI_LAUNCH_TARGET,
        ),
        against(
            "planner gui to first paint",
            "built-in",
            gui,
            "least real main window",
            floor,
            CLI_LAUNCH_TARGET,
        ),
        against(
            "roadmap-planner, complete window",
            "built-in",
            app_complete,
            "bare PySide6 window",
            bare,
            COMPLETE_TARGET,
        ),
        against(
            "planner, complete window",
            "built-in",
            cli_complete,
            "bare PySide6 window",
            bare,
            COMPLETE_TARGET,
        ),
        against(
            "(floor: bare window, SQL plan)",
            "built-in",
            plan_floor,
            "bare PySide6 window",
            bare,
            None,
        ),
        against(
            "(floor: least real window, SQL plan)",
            "built-in",
            real_plan_floor,
            "bare PySide6 window",
            bare,
            None,
        ),
        against(
            "planner, complete window",
            "built-in",
            cli_complete,
            "least real window + SQL plan",
            real_plan_floor,
            None,
        ),
        against(
            "planner, first start to wizard",
            "new",
            first,
            "returning start (planner)",
            cli_complete,
            FIRST_START_TARGET,
        ),
        against(
            "launch until the plan is shown", size, big_usable, "bare PySide6 window", bare, None
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
