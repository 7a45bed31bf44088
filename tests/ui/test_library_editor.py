"""The library editor, driven as a learner would: add, edit and delete skills and roles, be
told why a cycle is refused, undo everything; and roadmap files dropped on the window."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QTableView, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.core.domain import Library
from planner.core.edit import LibraryChange, delete_skill_change
from planner.core.graph import closure, goals_of
from planner.service import Planner
from planner.ui.library_editor import model as table_model
from planner.ui.library_editor.editor import LibraryEditor
from planner.ui.library_editor.model import ID_ROLE, SKILL_COLUMNS, SkillTableModel
from planner.ui.library_editor.role_dialog import RoleDialog, TrackDialog
from planner.ui.library_editor.skill_dialog import SkillDialog
from planner.ui.library_editor.skill_list import SkillList
from planner.ui.window.main_window import MainWindow
from planner.ui.window.view import View
from tests.ui.conftest import WindowFactory, drag_enter, files_mime

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    def learner(planner: Planner) -> None:
        planner.profiles.update(role="ml-engineer", hours_per_week=10)
        planner.progress.set_status("numpy", "done")

    win = open_window(learner)
    win.show_view(View.LIBRARY)
    return win


def editor_of(window: MainWindow) -> LibraryEditor:
    assert window.views.currentWidget() is window.library_editor
    return window.library_editor


def select_skill(qtbot: QtBot, editor: LibraryEditor, skill_id: str) -> None:
    """Find the skill with the filter box and click its row."""
    editor.search.clear()
    qtbot.keyClicks(editor.search, skill_id)
    for row in range(editor.proxy.rowCount()):
        index = editor.proxy.index(row, 0)
        if index.data(ID_ROLE) == skill_id:
            rect = editor.table.visualRect(index)
            qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert editor.selected_skill() == skill_id
            return
    raise AssertionError(f"{skill_id} not listed")


def pick(qtbot: QtBot, skills: SkillList, text: str) -> None:
    """Add… then type to find a skill and press OK."""
    qtbot.mouseClick(skills.add_button, Qt.MouseButton.LeftButton)
    picker = skills.picker
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.search, text)
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)


def skill_dialog(editor: LibraryEditor) -> SkillDialog:
    assert isinstance(editor.dialog, SkillDialog) and editor.dialog.isVisible()
    return editor.dialog


def test_add_a_skill_with_a_prerequisite_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    count = len(planner.library().skills)
    qtbot.mouseClick(editor.new_skill_button, Qt.MouseButton.LeftButton)
    dialog = skill_dialog(editor)
    qtbot.keyClicks(dialog.name, "PyTorch first steps")
    assert dialog.id.text() == "pytorch-first-steps"  # suggested from the name
    qtbot.keyClicks(dialog.area.lineEdit(), "Deep learning")
    dialog.hours.setValue(12)
    pick(qtbot, dialog.requires, "numpy")
    assert dialog.requires.ids() == ("numpy",)
    with qtbot.waitSignal(window.state.libraryChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    skill = planner.library().skills["pytorch-first-steps"]
    assert (skill.name, skill.area, skill.hours, skill.requires) == (
        "PyTorch first steps",
        "Deep learning",
        12,
        ("numpy",),
    )
    assert editor.count.text() == f"{count + 1} skills"
    assert window.undo_stack.undoText() == "Add “PyTorch first steps”"

    with qtbot.waitSignal(window.state.libraryChanged):
        window.action_undo.trigger()
    assert "pytorch-first-steps" not in planner.library().skills
    assert editor.model.row_of("pytorch-first-steps") == -1
    with qtbot.waitSignal(window.state.libraryChanged):
        window.action_redo.trigger()
    assert planner.library().skills["pytorch-first-steps"] == skill


def test_closing_a_cycle_is_refused_with_the_cycle_shown(qtbot: QtBot, window: MainWindow) -> None:
    editor = editor_of(window)
    select_skill(qtbot, editor, "python-basics")
    qtbot.mouseClick(editor.edit_skill_button, Qt.MouseButton.LeftButton)
    dialog = skill_dialog(editor)
    pick(qtbot, dialog.requires, "numpy")
    picker = dialog.requires.picker
    assert picker is not None and picker.isVisible()  # refused: the picker stays open
    assert picker.problem.isVisible()
    assert picker.problem.text() == (
        "'NumPy' cannot be a prerequisite of 'Python programming': 'Python programming' "
        "already comes before it, so this would make a cycle: "
        "NumPy → Python programming → NumPy"
    )
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert dialog.requires.ids() == ()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing changed
    assert not dialog.isVisible()
    assert window.undo_stack.count() == 0


def test_a_skill_the_library_cannot_take_keeps_the_dialog_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    qtbot.mouseClick(editor.new_skill_button, Qt.MouseButton.LeftButton)
    dialog = skill_dialog(editor)
    qtbot.keyClicks(dialog.id, "numpy")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    problems = dialog.problem.text().splitlines()
    assert "a skill with the id 'numpy' already exists" in problems
    assert "skill 'numpy': 'name' must not be empty" in problems
    assert window.undo_stack.count() == 0


def test_editing_hours_moves_the_plan_and_the_graph_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    before = window.state.plan
    assert before is not None
    select_skill(qtbot, editor, "pandas")
    qtbot.mouseClick(editor.edit_skill_button, Qt.MouseButton.LeftButton)
    dialog = skill_dialog(editor)
    dialog.hours.setValue(dialog.hours.value() + 30)
    dialog.summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.summary, " With exercises.")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = window.state.plan
    assert after is not None
    assert after.total_hours == before.total_hours + 30
    assert window.graph_view._plan is after
    assert window.state.planner.library().skills["pandas"].summary.endswith("With exercises.")
    assert window.skill_panel.summary.text().endswith("With exercises.")  # the panel follows
    with qtbot.waitSignal(window.state.planChanged):
        window.action_undo.trigger()
    assert window.state.plan is not None
    assert window.state.plan.total_hours == before.total_hours


def test_delete_asks_names_what_is_affected_and_undo_restores_it_all(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    library = planner.library()
    select_skill(qtbot, editor, "numpy")
    qtbot.mouseClick(editor.delete_skill_button, Qt.MouseButton.LeftButton)
    box = editor.confirm_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("Delete “NumPy”?")
    assert "It is required by: " in box.text() and "pandas" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert "numpy" in planner.library().skills

    qtbot.mouseClick(editor.delete_skill_button, Qt.MouseButton.LeftButton)
    box = editor.confirm_box
    assert box is not None
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    with qtbot.waitSignal(window.state.libraryChanged):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert "numpy" not in planner.library().skills
    assert "numpy" not in planner.library().skills["pandas"].requires
    assert window.skill_panel.details.isHidden()  # the deleted skill is no longer shown
    assert window.state.step("numpy") is None

    with qtbot.waitSignal(window.state.libraryChanged):
        window.action_undo.trigger()
    assert planner.library().skills == library.skills
    step = window.state.step("numpy")
    assert step is not None and step.status == "done"  # the history came back with it


def test_roles_and_tracks_are_created_edited_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    editor = editor_of(window)
    editor.tabs.setCurrentIndex(1)
    qtbot.mouseClick(editor.new_role_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    assert isinstance(dialog, RoleDialog)
    qtbot.keyClicks(dialog.name, "Data engineer")
    pick(qtbot, dialog.goals, "sql")
    qtbot.mouseClick(dialog.add_track_button, Qt.MouseButton.LeftButton)
    track_dialog = dialog.track_dialog
    assert isinstance(track_dialog, TrackDialog)
    qtbot.keyClicks(track_dialog.name, "Streaming")
    qtbot.mouseClick(track_dialog.save_button, Qt.MouseButton.LeftButton)
    assert track_dialog.isVisible()  # a track needs a goal
    assert "at least one goal" in track_dialog.problem.text()
    pick(qtbot, track_dialog.goals, "pandas")
    qtbot.mouseClick(track_dialog.save_button, Qt.MouseButton.LeftButton)
    assert [t.id for t in dialog.track_values()] == ["streaming"]
    with qtbot.waitSignal(window.state.libraryChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    role = window.state.planner.library().roles["data-engineer"]
    assert role.goals == ("sql",) and role.tracks[0].goals == ("pandas",)
    assert window.role_box.findData("data-engineer") >= 0  # the toolbar follows
    assert editor.roles_model.rowCount() == 3
    assert window.undo_stack.undoText() == "Add role “Data engineer”"

    # Edit: take the track away, then undo both steps.
    editor.roles.selectRow(2)
    qtbot.mouseClick(editor.edit_role_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    assert isinstance(dialog, RoleDialog)
    dialog.tracks.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_track_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.state.libraryChanged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.state.planner.library().roles["data-engineer"].tracks == ()
    assert window.undo_stack.undoText() == "Edit role “Data engineer”"
    window.action_undo.trigger()
    assert window.state.planner.library().roles["data-engineer"] == role
    window.action_undo.trigger()
    assert "data-engineer" not in window.state.planner.library().roles
    assert window.role_box.findData("data-engineer") == -1


def test_deleting_the_learners_role_asks_and_undo_puts_them_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    editor.tabs.setCurrentIndex(1)
    editor.roles.selectRow(1)
    assert editor.selected_role() == "ml-engineer"
    qtbot.mouseClick(editor.delete_role_button, Qt.MouseButton.LeftButton)
    box = editor.confirm_box
    assert box is not None and "1 profile (default) will have no role" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    with qtbot.waitSignal(window.state.planChanged):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert window.state.plan is None
    assert window.status_plan.text() == "Choose a role to see your plan."
    with qtbot.waitSignal(window.state.planChanged):
        window.action_undo.trigger()
    assert window.state.planner.profile().role == "ml-engineer"
    assert window.state.plan is not None


def test_filters_by_text_area_and_role(qtbot: QtBot, window: MainWindow) -> None:
    editor = editor_of(window)
    total = editor.model.rowCount()
    qtbot.keyClicks(editor.search, "python")
    shown = editor.proxy.rowCount()
    assert 0 < shown < total
    assert editor.count.text() == f"{shown} of {total} skills"
    editor.search.clear()
    editor.area_box.setCurrentIndex(editor.area_box.findData("Mathematics"))
    editor.area_box.activated.emit(editor.area_box.currentIndex())
    areas = {editor.proxy.index(r, 1).data() for r in range(editor.proxy.rowCount())}
    assert areas == {"Mathematics"}
    editor.area_box.setCurrentIndex(0)
    editor.role_filter.setCurrentIndex(editor.role_filter.findData("ai-engineer"))
    editor.role_filter.activated.emit(editor.role_filter.currentIndex())
    ids = {editor.proxy.index(r, 0).data(ID_ROLE) for r in range(editor.proxy.rowCount())}
    assert "python-basics" in ids and "backpropagation" not in ids


def test_the_skill_table_passes_the_model_tester(qtmodeltester: object, planner: Planner) -> None:
    model = SkillTableModel()
    model.set_library(planner.library())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def drop(window: MainWindow, *paths: Path) -> None:
    """Drag files over the window (it must say yes) and let go."""
    mime = files_mime(*paths)
    assert drag_enter(window, mime).isAccepted()
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def test_dropping_a_bad_file_lists_its_problems_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("format: 1\nskills:\n  - {id: kafka, name: Kafka, area: Data, hours: 8}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\nskills:\n  - {id: spark, name: Spark, area: Data, hours: 0}\n"
        "  - {id: flink, name: Flink, area: Data, hours: 5, requirs: [spark]}\n"
    )
    skills = dict(window.state.planner.library().skills)
    drop(window, good, bad)
    qtbot.waitUntil(lambda: getattr(window, "import_problems", None) is not None)
    dialog = window.import_problems
    assert dialog.isVisible()
    entries = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert entries == [
        f"{bad}:3: skill 'spark': 'hours': Input should be greater than 0, got 0",
        f"{bad}:4: skill 'flink': unknown key 'requirs' (did you mean 'requires'?)",
    ]
    assert dict(window.state.planner.library().skills) == skills  # not even the good file
    dialog.close()

    with qtbot.waitSignal(window.state.libraryChanged):
        drop(window, good)
    assert "kafka" in window.state.planner.library().skills
    assert window.library_editor.model.row_of("kafka") >= 0


def test_edit_skill_from_the_menu_opens_the_editor_on_the_selected_skill(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view(View.PLAN)
    window.state.select("pandas")
    window.action_edit_skill.trigger()
    assert window.views.currentWidget() is window.library_editor
    dialog = skill_dialog(window.library_editor)
    assert dialog.name.text() == "pandas" and dialog.id.isReadOnly()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and window.undo_stack.count() == 0


def test_switching_the_scheme_restyles_the_checked_status_button(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.state.select("numpy")  # done
    button = window.skill_panel.findChild(QToolButton, "status-done")
    assert button is not None and button.isChecked()
    for scheme in ("dark", "light"):
        window.set_scheme(scheme)
        QApplication.processEvents()
        highlight = window.palette().color(QPalette.ColorRole.Highlight)
        image = button.grab().toImage()
        centre = image.pixelColor(image.width() // 2, 2)
        assert centre == highlight, scheme


# ---------------------------------------------------------------------------- following edits
# The editor follows the library row by row (SkillTableModel.set_library), sorts in the model,
# works a role's skills out only for the role filter and keeps them while nothing they depend
# on changes: each of these is checked against the table a fresh model would show.


def shown_ids(editor: LibraryEditor) -> list[str]:
    return [str(editor.proxy.index(r, 0).data(ID_ROLE)) for r in range(editor.proxy.rowCount())]


def cells(model: SkillTableModel, skill_id: str) -> list[str]:
    row = model.row_of(skill_id)
    assert row >= 0, skill_id
    return [str(model.index(row, c).data()) for c in range(len(SKILL_COLUMNS))]


def rows(model: SkillTableModel) -> list[list[str]]:
    return [cells(model, skill_id) for skill_id in model.ids]


def fresh_model(library: Library, column: int, order: Qt.SortOrder) -> SkillTableModel:
    model = SkillTableModel()
    model.sort(column, order)
    model.set_library(library)
    return model


def assert_as_filled_afresh(editor: LibraryEditor) -> None:
    """The rows followed edit by edit are those of a table filled afresh, in the same order,
    and the view shows exactly those the filter accepts, in that order."""
    library = editor.state.planner.library()
    model = editor.model
    assert model.library is library
    fresh = fresh_model(library, model.sort_column, model.sort_order)
    assert model.ids == fresh.ids
    assert model.needed_by == fresh.needed_by
    assert rows(model) == rows(fresh)
    accepted = [
        i for r, i in enumerate(model.ids) if editor.proxy.filterAcceptsRow(r, QModelIndex())
    ]
    assert shown_ids(editor) == accepted
    assert editor.proxy.rowCount() == len(accepted)


def edit(qtbot: QtBot, window: MainWindow, change: LibraryChange) -> None:
    with qtbot.waitSignal(window.state.libraryChanged):
        window.library_editor.push("Edit", change)


def undo(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.state.libraryChanged):
        window.action_undo.trigger()


def choose(box: QComboBox, data: str) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)
    box.activated.emit(index)


def role_needs(planner: Planner, role_id: str) -> set[str]:
    library = planner.library()
    role = library.roles[role_id]
    return closure(planner.graph(), goals_of(library, role_id, [t.id for t in role.tracks]).ids)


def test_an_edited_skill_shows_its_new_name_and_area_and_the_filters_follow(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    total = len(planner.library().skills)
    pandas = planner.library().skills["pandas"]
    data_skills = {i for i, s in planner.library().skills.items() if s.area == "Data"}
    choose(editor.area_box, "Data")
    assert set(shown_ids(editor)) == data_skills

    edit(
        qtbot, window, LibraryChange({"pandas": replace(pandas, name="Zebra tables", area="Tabs")})
    )
    assert cells(editor.model, "pandas")[:2] == ["Zebra tables", "Tabs"]
    assert set(shown_ids(editor)) == data_skills - {"pandas"}  # out of the chosen area
    assert editor.count.text() == f"{len(data_skills) - 1} of {total} skills"
    assert_as_filled_afresh(editor)
    choose(editor.area_box, "Tabs")  # the new area is offered
    assert shown_ids(editor) == ["pandas"]
    choose(editor.area_box, "")
    qtbot.keyClicks(editor.search, "zebra")
    assert shown_ids(editor) == ["pandas"]
    editor.search.clear()
    qtbot.keyClicks(editor.search, "pandas")  # the id still finds it, the old name nothing else
    assert shown_ids(editor) == ["pandas"]
    editor.search.clear()
    names = [editor.proxy.index(r, 0).data() for r in range(editor.proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)  # moved to its place by name

    choose(editor.area_box, "Tabs")
    undo(qtbot, window)
    assert editor.area_box.findData("Tabs") == -1  # gone with its only skill: all areas again
    assert editor.area_box.currentData() == ""
    assert cells(editor.model, "pandas")[:2] == ["pandas", "Data"]
    assert editor.count.text() == f"{total} skills"
    assert_as_filled_afresh(editor)
    qtbot.keyClicks(editor.search, "zebra")
    assert shown_ids(editor) == []
    editor.search.clear()
    choose(editor.area_box, "Data")
    assert set(shown_ids(editor)) == data_skills


def test_deleting_a_skill_and_undoing_puts_its_row_and_its_neighbours_counts_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    library = planner.library()
    before = rows(editor.model)
    qtbot.keyClicks(editor.search, "p")  # a filter on all along
    assert "numpy" in shown_ids(editor)
    assert cells(editor.model, "pandas")[4] == "2"  # numpy and sql

    edit(qtbot, window, delete_skill_change(library, "numpy"))
    assert editor.model.row_of("numpy") == -1
    assert "numpy" not in shown_ids(editor)
    assert cells(editor.model, "pandas")[4] == "1"
    assert editor.model.rowCount() == len(library.skills) - 1
    assert_as_filled_afresh(editor)

    undo(qtbot, window)
    assert "numpy" in shown_ids(editor)
    assert cells(editor.model, "pandas")[4] == "2"
    assert_as_filled_afresh(editor)
    editor.search.clear()
    assert sorted(rows(editor.model)) == sorted(before)


def test_the_role_filter_follows_a_roles_goals_and_the_prerequisites(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    edit(qtbot, window, LibraryChange({"sql": replace(planner.library().skills["sql"], hours=3)}))
    assert editor.role_skills.sets == {}  # worked out only when a role filter is chosen
    choose(editor.role_filter, "ai-engineer")
    assert set(shown_ids(editor)) == role_needs(planner, "ai-engineer")
    assert "backpropagation" not in shown_ids(editor)

    role = planner.library().roles["ai-engineer"]
    edit(
        qtbot,
        window,
        LibraryChange(roles={role.id: replace(role, goals=(*role.goals, "backpropagation"))}),
    )
    shown = set(shown_ids(editor))
    assert {"backpropagation", "calculus", "neural-network-basics"} <= shown
    assert shown == role_needs(planner, "ai-engineer")
    undo(qtbot, window)
    assert "backpropagation" not in shown_ids(editor)
    assert set(shown_ids(editor)) == role_needs(planner, "ai-engineer")

    # A rename changes nothing the role needs: its skills are kept, not worked out again.
    kept = editor.role_skills.sets["ai-engineer"]
    capstone = planner.library().skills["llm-app-capstone"]
    edit(qtbot, window, LibraryChange({capstone.id: replace(capstone, name="Final project")}))
    assert editor.role_skills.sets["ai-engineer"] is kept
    assert editor.role_skills.library is planner.library()
    # A soft prerequisite does not bring a skill in; a hard one does, with its own.
    outside = "gradient-boosted-trees"
    assert outside not in kept
    capstone = planner.library().skills[capstone.id]
    edit(qtbot, window, LibraryChange({capstone.id: replace(capstone, recommends=(outside,))}))
    assert outside not in shown_ids(editor)
    edit(
        qtbot,
        window,
        LibraryChange({capstone.id: replace(capstone, requires=(*capstone.requires, outside))}),
    )
    assert outside in shown_ids(editor)
    assert set(shown_ids(editor)) == role_needs(planner, "ai-engineer")
    assert_as_filled_afresh(editor)
    undo(qtbot, window)
    assert outside not in shown_ids(editor)
    assert set(shown_ids(editor)) == role_needs(planner, "ai-engineer")


def test_the_selection_and_the_scroll_position_stay_across_edits(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    select_skill(qtbot, editor, "pandas")
    editor.search.clear()
    scroll = editor.table.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 10)  # laid out again with every row
    scroll.setValue(10)

    numpy = planner.library().skills["numpy"]
    with qtbot.assertNotEmitted(window.state.selectionChanged):
        edit(qtbot, window, LibraryChange({"numpy": replace(numpy, name="Aaa numeric Python")}))
    assert editor.selected_skill() == "pandas" and window.state.selected == "pandas"
    assert editor.table.selectionModel().isRowSelected(editor.table.currentIndex().row())
    assert scroll.value() == 10

    # The selected skill itself moves to another place: still selected, and in view.
    pandas = planner.library().skills["pandas"]
    with qtbot.assertNotEmitted(window.state.selectionChanged):
        edit(qtbot, window, LibraryChange({"pandas": replace(pandas, name="Zzz pandas")}))
    current = editor.table.currentIndex()
    assert editor.selected_skill() == "pandas" and window.state.selected == "pandas"
    assert editor.table.selectionModel().isRowSelected(current.row())
    assert editor.table.viewport().rect().contains(editor.table.visualRect(current).center())

    # Filtered out by the edit: nothing selected in the table, and no neighbour chosen instead.
    choose(editor.area_box, "Data")
    select_skill(qtbot, editor, "pandas")
    editor.search.clear()
    pandas = planner.library().skills["pandas"]
    with qtbot.assertNotEmitted(window.state.selectionChanged):
        edit(qtbot, window, LibraryChange({"pandas": replace(pandas, area="Tabs")}))
    assert not editor.table.currentIndex().isValid()
    assert not editor.table.selectionModel().hasSelection()
    assert window.state.selected == "pandas"
    undo(qtbot, window)  # back in the area: selected again
    assert editor.selected_skill() == "pandas"


def test_sorting_by_a_column_keeps_the_selection_and_edits_keep_the_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = editor_of(window)
    planner = window.state.planner
    select_skill(qtbot, editor, "pandas")
    editor.search.clear()
    header = editor.table.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(3) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert (editor.model.sort_column, editor.model.sort_order) == (3, Qt.SortOrder.AscendingOrder)
    assert editor.selected_skill() == "pandas"
    assert_as_filled_afresh(editor)
    skills = planner.library().skills
    hours = [skills[i].hours for i in shown_ids(editor)]
    assert hours == sorted(hours)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert editor.model.sort_order == Qt.SortOrder.DescendingOrder
    hours = [skills[i].hours for i in shown_ids(editor)]
    assert hours == sorted(hours, reverse=True)
    assert editor.selected_skill() == "pandas"

    edit(qtbot, window, LibraryChange({"pandas": replace(skills["pandas"], hours=999)}))
    assert shown_ids(editor)[0] == "pandas"
    assert editor.selected_skill() == "pandas"
    assert_as_filled_afresh(editor)
    undo(qtbot, window)
    assert_as_filled_afresh(editor)


def test_the_skill_table_follows_any_edits_as_if_filled_afresh(
    qtmodeltester: ModelTester, planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_model, "FOLLOW_AT_MOST", 4)  # both ways: followed and refilled
    rng = random.Random(9)
    library = planner.library()
    model = SkillTableModel()
    model.set_library(library)
    qtmodeltester.check(model)  # stays connected: every signal below is checked too
    names = [s.name for s in library.skills.values()]
    for step in range(120):
        if step % 15 == 0:
            order = rng.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
            model.sort(rng.randrange(-1, len(SKILL_COLUMNS)), order)
        skills = dict(library.skills)
        ids = list(skills)
        for _ in range(rng.choice([1, 1, 2, 3, 6])):
            skill = skills[rng.choice(ids)]
            kind = rng.randrange(6)
            if kind == 0:  # a name, maybe another skill's (a tie)
                skills[skill.id] = replace(skill, name=rng.choice([*names, f"New {step}"]))
            elif kind == 1:
                skills[skill.id] = replace(skill, area=rng.choice(["Data", "Mathematics", "X"]))
            elif kind == 2:
                skills[skill.id] = replace(skill, hours=rng.choice([1.0, 8.0, 15.0]))
            elif kind == 3:  # prerequisites and "needed by" counts move
                other = rng.choice(ids)
                skills[skill.id] = replace(skill, requires=skill.requires[1:], recommends=(other,))
            elif kind == 4:
                del skills[skill.id]
                ids.remove(skill.id)
            else:
                new = replace(skill, id=f"new-{step}-{skill.id}", level=None)
                skills[new.id] = new
                ids.append(new.id)
        if step % 10 == 9:  # the same skills read again (equal, not identical), reordered
            copies = [(i, replace(s)) for i, s in skills.items()]
            if step % 20 == 19:
                rng.shuffle(copies)
            skills = dict(copies)
        library = Library(skills, library.roles)
        model.set_library(library)
        fresh = fresh_model(library, model.sort_column, model.sort_order)
        assert model.ids == fresh.ids, step
        assert model.needed_by == fresh.needed_by, step
        assert rows(model) == rows(fresh), step


def test_the_area_column_is_as_wide_as_qt_measures_it(qtbot: QtBot, window: MainWindow) -> None:
    editor = editor_of(window)
    table = editor.table
    assert table.sizeHintForColumn(1) == QTableView.sizeHintForColumn(table, 1)
    pandas = window.state.planner.library().skills["pandas"]
    long_area = "A much longer area name than any of the built-in ones"
    edit(qtbot, window, LibraryChange({"pandas": replace(pandas, area=long_area)}))
    assert table.sizeHintForColumn(1) == QTableView.sizeHintForColumn(table, 1)
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(1) >= table.sizeHintForColumn(1))
