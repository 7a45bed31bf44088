"""The "Which role fits me?" dialog: a few questions, a recommendation with reasons, a start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.core.quiz import Recommendation
from planner.errors import PlannerError
from planner.service import Planner
from planner.ui.widgets.plain_label import plain_label


class QuizDialog(QDialog):
    """Questions from roadmaps/quiz.yaml; the result updates as answers are chosen."""

    def __init__(
        self,
        planner: Planner,
        choose: Callable[[str], bool],
        parent: QWidget | None = None,
        action: str = "Start this plan",
    ) -> None:
        """`choose(role_id)` takes the recommended role (False: refused, the dialog stays)."""
        super().__init__(parent)
        self.setWindowTitle("Which role fits me?")
        self.planner = planner
        self.choose = choose
        self.quiz = planner.planning.quiz()
        self.recommendation: Recommendation | None = None
        self.groups: dict[str, QButtonGroup] = {}

        questions = QWidget()
        column = QVBoxLayout(questions)
        for question in self.quiz.questions:
            box = QGroupBox()
            box.setTitle(question.text)  # a group box title is always plain text
            inner = QVBoxLayout(box)
            group = QButtonGroup(self)
            for index, answer in enumerate(question.answers):
                button = QRadioButton(answer.text)
                group.addButton(button, index)
                inner.addWidget(button)
            group.idToggled.connect(self._update)
            self.groups[question.id] = group
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(questions)

        self.result_label = plain_label("Answer the questions to see which role fits you.")
        self.result_label.setObjectName("quizResult")
        # A read-only text box, not a label: a long list of reasons scrolls instead of being
        # squeezed by the questions above it.
        self.reasons = QPlainTextEdit()
        self.reasons.setReadOnly(True)
        self.reasons.setFrameShape(QFrame.Shape.NoFrame)
        self.reasons.setFixedHeight(self.reasons.fontMetrics().lineSpacing() * 7)
        self.reasons.setAccessibleName("Reasons")
        self.start = QPushButton(action)
        self.start.setEnabled(False)
        self.start.clicked.connect(self.start_plan)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.start, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.reasons)
        layout.addWidget(buttons)
        self.resize(640, 720)

    def answers(self) -> dict[str, int]:
        """Question id -> index of the chosen answer, for the questions answered so far."""
        return {q: g.checkedId() for q, g in self.groups.items() if g.checkedId() >= 0}

    def _update(self) -> None:
        answers = self.answers()
        if not answers:
            return
        try:
            self.recommendation = self.planner.planning.recommend_role(answers)
        except PlannerError as error:
            self.result_label.setText(str(error))
            return
        rec = self.recommendation
        role = self.planner.library().roles[rec.role]
        left = len(self.groups) - len(answers)
        points = ", ".join(
            f"{self.planner.library().roles[r].name} {s:g}"
            for r, s in sorted(rec.scores.items(), key=lambda kv: -kv[1])
        )
        more = f" ({left} question{'s' if left != 1 else ''} left)" if left else ""
        self.result_label.setText(f"Recommended: {role.name}{more}. Points: {points}.")
        self.reasons.setPlainText("\n".join(f"• {reason}" for reason in rec.reasons))
        self.start.setEnabled(True)

    def start_plan(self) -> None:
        """Take the recommended role (the learner's plan, or the wizard's choice)."""
        if self.recommendation is None:
            return
        if self.choose(self.recommendation.role):
            self.accept()
