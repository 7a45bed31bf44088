"""First-start onboarding: a wizard choosing the role, tracks, pace and skills already known."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QSize, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.core.domain import Role, Salary, Skill, Track
from planner.core.graph import hard_ancestors, implied
from planner.core.plan import (
    MAX_HOURS_PER_WEEK,
    MIN_HOURS_PER_WEEK,
    Plan,
    Skeleton,
    make_plan,
    skeleton,
)
from planner.core.status import BEHIND, FINISHED, STATUS_WORDS, Status
from planner.core.units import plural, salary_source
from planner.core.wording import known_because
from planner.errors import PlannerError, UsageError
from planner.service import Change, Planner
from planner.ui.onboarding.name_field import NameField
from planner.ui.onboarding.quiz_dialog import QuizDialog
from planner.ui.text import tooltip
from planner.ui.widgets.dates import qdate, to_date

_MIN_HOURS, _MAX_HOURS = MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK
_CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}
_SKILL_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class OnboardingChoice:
    """What the learner chose in the wizard."""

    role: str
    tracks: tuple[str, ...]
    hours_per_week: float
    start: date
    known: frozenset[str]  # every skill of the plan the learner already knows
    name: str | None = None  # the learner's name for the profile (None: keep it)


def apply_choice(planner: Planner, choice: OnboardingChoice) -> Change:
    """Store the choice: the profile, then every newly known skill as done.

    Known skills are dated the start day, or today when the start is ahead (a status cannot be
    recorded in the future). Skills already finished or implied keep their own history. A
    new name is taken first: a name another profile has refuses the whole choice.
    """
    if choice.name is not None and choice.name != planner.profile_name:
        planner.rename_profile(planner.profile_name, choice.name)
    planner.update_profile(
        role=choice.role,
        tracks=choice.tracks,
        hours_per_week=choice.hours_per_week,
        start=choice.start,
    )
    day = min(choice.start, planner.today())
    already = planner.skill_statuses()  # read once: each write below implies more skills
    written = [s for s in sorted(choice.known) if already.get(s) not in BEHIND]
    planner.set_statuses(written, Status.DONE, day)  # one transaction: all of them or none
    return Change(statuses=bool(written), profile=True, skills=tuple(written))


def format_hours(locale: QLocale, hours: float) -> str:
    """Hours with at most one decimal: `40 h`, `7.5 h`."""
    rounded = round(float(hours), 1)
    return f"{locale.toString(rounded, 'f', 0 if rounded.is_integer() else 1)} h"


def format_date(locale: QLocale, day: date) -> str:
    """A date in the locale's long format, e.g. `Tuesday, 10 March 2026`."""
    return locale.toString(qdate(day), QLocale.FormatType.LongFormat)


def format_salary(locale: QLocale, salary: Salary) -> str:
    """`£105,000 a year (UK, Levels.fyi)`; currencies without a known symbol keep their code."""
    symbol = _CURRENCY_SYMBOLS.get(salary.currency)
    if symbol is not None:
        amount = locale.toCurrencyString(float(salary.amount), symbol, 0)
    else:
        amount = f"{salary.currency} {locale.toString(float(salary.amount), 'f', 0)}"
    where = salary_source(salary)
    return f"{amount} a year ({where})" if where else f"{amount} a year"


