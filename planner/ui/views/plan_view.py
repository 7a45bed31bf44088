"""The plan view: steps grouped by phase, with status, dates, search and "hide done"."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.core.status import SETTABLE, STATUS_TITLES, Status
from planner.core.units import format_hours, plural
from planner.core.wording import HIDE_BEHIND, HIDE_BEHIND_TIP
from planner.ui import commands
from planner.ui.state import AppState
from planner.ui.views.plan_model import SKILL_ID_ROLE, STATUS_ROLE, PlanFilter, PlanModel
from planner.ui.widgets.row_lists import pick_one_row

LEGEND = (
    "<b>Bold</b> and ★ mark a goal of your role or tracks. "
    "Click a status circle, or press Space, to mark a skill done or to do."
)
READ_ONLY_LEGEND = "<b>Bold</b> and ★ mark a goal of the role or tracks."


class _Tree(QTreeView):
    """A tree view where Space toggles done on the current step, and so does a click on a
    step's status mark (the circle before its name).

    Signals:
        toggleRequested(): Space was pressed.
        markClicked(QModelIndex): the status mark of this row was clicked.
    """

    toggleRequested = Signal()
    markClicked = Signal(QModelIndex)

    def __init__(self) -> None:
        super().__init__()
        self.setMouseTracking(True)  # the pointer becomes a hand over a mark: it can be clicked
        self.read_only = False  # someone else's plan: no key or click changes a status

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers() and not self.read_only:
            self.toggleRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mark_rect(self, index: QModelIndex) -> QRect:
        """Where the status mark of a step's row is drawn (empty for a phase row)."""
        index = index.siblingAtColumn(0)
        if not index.isValid() or not index.parent().isValid():
            return QRect()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        delegate = self.itemDelegateForIndex(index)
        if isinstance(delegate, QStyledItemDelegate):
            delegate.initStyleOption(option, index)
        if not option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            return QRect()
        return self.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemDecoration, option, self
        )

    def _mark_at(self, position: QPoint) -> QModelIndex | None:
        if self.read_only:
            return None
        index = self.indexAt(position)
        if index.isValid() and self.mark_rect(index).contains(position):
            return index.siblingAtColumn(0)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._mark_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setCurrentIndex(index)  # the row clicked becomes the selected skill
            self.markClicked.emit(index)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self._mark_at(event.position().toPoint()) is not None
        if over:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().unsetCursor()
        super().mouseMoveEvent(event)


