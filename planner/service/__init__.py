"""Use cases: the one door through which the command line and the app read and change data.

A `Planner` (planner.service.facade) is built by the composition root for one database and
one learner profile and hands out its parts (`profiles`, `progress`, `timer`, `planning`,
`editing`, `files`, `team`). It hands out plain data (dataclasses), never ORM objects, and every
change returns a `Change` saying what changed, so each view can decide whether to refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.core.records import Profile
from planner.service.facade import Planner
from planner.service.profiles import DEFAULT_PROFILE

if TYPE_CHECKING:
    from planner.core.changes import Change, Changed, StatusChange, StudyLog
    from planner.core.edit import (
        DeletionEffects,
        EditError,
        ImportCounts,
        LibraryChange,
        LibraryEdit,
    )
    from planner.core.export_data import ExportData
    from planner.core.history import Activity, HistoryEntry
    from planner.core.onboarding import OnboardingChoice
    from planner.core.study_time import RunningTimer, StudySession
    from planner.core.team import CohortDay, CohortRow, Kind, Member
    from planner.db.backup import Backup
    from planner.db.check import CheckReport

# Loaded when first asked for: most commands need neither backups nor the database's check,
# nor the library editor's, the first start's, an export's or team mode's records, nor the
# history's; `roadmap` and `progress` change nothing and read no study session.
_LAZY = {
    "Backup": "planner.db.backup",
    "CheckReport": "planner.db.check",
    **dict.fromkeys(("Change", "Changed", "StatusChange", "StudyLog"), "planner.core.changes"),
    **dict.fromkeys(("RunningTimer", "StudySession"), "planner.core.study_time"),
    **dict.fromkeys(
        ("DeletionEffects", "EditError", "ImportCounts", "LibraryChange", "LibraryEdit"),
        "planner.core.edit",
    ),
    **dict.fromkeys(("Activity", "HistoryEntry"), "planner.core.history"),
    "ExportData": "planner.core.export_data",
    "OnboardingChoice": "planner.core.onboarding",
    **dict.fromkeys(("CohortDay", "CohortRow", "Kind", "Member"), "planner.core.team"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Plain data the CLI and the UI receive from the use cases, importable from here.
__all__ = [
    "DEFAULT_PROFILE",
    "Activity",
    "Backup",
    "Change",
    "Changed",
    "CheckReport",
    "CohortDay",
    "CohortRow",
    "DeletionEffects",
    "EditError",
    "ExportData",
    "HistoryEntry",
    "ImportCounts",
    "Kind",
    "LibraryChange",
    "LibraryEdit",
    "Member",
    "OnboardingChoice",
    "Planner",
    "Profile",
    "RunningTimer",
    "StatusChange",
    "StudyLog",
    "StudySession",
]
