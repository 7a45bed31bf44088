"""`planner db check | backup | restore`: one line each; a bad file exits 1, touching nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "planner.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "status", "python-async", "done")
    assert code == 0, err
    return path


def test_backup_prints_the_file_and_restore_brings_it_back(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), "db", "backup")
    assert code == 0, err
    saved = Path(out.strip())
    assert out.count("\n") == 1 and saved.is_file() and saved.parent == db.parent / "backups"

    run(capsys, "--db", str(db), "status", "python-async", "todo")
    code, out, err = run(capsys, "--db", str(db), "db", "restore", str(saved))
    assert code == 0, err
    assert out.count("\n") == 1
    assert out.startswith(f"restored {saved}; the previous database was kept as ")
    code, out, _err = run(capsys, "--db", str(db), "skills", "--format", "json")
    assert '"id": "python-async"' in out
    assert '"status": "done"' in out.split('"id": "python-async"')[1].split("}")[0]


def test_restore_of_a_bad_file_exits_1_and_leaves_the_database_alone(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database")
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "db", "restore", str(bad))
    assert code == 1 and out == ""
    assert err == f"planner: {bad}: not a planner database (the file is not SQLite)\n"
    assert db.read_bytes() == before
    assert not (db.parent / "backups").exists()

    code, _out, err = run(capsys, "--db", str(db), "db", "restore", str(tmp_path / "missing"))
    assert code == 1 and err.count("\n") == 1 and "no such backup file" in err


def test_check_reports_a_healthy_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "db", "check")
    assert (code, out, err) == (0, "database ok: no problems found\n", "")


def test_db_without_an_action_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["db"])
    assert exit_info.value.code == 2
