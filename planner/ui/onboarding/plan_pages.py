"""The onboarding wizard's last pages: weekly time and start, the skills already known, and
the summary of the plan they lead to."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from planner.core.onboarding import areas_foundations_first
from planner.core.plan_steps import Plan
from planner.core.status import FINISHED, STATUS_WORDS
from planner.core.units import plural
from planner.core.wording import known_because
from planner.ui.onboarding.common import (
    MAX_HOURS,
    MIN_HOURS,
    SKILL_ROLE,
    Card,
    Draft,
    Page,
    bold,
    children_of,
    format_date,
    format_hours,
    rough_duration,
)
from planner.ui.onboarding.name_field import NameField
from planner.ui.text import tooltip
from planner.ui.widgets.dates import qdate, to_date
from planner.ui.widgets.plain_label import plain_label


class FinishPanel(Card):
    """The finish date a plan leads to, large, with what it takes underneath."""

    def __init__(self, name: str, locale: QLocale) -> None:
        super().__init__(f"{name}Panel")
        self._locale = locale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self._caption = plain_label("You could finish on", muted=True)
        self.date = plain_label()
        self.date.setObjectName(f"{name}Finish")
        self.date.setFont(bold(self.date.font(), 1.4))
        self.detail = plain_label()
        self.detail.setObjectName(f"{name}Detail")
        for widget in (self._caption, self.date, self.detail):
            layout.addWidget(widget)

    def show_plan(self, plan: Plan) -> None:
        remaining = [s for s in plan.steps if s.remaining]
        to_study = f"{format_hours(self._locale, plan.remaining_hours)} to study in " + plural(
            len(remaining), "skill"
        )
        if plan.finish is None:
            self._caption.setText("Nothing left to study")
            self.date.setText("Every skill of this plan is done or known already.")
            self.detail.setText("")
            return
        span = rough_duration((plan.finish - plan.start).days + 1)
        self._caption.setText("You could finish on")
        self.date.setText(format_date(self._locale, plan.finish))
        self.detail.setText(f"{to_study}, {span} at {plan.hours_per_week:g} h a week.")


class HoursSpinBox(QDoubleSpinBox):
    """Hours per week, shown without a useless `.0`."""

    def textFromValue(self, value: float) -> str:
        rounded = round(value, 1)
        return self.locale().toString(rounded, "f", 0 if rounded.is_integer() else 1)


_PACE_HINT = (
    "About 5 h a week is a few evenings; 10 h adds a weekend morning; "
    "20 h or more is part-time study."
)


class TimePage(Page):
    def __init__(self, draft: Draft, locale: QLocale) -> None:
        super().__init__(
            "How much time do you have?",
            "Your plan spreads the study hours evenly over each week.",
        )
        self._draft = draft
        self.hours = HoursSpinBox()
        self.hours.setObjectName("hoursPerWeek")
        self.hours.setAccessibleName("Hours per week")
        self.hours.setRange(MIN_HOURS, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" h")
        self.hours.setValue(draft.hours)
        self.start = QDateEdit()
        self.start.setObjectName("startDate")
        self.start.setAccessibleName("Start date")
        self.start.setCalendarPopup(True)
        self.start.setLocale(locale)
        self.start.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
        self.start.setDate(qdate(draft.start))
        self.finish = FinishPanel("time", locale)
        hours_row = QHBoxLayout()
        hours_row.setSpacing(12)
        hours_row.addWidget(self.hours)
        hours_row.addWidget(plain_label(_PACE_HINT, muted=True), 1)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start)
        start_row.addStretch()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        hours_label, start_label = QLabel("&Hours per week:"), QLabel("&Start date:")
        hours_label.setBuddy(self.hours)
        start_label.setBuddy(self.start)
        form.addRow(hours_label, hours_row)
        form.addRow(start_label, start_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(self.finish)
        layout.addStretch()
        self.hours.valueChanged.connect(self._store)
        self.start.dateChanged.connect(self._store)

    def initializePage(self) -> None:
        self.finish.show_plan(self._draft.plan())

    def _store(self) -> None:
        self._draft.hours = self.hours.value()
        self._draft.start = to_date(self.start.date())
        self.finish.show_plan(self._draft.plan())


class KnownPage(Page):
    def __init__(self, draft: Draft, locale: QLocale) -> None:
        super().__init__(
            "What you already know",
            "Tick the skills you have already: your plan marks them done and leaves them out. "
            "Ticking a skill ticks what it builds on too.",
        )
        self._draft = draft
        self._locale = locale
        self._built_for: tuple[str, tuple[str, ...]] | None = None
        self._syncing = False
        self.filter = QLineEdit()
        self.filter.setObjectName("skillFilter")
        self.filter.setPlaceholderText("Filter skills")
        self.filter.setAccessibleName("Filter skills")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("knownSkills")
        self.tree.setAccessibleName("Skills you already know")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Skill", "Hours"])
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.nothing = plain_label("No skill matches the filter.", muted=True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.hide()
        self.count = plain_label(muted=True)
        self.count.setObjectName("knownCount")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.nothing, 1)  # in the tree's place while nothing matches
        layout.addWidget(self.count)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.filter.textChanged.connect(self._apply_filter)

    def initializePage(self) -> None:
        key = (self._draft.role_info().id, self._draft.tracks)
        if key != self._built_for:
            self._build()
            self._built_for = key
        self._sync()

    def _areas(self) -> list[QTreeWidgetItem]:
        top = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in top if item is not None]

    def _build(self) -> None:
        draft = self._draft
        skills = draft.library.skills
        self._syncing = True
        self.tree.clear()
        checkable = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
        # A little air between rows: a long checklist reads calmer and is easier to hit.
        row_size = QSize(0, self.tree.fontMetrics().height() + 6)
        for area, ids in areas_foundations_first(
            skills, draft.graph.hard_preds, draft.plan_skills()
        ):
            parent = QTreeWidgetItem(self.tree, [area, plural(len(ids), "skill")])
            parent.setFlags(checkable)
            parent.setSizeHint(0, row_size)
            parent.setFont(0, bold(parent.font(0)))
            parent.setForeground(1, self.palette().brush(QPalette.ColorRole.PlaceholderText))
            for skill_id in ids:
                skill = skills[skill_id]
                row = QTreeWidgetItem(parent, [skill.name, format_hours(self._locale, skill.hours)])
                row.setData(0, SKILL_ROLE, skill_id)
                row.setSizeHint(0, row_size)
                row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                settled = self._settled_reason(skill_id)
                row.setFlags(checkable if settled is None else Qt.ItemFlag.ItemIsUserCheckable)
                row.setToolTip(0, tooltip(settled or skill.summary))
        self.tree.expandAll()
        self._syncing = False
        self._apply_filter(self.filter.text())

    def _settled_reason(self, skill_id: str) -> str | None:
        status = self._draft.statuses.get(skill_id)
        if status in FINISHED:
            return f"Already marked {STATUS_WORDS[status]}."
        source = self._draft.implied_by.get(skill_id)
        if source is not None:
            return f"{known_because(self._draft.library.skills[source].name)}."
        return None

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != 0:
            return
        skill_id = item.data(0, SKILL_ROLE)
        if skill_id is not None:
            targets = [str(skill_id)]
        else:  # an area: what the learner can see of it, ticked or unticked at once
            targets = [str(r.data(0, SKILL_ROLE)) for r in children_of(item) if not r.isHidden()]
        if item.checkState(0) == Qt.CheckState.Checked:
            self._draft.tick(targets)
        else:
            self._draft.untick(targets)
        self._sync()

    def _sync(self) -> None:
        """Show the draft's ticks, every area's state and the total."""
        known = self._draft.known()
        self._syncing = True  # mutes our handler only: the view must still see every change
        for area in self._areas():
            ticked = 0
            for row in children_of(area):
                on = row.data(0, SKILL_ROLE) in known
                ticked += on
                row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if ticked == 0:
                area.setCheckState(0, Qt.CheckState.Unchecked)
            elif ticked == area.childCount():
                area.setCheckState(0, Qt.CheckState.Checked)
            else:
                area.setCheckState(0, Qt.CheckState.PartiallyChecked)
        self._syncing = False
        hours = sum(self._draft.library.skills[s].hours for s in known)
        self.count.setText(
            f"{plural(len(known), 'skill')} ticked: "
            f"{format_hours(self._locale, hours)} you will not need to study."
        )

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        shown = 0
        for area in self._areas():
            whole_area = needle in area.text(0).casefold()
            visible = 0
            for row in children_of(area):
                match = whole_area or needle in row.text(0).casefold()
                row.setHidden(not match)
                visible += match
            area.setHidden(visible == 0)
            shown += visible
        self.nothing.setVisible(shown == 0)
        self.tree.setVisible(shown > 0)


class SummaryPage(Page):
    def __init__(self, draft: Draft, locale: QLocale, name: NameField) -> None:
        super().__init__(
            "Your plan", "Check your answers. You can run this again later to change them."
        )
        self._draft = draft
        self._name = name
        self._locale = locale
        self._values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for key, caption in (
            ("name", "Prepared for:"),
            ("role", "Role:"),
            ("tracks", "Tracks:"),
            ("pace", "Pace:"),
            ("skills", "Skills:"),
        ):
            value = plain_label()
            value.setObjectName(f"summary-{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values[key] = value
            form.addRow(caption, value)
        self.finish = FinishPanel("summary", locale)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(self.finish)
        layout.addStretch()

    def initializePage(self) -> None:
        draft = self._draft
        role = draft.role_info()
        plan = draft.plan()
        names = [t.name for t in role.tracks if t.id in draft.tracks]
        known = sum(not s.remaining for s in plan.steps)
        values = {
            "name": self._name.name(),
            "role": role.name,
            "tracks": ", ".join(names) if names else "None",
            "pace": f"{format_hours(self._locale, draft.hours)} a week, starting "
            f"{format_date(self._locale, draft.start)}",
            "skills": f"{plural(len(plan.steps), 'skill')} in the plan, "
            + (f"{known} of them done or known already" if known else "none done yet"),
        }
        for key, text in values.items():
            self._values[key].setText(text)
        self.finish.show_plan(plan)
