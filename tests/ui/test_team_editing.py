"""Who may change the library on a shared database (team.md): editors and the owner have the
library editor's actions; learners and mentors find them disabled, with a tooltip saying why;
and a change the server refuses all the same is one message, with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.core.domain import Skill
from planner.core.edit import LibraryChange
from planner.ui.window.main_window import MainWindow
from planner.ui.window.team import ONLY_EDITORS
from planner.ui.window.view import View
from tests.pg_cluster import Cluster
from tests.ui.cohort_helpers import Opener, Team, team_copy, windows_of
from tests.ui.conftest import WindowFactory
from tests.ui.test_library_editor import drop

pytestmark = pytest.mark.gui

KAFKA = Skill("kafka", "Kafka", "Data", 8)


@pytest.fixture(scope="module")
def team(pg_cluster: Cluster, pg_template: str) -> Iterator[Team]:
    yield from team_copy(pg_cluster, pg_template, "editing")


@pytest.fixture
def open_as(qtbot: QtBot, team: Team, tmp_path: Path) -> Iterator[Opener]:
    yield from windows_of(qtbot, team, tmp_path)


def library_edits(window: MainWindow) -> list[tuple[str, bool, str]]:
    """(what, enabled, tooltip) of every way to change the library in the window."""
    editor = window.library_editor
    buttons = [
        editor.new_skill_button,
        editor.edit_skill_button,
        editor.delete_skill_button,
        editor.new_role_button,
        editor.edit_role_button,
        editor.delete_role_button,
    ]
    actions = [window.action_import, window.action_new_skill, window.action_edit_skill]
    return [(b.text(), b.isEnabled(), b.toolTip()) for b in buttons] + [
        (a.text(), a.isEnabled(), a.toolTip()) for a in actions
    ]


@pytest.mark.parametrize("login", ["ana", "mia"])
def test_learners_and_mentors_find_the_edits_disabled_and_told_why(
    open_as: Opener, login: str
) -> None:
    window = open_as(login)
    window.show_view(View.LIBRARY)
    for what, enabled, tip in library_edits(window):
        assert not enabled, what
        assert tip == ONLY_EDITORS, what
    assert window.action_import.associatedObjects()  # in the File menu, which shows tooltips
    window.library_editor.new_skill()  # a shortcut's way in: nothing opens
    assert window.library_editor.dialog is None


@pytest.mark.parametrize("login", ["eve", "postgres"])
def test_editors_and_the_owner_keep_them(open_as: Opener, login: str) -> None:
    window = open_as(login)
    assert all(enabled for _, enabled, _ in library_edits(window))
    assert window.action_edit_skill.toolTip() == "Edit the selected skill in the library"


def test_a_learners_own_file_keeps_every_edit(open_window: WindowFactory) -> None:
    window = open_window()
    assert all(enabled for _, enabled, _ in library_edits(window))
    assert window.sidebar.isRowHidden(View.COHORT)


def test_roadmap_files_dropped_by_a_learner_are_refused_in_one_message(
    qtbot: QtBot, open_as: Opener, tmp_path: Path
) -> None:
    window = open_as("ana")
    good = tmp_path / "good.yaml"
    good.write_text("format: 1\nskills:\n  - {id: kafka, name: Kafka, area: Data, hours: 8}\n")
    drop(window, good)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "_last_dialog", None), QMessageBox))
    assert window._last_dialog.text().startswith(ONLY_EDITORS)
    assert "kafka" not in window.state.planner.library().skills


def test_a_change_the_server_refuses_is_one_message_and_nothing_changed(
    qtbot: QtBot, open_as: Opener
) -> None:
    """Past the disabled buttons (as an older app, or a race with the owner, would be)."""
    window = open_as("ana")
    with qtbot.waitSignal(window.state.failed) as refused:
        window.library_editor.push("Add “Kafka”", LibraryChange({"kafka": KAFKA}))
    message = str(refused.args[0])
    assert message == window._last_dialog.text()
    assert "\n" not in message and "editor" in message
    assert "kafka" not in window.state.planner.library().skills
    assert window.undo_stack.count() == 0  # a refused step is not kept


def test_an_editors_change_is_kept_and_undone(qtbot: QtBot, open_as: Opener) -> None:
    window = open_as("eve")
    with qtbot.waitSignal(window.state.libraryChanged):
        window.library_editor.push("Add “Kafka”", LibraryChange({"kafka": KAFKA}))
    assert "kafka" in window.state.planner.library().skills
    with qtbot.waitSignal(window.state.libraryChanged):
        window.undo_stack.undo()
    assert "kafka" not in window.state.planner.library().skills


def test_back_from_read_only_a_learner_still_cannot_edit_the_library(open_as: Opener) -> None:
    """Read-only while the server was away disables everything; Retry gives back what the
    login may do, not more."""
    window = open_as("ana")
    window.state.read_only = True  # as when the server dropped
    window._freeze()
    assert window.retry_connection()  # the server answers again
    assert not window.state.read_only
    for what, enabled, tip in library_edits(window):
        assert not enabled and tip == ONLY_EDITORS, what
    assert window.action_setup.isEnabled()  # what a learner may do comes back
