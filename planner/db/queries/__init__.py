"""Queries: the library in and out of the database, profiles, statuses and study sessions.

Functions take a Core connection (or an ORM session) inside the caller's transaction and
return plain data, never ORM objects, so views and background threads can hold on to what they
get. One module per subject; callers use them all from here (`from planner.db import
queries; queries.X(...)`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.db.queries.activity import newest_entries, recent_activity
    from planner.db.queries.clock import utcnow
    from planner.db.queries.graph import library_is_empty, load_graph, skill_exists
    from planner.db.queries.library import load_library, load_roles
    from planner.db.queries.library_writes import save_library
    from planner.db.queries.profiles import (
        create_profile,
        delete_profile,
        get_profile,
        list_profiles,
        update_profile,
    )
    from planner.db.queries.progress import (
        get_note,
        progress_events,
        progress_history,
        record_status,
        set_note,
        status_of,
        statuses,
        statuses_since,
    )
    from planner.db.queries.reviews import add_review_event, finished_on, review_events
    from planner.db.queries.sessions import (
        add_study_session,
        delete_study_session,
        edit_study_session,
        get_study_session,
        minutes_by_skill,
        restore_study_session,
        study_sessions,
    )

# Each subject's module is imported when one of its queries is first used: a command that
# lists the roles loads neither the progress nor the study sessions' queries (issue 16).
_MODULE_OF = {
    "add_review_event": "reviews",
    "add_study_session": "sessions",
    "create_profile": "profiles",
    "delete_profile": "profiles",
    "delete_study_session": "sessions",
    "edit_study_session": "sessions",
    "finished_on": "reviews",
    "get_note": "progress",
    "get_profile": "profiles",
    "get_study_session": "sessions",
    "library_is_empty": "graph",
    "list_profiles": "profiles",
    "load_graph": "graph",
    "load_library": "library",
    "load_roles": "library",
    "minutes_by_skill": "sessions",
    "progress_events": "progress",
    "progress_history": "progress",
    "newest_entries": "activity",
    "recent_activity": "activity",
    "record_status": "progress",
    "restore_study_session": "sessions",
    "review_events": "reviews",
    "save_library": "library_writes",
    "set_note": "progress",
    "skill_exists": "graph",
    "status_of": "progress",
    "statuses": "progress",
    "statuses_since": "progress",
    "study_sessions": "sessions",
    "update_profile": "profiles",
    "utcnow": "clock",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = found  # found here from now on, without this function
    return found


__all__ = [
    "add_review_event",
    "add_study_session",
    "create_profile",
    "delete_profile",
    "delete_study_session",
    "edit_study_session",
    "finished_on",
    "get_note",
    "get_profile",
    "get_study_session",
    "library_is_empty",
    "list_profiles",
    "load_graph",
    "load_library",
    "load_roles",
    "minutes_by_skill",
    "newest_entries",
    "progress_events",
    "progress_history",
    "recent_activity",
    "record_status",
    "restore_study_session",
    "review_events",
    "save_library",
    "set_note",
    "skill_exists",
    "status_of",
    "statuses",
    "statuses_since",
    "study_sessions",
    "update_profile",
    "utcnow",
]
