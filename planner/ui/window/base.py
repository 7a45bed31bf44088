"""What the parts of the main window share: the widgets and methods one part makes and
another uses, declared once for the type checker (the frame and the parts make them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import (
        QComboBox,
        QDockWidget,
        QDoubleSpinBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QMenu,
        QStackedWidget,
        QToolBar,
        QToolButton,
        QWidget,
    )

    from planner.ui.dialogs.prerequisite_prompt import PrerequisitePrompt
    from planner.ui.library_editor.editor import LibraryEditor
    from planner.ui.state import AppState
    from planner.ui.views.agenda_view import AgendaView
    from planner.ui.views.cohort.view import CohortView
    from planner.ui.views.compare_view import CompareView
    from planner.ui.views.graph.view import GraphView
    from planner.ui.views.plan_view import PlanView
    from planner.ui.views.progress_view import ProgressView
    from planner.ui.views.review_view import ReviewView
    from planner.ui.views.skill_panel import SkillPanel
    from planner.ui.window.view import View


class WindowBase(QMainWindow):
    """The main window as its parts see each other."""

    settings: QSettings
    attached: bool
    undo_stack: QUndoStack
    state: AppState
    views: QStackedWidget
    sidebar: QListWidget
    dock: QDockWidget
    status_plan: QLabel
    # the toolbar (toolbar.py)
    toolbar: QToolBar
    profile_box: QComboBox
    role_box: QComboBox
    tracks_button: QToolButton
    tracks_menu: QMenu
    strategy_box: QComboBox
    hours_box: QDoubleSpinBox
    search: QLineEdit
    # the menus (menus.py)
    scheme_actions: dict[str, QAction]
    action_new_skill: QAction
    action_hide_done: QAction
    action_zoom_in: QAction
    action_zoom_out: QAction
    action_fit: QAction
    action_import: QAction
    action_edit_skill: QAction
    view_actions: list[QAction]
    action_undo: QAction
    action_redo: QAction
    # made by `attach`
    plan_view: PlanView
    skill_panel: SkillPanel
    prerequisites: PrerequisitePrompt

    def _view_made(self, view: View, widget: QWidget) -> None:
        """Wire a view just made and bring it up to what the window shows: each part that
        keeps a view up to date adds its share, then calls this (see window/views.py)."""

    # the other views, made when first used (window/views.py)
    graph_view: GraphView
    progress_view: ProgressView
    library_editor: LibraryEditor
    compare_view: CompareView
    agenda_view: AgendaView
    review_view: ReviewView
    cohort_view: CohortView

    if TYPE_CHECKING:  # window/views.py

        def is_made(self, view: View) -> bool: ...
        def view_widget(self, view: View) -> QWidget: ...

    if TYPE_CHECKING:  # made by one part, called by another

        def show_view(self, view: View) -> None: ...
        def focus_search(self) -> None: ...
        def clear_search(self) -> None: ...
        def refresh_profile(self, replan: bool = True) -> None: ...
        def _on_profile_chosen(self, index: int) -> None: ...
        def _update_profile(self, **settings: Any) -> bool: ...
        def set_status(self, skill_id: str, status: str, day: date | None = None) -> None: ...
        def toggle_done(self) -> None: ...
        def focus_log(self) -> None: ...
        def edit_selected_skill(self) -> None: ...
        def run_onboarding(self) -> bool: ...
        def new_profile(self) -> None: ...
        def rename_profile(self) -> None: ...
        def delete_profile(self) -> None: ...
        def import_roadmap(self) -> None: ...
        def import_files(self, paths: list[str]) -> bool: ...
        def export_roadmap(self) -> None: ...
        def export_cohort(self, cohort: str | None = None) -> None: ...
        def show_backups(self) -> None: ...
        def show_shortcuts(self) -> None: ...
        def check_database(self) -> None: ...
        def show_quiz(self) -> None: ...
        def show_about(self) -> None: ...
        def show_error(self, message: str) -> None: ...
        def connect_shared_database(self) -> None: ...
        def use_own_database(self) -> None: ...
        def set_scheme(self, scheme: str, save: bool = True) -> None: ...
        def show_study_settings(self) -> None: ...
