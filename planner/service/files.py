"""Use cases about files: roadmap files written out, backups, restoring and checking the
database — and, as plain functions, the backups of a database that is not (cannot be) open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.changes import Change, Changed
from planner.db import backup as db_backup
from planner.db import check as db_check
from planner.db import queries
from planner.db.backup import Backup
from planner.db.check import CheckReport
from planner.db.engine import Database
from planner.paths import builtin_roadmaps_dir, write_atomically

if TYPE_CHECKING:
    from planner.fileformat.schema import RoadmapFile
    from planner.service.facade import Planner


class Files:
    """Files of the open database (`planner.files`)."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    # ------------------------------------------------------------------ roadmap files
    def export_role_file(self, role_id: str, path: Path) -> Path:
        """Write a roadmap file holding the role, its tracks and every skill they need."""
        self._planner.role(role_id)
        from planner.core.files import role_file

        return _write_roadmap(path, role_file(self._planner.library(), role_id))

    def export_library_file(self, path: Path) -> Path:
        """Write the whole library as one roadmap file."""
        from planner.core.files import library_file

        return _write_roadmap(path, library_file(self._planner.library(), "Roadmap library"))

    # ------------------------------------------------------------------ backups and checks
    def backup(self) -> Path:
        """A backup of the database now, in the backups folder beside it (a server's owner
        backs it up with pg_dump: DatabaseError)."""
        return db_backup.create_backup(self._planner.db.file())

    def backup_and_thin(self) -> Path:
        """A backup now, then fewer of the old ones (the app does this when it closes)."""
        taken = db_backup.create_backup(self._planner.db.file())
        db_backup.thin_backups(self._planner.db.file())
        return taken

    def backups(self) -> list[Backup]:
        """The backups of this database, newest first (none on a shared server)."""
        path = self._planner.db.path
        return [] if path is None else db_backup.list_backups(path)

    def restore(self, backup_file: Path) -> Changed[Path | None]:
        """Replace the database with a backup after checking it; returns the copy kept of the
        replaced database. A refused file leaves the database untouched and open."""
        from planner.service.profiles import DEFAULT_PROFILE

        planner = self._planner
        path = planner.db.file()
        db_backup.validate_backup(backup_file)  # before closing anything
        planner.db.close()
        try:
            kept = db_backup.restore(path, backup_file)
        finally:
            planner.db = Database.open(path)
            planner.invalidate()
        with planner.db.connection() as connection:
            if queries.get_profile(connection, planner.profile_name) is None:
                planner.profile_name = DEFAULT_PROFILE  # the backup is older than this profile
        return Changed(kept, Change.everything())

    def check_database(self) -> Changed[CheckReport]:
        """Look for damage and dangling references; fix what is safe in one transaction."""
        report = db_check.check_database(self._planner.db)
        self._planner.invalidate()
        return Changed(report, Change.everything() if report.fixed else Change())


# ---------------------------------------------------------------------- a database not open
def restore_database(db_path: Path | str | None, backup_file: Path) -> Path | None:
    """Replace a database that is not open (perhaps too damaged to open) with a backup,
    after checking it; returns the copy kept of the replaced database."""
    return db_backup.restore(db_backup.database_file(db_path), backup_file)


def backups_of(db_path: Path | str | None) -> list[Backup]:
    """The backups of a database that is not open (perhaps cannot be), newest first."""
    return db_backup.list_backups(db_backup.database_file(db_path))


def backups_folder(db_path: Path | str | None) -> Path:
    """Where the backups of a database are (the folder may not exist yet)."""
    return db_backup.backups_dir(db_backup.database_file(db_path))


def set_aside_database(db_path: Path | str | None) -> Path:
    """Move a database that cannot be opened into its backups folder, so that the next
    open starts a new one; returns where it went. Nothing is deleted."""
    return db_backup.set_aside(db_backup.database_file(db_path))


def _write_roadmap(path: Path, roadmap: RoadmapFile) -> Path:
    from planner.fileformat.dump import dump_roadmap

    # The schema line points at the installed schema so that an editor can check the file.
    text = dump_roadmap(roadmap, schema=(builtin_roadmaps_dir() / "schema.json").as_uri())
    write_atomically([(path, text.encode("utf-8"))])
    return path
