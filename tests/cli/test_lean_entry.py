"""The entry point stays lean: `planner --help`, `planner check FILE` and `planner gui` up to the
window's first paint load neither SQLAlchemy nor the service (issue 16 part 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli.common import DEFAULT_PROFILE
from planner.paths import builtin_roadmap_files
from planner.service import DEFAULT_PROFILE as SERVICE_DEFAULT_PROFILE

ROOT = Path(__file__).resolve().parents[2]
# Prints, as JSON, the exit status and which heavy modules were loaded when the command ended.
HEAVY = """
import json, sys
def heavy():
    names = ("sqlalchemy", "alembic", "planner.service", "planner.db")
    return sorted({n for n in names for m in sys.modules if m == n or m.startswith(n + ".")})
"""
RUN = """
from planner.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "heavy": heavy()}))
"""


def _run(script: str, *argv: str, env: dict[str, str] | None = None) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert last.startswith("{"), result.stderr
    found: dict[str, object] = json.loads(last)
    return found


def test_help_loads_neither_sqlalchemy_nor_the_service() -> None:
    assert _run(HEAVY + RUN, "--help") == {"code": 0, "heavy": []}
    assert _run(HEAVY + RUN, "roadmap", "--help") == {"code": 0, "heavy": []}


def test_check_loads_neither_sqlalchemy_nor_the_service() -> None:
    files = [str(path) for path in builtin_roadmap_files()]
    assert _run(HEAVY + RUN, "check", *files) == {"code": 0, "heavy": []}


def test_check_finds_cycles_without_networkx() -> None:
    """networkx was most of `check`'s start-up, for one strongly-connected-groups call."""
    script = HEAVY.replace('"planner.db")', '"planner.db", "networkx")') + RUN
    files = [str(path) for path in builtin_roadmap_files()]
    assert _run(script, "check", *files) == {"code": 0, "heavy": []}


def test_a_command_on_the_database_does_load_them(tmp_path: Path) -> None:
    """The probe sees the service when it is there (so the tests above can fail)."""
    found = _run(HEAVY + RUN, "--db", str(tmp_path / "p.sqlite3"), "roles", "--format", "json")
    assert found["code"] == 0
    assert {"planner.db", "planner.service", "sqlalchemy"} <= set(found["heavy"])  # type: ignore[call-overload]


# What a daily command has no need of: the ORM (every query is SQLAlchemy Core), Alembic (the
# revision is read from the database), pydantic (the roadmap files' schema) and networkx.
NOT_DAILY = HEAVY.replace(
    '("sqlalchemy", "alembic", "planner.service", "planner.db")',
    '("sqlalchemy.orm", "alembic", "pydantic", "networkx")',
)
DAILY = [
    ["roles"],
    ["skills"],
    ["roadmap"],
    ["progress"],
    ["history"],
    ["status", "sql", "in-progress"],
    ["log", "pandas", "45m"],
    ["note", "pandas", "merge: how='left'"],
]


