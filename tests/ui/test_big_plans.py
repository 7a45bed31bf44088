"""What keeps the views quick on big plans (issue 9) keeps them right: the graph laid out when
first shown, its paint cache following the plan and the palette, the same skills keeping the
layout, the plan's filter and its cached search texts, the comparison worked out when shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTreeView
from pytestqt.qtbot import QtBot

from planner.core.domain import Library
from planner.core.plan import Plan
from planner.render.graph.painter import LOW_DETAIL
from planner.service import Planner
from planner.ui.state import AppState
from planner.ui.views.compare_view import CompareView
from planner.ui.views.graph.view import GraphView
from planner.ui.views.plan_model import SKILL_ID_ROLE, PlanFilter, PlanModel
from tests.render.plans import dark_palette, light_palette, plan_of, small_plan


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[GraphView]:
    widget = GraphView()
    widget.setPalette(light_palette())
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    yield widget
    widget.close()


def zoom_out_fully(view: GraphView) -> None:
    """The overview (no text), where a view paints from its cache."""
    for _ in range(30):
        view.zoom_out()
    assert view.zoom() < LOW_DETAIL


def colour_at(view: GraphView, skill_id: str) -> QColor:
    """The colour near the lower right corner of a skill's box, clear of its area stripe and
    of the name the overview writes across it; if another skill's name covers that point,
    the colour of the skill's own name card (which shows its status the same way)."""
    rect = view.skill_rect(skill_id)
    assert rect is not None
    image: QImage = view.grab().toImage()
    inset = max(rect.height() / 8, 1.0)
    point = QPointF(rect.right() - inset - 1, rect.bottom() - inset)
    names = view.names_shown()
    if any(n.node != skill_id and n.rect.contains(point) for n in names):
        own = next(n for n in names if n.node == skill_id)
        point = QPointF(own.rect.right() - 3, own.rect.center().y())
    return image.pixelColor(point.toPoint())


# ---------------------------------------------------------------------------- the graph
def test_a_hidden_graph_is_laid_out_when_first_shown(qtbot: QtBot, view: GraphView) -> None:
    view.set_plan(small_plan())
    assert view.graph_layout() is None  # nobody looks: nothing laid out
    with qtbot.waitSignal(view.layoutReady, timeout=5000):
        view.show()
    layout = view.graph_layout()
    assert layout is not None and "python" in layout.nodes
    view.hide()
    view.set_plan(small_plan({"python": "done"}))  # the same skills: the layout stays
    assert view.graph_layout() is layout


def test_the_overview_follows_status_changes_and_the_palette(qtbot: QtBot, view: GraphView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.set_plan(small_plan())
    while view.zoom() >= LOW_DETAIL:  # the overview, the boxes still big enough to see
        view.zoom_out()
    todo = colour_at(view, "python")
    view.set_plan(small_plan({"python": "done"}))  # a new plan: the cache is made again
    done = colour_at(view, "python")
    assert done.green() > done.red() + 30 and done != todo
    view.setPalette(dark_palette())  # a new style: the looks are worked out again
    assert colour_at(view, "git").lightness() < 100
    view.setPalette(light_palette())
    assert colour_at(view, "git").lightness() > 150


def test_the_same_skills_keep_the_layout_and_changed_ones_get_a_new_one(
    qtbot: QtBot, view: GraphView
) -> None:
    view.show()
    plan = small_plan()
    view.set_plan(plan)
    layout = view.graph_layout()
    assert layout is not None
    # Equal skills as new objects (a library read again) still make the same graph.
    copied = Plan(
        plan.role,
        plan.tracks,
        plan.strategy,
        plan.hours_per_week,
        plan.start,
        tuple(replace(s, skill=replace(s.skill)) for s in plan.steps),
    )
    view.set_plan(copied)
    assert view.graph_layout() is layout
    # A prerequisite dropped: another graph.
    changed = Plan(
        plan.role,
        plan.tracks,
        plan.strategy,
        plan.hours_per_week,
        plan.start,
        tuple(
            replace(s, skill=replace(s.skill, requires=())) if s.skill.id == "numpy" else s
            for s in plan.steps
        ),
    )
    view.set_plan(changed)
    assert view.graph_layout() is not layout
    new = view.graph_layout()
    assert new is not None
    assert not any(e.src == "python" and e.dst == "numpy" for e in new.edges)


def test_panning_far_out_keeps_every_box_reachable(qtbot: QtBot, view: GraphView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.set_plan(plan_of(_wide_library()))
    zoom_out_fully(view)
    layout = view.graph_layout()
    assert layout is not None
    for node in (layout.columns[0][0], layout.columns[-1][-1]):
        view.select_skill(node)  # brought into view
        assert colour_at(view, node) != view.grab().toImage().pixelColor(QPoint(2, 2))


def _wide_library() -> Library:
    from tests.render.plans import synthetic_library

    return synthetic_library(300)


# ---------------------------------------------------------------------------- the plan
def shown(proxy: PlanFilter) -> list[str]:
    return [
        str(proxy.index(r, 0, proxy.index(p, 0)).data(SKILL_ID_ROLE))
        for p in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(p, 0)))
    ]


