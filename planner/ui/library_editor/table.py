"""The library editor's skill table view, its filter, and the skills a role needs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from planner.core.domain import Library
from planner.core.graph import SkillGraph, closure, goals_of
from planner.core.search import matches, search_words
from planner.ui.library_editor.model import (
    AREA_COLUMN,
    SORT_ROLE,
    LibraryDiff,
    SkillTableModel,
)
from planner.ui.widgets.table_model import Index


class SkillTable(QTableView):
    """The table of skills. Its Area column fits its contents (ResizeToContents) measured on
    one row per area, since all rows of an area look the same: QTableView measures up to a
    thousand rows one by one, and did so five times while the view was first laid out
    (0.14 s of the first fill at 10k skills)."""

    def sizeHintForColumn(self, column: int) -> int:
        proxy = self.model()
        model = proxy.sourceModel() if isinstance(proxy, SkillFilter) else None
        if column != AREA_COLUMN or not isinstance(model, SkillTableModel):
            return super().sizeHintForColumn(column)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = 0
        for row in model.area_rows():
            index = model.index(row, column)
            hint = max(hint, self.itemDelegateForIndex(index).sizeHint(option, index).width())
        return hint + 1 if self.showGrid() else hint  # as QTableView: the grid line


class SkillFilter(QSortFilterProxyModel):
    """Skills matching the typed words, the chosen area and the chosen role, in the order of
    the source model (which sorts itself: see `SkillTableModel`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.area = ""
        self.in_role: set[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str, area: str, in_role: set[str] | None) -> None:
        """Filter by words, area ("" for all) and the skills a role needs (None for all);
        nothing is filtered again when these are what they were."""
        words = search_words(text)
        if (words, area, in_role) == (self.words, self.area, self.in_role):
            return
        self.beginFilterChange()
        self.words, self.area, self.in_role = words, area, in_role
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's sort (a click on a header) is done by the source model."""
        model = self.sourceModel()
        if isinstance(model, SkillTableModel):
            model.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.words and not self.area and self.in_role is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, SkillTableModel)
        skill = model.library.skills[model.ids[source_row]]
        if self.area and skill.area != self.area:
            return False
        if self.in_role is not None and skill.id not in self.in_role:
            return False
        return matches(skill, self.words)


class RoleSkills:
    """The skills each role needs (its goals, its tracks' goals and their hard prerequisites:
    what the role filter shows), worked out when a role filter asks for them and kept for the
    library they were worked out on, or carried over to the next one when nothing they depend
    on changed."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.sets: dict[str, set[str]] = {}

    def of(self, library: Library, role_id: str, graph: Callable[[], SkillGraph]) -> set[str]:
        """The skills `role_id` needs in `library` (`graph` gives that library's graph)."""
        if library is not self.library:
            self.library, self.sets = library, {}
        if role_id not in self.sets:
            role = library.roles[role_id]
            goals = goals_of(library, role_id, [t.id for t in role.tracks])
            self.sets[role_id] = closure(graph(), goals.ids)
        return self.sets[role_id]

    def follow(self, old: Library, new: Library, diff: LibraryDiff | None) -> None:
        """The library shown went from `old` to `new`: keep the sets of the roles left as
        they were when no skill was added or removed and no hard prerequisite changed."""
        if self.library is not old or old is new:
            return
        unchanged = (
            diff is not None
            and not diff.added
            and not diff.removed
            and all(old.skills[i].requires == new.skills[i].requires for i in diff.changed)
        )
        self.library = new
        if unchanged:
            self.sets = {r: s for r, s in self.sets.items() if old.roles.get(r) == new.roles.get(r)}
        else:
            self.sets = {}