@pytest.fixture(scope="module")
def returning_learner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the built-in library and a profile with a role (made in a process of
    its own: the first start reads the roadmap files, which a returning start does not)."""
    path = tmp_path_factory.mktemp("lean") / "planner.sqlite3"
    found = _run(HEAVY + RUN, "--db", str(path), "profile", "set", "--role", "ml-engineer")
    assert found["code"] == 0
    return path


@pytest.mark.parametrize("argv", DAILY, ids=[a[0] for a in DAILY])
def test_a_daily_command_loads_no_orm(returning_learner: Path, argv: list[str]) -> None:
    """Issue 16: a daily command runs in about the time SQLAlchemy's import and its query take;
    the ORM alone was a third of that again."""
    assert _run(NOT_DAILY + RUN, "--db", str(returning_learner), *argv) == {"code": 0, "heavy": []}


# Recording a status, a study session or a note computes no plan, nor does listing the skills
# or the history: neither the planning engine (its use cases, the plan, the progress figures)
# nor the report that words them is loaded.
NOT_PLANNING = HEAVY.replace(
    '("sqlalchemy", "alembic", "planner.service", "planner.db")',
    '("planner.service.planning", "planner.core.plan", "planner.core.progress", '
    '"planner.export.report")',
)
RECORDING = [a for a in DAILY if a[0] in ("status", "log", "note", "skills", "history")]


@pytest.mark.parametrize("argv", RECORDING, ids=[a[0] for a in RECORDING])
def test_a_recording_or_listing_command_loads_no_planning_engine(
    returning_learner: Path, argv: list[str]
) -> None:
    assert _run(NOT_PLANNING + RUN, "--db", str(returning_learner), *argv) == {
        "code": 0,
        "heavy": [],
    }


# Recording a status, a study session or a note reads the prerequisite graph at most, never
# the library's records; a command given --db does not ask where the user data folder is;
# the records of the history, an export, the library's edits and the first start load with
# the commands that use them.
NOT_THE_LIBRARY = HEAVY.replace(
    '("sqlalchemy", "alembic", "planner.service", "planner.db")',
    '("planner.core.domain", "planner.db.queries.library", "platformdirs", '
    '"planner.core.history", "planner.core.export_data", "planner.core.edit", '
    '"planner.core.onboarding")',
)
WRITING = [a for a in DAILY if a[0] in ("status", "log", "note")]


@pytest.mark.parametrize("argv", WRITING, ids=[a[0] for a in WRITING])
def test_recording_progress_loads_neither_the_library_nor_other_records(
    returning_learner: Path, argv: list[str]
) -> None:
    assert _run(NOT_THE_LIBRARY + RUN, "--db", str(returning_learner), *argv) == {
        "code": 0,
        "heavy": [],
    }


def test_the_library_probe_sees_the_library(returning_learner: Path) -> None:
    """`planner history` loads the history's records and `skills` the library (so the test
    above can fail)."""
    found = _run(NOT_THE_LIBRARY + RUN, "--db", str(returning_learner), "history")
    assert found == {"code": 0, "heavy": ["planner.core.history"]}
    found = _run(NOT_THE_LIBRARY + RUN, "--db", str(returning_learner), "skills")
    assert found["code"] == 0
    assert "planner.core.domain" in found["heavy"]  # type: ignore[operator]


def test_the_planning_probe_sees_the_planning_engine(returning_learner: Path) -> None:
    """`planner progress` loads what the test above looks for (so it can fail)."""
    found = _run(NOT_PLANNING + RUN, "--db", str(returning_learner), "progress")
    assert found["code"] == 0
    assert "planner.core.plan" in found["heavy"]  # type: ignore[operator]


# `roadmap` and `progress` change nothing and list no study session: the records a write
# returns and the study sessions' records are not created (each dataclass costs a process
# about half a millisecond; the service imports them where it writes), nor is the learner
# report's module loaded (only `progress --format json` words the pace with it).
NOT_WRITTEN = HEAVY.replace(
    '("sqlalchemy", "alembic", "planner.service", "planner.db")',
    '("planner.core.changes", "planner.core.study_time", "planner.export.learner_report")',
)
PLANS = [a for a in DAILY if a[0] in ("roadmap", "progress")]


@pytest.mark.parametrize("argv", PLANS, ids=[a[0] for a in PLANS])
def test_a_plan_command_loads_no_write_records(returning_learner: Path, argv: list[str]) -> None:
    assert _run(NOT_WRITTEN + RUN, "--db", str(returning_learner), *argv) == {
        "code": 0,
        "heavy": [],
    }


def test_the_write_records_probe_sees_them(returning_learner: Path) -> None:
    """`planner log` loads what the test above looks for (so it can fail)."""
    found = _run(NOT_WRITTEN + RUN, "--db", str(returning_learner), "log", "pandas", "20m")
    assert found == {"code": 0, "heavy": ["planner.core.changes", "planner.core.study_time"]}


def test_the_probe_sees_the_orm(returning_learner: Path) -> None:
    """The probe sees SQLAlchemy's ORM when it is loaded (so the test above can fail)."""
    found = _run(
        NOT_DAILY + "import sqlalchemy.orm\n" + RUN, "--db", str(returning_learner), "roles"
    )
    assert found == {"code": 0, "heavy": ["sqlalchemy.orm"]}


