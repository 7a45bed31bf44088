"""`planner export` through the real entry point: all files, or one line, exit 1 and none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from planner.cli import main
from tests.export.conftest import open_learner


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with the learner of the export tests (progress, notes, history)."""
    path = tmp_path / "planner.sqlite3"
    open_learner(path).close()
    return path


def run(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "export", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.gui  # the PDF is drawn with Qt: the test session's QApplication is reused
def test_every_format_at_once(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: Any
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files = {fmt: out / f"plan.{fmt}" for fmt in ("pdf", "markdown", "json", "ics", "csv")}
    flags = [a for fmt, path in files.items() for a in (f"--{fmt}", str(path))]
    code, stdout, stderr = run(
        db, capsys, "--role", "ml-engineer", "--track", "ml-platform", *flags, "--paper", "letter"
    )
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [f"wrote {path}" for path in files.values()]
    reader = PdfReader(files["pdf"])
    assert reader.metadata is not None
    assert (reader.metadata.title or "").endswith(
        "Machine-learning engineer + ML platform engineer"
    )
    assert round(float(reader.pages[0].mediabox.width)) == 612  # US Letter
    assert files["markdown"].read_text(encoding="utf-8").startswith("# Machine-learning")
    roadmap = json.loads(files["json"].read_text(encoding="utf-8"))
    assert roadmap["tracks"] == ["ml-platform"]
    assert Calendar.from_ical(files["ics"].read_bytes()).walk("VEVENT")
    assert files["csv"].read_text(encoding="utf-8").startswith("date,kind,skill")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in files.values())


def test_text_formats_need_no_display(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.md"
    code, stdout, _ = run(db, capsys, "--role", "ai-engineer", "--markdown", str(target))
    assert code == 0
    assert stdout == f"wrote {target}\n"
    assert "- [ ] **" in target.read_text(encoding="utf-8")


def test_an_unknown_role_is_one_line_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.md"
    code, stdout, stderr = run(db, capsys, "--role", "astronaut", "--markdown", str(target))
    assert code == 1
    assert stdout == ""
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith("planner: unknown role 'astronaut'")
    assert not target.exists()


def test_an_unknown_track_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.json"
    args = ("--role", "ml-engineer", "--track", "astronomy", "--json", str(target))
    code, _, stderr = run(db, capsys, *args)
    assert code == 1
    assert "no track 'astronomy'" in stderr
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing/plan.pdf", "."])
def test_an_unwritable_path_is_one_line_and_nothing_is_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    good = tmp_path / "plan.md"
    bad = tmp_path / where
    args = ("--role", "ml-engineer", "--markdown", str(good), "--pdf", str(bad))
    code, stdout, stderr = run(db, capsys, *args)
    assert code == 1
    assert stdout == ""
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith(f"planner: {bad}")
    assert not good.exists()  # all or nothing
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("planner.sqlite3")] == []


def test_a_failed_write_leaves_no_partial_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "plan.json"
    target.write_text("the previous export", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, stderr = run(db, capsys, "--role", "ml-engineer", "--json", str(target))
    assert code == 1
    assert stderr == f"planner: {target}: cannot write: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_no_file_named_is_bad_usage(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(db, capsys, "--role", "ml-engineer")
    assert exit_.value.code == 2
    assert "name at least one file" in capsys.readouterr().err