def _label(text: str = "", *, wrap: bool = True, muted: bool = False) -> QLabel:
    """A label that never interprets names or summaries from roadmap files as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _button_text(text: str) -> str:
    # Button texts are plain, but `&` would become a keyboard mnemonic.
    return text.replace("&", "&&")


def _bold(font: QFont, scale: float = 1.0) -> QFont:
    font = QFont(font)
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


class _Card(QFrame):
    """A rounded panel on the base colour; a chosen one has an accent border."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._chosen = False
        self._sheet = ""
        self._restyle()

    def set_chosen(self, chosen: bool) -> None:
        self._chosen = chosen
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        # Light and dark schemes switch while the app runs.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        # The application's palette, not the frame's: the style sheet alters the latter.
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        if self._chosen:
            accent = palette.color(QPalette.ColorRole.Highlight)
            border, background = accent, _blend(base, accent, 0.08)
        else:  # a quarter of the way to the text colour: visible in light and dark schemes
            border, background = _blend(base, palette.color(QPalette.ColorRole.Text), 0.25), base
        # Same border width either way, so choosing a card does not shift its text; the id
        # selector keeps the style off the widgets inside.
        sheet = (
            f"QFrame#{self.objectName()} {{ border: 2px solid {border.name()};"
            f" border-radius: 8px; background: {background.name()}; }}"
        )
        if sheet != self._sheet:  # setting a style sheet sends a palette change itself
            self._sheet = sheet
            self.setStyleSheet(sheet)


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    """`a` with `share` of `b` mixed in."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


class _Draft:
    """The learner's answers so far, shared by the pages, and the plan they lead to."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self.library = planner.library()
        self.graph = planner.graph()
        self.profile = planner.profile()
        self.statuses = planner.statuses()
        # Skills already settled in the database: shown ticked and locked, never rewritten.
        self.implied_by = implied(self.graph, self.statuses)
        self.settled = {s for s, st in self.statuses.items() if st in FINISHED}
        self.settled |= set(self.implied_by)
        self.role: str | None = (
            self.profile.role if self.profile.role in self.library.roles else None
        )
        self.tracks: tuple[str, ...] = self._profile_tracks(self.role)
        self.hours = min(max(self.profile.hours_per_week, _MIN_HOURS), _MAX_HOURS)
        self.start = self.profile.start or planner.today()
        self.ticked: set[str] = set()  # ticked in this wizard, beyond what is settled
        self._skeletons: dict[tuple[str, tuple[str, ...]], Skeleton] = {}

    def _profile_tracks(self, role_id: str | None) -> tuple[str, ...]:
        """The profile's tracks when it is this role's; an import may have dropped some."""
        if role_id is None or role_id != self.profile.role:
            return ()
        role = self.library.roles[role_id]
        return tuple(t for t in self.profile.tracks if role.track(t) is not None)

    def choose_role(self, role_id: str) -> None:
        if role_id != self.role:
            self.role = role_id
            self.tracks = self._profile_tracks(role_id)

    def role_info(self) -> Role:
        if self.role is None:
            raise UsageError("choose a role first")
        return self.library.roles[self.role]

    def _skeleton(self) -> Skeleton:
        role = self.role_info().id
        key = (role, self.tracks)
        if key not in self._skeletons:
            self._skeletons[key] = skeleton(self.library, self.graph, role, self.tracks)
        return self._skeletons[key]

    def plan_skills(self) -> frozenset[str]:
        return frozenset(self._skeleton().ids)

    def known(self) -> frozenset[str]:
        return frozenset((self.ticked | self.settled) & self.plan_skills())

    def plan(self) -> Plan:
        """The plan as it will be once applied: the service schedules from today at the
        earliest, so the same rule here makes the finish date match what the app shows."""
        done = dict.fromkeys(self.ticked & self.plan_skills(), Status.DONE)
        return make_plan(
            self.library,
            self.graph,
            self.role_info().id,
            self.tracks,
            {**self.statuses, **done},
            hours_per_week=self.hours,
            start=max(self.start, self.planner.today()),
            strategy=self.profile.strategy,
            prepared=self._skeleton(),
        )

    def tick(self, skills: Iterable[str]) -> None:
        """Knowing a skill means knowing its hard prerequisites too."""
        skills = set(skills)
        self.ticked |= (skills | set(hard_ancestors(self.graph, skills))) - self.settled

    def untick(self, skills: Iterable[str]) -> None:
        """Not knowing a skill means not knowing what requires it either."""
        stack = list(skills)
        while stack:
            skill = stack.pop()
            self.ticked.discard(skill)
            stack.extend(
                s
                for s in self.graph.succs[skill]
                if s in self.ticked and skill in self.graph.hard_preds[s]
            )

    def choice(self) -> OnboardingChoice:
        return OnboardingChoice(
            self.role_info().id, self.tracks, self.hours, self.start, self.known()
        )


