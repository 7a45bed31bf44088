"""First-start onboarding: a wizard choosing the role, tracks, pace and skills already known."""

from __future__ import annotations

import sys
from dataclasses import replace

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget, QWizard

from planner.service import Change, OnboardingChoice, Planner
from planner.ui.onboarding.common import Draft
from planner.ui.onboarding.name_field import NameField
from planner.ui.onboarding.plan_pages import KnownPage, SummaryPage, TimePage
from planner.ui.onboarding.role_pages import RolePage, TracksPage, WelcomePage


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
        self._draft = Draft(planner)
        self.setWindowTitle("Welcome to Roadmap planner")
        if sys.platform != "darwin":  # macOS has its own wizard look; elsewhere, a header
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Start planning")
        self.name = NameField(planner.profile_name, (p.name for p in planner.profiles.all()))
        for page in (
            WelcomePage(rerun=self._draft.role is not None, name=self.name),
            RolePage(self._draft, locale),
            TracksPage(self._draft),
            TimePage(self._draft, locale),
            KnownPage(self._draft, locale),
            SummaryPage(self._draft, locale, self.name),
        ):
            self.addPage(page)
        self.resize(860, 640)

    def choice(self) -> OnboardingChoice:
        """The learner's answers; UsageError until a role is chosen."""
        return replace(self._draft.choice(), name=self.name.name())

    def apply(self) -> Change:
        """Store the answers through the service, in one transaction."""
        return self._planner.profiles.onboard(self.choice())
