"""Changes run through one helper (ui/ops.py): undoable when they have an inverse, every
view told what changed, every refusal sent to the one place errors go."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.service import Planner, StatusChange
from planner.ui import commands
from planner.ui.ops import run_change
from planner.ui.state import AppState
from tests.conftest import TODAY
from tests.ui.conftest import WindowFactory


@pytest.fixture
def state(qtbot: QtBot, planner: Planner) -> Iterator[AppState]:
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    state = AppState(planner)
    state.replan()
    yield state
    state.deleteLater()


def shown(state: AppState, skill_id: str) -> str:
    step = state.step(skill_id)
    assert step is not None
    return step.status


def test_a_change_with_an_inverse_is_one_undo_step(qtbot: QtBot, state: AppState) -> None:
    progress = state.planner.progress

    def undo(done: StatusChange) -> StatusChange:
        return progress.set_status(done.skill, done.previous, done.day)

    with qtbot.waitSignal(state.planChanged):
        done = run_change(
            state, lambda: progress.set_status("git", "done"), undo=undo, text="Mark Git done"
        )
    assert done is not None and done.previous == "todo"
    assert shown(state, "git") == "done"
    assert state.undo_stack.count() == 1 and state.undo_stack.undoText() == "Mark Git done"
    with qtbot.waitSignal(state.planChanged):
        state.undo_stack.undo()
    assert shown(state, "git") == "todo" and "git" not in progress.statuses()
    with qtbot.waitSignal(state.planChanged):
        state.undo_stack.redo()
    assert shown(state, "git") == "done"


def test_a_change_without_an_inverse_runs_at_once_and_tells_the_views(
    qtbot: QtBot, state: AppState
) -> None:
    with qtbot.waitSignal(state.notesChanged) as noted:
        change = run_change(state, lambda: state.planner.progress.set_note("git", "rebase"))
    assert noted.args == ["git"] and change is not None and change.notes
    assert state.undo_stack.count() == 0 and state.dirty


def test_a_refused_change_reaches_the_error_route_and_leaves_no_undo_step(
    qtbot: QtBot, state: AppState
) -> None:
    progress = state.planner.progress
    with qtbot.waitSignal(state.failed) as failed:
        result = run_change(
            state,
            lambda: progress.set_status("no-such-skill", "done"),
            undo=lambda done: progress.set_status(done.skill, done.previous, done.day),
            text="Mark it done",
        )
    assert result is None
    assert failed.args is not None and "unknown skill 'no-such-skill'" in failed.args[0]
    assert state.undo_stack.count() == 0
    with qtbot.assertNotEmitted(state.planChanged), qtbot.waitSignal(state.failed):
        run_change(state, lambda: progress.set_status("git", "finished"))


def test_the_window_shows_a_refused_change_and_undoes_a_made_one(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window(
        lambda planner: planner.profiles.update(role="ml-engineer", hours_per_week=10)
    )
    state = window.state
    planner = state.planner
    run_change(state, lambda: planner.profiles.set_target_date(TODAY.replace(year=2025)))
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "has already passed" in box.text()
    box.close()
    window.set_status("git", "done")  # the window's own edits go the same way
    assert window.undo_stack.undoText() == "Mark “Git” done"
    with qtbot.waitSignal(state.planChanged):
        window.action_undo.trigger()
    assert "git" not in planner.progress.statuses()


def test_a_view_changes_data_through_the_commands_without_the_window(
    qtbot: QtBot, state: AppState
) -> None:
    progress = state.planner.progress
    with qtbot.waitSignal(state.skillBegun) as begun:
        commands.log_study(state, "git", 90, TODAY)
    assert begun.args == ["git"]
    session = progress.study_sessions()[0]
    assert state.undo_stack.undoText() == "Log 90 min on “Git”"
    commands.delete_study_session(state, session.id)
    assert state.undo_stack.undoText() == "Delete 1 h 30 min on “Git”"
    assert progress.study_sessions() == []
    commands.restore_study_session(state, session.id)
    assert state.undo_stack.undoText() == "Restore 1 h 30 min on “Git”"
    assert [s.id for s in progress.study_sessions()] == [session.id]
    state.undo_stack.undo()  # the restore's undo deletes it again
    assert progress.study_sessions() == []
    state.undo_stack.undo()  # the deletion's undo restores it
    assert [s.id for s in progress.study_sessions()] == [session.id]
    steps = state.undo_stack.index()
    commands.set_status(state, "git", progress.statuses()["git"])  # no change: no step
    assert state.undo_stack.index() == steps
    with qtbot.assertNotEmitted(state.skillBegun):
        commands.set_status(state, "git", "done")
    with qtbot.waitSignal(state.failed):
        commands.delete_study_session(state, 10_000)  # refused: said in the one place
    assert state.undo_stack.index() == steps + 1 and progress.statuses()["git"] == "done"
