"""Databases that cannot be opened, made the way they happen: for the CLI and the app's tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

PAGE = 4096

# Each kind of file the planner must refuse without touching it, by how it is made.
KINDS = ("corrupt-header", "corrupt-page", "truncated", "not-sqlite", "not-planner", "newer")


def _pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def break_database(path: Path, kind: str) -> None:
    """Turn a (closed) planner database into a bad file of this kind."""
    for suffix in ("-wal", "-shm"):
        assert not path.with_name(path.name + suffix).exists(), "close the database first"
    if kind == "corrupt-header":  # the first page's content, after SQLite's header
        raw = bytearray(path.read_bytes())
        raw[100:PAGE] = b"\xff" * (PAGE - 100)
        path.write_bytes(bytes(raw))
    elif kind == "corrupt-page":  # a page in the middle: found by SQLite's quick check only
        raw = bytearray(path.read_bytes())
        middle = _pages(path) // 2 * PAGE
        raw[middle : middle + 2 * PAGE] = b"\xff" * (2 * PAGE)
        path.write_bytes(bytes(raw))
    elif kind == "truncated":  # a copy cut short
        whole = path.read_bytes()
        path.write_bytes(whole[: len(whole) // 3])
    elif kind == "not-sqlite":
        path.write_text("my shopping list\n", encoding="utf-8")
    elif kind == "not-planner":
        path.unlink()
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.close()
    elif kind == "newer":
        connection = sqlite3.connect(path)
        with connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.close()
    else:
        raise ValueError(kind)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def integrity(path: Path) -> str:
    """SQLite's integrity check of a database: "ok" when it is sound."""
    connection = sqlite3.connect(path)
    try:
        return "; ".join(str(r[0]) for r in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()
