"""The main window's views, each made when it is first shown or first asked for.

A returning learner's window opens on one view (the plan, or the one they left open): the
others — the graph, the progress charts, the library's table, the comparison, the agenda, the
reviews, a mentor's cohort — would each import their modules and fill themselves from the
data before the window is complete, for nothing until the learner goes there. Their places in
the stack are held by empty widgets until then (Anki and napari open their dialogs and docks
the same way). `graph_view`, `progress_view` and the others make the view when read, so code
that needs one simply uses it; code that only keeps a made view up to date asks `is_made` first.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from planner.ui.window.base import WindowBase
from planner.ui.window.view import View

# Each view the window makes on first use: its module (imported then) and class.
MAKERS = {
    View.GRAPH: ("planner.ui.views.graph.view", "GraphView"),
    View.PROGRESS: ("planner.ui.views.progress_view", "ProgressView"),
    View.LIBRARY: ("planner.ui.library_editor.editor", "LibraryEditor"),
    View.COMPARE: ("planner.ui.views.compare_view", "CompareView"),
    View.AGENDA: ("planner.ui.views.agenda_view", "AgendaView"),
    View.REVIEW: ("planner.ui.views.review_view", "ReviewView"),
    View.COHORT: ("planner.ui.views.cohort.view", "CohortView"),
}
# The attribute that holds each (declared, with its type, in window/base.py).
ATTRIBUTES = {
    "graph_view": View.GRAPH,
    "progress_view": View.PROGRESS,
    "library_editor": View.LIBRARY,
    "compare_view": View.COMPARE,
    "agenda_view": View.AGENDA,
    "review_view": View.REVIEW,
    "cohort_view": View.COHORT,
}


class ViewsPart(WindowBase):
    """The stack of views behind the sidebar, filled on demand."""

    _made: dict[View, QWidget]

    def _place_views(self) -> None:
        """The plan view now; every other view's place held by an empty widget."""
        self._made = {View.PLAN: self.plan_view}
        for view in View:  # at the index that is the view's value
            self.views.addWidget(self._made.get(view) or QWidget())

    def is_made(self, view: View) -> bool:
        """Whether the view has been made (if not, there is nothing in it to keep up to date:
        it is filled from the data when made)."""
        return self.attached and view in self._made

    def view_widget(self, view: View) -> QWidget:
        """The view, made now if it was not yet."""
        widget = self._made.get(view)
        if widget is None:
            widget = self._make(view)
        return widget

    def _make(self, view: View) -> QWidget:
        widget = _new_view(self, view)
        place = self.views.widget(view)
        assert place is not None  # every view has its place from `_place_views` on
        # Put in front of its placeholder, then the placeholder out: the view shown stays.
        self.views.insertWidget(view, widget)
        self.views.removeWidget(place)
        place.deleteLater()
        self._made[view] = widget
        self._view_made(view, widget)
        return widget

    def show_view(self, view: View) -> None:
        """Switch to the plan, graph, progress, library or comparison (or the cohort, for a
        mentor: a view this login is not offered shows the plan instead)."""
        if self.sidebar.isRowHidden(view):
            view = View.PLAN
        if self.attached:
            self.view_widget(view)  # made before it is switched to: no placeholder is shown
        self.views.setCurrentIndex(view)
        self.sidebar.setCurrentRow(view)

    def _on_row_chosen(self, row: int) -> None:
        if row >= 0:
            self.show_view(View(row))

    def __getattr__(self, name: str) -> QWidget:
        # Only called for what the window does not have (yet): the views made on first use.
        view = ATTRIBUTES.get(name)
        if view is None or not self.attached:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return self.view_widget(view)


def _new_view(window: ViewsPart, view: View) -> QWidget:
    """A new view of the kind asked for, on the window's state (its module imported now)."""
    module, name = MAKERS[view]
    kind = getattr(importlib.import_module(module), name)
    made: QWidget = kind() if view is View.GRAPH else kind(window.state)  # (the graph: a plan)
    return made
