"""Telling a learner, once per skill, that a skill they began needs prerequisites still open."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from planner.core.status import Status
from planner.service import Change
from planner.ui.ops import ChangeCommand, run_command
from planner.ui.state import AppState

SETTING = "plan/prerequisitesTold"
"""Per profile, the skills the learner was already told about (a JSON object of lists)."""
SHOWN_NAMES = 8  # a longer list is cut, "and N more": the plan shows them all anyway


class MarkKnownCommand(ChangeCommand):
    """Mark several skills done at once (one undo step); undo gives each its status back."""

    def __init__(self, state: AppState, skill_ids: Sequence[str]) -> None:
        super().__init__(state, f"Mark {len(skill_ids)} prerequisites known")
        self.skill_ids = tuple(skill_ids)
        self.previous: dict[str, Status] = {}

    def _do(self) -> Change:
        statuses = self.state.planner.progress.statuses()
        self.previous = {s: statuses.get(s, Status.TODO) for s in self.skill_ids}
        return self.state.planner.progress.set_statuses(self.skill_ids, Status.DONE)

    def _undo(self) -> Change:
        change = Change.none()
        for status in dict.fromkeys(self.previous.values()):
            group = [s for s, before in self.previous.items() if before == status]
            change |= self.state.planner.progress.set_statuses(group, status)
        return change


class PrerequisitePrompt(QObject):
    """After a skill is started or has time logged: if some of its hard prerequisites are
    still open, say so (once per skill and profile) and offer to mark them known or to study
    them first (the first of them is selected: the plan already puts them right before)."""

    def __init__(self, state: AppState, settings: QSettings, window: QWidget) -> None:
        super().__init__(window)
        self.state = state
        self.settings = settings
        self.window = window
        self.box: QMessageBox | None = None

    def offer(self, skill_id: str) -> None:
        """Ask about a skill's open prerequisites, unless it is not in progress, has none,
        or the learner was told already."""
        planner = self.state.planner
        if planner.progress.statuses().get(skill_id) != Status.IN_PROGRESS or self._told(skill_id):
            return
        needed = planner.planning.open_prerequisites(skill_id)
        if not needed:
            return
        self._remember(skill_id)
        # The plan's order, so that "the first" is the one the plan has the learner study first.
        plan = self.state.plan
        if plan is not None:
            position = {s.skill.id: i for i, s in enumerate(plan.steps)}
            needed.sort(key=lambda s: position.get(s, len(position)))
        self._show(skill_id, needed)

    # ------------------------------------------------------------------ the question
    def _show(self, skill_id: str, needed: list[str]) -> None:
        skills = self.state.planner.library().skills
        name = skills[skill_id].name
        names = [skills[s].name for s in needed]
        listed = names[:SHOWN_NAMES]
        more = len(names) - len(listed)
        items = "".join(f"<li>{escape(n)}</li>" for n in listed)
        if more:
            items += f"<li>and {more} more</li>"
        box = QMessageBox(
            QMessageBox.Icon.Information, "Prerequisites still open", "", parent=self.window
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        one = len(needed) == 1
        count, them = ("one skill", "it") if one else (f"{len(needed)} skills", "them")
        box.setText(f"<b>{escape(name)}</b> builds on {count} you have not finished:")
        box.setInformativeText(
            f"<ul>{items}</ul>Your plan now puts {them} first, right before {escape(name)}. "
            f"If you already know {them}, mark {them} known."
        )
        known = box.addButton(f"Mark {them} known", QMessageBox.ButtonRole.AcceptRole)
        first = box.addButton(f"Study {them} first", QMessageBox.ButtonRole.ActionRole)
        later = box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(first)
        known.setObjectName("markKnown")
        first.setObjectName("studyFirst")
        later.setObjectName("notNow")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: QAbstractButton) -> None:
            if button is known:
                run_command(self.state, MarkKnownCommand(self.state, needed))
            elif button is first:
                self.state.select(needed[0])

        box.buttonClicked.connect(chosen)
        box.destroyed.connect(self._forget_box)
        self.box = box
        box.open()

    def _forget_box(self) -> None:
        self.box = None

    # ------------------------------------------------------------------ once per skill
    def _told_all(self) -> dict[str, list[str]]:
        try:
            told = json.loads(str(self.settings.value(SETTING, "{}")))
        except ValueError:
            return {}
        return told if isinstance(told, dict) else {}

    def _told(self, skill_id: str) -> bool:
        return skill_id in self._told_all().get(self.state.planner.profile_name, [])

    def _remember(self, skill_id: str) -> None:
        told = self._told_all()
        told.setdefault(self.state.planner.profile_name, []).append(skill_id)
        self.settings.setValue(SETTING, json.dumps(told))