GUI = """
import planner.ui.application as application
def first_paint(*args, **kwargs):
    # Called when the window's frame has painted, to open the database: stop there.
    print(json.dumps({"painted": True, "heavy": heavy()}), flush=True)
    return None  # as when the learner chose Quit: the app exits with status 1
application.start = first_paint
from planner.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", [["gui"], []], ids=["planner gui", "planner"])
def test_gui_paints_its_frame_before_sqlalchemy_or_the_service_load(
    tmp_path: Path, command: list[str]
) -> None:
    found = _run(HEAVY + GUI, "--db", str(tmp_path / "p.sqlite3"), *command)
    assert found == {"painted": True, "heavy": []}


# The window needs no other command's module: `planner gui` built the whole parser (every
# command's module imported) until "gui" was known as a command word.
OTHER_COMMANDS = HEAVY.replace(
    'names = ("sqlalchemy", "alembic", "planner.service", "planner.db")',
    'names = [m for m in sys.modules if m.startswith("planner.cli.")]\n'
    '    names = [m for m in names if m not in ("planner.cli.common", "planner.cli.parser")]',
)


@pytest.mark.parametrize("command", [["gui"], []], ids=["planner gui", "planner"])
def test_gui_loads_no_other_commands_module(tmp_path: Path, command: list[str]) -> None:
    found = _run(OTHER_COMMANDS + GUI, "--db", str(tmp_path / "p.sqlite3"), *command)
    assert found == {"painted": True, "heavy": []}


# `planner` alone (or `planner gui`), as a returning learner types it, opens the app straight
# away: no parser is built and no command-line module imported before the window's frame
# (argparse itself is loaded with PySide6, by shiboken's signature support).
NO_PARSER = HEAVY.replace(
    'names = ("sqlalchemy", "alembic", "planner.service", "planner.db")',
    'names = ("planner.cli.parser", "planner.cli.common")',
)


@pytest.mark.parametrize("command", [["gui"], []], ids=["planner gui", "planner"])
def test_planner_alone_opens_the_app_without_a_parser(tmp_path: Path, command: list[str]) -> None:
    db = str(tmp_path / "p.sqlite3")
    assert _run(NO_PARSER + GUI, *command, env={"PLANNER_DB": db}) == {
        "painted": True,
        "heavy": [],
    }
    # Given an option, the parser is built before the window (so the line above can fail).
    found = _run(NO_PARSER + GUI, "--db", db, *command)
    assert found == {
        "painted": True,
        "heavy": ["planner.cli.common", "planner.cli.parser"],
    }


# What the complete window (a returning learner's plan on screen) has no need of until the
# learner asks: the views not shown (made when first shown), the file exporters (icalendar
# alone took longer to import than those views), the PDF renderer, the roadmap files' parser
# and schema, Alembic, the ORM, networkx.
NOT_FOR_THE_WINDOW = (
    "planner.ui.views.graph",
    "planner.ui.views.progress_view",
    "planner.ui.library_editor",
    "planner.ui.views.compare_view",
    "planner.ui.views.agenda_view",
    "planner.ui.views.cohort",
    "planner.export.ics",
    "icalendar",
    "planner.export.pdf",
    "pypdf",
    "planner.fileformat",
    "pydantic",
    "yaml",
    "alembic",
    "sqlalchemy.orm",
    "networkx",
)
OPENED = """
import planner.ui.window.main_window as main_window
from PySide6.QtWidgets import QApplication
attach = main_window.MainWindow.attach
def attached(window, planner):
    attach(window, planner)  # the views made, the plan shown: the window's `opened`
    print(json.dumps({"opened": True, "heavy": heavy()}), flush=True)
    QApplication.exit(0)
main_window.MainWindow.attach = attached
from planner.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_complete_window_loads_no_exporter_or_parser(returning_learner: Path) -> None:
    script = HEAVY.replace(
        '("sqlalchemy", "alembic", "planner.service", "planner.db")', repr(NOT_FOR_THE_WINDOW)
    )
    assert _run(script + OPENED, "--db", str(returning_learner)) == {"opened": True, "heavy": []}
    # The probe sees an exporter when one is loaded (so the line above can fail).
    seen = _run(script + "import planner.export.ics\n" + OPENED, "--db", str(returning_learner))
    assert seen == {"opened": True, "heavy": ["icalendar", "planner.export.ics"]}


