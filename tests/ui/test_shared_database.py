"""The app on a shared PostgreSQL database, started by the tests: opening one from --db or
PLANNER_DB, File → Connect to a shared database… (remembered without its password) and Use my
own database, the status bar naming where the data is, the open-problem dialog's server kinds,
and a server that stops while the app is open: read-only under one message, nothing that
failed shown as done, Retry once it is back."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.errors import DatabaseProblem
from planner.paths import database_path
from planner.service import Planner
from planner.ui.application import Started, start
from planner.ui.dialogs.connect import ConnectDialog
from planner.ui.theme import look
from planner.ui.where import SERVER_KEY
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.conftest import TODAY
from tests.pg_cluster import Cluster
from tests.ui.test_opening_problems import Learner

pytestmark = pytest.mark.gui

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs"


def typed(url: str) -> str:
    """The URI as a person types it (libpq's scheme, not SQLAlchemy's driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def with_password(uri: str, password: str) -> str:
    return uri.replace("postgresql://postgres@", f"postgresql://postgres:{password}@", 1)


@pytest.fixture
def own_file() -> Path:
    """The learner's own database (the user data path), with one skill done."""
    path = database_path(None)
    planner = Planner.open(path, today=lambda: TODAY)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.progress.set_status("git", "done")
    planner.close()
    return path


def prepare_server(url: str) -> None:
    planner = Planner.open(url, today=lambda: TODAY)
    planner.profiles.update(role="ai-engineer", hours_per_week=8)
    planner.progress.set_status("python-basics", "done")
    planner.close()


def open_app(qtbot: QtBot, db: str | None, settings: QSettings, started: list[Started]) -> Started:
    result = start(db, None, settings, ask=Learner(qtbot))
    assert result is not None
    started.append(result)
    qtbot.waitExposed(result.window)
    return result


def where_text(window: MainWindow) -> str:
    return window.status_where.text()


# ------------------------------------------------------------------ opening
def test_the_app_opens_a_shared_database_named_by_db_and_says_where_the_data_is(
    qtbot: QtBot,
    pg_planner_url: str,
    settings: QSettings,
    started: list[Started],
    caplog: pytest.LogCaptureFixture,
) -> None:
    prepare_server(pg_planner_url)
    uri = with_password(typed(pg_planner_url), "never-shown")  # trust: any password will do
    window = open_app(qtbot, uri, settings, started).window
    name = pg_planner_url.split("@/")[1].split("?")[0]
    assert window.state.planner.db.on_server
    assert where_text(window).startswith(f"Shared database {name} on ")
    assert where_text(window).endswith(" as postgres")
    assert "never-shown" not in where_text(window) + window.status_where.toolTip()
    assert "***" in window.status_where.toolTip()
    assert window.state.planner.profile().role == "ai-engineer"
    assert window.state.step("python-basics") is not None
    assert not window.action_backups.isEnabled()  # the server's owner backs it up
    assert window.action_use_own.isEnabled()
    window.set_status("numpy", "done")
    with caplog.at_level(logging.INFO):
        window.close()  # on a server: no backup, and nothing said about one
    assert "backup" not in caplog.text
    assert not (database_path(None).parent / "backups").exists()
    assert "never-shown" not in Path(settings.fileName()).read_text()


def test_planner_db_names_the_shared_database_too(
    qtbot: QtBot,
    pg_planner_url: str,
    settings: QSettings,
    started: list[Started],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prepare_server(pg_planner_url)
    monkeypatch.setenv("PLANNER_DB", typed(pg_planner_url))
    window = open_app(qtbot, None, settings, started).window
    assert window.state.planner.db.on_server
    assert where_text(window).startswith("Shared database ")


def test_on_the_own_file_the_status_bar_names_the_file(
    qtbot: QtBot, own_file: Path, settings: QSettings, started: list[Started]
) -> None:
    window = open_app(qtbot, None, settings, started).window
    assert where_text(window) == f"Your own database: {own_file.name}"
    assert window.status_where.toolTip() == f"Your own database file: {own_file}"
    assert not window.action_use_own.isEnabled()
    assert window.action_backups.isEnabled()


def test_a_uri_of_another_engine_is_one_message_and_no_file(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    told: list[str] = []
    assert start("mysql://ana:secret@db/planner", None, settings, inform=told.append) is None
    (message,) = told
    assert message.startswith("mysql://ana:***@db/planner: not a database the planner can use")
    assert "secret" not in message
    assert list(here.iterdir()) == []  # no folder named after the URI, password and all


# ------------------------------------------------------------------ the open-problem dialog
@pytest.mark.parametrize(
    ("kind", "headline", "says"),
    [
        (DatabaseProblem.MISSING, "The shared database does not exist", "no database named"),
        (DatabaseProblem.LOGIN, "The server refused the login", "did not let “nobody” in"),
    ],
)
def test_a_missing_database_or_a_refused_login_says_which_and_offers_retry_or_the_own_file(
    qtbot: QtBot,
    pg_cluster: Cluster,
    own_file: Path,
    settings: QSettings,
    started: list[Started],
    kind: DatabaseProblem,
    headline: str,
    says: str,
) -> None:
    if kind is DatabaseProblem.MISSING:
        uri = typed(pg_cluster.url("no_such_database"))
    else:
        uri = typed(pg_cluster.url("postgres", login="nobody"))
    learner = Learner(qtbot, ("Use my own database",))
    result = start(uri, None, settings, ask=learner)
    (shown,) = learner.dialogs
    assert shown.kind is kind
    assert shown.headline == headline
    assert says in shown.text
    assert shown.buttons == ["Retry", "Use my own database", "Quit"]
    assert shown.path == uri  # the server, its password masked (there is none here)
    assert shown.text.count("Details:") == 1 and "\n" not in shown.text
    assert result is not None
    started.append(result)
    assert result.window.state.planner.db.path == own_file
    assert result.window.state.planner.progress.statuses() == {"git": "done"}


def test_a_server_down_at_start_offers_retry_and_opens_once_it_is_up(
    qtbot: QtBot, own_cluster: Cluster, settings: QSettings, started: list[Started]
) -> None:
    url = own_cluster.url(own_cluster.new_database())
    prepare_server(url)
    own_cluster.stop()
    learner = Learner(qtbot, ("Retry",), ("Retry",), meanwhile=lambda: None)
    learner.meanwhile = lambda: own_cluster.start() if len(learner.dialogs) == 2 else None
    result = start(typed(url), None, settings, ask=learner)
    assert [d.kind for d in learner.dialogs] == [DatabaseProblem.UNREACHABLE] * 2
    first = learner.dialogs[0]
    assert first.headline == "The shared database cannot be reached"
    assert first.buttons == ["Retry", "Use my own database", "Quit"]
    assert result is not None
    started.append(result)
    assert result.window.state.planner.progress.statuses() == {"python-basics": "done"}


def test_choosing_the_own_file_over_a_remembered_server_forgets_the_server(
    qtbot: QtBot,
    own_cluster: Cluster,
    own_file: Path,
    settings: QSettings,
    started: list[Started],
) -> None:
    url = own_cluster.url(own_cluster.new_database())
    settings.setValue(SERVER_KEY, typed(url))
    own_cluster.stop()
    learner = Learner(qtbot, ("Use my own database",))
    result = start(None, None, settings, ask=learner)
    assert result is not None
    started.append(result)
    assert result.window.state.planner.db.path == own_file
    assert settings.value(SERVER_KEY) is None


# ------------------------------------------------------------------ connecting and back
def connect_with_dialog(qtbot: QtBot, window: MainWindow, uri: str) -> ConnectDialog:
    window.action_connect.trigger()
    dialog = window.connect_dialog
    qtbot.waitExposed(dialog)
    dialog.uri.clear()
    qtbot.keyClicks(dialog.uri, uri)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    return dialog


def test_connect_switches_to_the_shared_database_remembers_it_without_the_password_and_back(
    qtbot: QtBot,
    own_file: Path,
    pg_planner_url: str,
    settings: QSettings,
    started: list[Started],
) -> None:
    prepare_server(pg_planner_url)
    result = open_app(qtbot, None, settings, started)
    window = result.window
    window.set_status("numpy", "done")  # an undo step on the own file
    assert window.undo_stack.count() == 1
    uri = typed(pg_planner_url)
    dialog = connect_with_dialog(qtbot, window, with_password(uri, "s3cret-pw"))
    with qtbot.waitSignal(window.state.planChanged, timeout=20000):
        qtbot.waitUntil(lambda: window.state.planner.db.on_server, timeout=20000)
    assert not dialog.isVisible()
    # The window shows the server's data now: its profile, plan and statuses.
    assert window.state.planner.profile().role == "ai-engineer"
    assert window.role_box.currentData() == "ai-engineer"
    assert window.state.planner.progress.statuses() == {"python-basics": "done"}
    assert window.undo_stack.count() == 0  # the file's undo steps are not the server's
    assert where_text(window).startswith("Shared database ")
    assert window.action_use_own.isEnabled()
    # Remembered for next time, never the password: not in the settings file at all.
    settings.sync()
    assert settings.value(SERVER_KEY) == uri
    assert "s3cret-pw" not in Path(settings.fileName()).read_text()
    window.set_status("numpy", "in-progress")
    assert window.state.planner.progress.statuses()["numpy"] == "in-progress"

    with qtbot.waitSignal(window.state.planChanged):
        window.action_use_own.trigger()
    assert window.state.planner.db.path == own_file
    assert window.state.planner.progress.statuses() == {"git": "done", "numpy": "done"}
    assert window.role_box.currentData() == "ml-engineer"
    assert where_text(window) == f"Your own database: {own_file.name}"
    assert settings.value(SERVER_KEY) is None
    assert not window.action_use_own.isEnabled()


def test_the_remembered_shared_database_opens_at_the_next_start(
    qtbot: QtBot,
    own_file: Path,
    pg_planner_url: str,
    settings: QSettings,
    started: list[Started],
) -> None:
    prepare_server(pg_planner_url)
    window = open_app(qtbot, None, settings, started).window
    connect_with_dialog(qtbot, window, typed(pg_planner_url))
    qtbot.waitUntil(lambda: window.state.planner.db.on_server, timeout=20000)
    window.close()
    started.pop().opened.close()
    again = open_app(qtbot, None, settings, started).window
    assert again.state.planner.db.on_server
    assert again.state.planner.db.location.remembered == typed(pg_planner_url)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("mysql://ana@db/planner", "not a database the planner can use"),
        ("NAME/no_such_database", "does not exist"),
    ],
)
def test_a_uri_that_does_not_work_is_one_line_in_the_dialog_and_nothing_switches(
    qtbot: QtBot,
    own_file: Path,
    pg_cluster: Cluster,
    settings: QSettings,
    started: list[Started],
    uri: str,
    says: str,
) -> None:
    if uri.startswith("NAME"):
        uri = typed(pg_cluster.url("no_such_database"))
    window = open_app(qtbot, None, settings, started).window
    dialog = connect_with_dialog(qtbot, window, uri)
    qtbot.waitUntil(lambda: not dialog.trying and says in dialog.problem.text(), timeout=20000)
    assert "\n" not in dialog.problem.text()
    assert dialog.isVisible()  # for another try
    assert window.state.planner.db.path == own_file
    assert settings.value(SERVER_KEY) is None
    dialog.reject()


# ------------------------------------------------------------------ a server that goes away
def test_a_server_that_stops_leaves_the_window_readable_read_only_and_retry_brings_it_back(
    qtbot: QtBot, own_cluster: Cluster, settings: QSettings, started: list[Started]
) -> None:
    url = own_cluster.url(own_cluster.new_database())
    prepare_server(url)
    window = open_app(qtbot, typed(url), settings, started).window
    window.state.select("numpy")
    window.set_status("git", "done")
    assert window.undo_stack.count() == 1
    before = window.state.step("numpy")
    assert before is not None and before.status == "todo"

    own_cluster.stop()
    window.set_status("numpy", "done")  # does not reach the server
    bar = window.server_lost
    assert bar.isVisible()
    assert bar.message.text().startswith("The shared database cannot be reached.")
    assert "cannot be reached" in bar.message.toolTip()
    assert window.state.read_only
    step = window.state.step("numpy")
    assert step is not None and step.status == "todo"  # not shown as done
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
    assert where_text(window).endswith("— cannot be reached")
    # Read-only: what changes data is off, what shows it stays.
    assert not window.role_box.isEnabled() and not window.hours_box.isEnabled()
    assert not window.action_done.isEnabled() and not window.action_undo.isEnabled()
    assert window.skill_panel.notes.isReadOnly()  # a note cannot be typed, then lost
    assert window.plan_view.isEnabled() and window.search.isEnabled()
    assert window.action_connect.isEnabled() and window.action_use_own.isEnabled()
    window.set_status("numpy", "done")  # a second try is refused before the service
    assert window.statusBar().currentMessage().startswith("Not changed:")
    window.state.select("git")  # the panel keeps what it showed
    assert window.skill_panel.skill_id == "numpy"
    window.show_view(View.LIBRARY)  # first shown while read-only: its edits are off too
    assert not window.library_editor.new_skill_button.isEnabled()

    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)  # still down
    assert bar.isVisible() and window.state.read_only

    own_cluster.start()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and not window.state.read_only
    assert window.role_box.isEnabled() and window.action_done.isEnabled()
    assert window.action_undo.isEnabled() and not window.skill_panel.notes.isReadOnly()
    assert window.undo_stack.count() == 1  # untouched
    assert window.library_editor.new_skill_button.isEnabled()
    assert window.state.planner.progress.statuses() == {"python-basics": "done", "git": "done"}
    window.set_status("numpy", "done")
    assert window.state.planner.progress.statuses()["numpy"] == "done"
    assert window.undo_stack.count() == 2
    assert where_text(window).startswith("Shared database ")