def areas_foundations_first(
    skills: Mapping[str, Skill], hard_preds: Mapping[str, tuple[str, ...]], members: Iterable[str]
) -> list[tuple[str, list[str]]]:
    """The plan's skills grouped by area, foundations first.

    Areas come in order of the shallowest prerequisite depth among their skills; between
    equally shallow areas, the one more of the plan builds on comes first (Programming before
    Mathematics), then by name. Within an area, skills go by depth, then by name.
    """
    plan = set(members)
    depth: dict[str, int] = {}

    def depth_of(skill: str) -> int:
        if skill not in depth:
            depth[skill] = 1 + max((depth_of(p) for p in hard_preds[skill]), default=-1)
        return depth[skill]

    dependents: dict[str, list[str]] = {s: [] for s in plan}
    for skill in plan:
        for prereq in hard_preds[skill]:
            if prereq in plan:
                dependents[prereq].append(skill)

    def reach(area_skills: list[str]) -> int:
        seen = set(area_skills)
        stack = list(area_skills)
        while stack:
            for later in dependents[stack.pop()]:
                if later not in seen:
                    seen.add(later)
                    stack.append(later)
        return len(seen) - len(area_skills)

    groups: dict[str, list[str]] = {}
    for skill in plan:
        groups.setdefault(skills[skill].area, []).append(skill)
    for area_skills in groups.values():
        area_skills.sort(key=lambda s: (depth_of(s), skills[s].name.casefold(), s))
    return sorted(
        groups.items(),
        key=lambda kv: (min(map(depth_of, kv[1])), -reach(kv[1]), kv[0].casefold()),
    )


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    rows = (item.child(i) for i in range(item.childCount()))
    return [row for row in rows if row is not None]


def _duration(days: int) -> str:
    """A rough span a learner can picture: weeks, then months, then years."""
    if days < 8 * 7:
        return f"about {plural(max(1, round(days / 7)), 'week')}"
    if days < 2 * 365:
        return f"about {plural(round(days / 30.44), 'month')}"
    return f"about {round(days / 365.25, 1):g} years"


# ---------------------------------------------------------------------------------- pages
_STEPS = (
    "Choose the role you are aiming for.",
    "Choose tracks, the specialisations within it (an ML engineer picks at least one).",
    "Say how many hours a week you can study, and from when.",
    "Tick what you already know.",
    "Check your plan, and start.",
)


class _WelcomePage(QWizardPage):
    def __init__(self, rerun: bool, name: NameField) -> None:
        super().__init__()
        self.name = name
        self.setTitle("Welcome to Roadmap planner")
        # A subtitle gives this page the same header as the others: a calmer start.
        self.setSubTitle("A study plan for becoming an AI engineer or an ML engineer.")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(
            _label(
                "Roadmap planner turns the skills an AI engineer or a machine-learning engineer "
                "needs into a dated study plan, where every skill comes after what it builds "
                "on. It tells you what is left to study and when you could finish, and keeps "
                "track of your progress on the way."
            )
        )
        steps = QFormLayout()
        steps.setContentsMargins(12, 4, 0, 4)
        steps.setVerticalSpacing(6)
        for number, step in enumerate(_STEPS, start=1):
            steps.addRow(_label(f"{number}.", wrap=False, muted=True), _label(step))
        layout.addLayout(steps)
        layout.addWidget(
            _label(
                "Your progress so far is kept: running this again only changes your choices "
                "and adds what you tick as known."
                if rerun
                else "You can change every answer later."
            )
        )
        layout.addSpacing(8)
        layout.addWidget(name)
        layout.addStretch()
        name.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return self.name.problem() is None