def test_the_cli_knows_the_default_profile_without_the_service() -> None:
    assert DEFAULT_PROFILE == SERVICE_DEFAULT_PROFILE


def test_roles_lists_every_role_without_loading_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`planner roles` reads the roles and tracks only, not every skill (issue 16)."""
    from planner.db import queries
    from planner.export.listings import role_json
    from planner.service import Planner
    from tests.cli.runner import Cli

    cli = Cli(tmp_path / "p.sqlite3", capsys)
    text = cli.ok("roles")  # the database created and filled with the built-in roadmaps
    planner = Planner.open(cli.db)
    try:
        roles = list(planner.library().roles.values())
    finally:
        planner.close()

    def refuse(*args: object) -> None:
        raise AssertionError("`planner roles` loaded the whole library")

    monkeypatch.setattr(queries, "load_library", refuse)
    assert cli.json("roles") == [role_json(role) for role in roles]
    assert cli.ok("roles") == text
    assert any(role.track_choice is not None for role in roles)  # the choice is listed too


UNUSED_BY_ROLES = (
    "alembic",  # a new file gets its schema without it; an up-to-date one needs no migrating
    "planner.service.planning",
    "planner.service.editing",
    "planner.service.files",
    "planner.service.timer",
    "planner.service.progress",
    "planner.db.backup",
    "planner.db.check",
)


def test_a_command_loads_only_the_parts_of_the_service_it_uses(tmp_path: Path) -> None:
    """The service's parts load on first use (issue 16): `planner roles` needs the profiles
    and the library's queries, not the plans, edits, files, timer or progress; and neither the
    first run, which creates and fills the database, nor the next imports Alembic."""
    names = repr(UNUSED_BY_ROLES)
    script = HEAVY.replace('("sqlalchemy", "alembic", "planner.service", "planner.db")', names)
    db = str(tmp_path / "p.sqlite3")
    assert _run(script + RUN, "--db", db, "roles") == {"code": 0, "heavy": []}  # created
    assert _run(script + RUN, "--db", db, "roles") == {"code": 0, "heavy": []}  # reopened
    # The probe does see a part when a command uses it.
    found = _run(script + RUN, "--db", db, "history")
    assert "planner.service.progress" in found["heavy"]  # type: ignore[operator]


# Counts the collector's automatic runs during one command, and says whether it is switched
# back on after (a program that calls `main`, the tests among them, keeps its collector).
COLLECTIONS = """
import gc, json, sys
from planner.cli import main
import planner.core.perf  # what pauses the collector: its own import comes before the pause
runs = []
gc.callbacks.append(lambda phase, info: runs.append(1) if phase == "start" else None)
code = main(sys.argv[1:])
print(json.dumps({"code": code, "collections": len(runs), "enabled": gc.isenabled()}))
"""


@pytest.mark.parametrize("argv", [["roadmap"], ["progress"], ["status", "sql", "in-progress"]])
def test_a_command_runs_without_the_collector_and_switches_it_back_on(
    returning_learner: Path, argv: list[str]
) -> None:
    """A command's objects (SQLAlchemy's modules, the planner's, the rows read) live until it
    ends: collecting midway frees nothing and cost `roadmap` a twentieth of its time."""
    found = _run(COLLECTIONS, "--db", str(returning_learner), *argv)
    assert found == {"code": 0, "collections": 0, "enabled": True}


def test_the_collections_probe_sees_the_collector(returning_learner: Path) -> None:
    """Without the pause, loading SQLAlchemy alone runs the collector (so the test above can
    fail)."""
    probe = COLLECTIONS.replace("code = main", "import sqlalchemy\ncode = main")
    found = _run(probe, "--db", str(returning_learner), "roles")
    assert found["code"] == 0 and found["collections"] > 0  # type: ignore[operator]
