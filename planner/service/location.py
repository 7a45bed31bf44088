"""Where the data is, for the faces (the CLI and the app go through the service, never
planner.db): a file path (SQLite) or a shared PostgreSQL database's address
(planner.db.location reads and masks them)."""

from __future__ import annotations

from planner.db.location import (
    Location,
    ServerAddress,
    locate,
    locate_text,
    mask_password,
    server_address,
)

__all__ = [
    "Location",
    "ServerAddress",
    "locate",
    "locate_text",
    "mask_password",
    "server_address",
]
