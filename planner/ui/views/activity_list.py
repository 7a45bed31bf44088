"""The Progress view's recent activity: what the learner recorded lately, with undo."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QLocale, QPoint, Qt, QTime, QTimeZone
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.status import STATUS_WORDS, Status
from planner.core.units import format_minutes
from planner.errors import PlannerError
from planner.service import Activity
from planner.ui import commands
from planner.ui.dialogs.study_session import correct_session
from planner.ui.ops import report
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.widgets.dates import qdate, short_date

ACTIVITY_LIMIT = 100
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 1


class ActivityList(QWidget):
    """The newest entries, with buttons to correct, delete, restore or revert the selected one
    (each an undo step, ui/commands.py).

    The Undo button (`undo_button`) follows the window's undo stack; it is not in this
    widget's layout: the view shows it in the section's title row.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Recent activity")
        self.tree.setHeaderLabels(["Day", "What you recorded"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The day column takes the width of its longest date in the current font, so that no
        # date is cut ("20 Dec …") at any size; the words take the rest (elided, tooltip whole).
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setMinimumHeight(160)
        self.undo_button = _tool_button("Undo", "Undo the last change (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self._undo_stack: QUndoStack | None = None
        self.read_only = False  # someone else's history: shown, never changed
        self.edit_button = _tool_button("Edit…", "Correct this study session")
        self.delete_button = _tool_button("Delete", "Delete this study session")
        self.restore_button = _tool_button("Restore", "Bring this study session back")
        self.revert_button = _tool_button("Revert", "Set the skill back to its status before")
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.revert_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._follow_undo_stack(self.state.undo_stack)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemDoubleClicked.connect(self._on_double_clicked)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.revert_button.clicked.connect(self.revert_selected)

    def _follow_undo_stack(self, stack: QUndoStack) -> None:
        """The window's undo stack: the activity's Undo button undoes its last step."""
        self._undo_stack = stack
        self.undo_button.clicked.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.undoTextChanged.connect(self._show_undo_text)
        self.undo_button.setEnabled(stack.canUndo())
        self._show_undo_text(stack.undoText())

    def _show_undo_text(self, menu_text: str) -> None:
        # undoText() is the Edit menu's, `&` doubled (see ops.ChangeCommand): the tooltip shows
        # the step's own text. (The stack says "" as it is deleted: it is then left alone.)
        stack = self._undo_stack
        text = stack.text(stack.index() - 1) if menu_text and stack is not None else ""
        self.undo_button.setToolTip(
            tooltip(f"Undo: {text} (Ctrl+Z)") if text else "Nothing to undo"
        )

    def set_read_only(self, read_only: bool) -> None:
        """Show someone else's history: no undo, correction, deletion or revert."""
        self.read_only = read_only
        self.undo_button.setVisible(not read_only)
        self.tree.setHeaderLabels(
            ["Day", "What was recorded" if read_only else "What you recorded"]
        )
        self._update_buttons()

    # ------------------------------------------------------------------ state -> view
    def refresh(self) -> None:
        """Show the newest entries, keeping the selected one selected."""
        self._fill(self.state.planner.progress.recent_activity(ACTIVITY_LIMIT))

    def _fill(self, entries: list[Activity]) -> None:
        selected = self.selected_activity()
        key = (selected.kind, selected.id) if selected is not None else None
        self.tree.clear()
        skills = self.state.planner.library().skills
        this_year = self.state.planner.today().year
        locale = QLocale()
        for entry in entries:
            name = skills[entry.skill].name if entry.skill in skills else entry.skill
            pattern = "d MMM" if entry.day.year == this_year else "d MMM yyyy"
            day = locale.toString(qdate(entry.day), pattern)
            words = _describe(entry, name)
            item = QTreeWidgetItem([day, words])
            item.setData(0, ACTIVITY_ROLE, entry)
            entered = _local(entry.recorded_at)
            # Corrections are made after the day they correct by nature; only a status or a
            # session recorded after its day is back-dated.
            back_dated = entry.kind in ("status", "logged") and entered.date() != qdate(entry.day)
            when = f"Entered {locale.toString(entered, 'd MMM yyyy, HH:mm')}"
            if back_dated:
                when += f", for {short_date(entry.day)} (back-dated)"
            for column in (0, 1):
                item.setToolTip(column, tooltip(words) + tooltip(when))
            if _greyed(entry):
                font = item.font(1)
                font.setStrikeOut(True)
                item.setFont(1, font)
                item.setForeground(1, self.palette().color(QPalette.ColorRole.PlaceholderText))
            if back_dated:
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            if key == (entry.kind, entry.id):
                self.tree.setCurrentItem(item)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        # The grey of deleted sessions is the palette's. The view refills the list when its
        # palette changes, but this widget hears of the new palette only after the view: it
        # takes the grey again here, so that light and dark each get their own.
        if event.type() == QEvent.Type.PaletteChange:
            grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
            for row in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(row)
                if item is not None and _greyed(item.data(0, ACTIVITY_ROLE)):
                    item.setForeground(1, grey)
        super().changeEvent(event)

    # ------------------------------------------------------------------ activity actions
    def selected_activity(self) -> Activity | None:
        """The entry selected in the recent activity, if any."""
        item = self.tree.currentItem()
        entry = item.data(0, ACTIVITY_ROLE) if item is not None else None
        return entry if isinstance(entry, Activity) else None

    def _update_buttons(self) -> None:
        entry = None if self.read_only else self.selected_activity()
        live = entry is not None and entry.session_id is not None and not entry.session_deleted
        self.edit_button.setVisible(live)
        self.delete_button.setVisible(live)
        self.restore_button.setVisible(
            entry is not None and entry.session_id is not None and entry.session_deleted
        )
        revertable = entry is not None and entry.kind == "status" and entry.latest
        self.revert_button.setVisible(revertable)
        if entry is not None and entry.previous is not None and revertable:
            self.revert_button.setText(f"Back to {STATUS_WORDS[entry.previous]}")

    def edit_selected(self) -> None:
        """Open the correction dialog for the selected session."""
        entry = None if self.read_only else self.selected_activity()
        if entry is None or entry.session_id is None or entry.session_deleted:
            return
        try:
            session = self.state.planner.progress.study_session(entry.session_id)
        except PlannerError as error:
            report(self.state, error)
            return
        correct_session(self.state, session, self)

    def delete_selected(self) -> None:
        """Delete the selected session (undoable)."""
        entry = None if self.read_only else self.selected_activity()
        if entry is not None and entry.session_id is not None and not entry.session_deleted:
            commands.delete_study_session(self.state, entry.session_id)

    def restore_selected(self) -> None:
        """Bring the selected deleted session back (undoable)."""
        entry = None if self.read_only else self.selected_activity()
        if entry is not None and entry.session_id is not None and entry.session_deleted:
            commands.restore_study_session(self.state, entry.session_id)

    def revert_selected(self) -> None:
        """Set the selected status change's skill back to the status before it (undoable)."""
        entry = None if self.read_only else self.selected_activity()
        if entry is not None and entry.previous is not None and entry.latest:
            commands.set_status(self.state, entry.skill, entry.previous)

    def _on_double_clicked(self, item: QTreeWidgetItem) -> None:
        entry = item.data(0, ACTIVITY_ROLE)
        if isinstance(entry, Activity):
            self.state.select(entry.skill)

    def _context_menu(self, position: QPoint) -> None:
        if self.tree.itemAt(position) is None:
            return
        menu = QMenu(self)
        for button in (
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.revert_button,
        ):
            if not button.isHidden():
                menu.addAction(button.text(), button.click)
        entry = self.selected_activity()
        if entry is not None:
            menu.addSeparator()
            menu.addAction("Select the skill", lambda: self.state.select(entry.skill))
        menu.popup(self.tree.viewport().mapToGlobal(position))


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _greyed(entry: object) -> bool:
    """Whether the entry is a session since deleted: struck out and greyed."""
    return isinstance(entry, Activity) and entry.kind == "logged" and entry.session_deleted


def _describe(entry: Activity, name: str) -> str:
    """An entry in the learner's words."""
    if entry.status is not None and entry.previous is not None:  # a status change
        words = {
            Status.DONE: f"Finished “{name}”",
            Status.IN_PROGRESS: f"Started “{name}”",
            Status.SKIPPED: f"Skipped “{name}”",
            Status.TODO: f"Set “{name}” back to {STATUS_WORDS[Status.TODO]}",
        }
        return f"{words[entry.status]} (was {STATUS_WORDS[entry.previous]})"
    time = format_minutes(entry.minutes)
    if entry.kind == "logged":
        text = f"Studied “{name}” for {time}"
        if entry.session_deleted:
            text += " (deleted)"
        return text + (f" · {entry.note}" if entry.note else "")
    if entry.kind == "edited":
        before = format_minutes(entry.old_minutes or 0)
        if entry.old_day is not None and entry.old_day != entry.day:
            before += f" on {short_date(entry.old_day)}"
        return f"Corrected time on “{name}”: {before} → {time}"
    verb = "Deleted" if entry.kind == "deleted" else "Restored"
    return f"{verb} {time} on “{name}”"


def _local(utc: datetime) -> QDateTime:
    """A stored UTC time in the learner's time zone."""
    return QDateTime(
        qdate(utc), QTime(utc.hour, utc.minute, utc.second), QTimeZone.utc()
    ).toLocalTime()
