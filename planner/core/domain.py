"""The skill library as plain, immutable data shared by every layer above the file format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the file format (pydantic) loads only when a file is read
    from planner.fileformat import schema
    from planner.fileformat.load import LoadedFile


@dataclass(frozen=True, slots=True)
class Resource:
    """A course, book, page or tool that teaches a skill."""

    title: str
    url: str
    kind: str | None = None
    free: bool | None = None


@dataclass(frozen=True, slots=True)
class Skill:
    """A unit of study with its hard (`requires`) and soft (`recommends`) prerequisites."""

    id: str
    name: str
    area: str
    hours: float
    level: str | None = None
    summary: str = ""
    requires: tuple[str, ...] = ()
    recommends: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True, slots=True)
class Salary:
    """A pay figure, with where it applies and its source."""

    amount: float
    currency: str
    region: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Track:
    """An optional specialisation of a role; its goals join the role's when chosen."""

    id: str
    name: str
    summary: str = ""
    goals: tuple[str, ...] = ()
    later_career: bool = False  # a specialism for after a few years in the role


@dataclass(frozen=True, slots=True)
class TrackChoice:
    """Tracks of a role of which a learner must choose at least `choose_at_least`."""

    name: str
    choose_at_least: int
    tracks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """A target job; its goals and their hard prerequisites make up the plan."""

    id: str
    name: str
    summary: str = ""
    salary: Salary | None = None
    goals: tuple[str, ...] = ()
    tracks: tuple[Track, ...] = ()
    track_choice: TrackChoice | None = None

    def track(self, track_id: str) -> Track | None:
        """The role's track with this id, if any."""
        return next((t for t in self.tracks if t.id == track_id), None)

    def unmet_choice(self, chosen: Iterable[str]) -> TrackChoice | None:
        """The role's track choice when `chosen` has fewer of its tracks than it asks for."""
        choice = self.track_choice
        if choice is None or len(set(chosen) & set(choice.tracks)) >= choice.choose_at_least:
            return None
        return choice


@dataclass(frozen=True)
class Library:
    """Every skill and role, keyed by id."""

    skills: Mapping[str, Skill] = field(default_factory=dict)
    roles: Mapping[str, Role] = field(default_factory=dict)

    @classmethod
    def from_files(cls, files: Iterable[LoadedFile]) -> Library:
        """The library defined by validated roadmap files (later files win on equal ids)."""
        skills: dict[str, Skill] = {}
        roles: dict[str, Role] = {}
        for f in files:
            for s in f.roadmap.skills:
                skills[s.id] = skill_from_schema(s)
            for r in f.roadmap.roles:
                roles[r.id] = role_from_schema(r)
        return cls(skills, roles)


def skill_from_schema(s: schema.Skill) -> Skill:
    """Plain data from a validated file entry."""
    return Skill(
        id=s.id,
        name=s.name,
        area=s.area,
        hours=float(s.hours),
        level=s.level,
        summary=s.summary or "",
        requires=tuple(s.requires),
        recommends=tuple(s.recommends),
        resources=tuple(Resource(r.title, r.url, r.kind, r.free) for r in s.resources),
    )


def role_from_schema(r: schema.Role) -> Role:
    """Plain data from a validated file entry."""
    salary = None
    if r.salary is not None:
        salary = Salary(r.salary.amount, r.salary.currency, r.salary.region, r.salary.source)
    return Role(
        id=r.id,
        name=r.name,
        summary=r.summary or "",
        salary=salary,
        goals=tuple(r.goals),
        tracks=tuple(
            Track(t.id, t.name, t.summary or "", tuple(t.goals), bool(t.later_career))
            for t in r.tracks
        ),
        track_choice=choice_in_track_order(
            r.track_choice.name, r.track_choice.choose_at_least, r.track_choice.tracks, r.tracks
        )
        if r.track_choice is not None
        else None,
    )


def choice_in_track_order(
    name: str, at_least: int, ids: Iterable[str], tracks: Iterable[schema.Track | Track]
) -> TrackChoice:
    """A track choice listing its tracks in the role's order (as the database keeps them)."""
    wanted = set(ids)
    return TrackChoice(name, at_least, tuple(t.id for t in tracks if t.id in wanted))
