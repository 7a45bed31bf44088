"""The main window's toolbar: the learner's profile, role, tracks, weekly hours and order,
and the search field; changing one changes the profile through the service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from planner.core.pace import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, STRATEGIES
from planner.ui.text import button_text, tooltip
from planner.ui.window.base import WindowBase

APP_NAME = "Roadmap planner"
STRATEGY_WORDS = {"foundations-first": "Foundations first", "goal-by-goal": "Goal by goal"}


class ToolbarPart(WindowBase):
    """The toolbar of the main window."""

    def _build_toolbar(self) -> None:
        bar = self.toolbar = QToolBar("Plan settings")
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.profile_box = QComboBox()
        # Filled once the database is open: sized by their contents, not by their empty start.
        self.profile_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_box.setAccessibleName("Profile")
        self.profile_box.setToolTip("Whose plan: each profile has its own progress")
        self.role_box = QComboBox()
        self.role_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.role_box.setAccessibleName("Role")
        self.role_box.setToolTip("The role you are preparing for")
        self.tracks_button = QToolButton()
        self.tracks_button.setText("Tracks")
        self.tracks_button.setAccessibleName("Tracks")
        self.tracks_button.setToolTip("Specialisation tracks added to the role's plan")
        self.tracks_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tracks_menu = QMenu(self.tracks_button)
        self.tracks_button.setMenu(self.tracks_menu)
        self.strategy_box = QComboBox()
        self.strategy_box.setAccessibleName("Order")
        for name, description in STRATEGIES.items():
            self.strategy_box.addItem(STRATEGY_WORDS.get(name, name), name)
            self.strategy_box.setItemData(
                self.strategy_box.count() - 1, description, Qt.ItemDataRole.ToolTipRole
            )
        self.strategy_box.setToolTip("The order of your plan")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search skills  (Ctrl+F)")
        self.search.setAccessibleName("Search skills")
        self.search.setMaximumWidth(260)
        clear = QAction("Clear the search", self.search)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while typing there
        clear.triggered.connect(self.clear_search)
        self.search.addAction(clear)
        for label, widget in (
            ("Profile", self.profile_box),
            ("Role", self.role_box),
            (None, self.tracks_button),
            (None, self.strategy_box),
        ):
            if label:
                caption = QLabel(f" {label} ")
                caption.setBuddy(widget)
                bar.addWidget(caption)
            placed = bar.addWidget(widget)
            bar.addSeparator()
        self._strategy_action = placed  # the hours box goes before it, in `attach`
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search)

    def _add_hours_box(self) -> None:
        # Added with the views rather than in the frame: Qt's first spin box costs a few
        # milliseconds to set up, a twentieth of what a bare window takes to appear.
        from PySide6.QtWidgets import QDoubleSpinBox

        self.hours_box = QDoubleSpinBox()
        self.hours_box.setRange(MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK)
        self.hours_box.setDecimals(1)
        self.hours_box.setSingleStep(1)
        self.hours_box.setSuffix(" h/week")
        self.hours_box.setAccessibleName("Hours per week")
        self.hours_box.setToolTip("How many hours a week you can study")
        self.hours_box.setKeyboardTracking(False)
        self.toolbar.insertWidget(self._strategy_action, self.hours_box)
        self.toolbar.insertSeparator(self._strategy_action)
        # Also with the views: the clear button's icon is looked up in the desktop's icon
        # theme (files read), and it shows only once there is text, which there cannot be
        # before now (the toolbar is disabled until the window is attached).
        self.search.setClearButtonEnabled(True)

    def refresh_profile(self, replan: bool = True) -> None:
        """Fill the toolbar from the current profile and (unless already done) re-plan."""
        planner = self.state.planner
        profile = planner.profile()
        library = planner.library()
        with QSignalBlocker(self.profile_box):
            self.profile_box.clear()
            for p in planner.profiles.all():
                self.profile_box.addItem(p.name, p.name)
            self.profile_box.setCurrentIndex(self.profile_box.findData(profile.name))
        with QSignalBlocker(self.role_box):
            self.role_box.clear()
            if profile.role is None:
                self.role_box.addItem("Choose a role…", "")
            for role in library.roles.values():
                self.role_box.addItem(role.name, role.id)
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(profile.role or "")))
        with QSignalBlocker(self.hours_box):
            self.hours_box.setValue(profile.hours_per_week)
        with QSignalBlocker(self.strategy_box):
            self.strategy_box.setCurrentIndex(max(0, self.strategy_box.findData(profile.strategy)))
        self._fill_tracks()
        self._update_title()
        if replan:
            self.state.replan()

    def _fill_tracks(self) -> None:
        self.tracks_menu.clear()
        profile = self.state.planner.profile()
        role = self.state.planner.library().roles.get(profile.role or "")
        self.tracks_button.setEnabled(role is not None and bool(role.tracks))
        if role is None:
            self.tracks_button.setText("Tracks")
            return
        for track in role.tracks:
            action = self.tracks_menu.addAction(button_text(track.name))
            action.setCheckable(True)
            action.setChecked(track.id in profile.tracks)
            action.setToolTip(tooltip(track.summary))
            action.setData(track.id)
            action.toggled.connect(self._on_track_toggled)
        count = len(profile.tracks)
        self.tracks_button.setText(f"Tracks ({count})" if count else "Tracks")

    def _update_title(self) -> None:
        name = self.state.planner.profile_name
        self.setWindowTitle(f"{name} — {APP_NAME}")

    def _on_profile_chosen(self, index: int) -> None:
        name = self.profile_box.itemData(index)
        if isinstance(name, str) and name != self.state.planner.profile_name:
            self.skill_panel.save_note()
            self.state.planner.profiles.use(name)
            self.undo_stack.clear()  # undo steps belong to the profile they were made in
            self.state.select("")
            self.refresh_profile()
            if self.state.planner.profile().role is None:
                QTimer.singleShot(0, self.run_onboarding)

    def _on_role_chosen(self, index: int) -> None:
        role = self.role_box.itemData(index)
        if isinstance(role, str) and role and self._update_profile(role=role):
            self.refresh_profile(replan=False)  # update_profile re-planned already

    def _on_track_toggled(self) -> None:
        chosen = [str(a.data()) for a in self.tracks_menu.actions() if a.isChecked()]
        if self._update_profile(tracks=chosen):
            count = len(chosen)
            self.tracks_button.setText(f"Tracks ({count})" if count else "Tracks")

    def _on_hours_changed(self, hours: float) -> None:
        self._update_profile(hours_per_week=hours)

    def _on_strategy_chosen(self, index: int) -> None:
        strategy = self.strategy_box.itemData(index)
        if isinstance(strategy, str):
            self._update_profile(strategy=strategy)

    def _update_profile(self, **settings: Any) -> bool:
        """Change the learner's role, tracks, hours or strategy; False if refused."""
        from planner.ui.ops import run_change

        planner = self.state.planner
        return run_change(self.state, lambda: planner.profiles.update(**settings)) is not None
