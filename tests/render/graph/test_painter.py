"""The graph painter and the status style: real pixels, painted offscreen, light and dark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from planner.core.domain import Library, Role, Skill
from planner.core.plan import Plan
from planner.core.status import Status
from planner.render.graph.boxes import wrap_text
from planner.render.graph.geometry import GraphLayout, NodeBox
from planner.render.graph.layout import layout_plan
from planner.render.graph.legend import legend_size, paint_legend
from planner.render.graph.painter import LOW_DETAIL, PaintOptions, paint_graph
from planner.render.style import AREA_PALETTE, GraphStyle, area_colors, style_for
from tests.render.plans import RecordingPainter, dark_palette, light_palette, plan_of, small_plan

# Painting text needs a QApplication (fonts); pytest-qt makes one, offscreen.
pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]

STATUSES = {
    "python": Status.DONE,
    "numpy": Status.IN_PROGRESS,
    "git": Status.SKIPPED,
    "stats": Status.TODO,
}


def render(
    plan: Plan,
    palette: QPalette | None = None,
    **options: Any,
) -> tuple[QImage, GraphLayout, GraphStyle, list[str]]:
    """The plan painted at its natural size on the palette's canvas."""
    layout = layout_plan(plan)
    style = style_for(palette or light_palette())
    image = QImage(int(layout.width), int(layout.height), QImage.Format.Format_ARGB32)
    image.fill(style.canvas)
    painter = RecordingPainter(image)
    paint_graph(painter, layout, plan, style, PaintOptions(**options))
    painter.end()
    return image, layout, style, painter.texts


def pixels(image: QImage, box: NodeBox, inset: float = 0) -> list[QColor]:
    """The colours inside a box (without `inset` on each side)."""
    x0, y0 = int(box.x + inset), int(box.y + inset)
    x1, y1 = int(box.x + box.w - inset), int(box.y + box.h - inset)
    return [image.pixelColor(x, y) for y in range(y0, y1) for x in range(x0, x1)]


def count(colors: list[QColor], test: Callable[[QColor], bool]) -> int:
    return sum(1 for c in colors if test(c))


def greenish(c: QColor) -> bool:
    return c.green() > c.red() + 50 and c.green() > c.blue() + 30


def ink(colors: list[QColor]) -> int:
    """How many pixels are dark strokes (text, borders) on the light palette."""
    return count(colors, lambda c: c.lightness() < 150)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------------------- statuses
@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_a_done_skill_is_green_and_a_todo_one_is_not(palette: Any) -> None:
    image, layout, _style, _texts = render(small_plan(STATUSES), palette())
    assert count(pixels(image, layout.nodes["python"]), greenish) > 40
    assert count(pixels(image, layout.nodes["stats"]), greenish) == 0


def test_an_implied_skill_has_a_green_tick_too() -> None:
    # Finishing numpy implies python: it is known, without the learner saying so.
    image, layout, _style, _texts = render(small_plan({"numpy": Status.DONE}))
    implied = count(pixels(image, layout.nodes["python"]), greenish)
    done = count(pixels(image, layout.nodes["numpy"]), greenish)
    assert 0 < implied < done


def test_in_progress_uses_the_palettes_highlight() -> None:
    image, layout, style, _texts = render(small_plan(STATUSES))
    accent = style.accent

    def near_accent(c: QColor) -> bool:
        return (
            abs(c.red() - accent.red())
            + abs(c.green() - accent.green())
            + abs(c.blue() - accent.blue())
            < 40
        )

    assert count(pixels(image, layout.nodes["numpy"]), near_accent) > 40
    assert count(pixels(image, layout.nodes["maths"]), near_accent) == 0


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_status_colours_stand_out_on_light_and_dark(palette: Any) -> None:
    style = style_for(palette())
    assert style.dark == (palette is dark_palette)
    for status in (Status.TODO, Status.IN_PROGRESS, Status.DONE, Status.IMPLIED):
        assert contrast(style.status(status).mark, style.card) >= 2.5, status
        assert contrast(style.status(status).text, style.status(status).fill) >= 4.5, status
    assert contrast(style.accent, style.canvas) >= 2.5
    assert contrast(style.unlock, style.canvas) >= 2.5


def test_skipped_names_are_struck_through_and_muted() -> None:
    style = style_for(light_palette())
    skipped = style.status(Status.SKIPPED)
    assert skipped.struck and not style.status(Status.TODO).struck
    assert contrast(skipped.text, style.card) < contrast(style.status(Status.TODO).text, style.card)


# ---------------------------------------------------------------------------- text
def test_names_and_hours_are_drawn() -> None:
    _image, _layout, _style, texts = render(small_plan(STATUSES))
    assert "Pandas" in texts
    assert "10 h · done" in texts
    assert "5 h · in progress" in texts
    assert "30 h" in texts  # maths, still to do: no status word


def test_names_that_look_like_markup_are_drawn_as_written() -> None:
    skills = {
        "x": Skill("x", "<b>x</b> &amp;", "<area>", 1),
        "y": Skill("y", "<img src=y>", "A", 2, requires=("x",)),
    }
    plan = plan_of(Library(skills, {"role": Role("role", "Role", goals=("y",))}))
    _image, _layout, _style, texts = render(plan)
    assert "<b>x</b> &amp;" in texts
    assert "<img src=y>" in texts


