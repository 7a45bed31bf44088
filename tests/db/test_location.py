"""Where the data is: a path stays an SQLite file, a PostgreSQL URI names a server, and a URI of
anything else is refused in one line; a password in a URI is never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main
from planner.db.location import ServerAddress, locate, mask_password
from planner.errors import DatabaseError


@pytest.mark.parametrize(
    "uri",
    [
        "postgresql://ana@db.example.org:5432/planner",
        "postgres://ana@db.example.org/planner",
        "postgresql+psycopg://ana@/planner?host=/run/postgresql",
        "postgresql://ana@/planner?host=/run/pg&port=5433",
        "POSTGRESQL://ana@localhost/planner",
    ],
)
def test_a_postgresql_uri_names_a_server(uri: str) -> None:
    found = locate(uri)
    assert isinstance(found, ServerAddress)
    assert found.url.startswith("postgresql+psycopg://")
    assert found.database == "planner"


@pytest.mark.parametrize(
    "uri",
    [
        "mysql://ana:secret@db/planner",
        "sqlite:///tmp/planner.sqlite3",
        "postgresql+asyncpg://ana:secret@db/planner",
        "anything+driver://x/y",
        "http://example.org/planner",
    ],
)
def test_a_uri_of_another_engine_is_refused_in_one_line(uri: str, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as caught:
        locate(uri)
    message = str(caught.value)
    assert "\n" not in message and "secret" not in message
    assert "file path" in message and "postgresql://" in message


def test_a_plain_path_stays_an_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert locate("planner.sqlite3") == tmp_path / "planner.sqlite3"
    assert locate("data:2024/p.sqlite3") == tmp_path / "data:2024" / "p.sqlite3"  # no "//"
    assert locate(tmp_path / "x.db") == tmp_path / "x.db"


def test_planner_db_may_be_a_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_DB", "postgresql://ana@/planner?host=/run/pg")
    assert isinstance(locate(None), ServerAddress)
    monkeypatch.setenv("PLANNER_DB", "mysql://ana@db/planner")
    with pytest.raises(DatabaseError):
        locate(None)


def test_a_password_is_masked_wherever_the_uri_is_shown() -> None:
    address = locate("postgresql://ana:s3cret@db.example.org/planner")
    assert isinstance(address, ServerAddress)
    for text in (address.shown, str(address), repr(address), f"{address}"):
        assert "s3cret" not in text and "ana" in text and "db.example.org" in text
    assert address.remembered == "postgresql://ana@db.example.org/planner"
    with_query = locate("postgresql://ana:s3cret@/planner?host=/run/pg&port=5433")
    assert isinstance(with_query, ServerAddress)
    # A socket folder reads as the path it is, and reads back as the same address.
    assert with_query.remembered == "postgresql://ana@/planner?host=/run/pg&port=5433"
    assert locate(with_query.remembered) == locate(
        "postgresql://ana@/planner?host=/run/pg&port=5433"
    )
    assert with_query.server == "/run/pg" and with_query.login == "ana"
    assert locate("postgresql://ana@db.example.org:5432/planner").server == "db.example.org:5432"  # type: ignore[union-attr]
    assert "s3cret" in address.url  # only for connecting
    assert mask_password("mysql://ana:s3cret@db/x") == "mysql://ana:***@db/x"
    assert mask_password("/plain/path") == "/plain/path"


def test_the_command_line_never_makes_folders_of_a_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once `planner --db postgresql://ana:secret@/planner?host=/run/pg roadmap` created the
    folders `postgresql:/ana:secret@/` here, password and all."""
    monkeypatch.chdir(tmp_path)
    socket_dir = tmp_path / "no-server"
    for uri in (
        f"postgresql://ana:secret@/planner?host={socket_dir}",
        "mysql://ana:secret@db/planner",
    ):
        assert main(["--db", uri, "roadmap"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "secret" not in err, err
        assert err.startswith("planner: ")
    assert list(tmp_path.iterdir()) == []
