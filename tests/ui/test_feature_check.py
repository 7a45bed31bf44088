"""The quicker `__feature__` check (planner/ui/feature_check.py) answers as PySide's own."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

from planner.ui import feature_check

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "planner.ui.window.main_window",  # a module of the app that uses PySide6
    "planner.core.units",  # one that does not
    "planner.ui.feature_check",  # names PySide6 only in its text
    "json",  # the standard library
    "math",  # an extension module (no source: PySide answers no)
    "sys",  # built in
    "shiboken6.Shiboken",
]


def test_the_quick_check_answers_as_pysides_own() -> None:
    feature_check.install()
    feature = sys.modules[feature_check.FEATURE_MODULE]
    quick = feature._mod_uses_pyside
    assert quick.quick
    original = quick.__closure__[0].cell_contents  # the check it stands in for
    for name in MODULES:
        module = importlib.import_module(name)
        assert quick(module) == original(module), name


def test_installing_twice_changes_nothing() -> None:
    feature_check.install()
    feature = sys.modules[feature_check.FEATURE_MODULE]
    installed = feature._mod_uses_pyside
    assert feature_check.install() is False
    assert feature._mod_uses_pyside is installed


APP = """
import json, sys
import planner.ui.application as application
def first_paint(*args, **kwargs):
    # The window's frame has painted: the database would open now. Stop, and tell.
    feature = sys.modules["shibokensupport.feature"]
    print(json.dumps(getattr(feature._mod_uses_pyside, "quick", False)), flush=True)
    return None  # as when the learner chose Quit: the app exits with status 1
application.start = first_paint
from planner.app import run
sys.exit(run(sys.argv[1], None))
"""


def test_the_app_installs_it_before_its_window_appears(tmp_path: Path) -> None:
    """In a fresh process, as `roadmap-planner` and `planner gui` start (planner.app.run)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", APP, str(tmp_path / "p.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1:] == ["true"], result.stderr
