"""The prerequisite graph on landscape pages, drawn by the same painter as the screen.

Whole when it fits at a readable size; otherwise an overview map, then parts of a few columns
each (cut between columns, and between boxes when a band of columns is taller than a page).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen

from planner.core.units import plural
from planner.export.pdf import ink
from planner.export.pdf.context import Context
from planner.export.pdf.fonts import family, plain
from planner.export.pdf.layout import Flow, Paint
from planner.export.pdf.plan_table import section_heading
from planner.export.pdf.title import SECTION_TITLES
from planner.render.graph.geometry import (
    LAYER_GAP,
    MARGIN,
    NODE_WIDTH,
    PITCH,
    GraphLayout,
    NodeBox,
    column_left,
)
from planner.render.graph.layout import layout_plan
from planner.render.graph.legend import legend_size, paint_legend
from planner.render.graph.painter import PaintOptions, paint_graph
from planner.render.style import GraphStyle, area_colors, style_for

READABLE = 0.5  # points per layout unit: box names (13 units) print at 6.5 pt
LARGEST = 0.72  # a small graph is not blown up beyond what the screen shows at 100 %
LEGEND_PX = 11.0
EXPLAIN = (
    "Read from left to right: every skill stands to the right of what it needs. Solid arrows "
    "lead from a skill that is needed first, dashed ones from a skill that is recommended first."
)


@dataclass(frozen=True)
class Tile:
    """A part of the graph on one page: a rectangle in layout units and the columns in it."""

    rect: QRectF
    first_column: int
    last_column: int
    piece: int = 1  # of a band of columns taller than a page: which piece, from the top
    pieces: int = 1


def add_graph(flow: Flow, ctx: Context) -> None:
    """The graph section: heading, key and the graph itself (or its map, then its tiles)."""
    title = SECTION_TITLES["graph"]
    ctx.section_pages["graph"] = flow.start_section(title, landscape=True)
    layout = layout_plan(ctx.data.plan)
    style = style_for(ink.light_palette())
    content = flow.content
    width, pt = content.width(), ctx.pt
    heading_h, paint_heading = section_heading(ctx, title, width)
    explain_f = ink.font(9)
    legend_scale = pt(0.62)  # the legend is drawn in layout-like pixels at this scale
    legend = legend_size(_pixel_font(LEGEND_PX))
    legend_w, legend_h = legend.width() * legend_scale, legend.height() * legend_scale
    explain_w = width - legend_w - pt(18)
    explain_h = ctx.text_height(EXPLAIN, explain_f, explain_w)
    top_h = heading_h + max(explain_h, legend_h) + pt(12)

    def paint_top(painter: QPainter) -> None:
        paint_heading(painter)
        ink.draw_text(
            painter, QRectF(0, heading_h, explain_w, explain_h), EXPLAIN, explain_f, ink.TEXT
        )
        painter.save()
        painter.translate(width - legend_w, heading_h)
        painter.scale(legend_scale, legend_scale)
        painter.setFont(_pixel_font(LEGEND_PX))
        paint_legend(painter, QRectF(0, 0, legend.width(), legend.height()), style)
        painter.restore()

    key_h, paint_key = _area_key(ctx, width)
    below = content.height() - top_h - key_h
    whole = min(LARGEST, width / pt(layout.width), below / pt(layout.height))
    if whole >= READABLE:

        def paint_whole(painter: QPainter) -> None:
            paint_top(painter)
            painter.save()
            painter.translate(0, top_h)
            _paint_part(
                painter, ctx, layout, style, QRectF(0, 0, layout.width, layout.height), whole
            )
            painter.restore()
            painter.translate(0, content.height() - key_h)
            paint_key(painter)

        flow.place(content.height(), paint_whole, mark=(title, 0))
        return

    caption_h = ctx.metrics(ink.font(8)).height() + pt(6)
    tile_h = content.height() - caption_h
    scale, tiles = plan_tiles(layout, width / pt(1), tile_h / pt(1))
    pages: list[int] = []

    def paint_map(painter: QPainter) -> None:
        paint_top(painter)
        painter.save()
        painter.translate(0, top_h)
        _paint_map(painter, ctx, layout, style, tiles, pages, QRectF(0, 0, width, below))
        painter.restore()
        painter.translate(0, content.height() - key_h)
        paint_key(painter)

    flow.place(content.height(), paint_map, mark=(title, 0))
    for number, tile in enumerate(tiles, start=1):
        flow.new_page()
        pages.append(len(flow.pages) - 1)
        caption = (
            f"Part {number} of {len(tiles)} · "
            + (
                f"column {tile.first_column + 1}"
                if tile.first_column == tile.last_column
                else f"columns {tile.first_column + 1}–{tile.last_column + 1}"
            )
            + f" of {len(layout.columns)}"
            + (f", piece {tile.piece} of {tile.pieces} from the top" if tile.pieces > 1 else "")
        )

        onward = f"continues on page {len(flow.pages) + 1} →" if number < len(tiles) else ""

        def paint_tile(
            painter: QPainter, tile: Tile = tile, caption: str = caption, onward: str = onward
        ) -> None:
            ink.draw_text(painter, QRectF(0, 0, width, caption_h), caption, ink.font(8), ink.MUTED)
            right = Qt.AlignmentFlag.AlignRight
            ink.draw_text(
                painter, QRectF(0, 0, width, caption_h), onward, ink.font(8), ink.MUTED, right
            )
            painter.translate(0, caption_h)
            k = pt(scale)
            painter.setClipRect(QRectF(0, 0, tile.rect.width() * k, tile.rect.height() * k))
            _paint_part(painter, ctx, layout, style, tile.rect, scale)

        flow.place(content.height(), paint_tile, mark=(f"Part {number}", 1))


def plan_tiles(layout: GraphLayout, width: float, height: float) -> tuple[float, list[Tile]]:
    """The scale (points per layout unit) and the tiles that show the graph on pages of
    `width` x `height` points: as few pages as a readable scale allows, the columns shared
    evenly between them, as large as that leaves room for."""
    count = max(len(layout.columns), 1)
    most = max(1, math.floor(width / (READABLE * PITCH)))
    parts = math.ceil(count / most)
    per_tile = math.ceil(count / parts)
    fit_height = max(READABLE, height / layout.height) if layout.height else LARGEST
    scale = min(LARGEST, width / (per_tile * PITCH), fit_height)
    sizes = [count // parts + (1 if k < count % parts else 0) for k in range(parts)]
    tiles: list[Tile] = []
    first = 0
    for size in sizes:
        tiles += _band(layout, first, first + size - 1, height / scale)
        first += size
    return scale, tiles


def _band(layout: GraphLayout, first: int, last: int, height: float) -> list[Tile]:
    """The tiles of columns first..last: one, or several when the band is taller than a page,
    cut where no box is; failing that, cut at the limit and start the next piece above the
    boxes the cut went through, so that every box is whole on some page."""
    x0 = column_left(first) - LAYER_GAP / 2
    x1 = column_left(last) + NODE_WIDTH + LAYER_GAP / 2
    boxes = [layout.nodes[n] for col in layout.columns[first : last + 1] for n in col]
    top = min((b.y for b in boxes), default=0.0) - MARGIN / 2
    bottom = max((b.y + b.h for b in boxes), default=0.0) + MARGIN / 2
    tiles = []
    y = top
    while y < bottom - 1e-6:
        cut = next_top = min(bottom, y + height)
        if cut < bottom:
            free = _free_line(boxes, y, cut)
            if free is not None:
                cut = next_top = free
            else:
                next_top = min(b.y for b in boxes if b.y < cut < b.y + b.h) - 4
        tiles.append(Tile(QRectF(x0, y, x1 - x0, cut - y), first, last))
        y = next_top
    count = len(tiles)
    return [replace(tile, piece=k, pieces=count) for k, tile in enumerate(tiles, start=1)]


def _free_line(boxes: list[NodeBox], start: float, limit: float) -> float | None:
    """The lowest height in (start + half the tile, limit] that cuts through no box."""
    candidates = sorted({limit} | {b.y - 4 for b in boxes if start < b.y - 4 < limit})
    for y in reversed(candidates):
        if y - start < (limit - start) / 2:
            break
        if not any(b.y < y < b.y + b.h for b in boxes):
            return y
    return None


def _pixel_font(pixels: float) -> QFont:
    f = QFont(family())
    f.setPixelSize(round(pixels))
    return plain(f)


def _paint_part(
    painter: QPainter,
    ctx: Context,
    layout: GraphLayout,
    style: GraphStyle,
    part: QRectF,
    scale: float,
) -> None:
    """A rectangle of the layout at `scale` points per unit, with its top left at the origin."""
    painter.save()
    k = ctx.pt(scale)
    painter.scale(k, k)
    painter.translate(-part.left(), -part.top())
    painter.setFont(_pixel_font(13))
    paint_graph(painter, layout, ctx.data.plan, style, PaintOptions(visible=part, detail=1.0))
    painter.restore()


def _area_key(ctx: Context, width: float) -> tuple[float, Paint]:
    """The colour of each area (the stripe at the left of every box), in rows."""
    pt = ctx.pt
    colors = area_colors(s.skill.area for s in ctx.data.plan.steps)
    label_f, name_f = ink.font(8, bold=True), ink.font(8)
    metrics = ctx.metrics(name_f)
    line = metrics.height() + pt(4)
    label = "Areas"
    x0 = ctx.metrics(label_f).horizontalAdvance(label) + pt(12)
    places: list[tuple[float, float, str]] = []
    x, y = x0, 0.0
    for name in colors:
        item = pt(12) + metrics.horizontalAdvance(name) + pt(16)
        if x + item > width and x > x0:
            x, y = x0, y + line
        places.append((x, y, name))
        x += item
    height = y + line + pt(6)

    def paint(painter: QPainter) -> None:
        painter.setPen(QPen(ink.RULE, pt(0.6)))
        painter.drawLine(QPointF(0, 0), QPointF(width, 0))
        top = pt(8)
        painter.setFont(label_f)
        painter.setPen(ink.TEXT)
        painter.drawText(QPointF(0, top + metrics.ascent()), label)
        painter.setFont(name_f)
        for px, py, name in places:
            swatch = QRectF(px, top + py + (metrics.height() - pt(8)) / 2, pt(8), pt(8))
            painter.fillRect(swatch, colors[name])
            painter.setPen(ink.TEXT)
            painter.drawText(QPointF(px + pt(12), top + py + metrics.ascent()), name)

    return height + pt(8), paint


def _paint_map(
    painter: QPainter,
    ctx: Context,
    layout: GraphLayout,
    style: GraphStyle,
    tiles: list[Tile],
    pages: list[int],
    area: QRectF,
) -> None:
    """The whole graph, too small to read, with a frame around each part and its page."""
    pt = ctx.pt
    note = (
        f"The graph has {plural(len(layout.nodes), 'skill')} in "
        f"{plural(len(layout.columns), 'column')}; it follows in {len(tiles)} parts, "
        "framed below with their pages."
    )
    note_h = ctx.text_height(note, ink.font(9), area.width())
    ink.draw_text(painter, QRectF(0, 0, area.width(), note_h), note, ink.font(9), ink.MUTED)
    box = area.adjusted(0, note_h + pt(8), 0, 0)
    k = min(box.width() / layout.width, box.height() / layout.height)
    painter.save()
    # Centred in the room left: a wide graph's map is a strip.
    painter.translate(box.left(), box.top() + (box.height() - layout.height * k) / 2)
    painter.save()
    painter.scale(k, k)
    painter.setFont(_pixel_font(13))
    paint_graph(painter, layout, ctx.data.plan, style, PaintOptions(detail=0.0))
    painter.restore()
    label_f = ink.font(8, bold=True)
    for number, tile in enumerate(tiles):
        r = tile.rect
        frame = QRectF(r.left() * k, r.top() * k, r.width() * k, r.height() * k)
        painter.setPen(QPen(ink.ACCENT, pt(1), Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame.adjusted(pt(1), pt(1), -pt(1), -pt(1)))
        page = f"p. {pages[number] + 1}" if number < len(pages) else ""
        painter.setFont(label_f)
        painter.setPen(ink.ACCENT)
        m = ctx.metrics(label_f)
        painter.drawText(QPointF(frame.left() + pt(4), frame.top() + pt(3) + m.ascent()), page)
    painter.restore()
