"""Pydantic models of the roadmap file format, version 1 (see roadmaps/schema.json)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID_LENGTH = 64
MAX_HOURS = 2000

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$", max_length=2000)]

Level = Literal["beginner", "intermediate", "advanced"]
ResourceKind = Literal["course", "book", "docs", "video", "article", "practice", "tool"]
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
RESOURCE_KINDS: tuple[str, ...] = ("course", "book", "docs", "video", "article", "practice", "tool")


class _Model(BaseModel):
    # strict: "40" is not a number and `yes` is not a name; extra: unknown keys are typos.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Resource(_Model):
    """A course, book, page or tool that teaches a skill."""

    title: Text
    url: Url = Field(description="An http or https address.")
    kind: ResourceKind | None = None
    free: bool | None = None


class Skill(_Model):
    """A unit of study: a few to ~60 hours of focused work."""

    id: Id
    name: Text
    area: Text = Field(description="A grouping shown in the app, e.g. Mathematics.")
    hours: float = Field(gt=0, le=MAX_HOURS, description="Estimated focused study hours.")
    level: Level | None = None
    summary: LongText | None = Field(default=None, description="Plain text, never markup.")
    requires: list[Id] = Field(default_factory=list, description="Hard prerequisites.")
    recommends: list[Id] = Field(default_factory=list, description="Soft prerequisites.")
    resources: list[Resource] = Field(default_factory=list)


class Salary(_Model):
    """A pay figure with where it applies and where it comes from."""

    amount: float = Field(gt=0, allow_inf_nan=False)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    region: Text | None = None
    source: Text | None = None


class Track(_Model):
    """An optional specialisation of a role; its goals join the role's when chosen."""

    id: Id
    name: Text
    summary: LongText | None = None
    goals: list[Id] = Field(min_length=1)
    later_career: bool | None = Field(
        default=None,
        description="True for a specialism usually taken up after a few years in the role.",
    )


class TrackChoice(_Model):
    """A named group of a role's tracks of which a learner must choose at least some."""

    name: Text = Field(description="What the choice is called, e.g. Entry specialisation.")
    choose_at_least: int = Field(ge=1, description="How many of the tracks to choose, >= 1.")
    tracks: list[Id] = Field(min_length=1, description="Ids of tracks of this role.")


class Role(_Model):
    """A target job: its goals and their prerequisites make up the plan."""

    id: Id
    name: Text
    summary: LongText | None = None
    salary: Salary | None = None
    goals: list[Id] = Field(min_length=1)
    tracks: list[Track] = Field(default_factory=list)
    track_choice: TrackChoice | None = Field(
        default=None, description="Tracks of which a learner must choose at least some."
    )


class RoadmapFile(_Model):
    """One roadmap file: skills and roles, referring to ids from any file loaded with it."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="Roadmap file (format 1)",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    format: Literal[1] = Field(description="The file format version; 1 is the only one so far.")
    name: Text | None = Field(default=None, description="A display name for the file's contents.")
    skills: list[Skill] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
