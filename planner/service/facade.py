"""The `Planner` facade: one database and one learner, and the parts that hold the use cases.

The composition root (the CLI's `main` or the app) opens a `Planner`; the CLI and the UI then
go through its parts, in the manner of Anki's `col.decks` and `col.models`:

- `profiles`: the learners and their settings, the first start's choices;
- `progress`: statuses, study sessions, notes and personal goals;
- `timer`: the study timer;
- `planning`: plans, progress figures, comparisons, the role quiz, export data;
- `editing`: edits of the library and imports of roadmap files;
- `files`: roadmap files written out, backups, restoring, checking the database;
- `team`: team mode on a shared server: members, the mentor's cohort view;
- `reviews`: reviews that keep finished skills alive (FSRS);
- `agenda`: the coming weeks' study blocks in the learner's study times.

Every use case that changes data returns a `Change` (or a result carrying one as `.change`).

Each part's module is imported the first time the part is used: a command that reads the roles
loads neither the planning engine's use cases nor the editing, files or timer ones (the
command line starts a process per command; issue 16).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from planner.db import queries
from planner.db.engine import Database
from planner.errors import NotFoundError, PlannerError
from planner.paths import builtin_roadmap_files, builtin_roadmaps_dir
from planner.service.profiles import DEFAULT_PROFILE, Profiles

if TYPE_CHECKING:  # each part's module loads when the part is first used
    from sqlalchemy import Connection

    from planner.core.domain import Library, Role
    from planner.core.graph import SkillGraph
    from planner.core.plan import Skeleton
    from planner.core.records import Profile
    from planner.service.agenda import AgendaPart
    from planner.service.editing import Editing
    from planner.service.files import Files
    from planner.service.planning import Planning
    from planner.service.progress import ProgressPart
    from planner.service.reviews import Reviews
    from planner.service.team import Team
    from planner.service.timer import Timer


_P = TypeVar("_P")


class _Part(Generic[_P]):
    """A part of the `Planner` whose module is imported the first time the part is used: then
    the part (the class `name` of `module`, made with the planner) is kept on the instance,
    which later reads find before this descriptor (it defines no `__set__`)."""

    def __init__(self, module: str, name: str, doc: str) -> None:
        self.module = module
        self.name = name
        self.__doc__ = doc
        self.attr = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    @overload
    def __get__(self, planner: None, owner: type | None = None) -> _Part[_P]: ...
    @overload
    def __get__(self, planner: Planner, owner: type | None = None) -> _P: ...
    def __get__(self, planner: Planner | None, owner: type | None = None) -> _Part[_P] | _P:
        if planner is None:
            return self
        part: _P = getattr(importlib.import_module(self.module), self.name)(planner)
        planner.__dict__[self.attr] = part
        return part


class Planner:
    """The use cases of the planner for one database and one learner."""

    def __init__(
        self,
        db: Database,
        profile: str = DEFAULT_PROFILE,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.db = db
        self.profile_name = profile
        self.today = today
        self._library: Library | None = None
        self._graph: SkillGraph | None = None
        # Plan shapes, kept until the library changes (see Planning).
        self.skeletons: dict[tuple[str, tuple[str, ...]], Skeleton] = {}
        # Now, for the study timer (aware); tests pass a clock instead of waiting.
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        # The transaction the use cases run in while one is open (see `connection`), and the
        # profile as read in it: a command reads it once, not once per use case.
        self._connection: Connection | None = None
        self.kept_profile: Profile | None = None
        # Every command reads the profile: this part is always there.
        self.profiles = Profiles(self)

    # ------------------------------------------------------------------ the parts
    progress: _Part[ProgressPart] = _Part(
        "planner.service.progress",
        "ProgressPart",
        "Statuses, study sessions, notes and personal goals.",
    )
    timer: _Part[Timer] = _Part("planner.service.timer", "Timer", "The study timer.")
    planning: _Part[Planning] = _Part(
        "planner.service.planning",
        "Planning",
        "Plans, progress figures, comparisons, the role quiz, export data.",
    )
    editing: _Part[Editing] = _Part(
        "planner.service.editing", "Editing", "Edits of the library and imports of roadmap files."
    )
    files: _Part[Files] = _Part(
        "planner.service.files",
        "Files",
        "Roadmap files written out, backups, restoring, checking the database.",
    )
    team: _Part[Team] = _Part(
        "planner.service.team",
        "Team",
        "Team mode on a shared server: members, the mentor's cohort view.",
    )
    reviews: _Part[Reviews] = _Part(
        "planner.service.reviews", "Reviews", "Reviews that keep finished skills alive."
    )
    agenda: _Part[AgendaPart] = _Part(
        "planner.service.agenda", "AgendaPart", "This week's (and later weeks') study blocks."
    )

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        db_path: Path | str | None = None,
        profile: str = DEFAULT_PROFILE,
        today: Callable[[], date] = date.today,
    ) -> Planner:
        """Open the database (a path or a PostgreSQL URI; default location unless given),
        filling a new one with the built-in roadmaps, and select a profile."""
        planner = cls(Database.open(db_path), profile, today)  # a path or a URI (db.location)
        try:
            with planner.connection():
                planner._ready()
        except BaseException:
            planner.close()
            raise
        return planner

    @classmethod
    @contextmanager
    def opened(
        cls,
        db_path: Path | str | None = None,
        profile: str = DEFAULT_PROFILE,
        today: Callable[[], date] = date.today,
    ) -> Iterator[Planner]:
        """The planner opened as `open` does, for one piece of work: every use case called in
        the block runs in the one transaction opened with it (committed when the block ends,
        all of it rolled back on an error) and reads the profile once; closed after.

        What one command of the command line does: a use case in a transaction of its own
        pays its BEGIN, its profile and, on a server, its round trips (issue 16). Not for
        work that opens the database by other roads (backups, checking it, restoring)."""
        planner = cls(Database.open(db_path), profile, today)
        try:
            with planner.connection():
                planner._ready()
                yield planner
        finally:
            planner.close()

    def _ready(self) -> None:
        """Fill an empty library with the built-in roadmaps (the first start) and find the
        profile: an unknown profile is an error now, not halfway through."""
        with self.connection() as connection:
            if queries.library_is_empty(connection):
                _fill_library(self.db, connection)
            self.profile()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """The transaction the use cases run in: a new one (`Database.connection`: committed
        when the block ends, rolled back on an error), or, inside another's block, that one
        (committed when the outer block ends).

        So a use case made of others (a plan reads the profile, the statuses, the learner's
        goals and pace) runs in one transaction, reading the profile once, and one nested in
        another's transaction cannot wait for the lock the outer one holds (SQLite's BEGIN
        IMMEDIATE). A planner is used from one thread (a pool thread has its own)."""
        if self._connection is not None:
            yield self._connection
            return
        with self.db.connection() as connection:
            self._connection = connection
            try:
                yield connection
            finally:
                self._connection = None
                self.kept_profile = None  # read again in the next transaction

    def close(self) -> None:
        """Release the database."""
        self.db.close()

    def changed_elsewhere(self) -> bool:
        """Whether another program (the command line, say) changed the database since the
        last call; the first call starts watching and says False. Cached data is dropped."""
        self.db.watch.start()
        changed = self.db.watch.changed()
        if changed:
            self.invalidate()
        return changed

    # ------------------------------------------------------------------ what everything reads
    def profile(self) -> Profile:
        """The current learner's profile (see `Profiles.current`)."""
        return self.profiles.current()

    def library(self) -> Library:
        """Every skill and role (cached until the library changes)."""
        if self._library is None:
            with self.connection() as connection:
                self._library = queries.load_library(connection)
            self._graph = None  # if read alone before, made again of this very library
        return self._library

    def roles(self) -> list[Role]:
        """Every role with its tracks, in order; reads no skills (the library when loaded)."""
        if self._library is not None:
            return list(self._library.roles.values())
        with self.connection() as connection:
            return list(queries.load_roles(connection).values())

    def graph(self) -> SkillGraph:
        """The prerequisite graph of the library (cached with it): made of the library when it
        is loaded, else read alone (recording a status needs the graph, not the skills' text)."""
        if self._graph is None:
            if self._library is None:
                with self.connection() as connection:
                    self._graph = queries.load_graph(connection)
            else:
                from planner.core.graph import build_graph  # not needed to list the roles

                self._graph = build_graph(self._library.skills)
        return self._graph

    def invalidate(self) -> None:
        """Forget what is cached from the library: it changed."""
        self._library = None
        self._graph = None
        self.skeletons.clear()

    def skill(self, skill_id: str) -> None:
        """Raise NotFoundError unless the skill exists: in the library when it is loaded, else
        one row read (a note or a status to record needs no more of the library)."""
        if self._library is None:
            with self.connection() as connection:
                if queries.skill_exists(connection, skill_id):
                    return
        if skill_id not in self.library().skills:  # the library, for the closest ids
            raise NotFoundError(
                f"unknown skill '{skill_id}'{_did_you_mean(skill_id, self.library().skills)}"
            )

    def role(self, role_id: str) -> None:
        """Raise NotFoundError unless the role exists."""
        if role_id not in self.library().roles:
            known = ", ".join(self.library().roles) or "none"
            raise NotFoundError(f"unknown role '{role_id}' (roles: {known})")


def _fill_library(db: Database, connection: Connection) -> None:
    """Fill an empty library with the built-in roadmaps (the first start), in the opening
    transaction. Two first starts on one server fill it once: the second finds it filled
    under the lock."""
    db.serialize(connection, "library")
    if not queries.library_is_empty(connection):
        return
    from planner.core.domain import Library
    from planner.fileformat.load import load_files  # the file format, on demand

    builtin = builtin_roadmap_files()
    if not builtin:  # a broken installation: say so, not an empty planner
        raise PlannerError(
            f"the built-in roadmaps are missing (no roadmap files in "
            f"{builtin_roadmaps_dir()}); reinstall the planner"
        )
    queries.save_library(connection, Library.from_files(load_files(builtin)))


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    import difflib  # only for an id not found

    close = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