class _RoleCard(_Card):
    """A role as a card: clicking anywhere on it chooses the role."""

    def __init__(self, role: Role, locale: QLocale) -> None:
        super().__init__(f"roleCard-{role.id}")
        self.radio = QRadioButton(_button_text(role.name))
        self.radio.setObjectName(f"role-{role.id}")
        self.radio.setFont(_bold(self.radio.font(), 1.2))
        self.radio.setAccessibleName(role.name)
        self.radio.setAccessibleDescription(role.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.radio)
        if role.salary is not None:
            pay = _label(format_salary(locale, role.salary))
            pay.setObjectName("pay")
            pay.setFont(_bold(pay.font()))
            layout.addWidget(pay)
        summary = _label(role.summary)
        summary.setObjectName("summary")
        layout.addWidget(summary)
        layout.addStretch()
        self.radio.toggled.connect(self.set_chosen)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.radio.setChecked(True)
            self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


class _RolePage(QWizardPage):
    def __init__(self, draft: _Draft, locale: QLocale) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle("Choose a role")
        self.setSubTitle("Which job are you studying for? Your plan is built around it.")
        self._group = QButtonGroup(self)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.radios: dict[str, QRadioButton] = {}
        for i, role in enumerate(draft.library.roles.values()):
            card = _RoleCard(role, locale)
            self.radios[role.id] = card.radio
            card.radio.setChecked(role.id == draft.role)
            card.radio.toggled.connect(
                lambda chosen, role_id=role.id: self._choose(role_id) if chosen else None
            )
            self._group.addButton(card.radio)
            grid.addWidget(card, i // 2, i % 2)
        if not draft.library.roles:
            grid.addWidget(_label("There are no roles yet: import a roadmap file first."))
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(grid.rowCount(), 1)  # cards keep their natural height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scroller(grid))
        # The link is a fixed string (rich text is safe here: nothing in it comes from a file).
        self.quiz_link = QLabel('<a href="#quiz">Not sure? Take the quiz: which role fits me?</a>')
        self.quiz_link.setObjectName("quizLink")
        self.quiz_link.setTextFormat(Qt.TextFormat.RichText)
        self.quiz_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.quiz_link.linkActivated.connect(lambda _link: self.open_quiz())
        self.quiz_dialog: QuizDialog | None = None
        try:
            draft.planner.quiz()  # the questions name roles: only offered when they exist
        except PlannerError:
            self.quiz_link.hide()
        layout.addWidget(self.quiz_link)

    def open_quiz(self) -> None:
        """The questionnaire; its recommendation becomes the chosen card."""
        self.quiz_dialog = QuizDialog(
            self._draft.planner, self._choose_from_quiz, self, action="Choose this role"
        )
        self.quiz_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.quiz_dialog.open()

    def _choose_from_quiz(self, role_id: str) -> bool:
        radio = self.radios.get(role_id)
        if radio is None:
            return False
        radio.setChecked(True)
        radio.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _choose(self, role_id: str) -> None:
        self._draft.choose_role(role_id)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._draft.role is not None


def _scroller(inner: QGridLayout | QVBoxLayout) -> QScrollArea:
    """A frameless scroll area around a layout, for libraries with more roles or tracks."""
    content = QWidget()
    content.setLayout(inner)
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    # Let the page's background show through, as if there were no scroll area.
    area.setBackgroundRole(QPalette.ColorRole.NoRole)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return area


class _TracksPage(QWizardPage):
    def __init__(self, draft: _Draft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle("Choose tracks (optional)")
        self.setSubTitle(
            "A track adds a specialisation's skills to your plan. Pick any number, or none."
        )
        self._boxes: dict[str, QCheckBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def initializePage(self) -> None:
        role = self._draft.role_info()
        choice = role.track_choice
        if choice is not None:
            self.setTitle("Choose tracks")
            self.setSubTitle(
                f"{role.name} asks for at least {choice.choose_at_least} "
                f"{choice.name.lower()}. A track adds a specialisation's skills to your plan."
            )
        else:
            self.setTitle("Choose tracks (optional)")
            self.setSubTitle(
                "A track adds a specialisation's skills to your plan. Pick any number, or none."
            )
        column = QVBoxLayout()
        column.setSpacing(4)
        self._boxes = {}
        for heading, tracks in _track_groups(role):
            if heading:
                title = _label(heading)
                title.setObjectName("trackGroup")
                title.setFont(_bold(title.font(), 1.1))
                title.setContentsMargins(0, 6, 0, 4)
                column.addWidget(title)
            for track in tracks:
                self._add_track(column, track)
        if not role.tracks:
            column.addWidget(_label(f"{role.name} has no tracks to choose from."))
        column.addStretch()
        while self._layout.count():
            old = self._layout.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.deleteLater()
        self._layout.addWidget(_scroller(column))

    def _add_track(self, column: QVBoxLayout, track: Track) -> None:
        box = QCheckBox(_button_text(track.name))
        box.setObjectName(f"track-{track.id}")
        box.setAccessibleName(track.name)
        box.setAccessibleDescription(track.summary)
        box.setFont(_bold(box.font()))
        box.setChecked(track.id in self._draft.tracks)
        box.toggled.connect(self._store)
        self._boxes[track.id] = box
        summary = _label(track.summary, muted=True)
        # Indent the summary under the box's text, not under the box itself.
        style = box.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box)
        indent += style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, box)
        summary.setContentsMargins(indent, 0, 0, 10)
        column.addWidget(box)
        column.addWidget(summary)

    def _store(self) -> None:
        tracks = self._draft.role_info().tracks
        self._draft.tracks = tuple(t.id for t in tracks if self._boxes[t.id].isChecked())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        # A role's track choice (an ML engineer's entry specialisation) is not optional.
        return self._draft.role_info().unmet_choice(self._draft.tracks) is None


def _track_groups(role: Role) -> list[tuple[str, list[Track]]]:
    """The role's tracks under headings: its track choice, other tracks, later-career ones.
    A role with only plain tracks gets one group without a heading, as before."""
    choice = role.track_choice
    chosen = [t for t in role.tracks if choice is not None and t.id in choice.tracks]
    later = [t for t in role.tracks if t.later_career and t not in chosen]
    other = [t for t in role.tracks if t not in chosen and t not in later]
    if choice is None and not later:
        return [("", other)]
    groups: list[tuple[str, list[Track]]] = []
    if choice is not None:
        groups.append((f"{choice.name}: choose at least {choice.choose_at_least}", chosen))
    if other:
        groups.append(("More tracks (optional)", other))
    if later:
        groups.append(("Later in your career (optional)", later))
    return groups


class _FinishPanel(_Card):
    """The finish date a plan leads to, large, with what it takes underneath."""

    def __init__(self, name: str, locale: QLocale) -> None:
        super().__init__(f"{name}Panel")
        self._locale = locale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self._caption = _label("You could finish on", muted=True)
        self.date = _label()
        self.date.setObjectName(f"{name}Finish")
        self.date.setFont(_bold(self.date.font(), 1.4))
        self.detail = _label()
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
        span = _duration((plan.finish - plan.start).days + 1)
        self._caption.setText("You could finish on")
        self.date.setText(format_date(self._locale, plan.finish))
        self.detail.setText(f"{to_study}, {span} at {plan.hours_per_week:g} h a week.")


class _HoursSpinBox(QDoubleSpinBox):
    """Hours per week, shown without a useless `.0`."""

    def textFromValue(self, value: float) -> str:
        rounded = round(value, 1)
        return self.locale().toString(rounded, "f", 0 if rounded.is_integer() else 1)


_PACE_HINT = (
    "About 5 h a week is a few evenings; 10 h adds a weekend morning; "
    "20 h or more is part-time study."
)


class _TimePage(QWizardPage):
    def __init__(self, draft: _Draft, locale: QLocale) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle("How much time do you have?")
        self.setSubTitle("Your plan spreads the study hours evenly over each week.")
        self.hours = _HoursSpinBox()
        self.hours.setObjectName("hoursPerWeek")
        self.hours.setAccessibleName("Hours per week")
        self.hours.setRange(_MIN_HOURS, _MAX_HOURS)
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
        self.finish = _FinishPanel("time", locale)
        hours_row = QHBoxLayout()
        hours_row.setSpacing(12)
        hours_row.addWidget(self.hours)
        hours_row.addWidget(_label(_PACE_HINT, muted=True), 1)
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


class _KnownPage(QWizardPage):
    def __init__(self, draft: _Draft, locale: QLocale) -> None:
        super().__init__()
        self._draft = draft
        self._locale = locale
        self._built_for: tuple[str, tuple[str, ...]] | None = None
        self._syncing = False
        self.setTitle("What you already know")
        self.setSubTitle(
            "Tick the skills you have already: your plan marks them done and leaves them out. "
            "Ticking a skill ticks what it builds on too."
        )
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
        self.nothing = _label("No skill matches the filter.", muted=True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.hide()
        self.count = _label(muted=True)
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
            parent.setFont(0, _bold(parent.font(0)))
            parent.setForeground(1, self.palette().brush(QPalette.ColorRole.PlaceholderText))
            for skill_id in ids:
                skill = skills[skill_id]
                row = QTreeWidgetItem(parent, [skill.name, format_hours(self._locale, skill.hours)])
                row.setData(0, _SKILL_ROLE, skill_id)
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
        skill_id = item.data(0, _SKILL_ROLE)
        if skill_id is not None:
            targets = [str(skill_id)]
        else:  # an area: what the learner can see of it, ticked or unticked at once
            targets = [str(r.data(0, _SKILL_ROLE)) for r in _children(item) if not r.isHidden()]
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
            for row in _children(area):
                on = row.data(0, _SKILL_ROLE) in known
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
            for row in _children(area):
                match = whole_area or needle in row.text(0).casefold()
                row.setHidden(not match)
                visible += match
            area.setHidden(visible == 0)
            shown += visible
        self.nothing.setVisible(shown == 0)
        self.tree.setVisible(shown > 0)


class _SummaryPage(QWizardPage):
    def __init__(self, draft: _Draft, locale: QLocale, name: NameField) -> None:
        super().__init__()
        self._draft = draft
        self._name = name
        self._locale = locale
        self.setTitle("Your plan")
        self.setSubTitle("Check your answers. You can run this again later to change them.")
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
            value = _label()
            value.setObjectName(f"summary-{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values[key] = value
            form.addRow(caption, value)
        self.finish = _FinishPanel("summary", locale)
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


# --------------------------------------------------------------------------------- wizard
def _wizard_locale() -> QLocale:
    # The C locale is what a bare environment reports, not a learner's choice; its dates
    # ("10 03 2026") and prices ("105000£") read badly, so fall back to the roadmaps' English.
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale


class OnboardingWizard(QWizard):
    """The first-start wizard; re-run later, it starts from the current profile.

    Nothing is stored until `apply()`, which the caller runs after the wizard is accepted.
    """

    def __init__(self, planner: Planner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._planner = planner
        locale = _wizard_locale()
        self.setLocale(locale)
        self._draft = _Draft(planner)
        self.setWindowTitle("Welcome to Roadmap planner")
        if sys.platform != "darwin":  # macOS has its own wizard look; elsewhere, a header
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Start planning")
        self.name = NameField(planner.profile_name, (p.name for p in planner.profiles()))
        for page in (
            _WelcomePage(rerun=self._draft.role is not None, name=self.name),
            _RolePage(self._draft, locale),
            _TracksPage(self._draft),
            _TimePage(self._draft, locale),
            _KnownPage(self._draft, locale),
            _SummaryPage(self._draft, locale, self.name),
        ):
            self.addPage(page)
        self.resize(860, 640)

    def choice(self) -> OnboardingChoice:
        """The learner's answers; UsageError until a role is chosen."""
        return replace(self._draft.choice(), name=self.name.name())

    def apply(self) -> Change:
        """Store the answers through the service."""
        return apply_choice(self._planner, self.choice())
