"""Queries: the library in and out of the database, profiles, statuses and study sessions.

Functions take a Core connection (or an ORM session) inside the caller's transaction and
return plain data, never ORM objects, so views and background threads can hold on to what they
get. One module per subject; callers use them all from here (`from planner.db import
queries; queries.X(...)`).
"""

from planner.db.queries.activity import recent_activity
from planner.db.queries.clock import utcnow
from planner.db.queries.library import library_is_empty, load_library, load_roles
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
    in_progress_since,
    progress_events,
    progress_history,
    record_status,
    set_note,
    status_of,
    statuses,
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
    "in_progress_since",
    "library_is_empty",
    "list_profiles",
    "load_library",
    "load_roles",
    "minutes_by_skill",
    "progress_events",
    "progress_history",
    "recent_activity",
    "record_status",
    "restore_study_session",
    "review_events",
    "save_library",
    "set_note",
    "status_of",
    "statuses",
    "study_sessions",
    "update_profile",
    "utcnow",
]