class PlanView(QWidget):
    """The learner's plan as a list they can work through.

    Signals:
        logTimeRequested(str): the learner asked to log study time on a skill.
        showInGraphRequested(str): the learner asked to see a skill in the graph.
    """

    logTimeRequested = Signal(str)
    showInGraphRequested = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = PlanModel()
        self.proxy = PlanFilter()
        self.proxy.setSourceModel(self.model)
        self._phases_pending = False  # phase rows came back: to open and span when idle

        self.hide_done = QCheckBox(HIDE_BEHIND)
        self.hide_done.setToolTip(HIDE_BEHIND_TIP)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.hide_done)

        self.tree = _Tree()
        self.tree.setObjectName("planTree")
        self.tree.setAccessibleName("Plan")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        pick_one_row(self.tree)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setIconSize(QSize(16, 16))
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setMinimumSectionSize(60)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 100), (2, 170), (3, 60), (4, 105), (5, 105)):
            head.resizeSection(column, width)

        self.empty = QLabel("Choose a role to see your plan.\nFile → Set up your plan… guides you.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)

        # What bold, ★ and the marks mean, where the learner sees them rather than in a tooltip.
        self.legend = QLabel(LEGEND)
        self.legend.setObjectName("planLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(header)
        layout.addLayout(self.stack, 1)
        layout.addWidget(self.legend)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.state.planChanged.connect(self._on_plan_changed)
        self.state.selectionChanged.connect(self._on_selection_changed)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.toggleRequested.connect(self.toggle_done)
        self.tree.markClicked.connect(self._toggle_row)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._span_phases)
        self.proxy.rowsInserted.connect(self._on_rows_inserted)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.hide_done.toggled.connect(self._on_hide_done)

    # ------------------------------------------------------------------ state -> view
    def _on_plan_changed(self) -> None:
        plan = self.state.plan
        self.model.set_plan(plan)
        self._fit_hours_column()
        self._expand_phases()
        self.stack.setCurrentWidget(self.tree if plan is not None else self.empty)
        self.legend.setVisible(plan is not None)  # nothing to explain on the empty page
        if plan is None:
            self.summary.clear()
        else:
            role = self.state.planner.library().roles[plan.role]
            left = sum(1 for s in plan.steps if s.remaining)
            self.summary.setText(
                f"{role.name} · {plural(len(plan.steps), 'skill')}, {left} to study · "
                f"{format_hours(plan.remaining_hours)} of {format_hours(plan.total_hours)} left"
            )
        self._on_selection_changed(self.state.selected)

    def _fit_hours_column(self) -> None:
        # Room for "12 h (you: ~18 h)" once the learner's pace is known (never narrower than
        # the learner made it).
        if self.state.pace.known:
            wanted = self.tree.fontMetrics().horizontalAdvance("120 h (you: ~180 h)") + 16
            head = self.tree.header()
            if head.sectionSize(3) < wanted:
                head.resizeSection(3, wanted)

    def _on_rows_inserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        # Filtering inserts steps back run by run, hundreds of runs in a big plan. Phase rows
        # (at the top level) need a span and to be open, done once the change is over: setting
        # a span lays the tree out, and doing that after each run made clearing a search on
        # 10,000 steps take seconds.
        if not parent.isValid() and not self._phases_pending:
            self._phases_pending = True
            QTimer.singleShot(0, self._fix_phases)

    def _fix_phases(self) -> None:
        self._phases_pending = False
        self._expand_phases()
        self._span_phases()

    def _expand_phases(self) -> None:
        # Phases are always open. A phase that stayed keeps its state; expandAll() would make
        # the tree ask each of thousands of steps for children.
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if not self.tree.isExpanded(index):
                self.tree.expand(index)

    def _span_phases(self) -> None:
        # A phase header is one line of text across the whole row. A span stays with its row
        # (the tree keeps it by persistent index), so only rows that (re)appeared need one.
        root = QModelIndex()
        for row in range(self.proxy.rowCount()):
            if not self.tree.isFirstColumnSpanned(row, root):
                self.tree.setFirstColumnSpanned(row, root, True)

    def _on_selection_changed(self, skill_id: str) -> None:
        source = self.model.index_of(skill_id)
        index = self.proxy.mapFromSource(source)
        selection = self.tree.selectionModel()
        if not index.isValid():
            selection.clearSelection()
            return
        if selection.currentIndex().siblingAtColumn(0) != index:
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.tree.scrollTo(index)

    # ------------------------------------------------------------------ view -> state
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        skill_id = current.data(SKILL_ID_ROLE)
        if isinstance(skill_id, str):
            self.state.select(skill_id)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        skill_id = index.data(SKILL_ID_ROLE)
        if isinstance(skill_id, str):
            self.showInGraphRequested.emit(skill_id)

    def _on_hide_done(self, hide: bool) -> None:
        self.proxy.set_hide_done(hide)
        self._fix_phases()

    def set_search(self, text: str) -> None:
        """Filter the steps by the search words."""
        self.proxy.set_search(text)
        self._fix_phases()

    def current_skill(self) -> str | None:
        """The skill of the current row, if any."""
        skill_id = self.tree.currentIndex().data(SKILL_ID_ROLE)
        return skill_id if isinstance(skill_id, str) else None

    def toggle_done(self) -> None:
        """Space: done becomes to do; anything else becomes done."""
        self._toggle_row(self.tree.currentIndex())

    def _toggle_row(self, index: QModelIndex) -> None:
        skill_id = index.data(SKILL_ID_ROLE)
        if not isinstance(skill_id, str) or self.tree.read_only:
            return
        status = index.data(STATUS_ROLE)
        commands.set_status(
            self.state, skill_id, Status.TODO if status == Status.DONE else Status.DONE
        )

    def set_read_only(self, read_only: bool) -> None:
        """Show someone else's plan: statuses cannot be changed, by click, key or menu."""
        self.tree.read_only = read_only
        self.legend.setText(READ_ONLY_LEGEND if read_only else LEGEND)

    def _context_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        skill_id = index.data(SKILL_ID_ROLE)
        if not isinstance(skill_id, str) or self.tree.read_only:
            return
        current = index.data(STATUS_ROLE)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for status in SETTABLE:
            action = QAction(STATUS_TITLES[status], menu)
            action.setCheckable(True)
            action.setChecked(status == current)
            action.triggered.connect(
                lambda _=False, s=status: commands.set_status(self.state, skill_id, s)
            )
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("Log time…", lambda: self.logTimeRequested.emit(skill_id))
        menu.addAction("Show in graph", lambda: self.showInGraphRequested.emit(skill_id))
        if skill_id in self.state.planner.progress.personal_goals():  # the learner's own goal
            menu.addAction(
                "Remove from my goals",
                lambda: commands.set_personal_goal(self.state, skill_id, False),
            )
        menu.popup(self.tree.viewport().mapToGlobal(position))

    def set_icons(self, icons: dict[Status, QIcon]) -> None:
        """Status icons matching the current palette."""
        self.model.set_icons(icons)
