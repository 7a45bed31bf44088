"""`planner team …` and `planner cohort` through the real entry point, as an owner sets up a
group from the README; every refusal is one line and exit status 1, nothing changed."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from planner.cli import main
from tests.pg_cluster import Cluster
from tests.team_fixtures import Group, drop_group

ROADMAPS = Path(__file__).resolve().parents[2] / "roadmaps"


@pytest.fixture
def fresh(pg_cluster: Cluster) -> Iterator[Group]:
    """A new database owned by a login allowed to create roles: nothing in it yet."""
    database = pg_cluster.new_database("cli")
    group = Group(
        pg_cluster,
        database,
        f"{database}_ana",
        {f"{database}_bo": "spring", f"{database}_cy": "spring"},
        f"{database}_max",
        f"{database}_eve",
    )
    with psycopg.connect(pg_cluster.conninfo(), autocommit=True) as connection:
        connection.execute(f'CREATE ROLE "{group.owner}" LOGIN CREATEROLE')
        connection.execute(f'ALTER DATABASE "{database}" OWNER TO "{group.owner}"')
    try:
        yield group
    finally:
        drop_group(group)


def _run(
    capsys: pytest.CaptureFixture[str], url: str, *argv: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(["--db", url, *argv])
    finally:
        sys.stdin = sys.__stdin__
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _refused(result: tuple[int, str, str], words: str) -> None:
    code, out, err = result
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert words in err, err
    for sql in ("SELECT", "INSERT", "UPDATE", "DELETE", "psycopg", "sqlalchemy"):
        assert sql not in err


def test_an_owner_sets_up_a_group_of_four(fresh: Group, capsys: pytest.CaptureFixture[str]) -> None:
    g = fresh
    owner = g.url(g.owner)
    bo, cy = g.learners
    assert _run(capsys, owner, "team", "init")[0] == 0
    assert _run(capsys, owner, "team", "init")[0] == 0  # idempotent
    code, out, err = _run(
        capsys, owner, "team", "add", bo, "--as", "learner", "--cohort", "spring",
        "--password-stdin", stdin="s3cret-words\n",
    )  # fmt: skip
    assert code == 0, err
    assert "s3cret" not in out + err
    assert out == f"added {bo} as learner · cohorts: spring · profile: {bo}\n"
    for argv in (
        ("team", "add", cy, "--as", "learner", "--cohort", "spring"),
        ("team", "add", g.mentor, "--as", "mentor", "--cohort", "spring", "--cohort", "autumn"),
        ("team", "add", g.editor, "--as", "editor"),
    ):
        assert _run(capsys, owner, *argv)[0] == 0
    # The password went to the server hashed: no statement or view holds it in clear.
    with psycopg.connect(g.cluster.conninfo()) as connection:
        (stored,) = connection.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (bo,)
        ).fetchone() or ("",)
    assert str(stored).startswith("SCRAM-SHA-256$") and "s3cret" not in str(stored)
    code, out, _ = _run(capsys, owner, "team", "list", "--format", "json")
    listed = json.loads(out)
    assert [(m["login"], m["kind"], m["cohorts"], m["profile"]) for m in listed] == [
        (g.owner, "owner", [], None),
        (g.editor, "editor", [], None),
        (g.mentor, "mentor", ["autumn", "spring"], None),
        (bo, "learner", ["spring"], bo),
        (cy, "learner", ["spring"], cy),
    ]
    # The learner's own profile is the default one; they study.
    learner = g.url(bo)
    assert _run(capsys, learner, "profile", "set", "--role", "ai-engineer")[0] == 0
    assert _run(capsys, learner, "log", "python-basics", "1h")[0] == 0
    code, out, _ = _run(capsys, learner, "profile", "show", "--format", "json")
    assert json.loads(out)["name"] == bo
    # The mentor sees the cohort, as text, JSON and CSV.
    mentor = g.url(g.mentor)
    code, out, err = _run(capsys, mentor, "cohort", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["login"], r["cohort"], r["hours_last_28_days"]) for r in rows] == [
        (bo, "spring", 1.0),
        (cy, "spring", 0.0),
    ]
    code, out, _ = _run(capsys, mentor, "cohort", "spring", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["login"] for r in table] == [bo, cy] and table[0]["role"] == "ai-engineer"
    code, out, _ = _run(capsys, mentor, "cohort")
    assert code == 0 and out.splitlines()[-1] == "2 learners"
    # Removing keeps the history unless asked.
    assert _run(capsys, owner, "team", "remove", cy)[0] == 0
    assert _run(capsys, owner, "team", "remove", bo, "--delete-history")[0] == 0
    code, out, _ = _run(capsys, owner, "profile", "list", "--format", "json")
    assert cy in [p["name"] for p in json.loads(out)]
    assert bo not in [p["name"] for p in json.loads(out)]


def test_refusals_are_one_line(fresh: Group, capsys: pytest.CaptureFixture[str]) -> None:
    g = fresh
    owner = g.url(g.owner)
    bo, _ = g.learners
    _refused(_run(capsys, owner, "team", "list"), "not in team mode yet")
    assert _run(capsys, owner, "team", "init")[0] == 0
    assert _run(capsys, owner, "team", "add", bo, "--as", "learner", "--cohort", "spring")[0] == 0
    assert (
        _run(capsys, owner, "team", "add", g.mentor, "--as", "mentor", "--cohort", "spring")[0] == 0
    )
    learner, mentor = g.url(bo), g.url(g.mentor)
    _refused(_run(capsys, learner, "skill", "delete", "git"), "only editors can change the library")
    _refused(
        _run(capsys, mentor, "import", str(ROADMAPS / "foundations.yaml")),
        "only editors can change the library",
    )
    _refused(_run(capsys, learner, "team", "add", "x", "--as", "learner"), "only the owner")
    _refused(_run(capsys, learner, "team", "init"), "only its owner can run team init")
    _refused(_run(capsys, learner, "cohort"), "only mentors and the owner can see a cohort")
    _refused(_run(capsys, mentor, "--profile", bo, "status", "git", "done"), "only a learner")
    _refused(_run(capsys, owner, "team", "add", g.owner, "--as", "editor"), "is the owner")
    _refused(_run(capsys, owner, "team", "remove", "nobody"), "not a member")
    _refused(
        _run(capsys, owner, "team", "add", bo, "--as", "learner", "--password-stdin", stdin=""),
        "no password on stdin",
    )
    _code, out, _ = _run(capsys, owner, "skills", "--format", "json")
    assert "git" in [s["id"] for s in json.loads(out)]  # nothing was changed


def test_team_commands_refuse_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "planner.sqlite3"
    for argv in (("team", "init"), ("team", "list"), ("cohort",)):
        _refused(_run(capsys, str(db), *argv), "team mode needs a shared PostgreSQL database")
    assert not db.exists()  # refused before anything was created


def test_db_check_reports_a_missing_policy(
    fresh: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    g = fresh
    owner = g.url(g.owner)
    assert _run(capsys, owner, "team", "init")[0] == 0
    assert _run(capsys, owner, "db", "check")[1] == "database ok: no problems found\n"
    with g.connect(g.owner) as connection:
        connection.execute("DROP POLICY planner_own ON note")
        connection.execute("ALTER TABLE review_event DISABLE ROW LEVEL SECURITY")
    _code, out, _ = _run(capsys, owner, "db", "check")
    assert "problem: team mode: note: the policy planner_own is missing" in out
    assert "problem: team mode: review_event: row-level security is off" in out
    assert _run(capsys, owner, "team", "init")[0] == 0  # puts it back
    assert _run(capsys, owner, "db", "check")[1] == "database ok: no problems found\n"
    # A policy of the right name that lets everyone read every note is found out too.
    with g.connect(g.owner) as connection:
        connection.execute("DROP POLICY planner_own ON note")
        connection.execute("CREATE POLICY planner_own ON note FOR ALL USING (true)")
    _code, out, _ = _run(capsys, owner, "db", "check")
    assert out == (
        "problem: team mode: note: the policy planner_own differs from the one team init "
        "makes (the owner runs `planner team init`)\n"
    )
    with g.connect(g.owner) as connection:  # reported, not changed: the owner decides
        assert connection.execute(
            "SELECT qual FROM pg_policies WHERE tablename = 'note' AND policyname = 'planner_own'"
        ).fetchone() == ("true",)
