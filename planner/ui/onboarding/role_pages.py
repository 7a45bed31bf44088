"""The onboarding wizard's first pages: welcome, the role, its tracks."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
)

from planner.core.domain import Role, Track
from planner.errors import PlannerError
from planner.ui.onboarding.common import (
    Card,
    Draft,
    Page,
    bold,
    format_salary,
    page_button_text,
)
from planner.ui.onboarding.name_field import NameField
from planner.ui.onboarding.quiz_dialog import QuizDialog
from planner.ui.widgets.plain_label import plain_label
from planner.ui.widgets.scroll_area import scroll_area

_STEPS = (
    "Choose the role you are aiming for.",
    "Choose tracks, the specialisations within it (an ML engineer picks at least one).",
    "Say how many hours a week you can study, and from when.",
    "Tick what you already know.",
    "Check your plan, and start.",
)


class WelcomePage(Page):
    def __init__(self, rerun: bool, name: NameField) -> None:
        super().__init__(
            "Welcome to Roadmap planner",
            "A study plan for becoming an AI engineer or an ML engineer.",
        )
        self.name = name
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(
            plain_label(
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
            steps.addRow(plain_label(f"{number}.", wrap=False, muted=True), plain_label(step))
        layout.addLayout(steps)
        layout.addWidget(
            plain_label(
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


class RoleCard(Card):
    """A role as a card: clicking anywhere on it chooses the role."""

    def __init__(self, role: Role, locale: QLocale) -> None:
        super().__init__(f"roleCard-{role.id}")
        self.radio = QRadioButton(page_button_text(role.name))
        self.radio.setObjectName(f"role-{role.id}")
        self.radio.setFont(bold(self.radio.font(), 1.2))
        self.radio.setAccessibleName(role.name)
        self.radio.setAccessibleDescription(role.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.radio)
        if role.salary is not None:
            pay = plain_label(format_salary(locale, role.salary))
            pay.setObjectName("pay")
            pay.setFont(bold(pay.font()))
            layout.addWidget(pay)
        summary = plain_label(role.summary)
        summary.setObjectName("summary")
        layout.addWidget(summary)
        layout.addStretch()
        self.radio.toggled.connect(self.set_chosen)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.radio.setChecked(True)
            self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


class RolePage(Page):
    def __init__(self, draft: Draft, locale: QLocale) -> None:
        super().__init__(
            "Choose a role", "Which job are you studying for? Your plan is built around it."
        )
        self._draft = draft
        self._group = QButtonGroup(self)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.radios: dict[str, QRadioButton] = {}
        for i, role in enumerate(draft.library.roles.values()):
            card = RoleCard(role, locale)
            self.radios[role.id] = card.radio
            card.radio.setChecked(role.id == draft.role)
            card.radio.toggled.connect(
                lambda chosen, role_id=role.id: self._choose(role_id) if chosen else None
            )
            self._group.addButton(card.radio)
            grid.addWidget(card, i // 2, i % 2)
        if not draft.library.roles:
            grid.addWidget(plain_label("There are no roles yet: import a roadmap file first."))
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(grid.rowCount(), 1)  # cards keep their natural height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(grid, see_through=True))
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
            draft.planner.planning.quiz()  # the questions name roles: only offered when they exist
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


class TracksPage(Page):
    def __init__(self, draft: Draft) -> None:
        super().__init__(
            "Choose tracks (optional)",
            "A track adds a specialisation's skills to your plan. Pick any number, or none.",
        )
        self._draft = draft
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
                title = plain_label(heading)
                title.setObjectName("trackGroup")
                title.setFont(bold(title.font(), 1.1))
                title.setContentsMargins(0, 6, 0, 4)
                column.addWidget(title)
            for track in tracks:
                self._add_track(column, track)
        if not role.tracks:
            column.addWidget(plain_label(f"{role.name} has no tracks to choose from."))
        column.addStretch()
        while self._layout.count():
            old = self._layout.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.deleteLater()
        self._layout.addWidget(scroll_area(column, see_through=True))

    def _add_track(self, column: QVBoxLayout, track: Track) -> None:
        box = QCheckBox(page_button_text(track.name))
        box.setObjectName(f"track-{track.id}")
        box.setAccessibleName(track.name)
        box.setAccessibleDescription(track.summary)
        box.setFont(bold(box.font()))
        box.setChecked(track.id in self._draft.tracks)
        box.toggled.connect(self._store)
        self._boxes[track.id] = box
        summary = plain_label(track.summary, muted=True)
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
