"""Turn the core library, or one role with all it needs, into a roadmap file model."""

from __future__ import annotations

from collections.abc import Iterable

from planner.core.domain import Library, Role, Skill
from planner.errors import NotFoundError
from planner.fileformat import schema


def _skill(s: Skill) -> schema.Skill:
    return schema.Skill(
        id=s.id,
        name=s.name,
        area=s.area,
        hours=s.hours,
        level=s.level,  # type: ignore[arg-type]  # core keeps it as str; it came from a file
        summary=s.summary or None,
        requires=list(s.requires),
        recommends=list(s.recommends),
        resources=[
            schema.Resource(title=r.title, url=r.url, kind=r.kind, free=r.free)  # type: ignore[arg-type]
            for r in s.resources
        ],
    )


def _role(r: Role) -> schema.Role:
    salary = None
    if r.salary is not None:
        salary = schema.Salary(
            amount=r.salary.amount,
            currency=r.salary.currency,
            region=r.salary.region,
            source=r.salary.source,
        )
    return schema.Role(
        id=r.id,
        name=r.name,
        summary=r.summary or None,
        salary=salary,
        goals=list(r.goals),
        tracks=[
            schema.Track(
                id=t.id,
                name=t.name,
                summary=t.summary or None,
                goals=list(t.goals),
                later_career=True if t.later_career else None,
            )
            for t in r.tracks
        ],
        track_choice=_choice(r),
    )


def _choice(r: Role) -> schema.TrackChoice | None:
    """The role's track choice, without tracks the library editor has since removed."""
    if r.track_choice is None:
        return None
    tracks = [t for t in r.track_choice.tracks if r.track(t) is not None]
    if not tracks:
        return None
    at_least = min(r.track_choice.choose_at_least, len(tracks))
    return schema.TrackChoice(name=r.track_choice.name, choose_at_least=at_least, tracks=tracks)


def _in_study_order(library: Library, ids: Iterable[str]) -> list[str]:
    """Prerequisites before the skills that need them, so the file reads top to bottom."""
    wanted = set(ids)
    order: list[str] = []
    seen: set[str] = set()
    for start in sorted(wanted):
        stack: list[tuple[str, bool]] = [(start, False)]
        while stack:  # iterative: a long chain of prerequisites must not hit the recursion limit
            ident, expanded = stack.pop()
            if expanded:
                order.append(ident)
                continue
            if ident in seen:
                continue
            seen.add(ident)
            stack.append((ident, True))
            skill = library.skills[ident]
            for pre in sorted({*skill.requires, *skill.recommends}, reverse=True):
                if pre in wanted and pre not in seen:
                    stack.append((pre, False))
    return order


def library_file(library: Library, name: str | None = None) -> schema.RoadmapFile:
    """The whole library as one roadmap file."""
    ids = _in_study_order(library, library.skills)
    return schema.RoadmapFile(
        format=1,
        name=name,
        skills=[_skill(library.skills[i]) for i in ids],
        roles=[_role(r) for r in library.roles.values()],
    )


def role_closure(library: Library, role_id: str) -> set[str]:
    """Every skill a role and its tracks name, with their hard and soft prerequisites,
    transitively: soft ones too, or the file would name skills it does not define."""
    role = library.roles.get(role_id)
    if role is None:
        raise NotFoundError(f"unknown role '{role_id}'")
    todo = [*role.goals, *(g for t in role.tracks for g in t.goals)]
    found: set[str] = set()
    while todo:
        ident = todo.pop()
        if ident in found or ident not in library.skills:
            continue
        found.add(ident)
        skill = library.skills[ident]
        todo.extend(skill.requires)
        todo.extend(skill.recommends)
    return found


def role_file(library: Library, role_id: str) -> schema.RoadmapFile:
    """One role, its tracks and every skill they need: a file that checks clean on its own."""
    ids = _in_study_order(library, role_closure(library, role_id))
    role = library.roles[role_id]
    return schema.RoadmapFile(
        format=1,
        name=role.name,
        skills=[_skill(library.skills[i]) for i in ids],
        roles=[_role(role)],
    )
