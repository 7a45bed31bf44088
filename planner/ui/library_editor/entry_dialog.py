"""What the skill and role dialogs share: ids from names, the library's objections, saving."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from planner.core.domain import Role, Skill
from planner.core.edit import EditError, LibraryChange
from planner.fileformat.schema import MAX_ID_LENGTH
from planner.service import Planner

PROBLEM_COLOR = "#d9453b"  # a red that reads on the light and the dark palette

Entry = TypeVar("Entry", Skill, Role)


def id_from_name(name: str) -> str:
    """A file-format id suggested from a name: "Linear algebra" -> "linear-algebra"."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    return "-".join(words)[:MAX_ID_LENGTH].strip("-")


class NameAndId:
    """A name field and an id field that follows it (`id_from_name`) until the id is typed;
    a stored entry's id counts as typed: it does not follow a new name."""

    def __init__(self, stored: bool) -> None:
        self.name = QLineEdit()
        self.id = QLineEdit()
        self.id.setMaxLength(MAX_ID_LENGTH)
        self.id.setPlaceholderText("lowercase-with-hyphens")
        self.id_typed = stored
        self.id.textEdited.connect(self._on_id_edited)
        self.name.textChanged.connect(self._on_name_changed)

    def _on_name_changed(self, name: str) -> None:
        if not self.id_typed:
            self.id.setText(id_from_name(name))

    def _on_id_edited(self, _text: str) -> None:
        self.id_typed = True


def library_problems(
    planner: Planner, change: LibraryChange, kind: str, taken: Collection[str]
) -> list[str]:
    """Why the library would refuse a new or edited entry: an id already taken (`taken` holds
    the ids a new entry may not use), then the edit's own problems."""
    entry_id = next(iter({**change.skills, **change.roles}))
    problems = [f"a {kind} with the id '{entry_id}' already exists"] if entry_id in taken else []
    try:
        planner.editing.check(change)
    except EditError as error:
        problems.extend(error.problems)
    return problems


def problem_label() -> QLabel:
    """Where a dialog says why it cannot be saved yet."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # names in messages are never markup
    label.setWordWrap(True)
    label.setObjectName("problem")
    label.setStyleSheet(f"color: {PROBLEM_COLOR}; font-weight: 600")
    label.hide()
    return label


class EntryDialog(QDialog, Generic[Entry]):
    """Adds a library entry (a skill or a role) or edits one; `saved` holds it once accepted.

    Nothing is stored here: `edit()` is the undo step the caller pushes. The dialog checks the
    entry as the library would and stays open, saying why, until it passes.
    """

    kind: ClassVar[str]  # the entry's word in messages: "skill", "role"
    undo_word: ClassVar[str]  # before its name in an undo step: "" (a skill), "role "
    planner: Planner
    original: Entry | None  # the entry edited (None: a new one)
    saved: Entry | None = None
    problem: QLabel

    def value(self) -> Entry:
        """The entry as the fields say now."""
        raise NotImplementedError

    def stored(self) -> Mapping[str, Entry]:
        """The library's entries of this kind, by id."""
        raise NotImplementedError

    def change(self, entry: Entry) -> LibraryChange:
        """The library edit that stores `entry`."""
        raise NotImplementedError

    def accept(self) -> None:
        """Save only an entry the library would take; otherwise say why and stay open."""
        entry = self.value()
        taken = self.stored() if self.original is None else {}
        problems = library_problems(self.planner, self.change(entry), self.kind, taken)
        if problems:
            self.problem.setText("\n".join(problems))
            self.problem.show()
            return
        if self.original == entry:
            super().reject()  # nothing changed: no undo step
            return
        self.saved = entry
        super().accept()

    def edit(self) -> tuple[str, LibraryChange] | None:
        """The saved entry as an undo step: its words and the change (None: not saved)."""
        if self.saved is None:
            return None
        verb = "Edit" if self.original else "Add"
        return f"{verb} {self.undo_word}“{self.saved.name}”", self.change(self.saved)
