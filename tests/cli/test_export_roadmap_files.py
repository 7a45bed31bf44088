"""`planner export --yaml` and `--library`: files that check clean and import back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.files import role_closure
from planner.db.engine import Database
from planner.service import Planner
from tests.cli.runner import Cli


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner` on a new database, on each engine in turn (SQLite, PostgreSQL)."""
    return Cli(db_location, capsys)


def test_ml_engineer_file_round_trips_into_an_empty_database(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "ml.yaml"
    assert cli.ok("export", "--role", "ml-engineer", "--yaml", str(target)) == f"wrote {target}\n"
    assert "ok, " in cli.ok("check", str(target))

    original = Planner.open(cli.db)
    # Not Planner.open: that would fill the new database with the built-in library first.
    empty = Planner(Database.open(tmp_path / "empty.sqlite3"))
    try:
        assert empty.library().skills == {}
        empty.editing.import_files([target])
        before, after = original.library(), empty.library()
        assert after.roles == {"ml-engineer": before.roles["ml-engineer"]}
        assert dict(after.skills) == {
            s: before.skills[s] for s in role_closure(before, "ml-engineer")
        }
        assert (
            empty.planning.plan("ml-engineer").total_hours
            == original.planning.plan("ml-engineer").total_hours
        )
    finally:
        original.close()
        empty.close()


def test_library_file_needs_no_role_and_holds_everything(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "all.yaml"
    cli.ok("export", "--library", str(target))
    empty = Planner(Database.open(tmp_path / "empty.sqlite3"))
    full = Planner.open(cli.db)
    try:
        empty.editing.import_files([target])
        assert empty.library() == full.library()
    finally:
        empty.close()
        full.close()


def test_yaml_without_a_role_is_the_profiles_role_and_without_one_a_user_error(
    cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "x.yaml"
    code, out, err = cli("export", "--yaml", str(target), "--library", str(tmp_path / "l.yaml"))
    assert (code, out) == (1, "")
    assert err == (
        "planner: no role chosen: pass --role ID, or give your profile one with "
        "`planner profile set --role ID` (the roles: `planner roles`)\n"
    )
    assert not target.exists() and not (tmp_path / "l.yaml").exists()  # nothing half done
    cli.ok("profile", "set", "--role", "ai-engineer")
    assert cli.ok("export", "--yaml", str(target)) == f"wrote {target}\n"
    written = target.read_text(encoding="utf-8")
    assert "- id: ai-engineer\n" in written and "- id: ml-engineer\n" not in written


def test_unknown_role_is_a_user_error(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("export", "--role", "nope", "--yaml", str(tmp_path / "x.yaml"))
    assert code == 1 and "unknown role 'nope'" in err
    assert not (tmp_path / "x.yaml").exists()
