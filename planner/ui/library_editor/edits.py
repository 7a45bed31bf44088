"""The library editor's edits: add, edit and delete skills and roles, each one undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.domain import Role
from planner.core.edit import LibraryChange, delete_skill_change
from planner.core.units import plural
from planner.ui.commands import LibraryEditCommand
from planner.ui.ops import run_command
from planner.ui.state import AppState
from planner.ui.widgets.messages import confirm_box

if TYPE_CHECKING:  # imported when a dialog opens: they load the file format (pydantic)
    from planner.ui.library_editor.role_dialog import RoleDialog
    from planner.ui.library_editor.skill_dialog import SkillDialog


def _nothing() -> None:
    """Nothing more to do after an edit."""


class LibraryEdits(QWidget):
    """The editor's answers to its buttons, keys and double clicks; every edit is asked for
    (a deletion says what it touches) and made as one undo step."""

    state: AppState
    dialog: SkillDialog | RoleDialog | None
    confirm_box: QMessageBox | None
    read_only_reason: str  # why the library cannot be changed here ("" when it can)

    @property
    def editable(self) -> bool:
        """Whether this login may change the library (a team database's editors and owner)."""
        return not self.read_only_reason

    def selected_skill(self) -> str:
        """The id of the skill selected in the table ("" when none)."""
        raise NotImplementedError

    def selected_role(self) -> str:
        """The id of the role selected in the roles table ("" when none)."""
        raise NotImplementedError

    def _select_row(self, skill_id: str) -> None:
        raise NotImplementedError

    def push(self, text: str, change: LibraryChange) -> None:
        """Make an edit as one undo step."""
        run_command(self.state, LibraryEditCommand(self.state, text, change))

    def new_skill(self) -> None:
        """Open the skill editor on a new skill."""
        if self.editable:
            self._open_skill_dialog(None)

    def edit_skill(self, skill_id: str = "") -> None:
        """Open the skill editor on a skill (by default the one selected in the table)."""
        skill_id = skill_id or self.selected_skill()
        if self.editable and skill_id in self.state.planner.library().skills:
            self._open_skill_dialog(skill_id)

    def _open_skill_dialog(self, skill_id: str | None) -> None:
        from planner.ui.library_editor.skill_dialog import SkillDialog

        planner = self.state.planner
        dialog = SkillDialog(
            planner, planner.library().skills[skill_id] if skill_id else None, self
        )

        def select() -> None:  # the skill added or edited is the one to look at next
            if dialog.saved is not None:
                self.state.select(dialog.saved.id)
                self._select_row(dialog.saved.id)

        self._open(dialog, select)

    def delete_skill(self) -> None:
        """Ask, showing what the deletion touches, then delete the selected skill."""
        skill_id = self.selected_skill()
        if not skill_id or not self.editable:
            return
        planner = self.state.planner
        library = planner.library()
        skill = library.skills[skill_id]
        effects = planner.editing.deletion_effects(skill_id)

        def names(ids: tuple[str, ...]) -> str:
            return ", ".join(library.skills[i].name for i in ids)

        if effects.only_goal_of:
            roles = ", ".join(f"“{library.roles[r].name}”" for r in effects.only_goal_of)
            self.state.failed.emit(
                f"“{skill.name}” is the only goal of {roles}: give the role another goal "
                "first (Roles tab), then delete the skill."
            )
            return
        lines = []
        if effects.required_by:
            lines.append(f"It is required by: {names(effects.required_by)}.")
        if effects.recommended_by:
            lines.append(f"It is recommended before: {names(effects.recommended_by)}.")
        if effects.goal_of:
            roles = ", ".join(library.roles[r].name for r in effects.goal_of)
            lines.append(f"It is a goal of: {roles}.")
        if effects.track_goal_of:
            tracks = ", ".join(
                f"{library.roles[r].name} – {_track_name(library.roles[r], t)}"
                for r, t in effects.track_goal_of
            )
            lines.append(f"It is a goal of the tracks: {tracks}.")
        if effects.emptied_tracks:
            emptied = ", ".join(_track_name(library.roles[r], t) for r, t in effects.emptied_tracks)
            lines.append(f"These tracks have no other goal and are removed: {emptied}.")
        lines.append(
            "It will be taken out of these lists. Your history on it is kept, "
            "and Undo (Ctrl+Z) brings everything back."
        )
        self._confirm(
            f"Delete “{skill.name}”?",
            "\n\n".join(lines),
            lambda: self.push(f"Delete “{skill.name}”", delete_skill_change(library, skill_id)),
        )

    def new_role(self) -> None:
        """Open the role editor on a new role."""
        if self.editable:
            self._open_role_dialog(None)

    def edit_role(self) -> None:
        """Open the role editor on the selected role."""
        role_id = self.selected_role()
        if role_id and self.editable:
            self._open_role_dialog(role_id)

    def _open_role_dialog(self, role_id: str | None) -> None:
        from planner.ui.library_editor.role_dialog import RoleDialog

        planner = self.state.planner
        self._open(RoleDialog(planner, planner.library().roles[role_id] if role_id else None, self))

    def _open(self, dialog: SkillDialog | RoleDialog, then: Callable[[], None] = _nothing) -> None:
        """Open an editor dialog: once saved, its edit is one undo step, then `then` runs."""
        self.dialog = dialog

        def saved() -> None:
            edit = dialog.edit()
            if edit is not None:
                self.push(*edit)
                then()

        dialog.accepted.connect(saved)
        dialog.open()

    def delete_role(self) -> None:
        """Ask, then delete the selected role (learners on it choose again; undo restores)."""
        role_id = self.selected_role()
        if not role_id or not self.editable:
            return
        planner = self.state.planner
        role = planner.library().roles[role_id]
        users = [p.name for p in planner.profiles.all() if p.role == role_id]
        detail = "Its skills stay in the library."
        if users:
            detail = (
                f"{plural(len(users), 'profile')} ({', '.join(users)}) will have no role until "
                "one is chosen again. " + detail
            )
        self._confirm(
            f"Delete the role “{role.name}”?",
            detail + " Undo (Ctrl+Z) brings it back.",
            lambda: self.push(f"Delete role “{role.name}”", LibraryChange(roles={role_id: None})),
        )

    def _confirm(self, question: str, detail: str, then: Any) -> None:
        box, yes = confirm_box(self, "Delete", f"{question}\n\n{detail}", "Delete")
        self.confirm_box = box

        def finished() -> None:
            if box.clickedButton() is yes:
                then()

        box.finished.connect(finished)
        box.open()


def _track_name(role: Role, track_id: str) -> str:
    track = role.track(track_id)
    return track.name if track else track_id
