"""Running `planner` in-process on one database, keeping what it printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main


class Cli:
    """Runs `planner --db DB ...` through the real entry point (DB: a file, or a URI)."""

    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(self.db), *argv])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def ok(self, *argv: str) -> str:
        """The output of a command that must succeed."""
        code, out, err = self(*argv)
        assert code == 0, err
        return out

    def json(self, *argv: str) -> Any:
        """The JSON output of a command that must succeed."""
        return json.loads(self.ok(*argv, "--format", "json"))
