"""Use cases that change the library: edits of skills and roles, imports of roadmap files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.changes import Change
from planner.core.domain import Library, Role, Skill
from planner.core.edit import (
    DeletionEffects,
    EditError,
    ImportCounts,
    LibraryChange,
    LibraryEdit,
    check_change,
    cycle_if_added,
    deletion_effects,
    inverse,
)
from planner.core.graph import build_graph, find_cycle
from planner.db import library_edit, queries
from planner.errors import PlannerError

if TYPE_CHECKING:
    from planner.service.facade import Planner


def _change_of(edit: LibraryChange) -> Change:
    """What a library edit changes, for the views."""
    return Change(library=True, skills=tuple(edit.skills))


class Editing:
    """Edits of the library (`planner.editing`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    def edit(self, change: LibraryChange) -> LibraryEdit:
        """Check the change (fields, ids, cycles), store it, and return it with its undo.

        Checked twice: first against the library as this program knows it (the usual
        refusal, without waiting for a lock), then again inside the transaction that writes,
        against the library as stored, under the library writers' lock — another editor's
        edit committed meanwhile (a prerequisite the other way round) cannot close a cycle."""
        planner = self._planner
        check_change(planner.library(), planner.graph(), change)
        try:
            with planner.connection() as connection:
                library = library_edit.locked_library(connection)
                check_change(library, build_graph(library.skills), change)
                undo = inverse(library, change)
                choices = library_edit.choices_for(connection, change.roles)
                library_edit.write_change(connection, change)
        finally:
            planner.invalidate()  # written, or refused by what another editor did
        return LibraryEdit(change, undo, choices, _change_of(change))

    def check(self, change: LibraryChange) -> None:
        """Raise EditError with every problem the change has; store nothing."""
        check_change(self._planner.library(), self._planner.graph(), change)

    def add_skill(self, skill: Skill) -> LibraryEdit:
        """Add a new skill; its id must not be taken."""
        if skill.id in self._planner.library().skills:
            raise EditError([f"a skill with the id '{skill.id}' already exists"])
        return self.edit(LibraryChange({skill.id: skill}))

    def add_role(self, role: Role) -> LibraryEdit:
        """Add a new role; its id must not be taken."""
        if role.id in self._planner.library().roles:
            raise EditError([f"a role with the id '{role.id}' already exists"])
        return self.edit(LibraryChange(roles={role.id: role}))

    def undo(self, edit: LibraryEdit) -> Change:
        """Put back what the edit replaced, learners' choices included."""
        planner = self._planner
        check_change(planner.library(), planner.graph(), edit.undo)
        try:
            with planner.connection() as connection:
                library = library_edit.locked_library(connection)
                check_change(library, build_graph(library.skills), edit.undo)
                library_edit.write_change(connection, edit.undo)
                library_edit.restore_choices(connection, edit.choices)
        finally:
            planner.invalidate()
        return _change_of(edit.applied)

    def deletion_effects(self, skill_id: str) -> DeletionEffects:
        """What deleting the skill would touch."""
        self._planner.skill(skill_id)
        return deletion_effects(self._planner.library(), skill_id)

    def cycle_if_added(self, skill_id: str, prereq: str) -> list[str]:
        """The cycle `prereq` as a prerequisite of `skill_id` would close ([] if none)."""
        return cycle_if_added(self._planner.library(), self._planner.graph(), skill_id, prereq)

    def import_files(self, paths: Sequence[Path]) -> ImportCounts:
        """Validate roadmap files against the stored library, then store them, all or nothing."""
        from planner.fileformat.load import load_files  # the file format, on demand

        planner = self._planner
        current = planner.library()
        files = load_files(paths, context=current.skills.values())
        incoming = Library.from_files(files)
        try:
            with planner.connection() as connection:
                # The cycle check sees the library as stored, under its writers' lock: an
                # editor's edit committed since it was read cannot close a cycle with these.
                stored = library_edit.locked_library(connection)
                merged = {**stored.skills, **incoming.skills}
                cycle = find_cycle(build_graph(merged))
                if cycle is not None:
                    raise PlannerError(
                        f"importing would make a prerequisite cycle: {' -> '.join(cycle)}"
                    )
                counts = queries.save_library(connection, incoming)
        finally:
            planner.invalidate()
        return replace(counts, change=Change(library=True, skills=tuple(incoming.skills)))
