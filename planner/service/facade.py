"""The `Planner` facade: one database and one learner, and the parts that hold the use cases.

The composition root (the CLI's `main` or the app) opens a `Planner`; the CLI and the UI then
go through its parts, in the manner of Anki's `col.decks` and `col.models`:

- `profiles`: the learners and their settings, the first start's choices;
- `progress`: statuses, study sessions, notes and personal goals;
- `timer`: the study timer;
- `planning`: plans, progress figures, comparisons, the role quiz, export data;
- `editing`: edits of the library and imports of roadmap files;
- `files`: roadmap files written out, backups, restoring, checking the database;
- `team`: team mode on a shared server: members, the mentor's cohort view.

Every use case that changes data returns a `Change` (or a result carrying one as `.change`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from planner.core.domain import Library, Role
from planner.core.graph import SkillGraph, build_graph
from planner.core.plan import Skeleton
from planner.core.records import Profile
from planner.db import queries
from planner.db.engine import Database
from planner.errors import NotFoundError, PlannerError
from planner.paths import builtin_roadmap_files, builtin_roadmaps_dir
from planner.service.editing import Editing
from planner.service.files import Files
from planner.service.planning import Planning
from planner.service.profiles import DEFAULT_PROFILE, Profiles
from planner.service.progress import ProgressPart
from planner.service.team import Team
from planner.service.timer import Timer


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
        self.profiles = Profiles(self)
        self.progress = ProgressPart(self)
        self.timer = Timer(self)
        self.planning = Planning(self)
        self.editing = Editing(self)
        self.files = Files(self)
        self.team = Team(self)

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
        db = Database.open(db_path)  # a file path or a PostgreSQL URI (planner.db.location)
        planner = cls(db, profile, today)
        try:
            with db.session() as session:
                db.serialize(session, "library")  # two first starts on one server fill it once
                if queries.library_is_empty(session):
                    from planner.fileformat.load import load_files  # the file format, on demand

                    builtin = builtin_roadmap_files()
                    if not builtin:  # a broken installation: say so, not an empty planner
                        raise PlannerError(
                            f"the built-in roadmaps are missing (no roadmap files in "
                            f"{builtin_roadmaps_dir()}); reinstall the planner"
                        )
                    files = load_files(builtin)
                    queries.save_library(session, Library.from_files(files))
            planner.profile()  # an unknown profile is an error now, not halfway through
        except BaseException:
            db.close()
            raise
        return planner

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
            with self.db.session() as session:
                self._library = queries.load_library(session)
        return self._library

    def roles(self) -> list[Role]:
        """Every role with its tracks, in order; reads no skills (the library when loaded)."""
        if self._library is not None:
            return list(self._library.roles.values())
        with self.db.session() as session:
            return list(queries.load_roles(session).values())

    def graph(self) -> SkillGraph:
        """The prerequisite graph of the library (cached with it)."""
        if self._graph is None:
            self._graph = build_graph(self.library().skills)
        return self._graph

    def invalidate(self) -> None:
        """Forget what is cached from the library: it changed."""
        self._library = None
        self._graph = None
        self.skeletons.clear()

    def skill(self, skill_id: str) -> None:
        """Raise NotFoundError unless the skill exists."""
        if skill_id not in self.library().skills:
            raise NotFoundError(
                f"unknown skill '{skill_id}'{_did_you_mean(skill_id, self.library().skills)}"
            )

    def role(self, role_id: str) -> None:
        """Raise NotFoundError unless the role exists."""
        if role_id not in self.library().roles:
            known = ", ".join(self.library().roles) or "none"
            raise NotFoundError(f"unknown role '{role_id}' (roles: {known})")


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
