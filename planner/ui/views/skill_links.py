"""The skill panel's resources: links drawn in the palette's link colour, web addresses only."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl

from planner.core.domain import Skill


def safe_link(url: str) -> bool:
    """Only web addresses are ever opened: a roadmap file from a stranger must not be able to
    launch a program or open a local file."""
    scheme = QUrl(url).scheme().lower()
    return scheme in ("http", "https") and QUrl(url).isValid()


def resources_html(skill: Skill, link_color: str) -> str:
    """The resources as links in `link_color` (a "#rrggbb" name: the palette's link colour)."""
    if not skill.resources:
        return "<i>No resources listed.</i>"
    items = []
    for r in skill.resources:
        title = html.escape(r.title)
        extra = " · ".join(x for x in (r.kind or "", "free" if r.free else "") if x)
        suffix = f" <span style='color: gray'>({html.escape(extra)})</span>" if extra else ""
        if safe_link(r.url):
            href = html.escape(r.url, quote=True)
            link = f"<a href='{href}' style='color: {link_color}'>{title}</a>"
            items.append(f"{link}{suffix}")
        else:
            items.append(f"{title}{suffix}")
    return "<br>".join(items)