@pytest.fixture
def plan_view(qtbot: QtBot, planner: Planner) -> Iterator[tuple[PlanModel, PlanFilter, QTreeView]]:
    model, proxy = PlanModel(), PlanFilter()
    proxy.setSourceModel(model)
    tree = QTreeView()
    qtbot.addWidget(tree)
    tree.setModel(proxy)
    model.set_plan(planner.planning.plan("ml-engineer"))
    tree.show()
    yield model, proxy, tree


def test_searching_narrows_the_plan_and_clearing_brings_it_all_back(
    plan_view: tuple[PlanModel, PlanFilter, QTreeView], planner: Planner
) -> None:
    model, proxy, _tree = plan_view
    everything = shown(proxy)
    assert len(everything) == len(planner.planning.plan("ml-engineer").steps)
    proxy.set_search("linear alg")
    assert shown(proxy) == ["linear-algebra"]
    assert proxy.rowCount() == 1  # phases without a match are hidden
    proxy.set_search("")
    assert shown(proxy) == everything
    proxy.set_hide_done(True)
    assert shown(proxy) == everything  # nothing is done yet
    model.set_plan(planner.planning.plan("ml-engineer"))
    assert shown(proxy) == everything


def test_a_new_plan_is_searched_afresh(
    plan_view: tuple[PlanModel, PlanFilter, QTreeView], planner: Planner
) -> None:
    model, proxy, _tree = plan_view
    proxy.set_search("pytorch")
    assert "pytorch" in shown(proxy)
    # The search texts are kept per plan: another plan, with other names, must not be
    # filtered with the last one's.
    plan = planner.planning.plan("ml-engineer")
    renamed = Plan(
        plan.role,
        plan.tracks,
        plan.strategy,
        plan.hours_per_week,
        plan.start,
        tuple(
            replace(s, skill=replace(s.skill, name="Torch", id="torch"))
            if s.skill.id == "pytorch"
            else s
            for s in plan.steps
        ),
    )
    model.set_plan(renamed)
    assert "torch" not in shown(proxy)  # a stale text would still say "pytorch" for it
    proxy.set_search("torch")
    assert "torch" in shown(proxy)
    proxy.set_search("linear alg")
    assert shown(proxy) == ["linear-algebra"]


def test_hide_done_hides_what_is_known_with_the_search_on(planner: Planner, qtbot: QtBot) -> None:
    planner.progress.set_status("backpropagation", "done")  # its prerequisites become implied
    model, proxy = PlanModel(), PlanFilter()
    proxy.setSourceModel(model)
    model.set_plan(planner.planning.plan("ml-engineer"))
    proxy.set_search("calc")
    assert shown(proxy) == ["calculus"]
    proxy.set_hide_done(True)
    assert shown(proxy) == []
    assert proxy.rowCount() == 0
    proxy.set_hide_done(False)
    assert shown(proxy) == ["calculus"]


def test_the_plan_model_is_read_only(plan_view: tuple[PlanModel, PlanFilter, QTreeView]) -> None:
    model, _proxy, _tree = plan_view
    index = model.index(0, 0, model.index(0, 0))
    before = index.data()
    assert not model.setData(index, "something else")
    assert index.data() == before
    assert model.step_at(model.index(0, 0)) is None and model.step_at(index) is not None
    assert not model.index(0, 0, index).isValid()  # steps have no children
    assert model.rowCount(index) == 0 and model.parent(index) == model.index(0, 0)
    assert model.parent(model.index(0, 0)) == QModelIndex()


def test_phases_come_back_open_and_spanned(qtbot: QtBot, planner: Planner) -> None:
    from planner.ui.views.plan_view import PlanView

    state = AppState(planner)
    view = PlanView(state)
    qtbot.addWidget(view)
    view.show()
    planner.profiles.update(role="ml-engineer")
    state.replan()
    tree, proxy = view.tree, view.proxy
    view.set_search("linear alg")
    view.set_search("")
    for row in range(proxy.rowCount()):
        assert tree.isExpanded(proxy.index(row, 0))
        assert tree.isFirstColumnSpanned(row, QModelIndex())


# ---------------------------------------------------------------------------- comparison
def test_the_comparison_is_worked_out_when_shown(qtbot: QtBot, planner: Planner) -> None:
    planner.profiles.update(role="ml-engineer")
    state = AppState(planner)
    view = CompareView(state)
    qtbot.addWidget(view)
    assert view.comparison is None and view.role_a.count() == 2  # roles listed, not compared
    view.show()
    assert view.comparison is not None and view.comparison.a == "ml-engineer"
    before = view.comparison
    view.hide()
    planner.progress.set_status("python-basics", "done")
    state.replan()
    assert view.comparison is before  # hidden: left until shown
    view.show()
    assert view.comparison is not before
    assert view.comparison.remaining_hours_a < before.remaining_hours_a


def test_a_shown_comparison_follows_progress_at_once(qtbot: QtBot, planner: Planner) -> None:
    planner.profiles.update(role="ml-engineer")
    state = AppState(planner)
    view = CompareView(state)
    qtbot.addWidget(view)
    view.show()
    before = view.comparison
    assert before is not None
    planner.progress.set_status("python-basics", "done")
    state.replan()
    assert view.comparison is not None
    assert view.comparison.remaining_hours_a < before.remaining_hours_a