def test_long_names_wrap_on_two_lines_and_are_elided_to_fit() -> None:
    name = "Machine-learning fundamentals with scikit-learn and a great deal more besides"
    skills = {"x": Skill("x", name, "A", 1)}
    plan = plan_of(Library(skills, {"role": Role("role", "Role", goals=("x",))}))
    _image, _layout, _style, texts = render(plan)
    first, second = texts[0], texts[1]
    assert name.startswith(first)
    assert second.endswith("…")
    assert name.startswith(f"{first} {second[:-1]}")


def test_wrap_text_keeps_short_names_on_one_line() -> None:
    from PySide6.QtGui import QFont, QFontMetricsF

    metrics = QFontMetricsF(QFont())
    assert wrap_text("Git", metrics, (100, 100)) == ["Git"]
    assert wrap_text("", metrics, (100, 100)) == []


def test_small_scales_draw_plain_boxes_without_text() -> None:
    image, layout, _style, texts = render(small_plan(STATUSES), detail=LOW_DETAIL - 0.1)
    assert texts == []
    assert count(pixels(image, layout.nodes["python"]), greenish) > 200  # status still shows


# ---------------------------------------------------------------------------- emphasis
def test_skills_outside_the_search_are_dimmed() -> None:
    plain, layout, _style, _texts = render(small_plan())
    searched, _layout, _style, _texts = render(small_plan(), matches={"python", "numpy"})
    numpy, git = layout.nodes["numpy"], layout.nodes["git"]
    assert ink(pixels(searched, numpy)) == ink(pixels(plain, numpy)) > 100
    assert ink(pixels(searched, git)) < ink(pixels(plain, git)) * 0.2


def test_selection_lights_prerequisites_and_unlocks_and_dims_the_rest() -> None:
    plain, layout, style, _texts = render(small_plan())
    lit, _layout, _style, _texts = render(small_plan(), selected="numpy")

    def near(color: QColor) -> Callable[[QColor], bool]:
        return lambda c: (
            abs(c.red() - color.red())
            + abs(c.green() - color.green())
            + abs(c.blue() - color.blue())
            < 60
        )

    python, pandas, git = (layout.nodes[n] for n in ("python", "pandas", "git"))
    assert count(pixels(lit, python), near(style.accent)) > 100  # what numpy needs
    assert count(pixels(plain, python), near(style.accent)) == 0
    assert count(pixels(lit, pandas), near(style.unlock)) > 100  # what numpy unlocks
    assert ink(pixels(lit, git)) < ink(pixels(plain, git)) * 0.2  # unrelated


def test_only_what_meets_the_visible_rectangle_is_painted() -> None:
    layout = layout_plan(small_plan())
    ml = layout.nodes["ml"]
    visible = QRectF(ml.x - 5, ml.y - 5, ml.w + 10, ml.h + 10)
    _image, _layout, _style, texts = render(small_plan(), visible=visible)
    assert texts == ["Ml", "20 h"]


# ---------------------------------------------------------------------------- legend and areas
def test_the_legend_names_every_status_and_both_kinds_of_edge() -> None:
    style = style_for(light_palette())
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(style.canvas)
    painter = RecordingPainter(image)
    size = legend_size(painter.font())
    assert 0 < size.width() < 400 and 0 < size.height() < 200
    paint_legend(painter, QRectF(0, 0, size.width(), size.height()), style)
    painter.end()
    for label in ("to do", "in progress", "done", "skipped", "known", "goal"):
        assert label in painter.texts
    assert "needed first" in painter.texts and "recommended first" in painter.texts
    row = [image.pixelColor(x, y) for y in range(int(size.height())) for x in range(30)]
    assert count(row, greenish) > 10  # the done and implied marks


def test_area_colours_are_stable_and_distinct() -> None:
    areas = ["Data", "Mathematics", "Programming", "MLOps", "Deep learning", "Developer tools"]
    colors = area_colors(areas)
    assert area_colors(reversed(areas)) == colors
    assert len({c.name() for c in colors.values()}) == len(areas)
    assert all(c.name() in AREA_PALETTE for c in colors.values())
    many = area_colors(f"area {i}" for i in range(len(AREA_PALETTE)))
    assert len({c.name() for c in many.values()}) == len(AREA_PALETTE)


def test_an_area_stripe_is_painted_in_its_colour() -> None:
    image, layout, _style, _texts = render(small_plan())
    stripe = area_colors(["Area"])["Area"]
    python = layout.nodes["python"]
    assert image.pixelColor(int(python.x + 2), int(python.y + python.h / 2)) == stripe


def test_the_callers_painter_is_left_as_it_was() -> None:
    image = QImage(100, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setPen(Qt.GlobalColor.red)
    layout = layout_plan(small_plan())
    paint_graph(painter, layout, small_plan(), style_for(light_palette()), PaintOptions())
    assert painter.pen().color() == QColor(Qt.GlobalColor.red)
    painter.end()
