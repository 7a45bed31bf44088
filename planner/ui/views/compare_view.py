"""The compare view: two roles side by side, what they share, and what each still costs you."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.core.compare import Comparison
from planner.core.domain import Role
from planner.core.units import format_hours, format_salary, plural
from planner.errors import PlannerError
from planner.export.report import counted_tracks
from planner.ui.state import AppState
from planner.ui.text import tooltip
from planner.ui.theme import dark_style
from planner.ui.views.lazy_view import LazyView
from planner.ui.widgets.wrapping_label import WrappingLabel

SKILL_ID = Qt.ItemDataRole.UserRole
NBSP = "\u00a0"


def _plain(text: str = "") -> QLabel:
    label = WrappingLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # role and skill names are never markup
    return label


def role_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The colours of role A and role B, readable on the light and the dark palette."""
    if dark_style.is_dark(palette):
        return QColor(96, 150, 235), QColor(235, 150, 80)
    return QColor(48, 110, 205), QColor(215, 110, 30)


class OverlapDiagram(QWidget):
    """Two overlapping circles with the number of skills only in A, shared, and only in B."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = (0, 0, 0)
        self.setMinimumSize(QSize(260, 140))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Overlap of the two roles")

    def set_counts(self, only_a: int, shared: int, only_b: int) -> None:
        """Show new counts."""
        self.counts = (only_a, shared, only_b)
        self.setAccessibleDescription(
            f"{only_a} only in the first role, {shared} shared, {only_b} only in the second"
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 150)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        a, b = role_colors(palette)
        height = self.height() - 10
        radius = min(height / 2, self.width() / 3.4)
        cy = self.height() / 2
        cx = self.width() / 2
        offset = radius * 0.6  # circles overlap by enough to write the shared count inside
        for color, x in ((a, cx - offset), (b, cx + offset)):
            fill = QColor(color)
            fill.setAlpha(90)
            painter.setPen(QPen(color, 2))
            painter.setBrush(fill)
            painter.drawEllipse(QRectF(x - radius, cy - radius, 2 * radius, 2 * radius))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        only_a, shared, only_b = self.counts
        box = QRectF(0, cy - 20, radius, 40)
        for count, x in (
            (only_a, cx - offset - radius * 0.55),
            (shared, cx),
            (only_b, cx + offset + radius * 0.55),
        ):
            box.moveCenter(QPointF(x, cy))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.end()


class CompareView(LazyView):
    """Pick two roles; see the shared and specific skills, hours, switch cost and pay."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.comparison: Comparison | None = None
        self.role_a = QComboBox()
        self.role_a.setAccessibleName("First role")
        self.role_b = QComboBox()
        self.role_b.setAccessibleName("Second role")
        pick = QHBoxLayout()
        pick.addWidget(_plain("Compare"))
        pick.addWidget(self.role_a, 1)
        pick.addWidget(_plain("with"))
        pick.addWidget(self.role_b, 1)

        self.diagram = OverlapDiagram()
        self.totals = _plain()
        self.totals.setObjectName("compareTotals")
        self.counted = _plain()  # which tracks the totals count: why they may differ
        self.counted.setObjectName("compareCounted")
        self.switch = _plain()
        self.switch.setObjectName("compareSwitch")
        self.pay = _plain()
        self.pay.setObjectName("comparePay")
        facts = QVBoxLayout()
        facts.addWidget(self.totals)
        facts.addWidget(self.counted)
        facts.addWidget(self.switch)
        facts.addWidget(self.pay)
        facts.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.diagram)
        top.addLayout(facts, 1)

        self.only_a, self.shared, self.only_b = QListWidget(), QListWidget(), QListWidget()
        self.only_a_title, self.shared_title, self.only_b_title = _plain(), _plain(), _plain()
        lists = QGridLayout()
        for column, (title, widget) in enumerate(
            (
                (self.only_a_title, self.only_a),
                (self.shared_title, self.shared),
                (self.only_b_title, self.only_b),
            )
        ):
            # Three lists share the width: a long name wraps onto a second line rather than
            # being cut or scrolled sideways.
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setWordWrap(True)
            widget.setResizeMode(QListView.ResizeMode.Adjust)
            widget.itemDoubleClicked.connect(self._on_double_clicked)
            lists.addWidget(title, 0, column)
            lists.addWidget(widget, 1, column)

        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addLayout(top)
        layout.addLayout(lists, 1)

        self._color_titles()
        self.role_a.activated.connect(self.refresh)
        self.role_b.activated.connect(self.refresh)
        state.planChanged.connect(self._on_plan_changed)  # progress changes what roles cost
        # The comparison is worked out when the view is shown: on a big library it takes
        # longer than the rest of opening the app, for a view the learner may never open.
        self._fill_roles()

    def _on_plan_changed(self) -> None:
        self._on_changed()
        if self._stale:  # hidden: the roles' hours in the pickers follow now, the rest when shown
            self._fill_roles()

    # ------------------------------------------------------------------ filling
    def _fill_roles(self) -> None:
        roles = list(self.state.planner.library().roles.values())
        ids = [r.id for r in roles]
        chosen_a = self.role_a.currentData() or self.state.planner.profile().role
        chosen_b = self.role_b.currentData()
        if chosen_a not in ids:
            chosen_a = ids[0] if ids else None
        if chosen_b not in ids or (chosen_b == chosen_a and len(ids) > 1):
            chosen_b = next((i for i in ids if i != chosen_a), chosen_a)
        for box, chosen in ((self.role_a, chosen_a), (self.role_b, chosen_b)):
            box.blockSignals(True)
            box.clear()
            for role in roles:
                box.addItem(role.name, role.id)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.blockSignals(False)

    def set_roles(self, role_a: str, role_b: str) -> None:
        """Compare these two roles."""
        self.role_a.setCurrentIndex(self.role_a.findData(role_a))
        self.role_b.setCurrentIndex(self.role_b.findData(role_b))
        self.refresh()

    def _lay_out(self) -> None:
        """Recompute the comparison for the chosen roles and the learner's progress."""
        self._fill_roles()
        a, b = self.role_a.currentData(), self.role_b.currentData()
        if not isinstance(a, str) or not isinstance(b, str):
            self.comparison = None
            self.totals.setText("There are no roles to compare.")
            return
        try:
            self.comparison = c = self.state.planner.planning.compare(a, b)
        except PlannerError as error:
            self.totals.setText(str(error))
            return
        library = self.state.planner.library()
        role_a, role_b = library.roles[a], library.roles[b]
        for widget, ids in (
            (self.only_a, c.only_a),
            (self.shared, c.shared),
            (self.only_b, c.only_b),
        ):
            widget.clear()
            for skill_id in sorted(ids, key=lambda s: library.skills[s].name.lower()):
                skill = library.skills[skill_id]
                # No-break spaces keep "(50 h)" whole when a long name wraps.
                hours = format_hours(skill.hours).replace(" ", NBSP)
                item = QListWidgetItem(f"{skill.name}{NBSP}{NBSP}({hours})")
                item.setData(SKILL_ID, skill_id)
                item.setToolTip(tooltip(f"{skill.name} — {skill.area}. Double-click to select."))
                widget.addItem(item)
        self.only_a_title.setText(f"Only {role_a.name}: {plural(len(c.only_a), 'skill')}")
        self.shared_title.setText(f"Shared: {plural(len(c.shared), 'skill')}")
        self.only_b_title.setText(f"Only {role_b.name}: {plural(len(c.only_b), 'skill')}")
        self.diagram.set_counts(len(c.only_a), len(c.shared), len(c.only_b))
        self.totals.setText(
            f"Total: {role_a.name} {format_hours(c.total_hours_a)}, "
            f"{role_b.name} {format_hours(c.total_hours_b)}."
        )
        self.counted.setText(f"Counts {counted_tracks(c, library)}.")
        diff = c.remaining_hours_b - c.remaining_hours_a
        cheaper = role_a.name if diff > 0 else role_b.name
        self.switch.setText(
            f"Still to study from where you stand: {role_a.name} "
            f"{format_hours(c.remaining_hours_a)}, {role_b.name} "
            f"{format_hours(c.remaining_hours_b)}"
            + (f" — {cheaper} is {format_hours(abs(diff))} closer." if diff else ".")
        )
        self.pay.setText("Pay: " + "; ".join(_pay(r) for r in (role_a, role_b)))

    def _color_titles(self) -> None:
        # The titles take the colours of their circles, so the diagram needs no legend.
        a, b = role_colors(self.palette())
        for label, color in ((self.only_a_title, a), (self.only_b_title, b)):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, color)
            label.setPalette(palette)
        palette = self.counted.palette()  # a side note: quieter than the figures
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        palette.setColor(QPalette.ColorRole.WindowText, muted)
        self.counted.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._color_titles()
        super().changeEvent(event)

    def _on_double_clicked(self, item: QListWidgetItem) -> None:
        skill_id = item.data(SKILL_ID)
        if isinstance(skill_id, str):
            self.state.select(skill_id)


def _pay(role: Role) -> str:
    salary = role.salary
    if salary is None:
        return f"{role.name}: no figure"
    return f"{role.name}: about {format_salary(salary)}"
