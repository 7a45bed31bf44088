"""What the main window adds for the learner's own pace, reviews and agenda: the count of
reviews due in the status bar, the finish date at the learner's pace, the study settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from planner.ui.window.base import WindowBase
from planner.ui.window.view import View


class PacePart(WindowBase):
    """The status bar's reviews and pace, and the study settings dialog."""

    status_reviews: QToolButton

    def _add_review_count(self) -> None:
        # Added with the views, at the right end of the status bar (permanent widgets), so the
        # plan's figures on the left keep their place.
        self.status_reviews = QToolButton()
        self.status_reviews.setObjectName("reviewsDue")
        self.status_reviews.setAutoRaise(True)
        self.status_reviews.setCursor(Qt.CursorShape.PointingHandCursor)
        self.status_reviews.setToolTip("Open the reviews (Ctrl+7)")
        self.status_reviews.clicked.connect(lambda: self.show_view(View.REVIEW))
        self.status_reviews.hide()
        self.statusBar().addPermanentWidget(self.status_reviews)

    def refresh_review_count(self) -> None:
        """'3 reviews due' in the status bar; nothing when none is."""
        from planner.ui.views.review_view import reviews_due_words

        today = self.state.planner.today()
        due = sum(1 for s in self.state.review_states() if s.is_due(today))
        words = reviews_due_words(due)
        self.status_reviews.setText(words)
        self.status_reviews.setAccessibleName(words or "No reviews due")
        self.status_reviews.setVisible(bool(words))

    def plan_finish_words(self) -> str:
        """The finish for the status bar, with the learner's pace beside it when known:
        'finish 12 Jul 2028 (at your pace: 3 Oct 2028)'."""
        from planner.core.plan_pace import finish_words
        from planner.ui.widgets.dates import short_date

        plan = self.state.plan
        return "" if plan is None else finish_words(plan, short_date)

    def show_study_settings(self) -> None:
        """Edit → Study times and pace…"""
        from planner.ui.dialogs.study_settings import StudySettingsDialog

        dialog = StudySettingsDialog(self.state, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.study_settings = dialog  # kept for tests and so that it is not collected
