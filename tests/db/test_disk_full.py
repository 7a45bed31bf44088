"""A write cut short by a full disk is named as such, even when SQLite calls it an I/O error."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from planner.db import sqlite_checks as checks
from planner.errors import DatabaseProblem


def _error(name: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = name
    return error


def _free(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    def usage(_path: Any) -> Any:
        return shutil._ntuple_diskusage(100 << 30, (100 << 30) - free, free)

    monkeypatch.setattr(shutil, "disk_usage", usage)


@pytest.mark.parametrize("name", ["SQLITE_IOERR_WRITE", "SQLITE_IOERR", "SQLITE_CANTOPEN"])
def test_an_io_error_on_a_disk_with_no_room_left_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    _free(monkeypatch, 4096)
    assert checks.problem_of(_error(name), tmp_path / "planner.sqlite3") is (
        DatabaseProblem.DISK_FULL
    )


def test_an_io_error_with_room_to_spare_stays_what_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _free(monkeypatch, 50 << 30)
    error = _error("SQLITE_IOERR_WRITE")
    assert checks.problem_of(error, tmp_path / "planner.sqlite3") is DatabaseProblem.UNWRITABLE
    assert checks.problem_of(error) is DatabaseProblem.UNWRITABLE  # no path: no guess


def test_sqlite_full_is_a_full_disk_whatever_the_free_space(tmp_path: Path) -> None:
    assert checks.problem_of(_error("SQLITE_FULL")) is DatabaseProblem.DISK_FULL
