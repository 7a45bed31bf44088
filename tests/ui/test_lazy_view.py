"""LazyView: a visible view is laid out again at once when its data changes; a hidden one
waits until it is shown, and is laid out once however often the data changed meanwhile."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from planner.ui.views.lazy_view import LazyView


class _Counting(LazyView):
    def __init__(self) -> None:
        super().__init__()
        self.refreshed = 0

    def _lay_out(self) -> None:
        self.refreshed += 1


def test_a_hidden_view_is_laid_out_when_shown_and_a_visible_one_at_once(qtbot: QtBot) -> None:
    view = _Counting()
    qtbot.addWidget(view)
    view._on_changed()
    view._on_changed()
    assert view.refreshed == 0  # hidden: nothing done yet
    view.show()
    assert view.refreshed == 1  # filled when first shown, once
    view._on_changed()
    assert view.refreshed == 2  # visible: at once
    view.hide()
    view.show()
    assert view.refreshed == 2  # nothing changed while hidden
