"""Names that stay readable: fixed-size names in the overview, and dimmed names with contrast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from planner.core.status import Status
from planner.render.graph.cache import GraphCache
from planner.render.graph.geometry import Related
from planner.render.graph.labels import LABEL_PX, label_order
from planner.render.graph.layout import layout_plan, path_layout
from planner.render.graph.painter import LOW_DETAIL, PaintOptions, paint_graph
from planner.render.style import DIM_TEXT_CONTRAST, contrast_ratio, style_for
from tests.render.plans import dark_palette, light_palette, small_plan

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

PALETTES = pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
STATUSES = tuple(Status)


class SizeRecordingPainter(QPainter):
    """A painter that remembers each string drawn and its pixel size on the device."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.sizes: dict[str, float] = {}

    def drawText(self, *args: Any) -> Any:
        text = next(a for a in reversed(args) if isinstance(a, str))
        self.sizes[text] = self.font().pixelSize() * self.worldTransform().m11()
        return super().drawText(*args)


# ---------------------------------------------------------------------------- contrast
@PALETTES
def test_a_dimmed_name_keeps_three_to_one_contrast_with_its_faded_box(
    palette: Callable[[], QPalette],
) -> None:
    style = style_for(palette())
    for status in STATUSES:
        dim = style.dim(status)
        assert contrast_ratio(dim.text, dim.fill) >= DIM_TEXT_CONTRAST >= 3.0, status
        # Still visibly faded: the box is closer to the canvas than the undimmed one.
        assert contrast_ratio(dim.fill, style.canvas) <= contrast_ratio(
            style.status(status).fill, style.canvas
        )
        assert contrast_ratio(dim.text, dim.fill) < contrast_ratio(
            style.status(status).text, style.status(status).fill
        )


def test_contrast_ratio_is_the_wcag_one() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#336699"), QColor("#336699")) == 1.0


@PALETTES
def test_dimmed_names_as_painted_are_readable(palette: Callable[[], QPalette]) -> None:
    """Real pixels: a skill outside the search, painted at full size, shows its name at 3:1
    against its faded box (the darkest or lightest text pixel against the box's fill)."""
    plan = small_plan()
    layout = layout_plan(plan)
    style = style_for(palette())
    image = QImage(int(layout.width), int(layout.height), QImage.Format.Format_ARGB32)
    image.fill(style.canvas)
    painter = QPainter(image)
    paint_graph(painter, layout, plan, style, PaintOptions(matches={"python"}))
    painter.end()
    box = layout.nodes["git"]
    fill = image.pixelColor(int(box.x + box.w / 2), int(box.y + box.h - 3))
    name_area = [
        image.pixelColor(x, y)
        for y in range(int(box.y + 6), int(box.y + 26))
        for x in range(int(box.x + 14), int(box.x + 120))
    ]
    best = max(contrast_ratio(c, fill) for c in name_area)
    assert best >= 3.0
    assert contrast_ratio(fill, style.canvas) < 1.3  # and the box itself is faded


# ---------------------------------------------------------------------------- names
def test_names_go_to_the_selection_goals_and_work_in_progress_first() -> None:
    plan = small_plan({"maths": Status.IN_PROGRESS})
    layout = layout_plan(plan)
    related = layout.related("pandas")
    order = label_order(plan.steps, "pandas", related, None)
    assert order[0] == "pandas"
    goals = {s.skill.id for s in plan.steps if s.goal}
    assert set(order[1 : 1 + len(goals)]) == goals
    assert order[1 + len(goals)] == "maths"
    assert order.index("numpy") < order.index("git")  # its chain before unrelated skills
    assert sorted(order) == sorted(s.skill.id for s in plan.steps)


def test_the_overview_draws_names_at_a_fixed_size_on_screen() -> None:
    plan = small_plan()
    layout = layout_plan(plan)
    style = style_for(light_palette())
    scale = LOW_DETAIL / 4
    image = QImage(900, 400, QImage.Format.Format_ARGB32)
    image.fill(style.canvas)
    painter = SizeRecordingPainter(image)
    painter.scale(scale, scale)
    visible = QRectF(0, 0, 900 / scale, 400 / scale)
    cache = GraphCache(layout, plan)
    options = PaintOptions(visible=visible, detail=scale, cache=cache)
    paint_graph(painter, layout, plan, style, options)
    painter.end()
    goals = {s.skill.name for s in plan.steps if s.goal}
    assert goals <= painter.sizes.keys()
    assert all(size == LABEL_PX for size in painter.sizes.values())
    assert {label.node for label in cache.names.placed} >= {"ml", "web"}


def test_the_pdf_draws_no_overview_names() -> None:
    """Without a view's cache (the PDF) every box is drawn in full: its own text only."""
    plan = small_plan()
    layout = layout_plan(plan)
    image = QImage(int(layout.width), int(layout.height), QImage.Format.Format_ARGB32)
    painter = SizeRecordingPainter(image)
    paint_graph(painter, layout, plan, style_for(light_palette()), PaintOptions(detail=1.0))
    painter.end()
    assert all(size != LABEL_PX for size in painter.sizes.values())


def test_a_path_layout_holds_the_skill_and_everything_it_needs() -> None:
    plan = small_plan()
    layout = layout_plan(plan)
    path = path_layout(layout, "pandas")
    assert set(path.nodes) == layout.related("pandas").ancestors | {"pandas"}
    assert {(e.src, e.dst) for e in path.edges} == {
        (e.src, e.dst)
        for e in layout.edges
        if e.src in path.nodes and e.dst in path.nodes  # nothing else, nothing lost
    }
    assert path.width < layout.width or path.height < layout.height
    assert path.related("pandas") == Related(path.related("pandas").ancestors, frozenset())
