"""What the graph view says and where its arrow keys lead: tooltips, the path banner, moves."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from planner.core.plan_steps import Step
from planner.core.status import STATUS_WORDS
from planner.core.units import format_hours
from planner.core.wording import known_because
from planner.render.graph.geometry import GraphLayout


def skill_tooltip(step: Step, steps: Mapping[str, Step]) -> str:
    """A skill's tooltip in the graph: name, area, hours, status, why it is known."""
    skill = step.skill
    # Rich text on purpose (a name must never be taken for markup): escape everything.
    lines = [
        f"<b>{escape(skill.name)}</b>",
        escape(f"{skill.area} · {format_hours(skill.hours)} · {STATUS_WORDS[step.status]}"),
    ]
    if step.goal:
        lines.append("A goal of this role")
    if step.implied_by and step.implied_by in steps:
        source = steps[step.implied_by].skill.name
        lines.append(escape(known_because(source)))
    return "<qt>" + "<br>".join(lines) + "</qt>"


def path_banner(name: str, prerequisites: int) -> str:
    """The note over the graph in path mode."""
    noun = "prerequisite" if prerequisites == 1 else "prerequisites"
    return f"Path to {name}: {prerequisites} {noun} · Esc shows the whole plan"


def arrow_target(layout: GraphLayout, current: str | None, direction: str) -> str | None:
    """Where an arrow key ("up", "down", "left", "right") moves the selection: up and down
    within a column, left or right to the nearest skill in the next column that has any;
    from nothing, to the first skill. None: nowhere to go."""
    columns = layout.columns
    if current is None or current not in layout.nodes:
        return next((c[0] for c in columns if c), None)
    box = layout.nodes[current]
    column = columns[box.layer]
    at = column.index(current)
    if direction == "up":
        return column[at - 1] if at > 0 else None
    if direction == "down":
        return column[at + 1] if at + 1 < len(column) else None
    step = -1 if direction == "left" else 1
    layer = box.layer + step
    while 0 <= layer < len(columns) and not columns[layer]:
        layer += step
    if not 0 <= layer < len(columns):
        return None
    cy = box.center[1]
    return min(columns[layer], key=lambda n: (abs(layout.nodes[n].center[1] - cy), n))