def test_use_my_own_database_from_the_read_only_window(
    qtbot: QtBot,
    own_cluster: Cluster,
    own_file: Path,
    settings: QSettings,
    started: list[Started],
) -> None:
    url = own_cluster.url(own_cluster.new_database())
    prepare_server(url)
    window = open_app(qtbot, typed(url), settings, started).window
    own_cluster.stop()
    window.set_status("numpy", "done")
    assert window.server_lost.isVisible()
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(window.server_lost.own_button, Qt.MouseButton.LeftButton)
    assert not window.server_lost.isVisible() and not window.state.read_only
    assert window.state.planner.db.path == own_file
    assert window.role_box.isEnabled()
    window.set_status("numpy", "done")
    assert window.state.planner.progress.statuses() == {"git": "done", "numpy": "done"}


# ------------------------------------------------------------------ the docs' screenshots
def laid_out(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the status bar has made room for the words just set."""
    label = window.status_where
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())


def test_the_shared_database_screenshots(
    qtbot: QtBot, own_cluster: Cluster, settings: QSettings, started: list[Started], tmp_path: Path
) -> None:
    """The window on a shared database, and the same window once the server has stopped.
    The status bar names the docs' example server (the tests' server is a socket in /tmp):
    its words come from the same function, planner.ui.where.place."""
    from planner.service.location import server_address
    from planner.ui.where import place

    url = own_cluster.url(own_cluster.new_database())
    planner = Planner.open(url)  # today: the window plans from today too
    planner.profiles.update(role="ml-engineer", tracks=["computer-vision"], hours_per_week=10)
    for skill in ("python-basics", "git", "sql", "numpy"):
        planner.progress.set_status(skill, "done")
    planner.progress.set_status("pandas", "in-progress")
    planner.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = app.palette()
    look.apply_scheme(app, "light")
    folder = SCREENSHOTS if os.environ.get("PLANNER_SCREENSHOTS") else tmp_path
    try:
        window = open_app(qtbot, typed(url), settings, started).window
        window.resize(1280, 800)
        window.state.select("pandas")
        example = place(server_address("postgresql://ana@db.example.org:5432/planner"))
        window.status_where.setText(example.text)
        laid_out(qtbot, window)
        assert window.grab().save(str(folder / "shared-database.png"))
        own_cluster.stop()
        window.set_status("pandas", "done")
        assert window.server_lost.isVisible()
        unreachable = place(
            server_address("postgresql://ana@db.example.org:5432/planner"), reachable=False
        )
        window.status_where.setText(unreachable.text)
        laid_out(qtbot, window)
        assert window.grab().save(str(folder / "shared-database-unreachable.png"))
        own_cluster.start()  # the views redraw in the palette restored below, reading again
    finally:
        app.setPalette(palette)
