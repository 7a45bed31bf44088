"""`planner import` and `planner export` with awkward and hostile paths: spaces, unicode, `..`,
folders, special files, unwritable places, symbolic links, the database itself. Each refusal is
one clear line with exit status 1 that changes nothing; an export never leaves a partial file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from planner.service import Planner
from tests.cli.runner import Cli

ROADMAP = """\
format: 1
skills:
  - id: path-skill
    name: Path skill
    area: Testing
    hours: 2
    requires: [python-basics]
roles:
  - id: path-role
    name: Path role
    goals: [path-skill]
"""
ROOT = os.geteuid() == 0  # permissions do not stop root
FLAGS = ["--pdf", "--markdown", "--json", "--ics", "--csv", "--yaml", "--library"]
FAST_FLAGS = [f for f in FLAGS if f != "--pdf"]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    db = tmp_path / "planner.sqlite3"
    Planner.open(db).close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANNER_DEBUG", raising=False)
    return Cli(db, capsys)


def checksum(db: Path) -> str:
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def fails(cli: Cli, *argv: str) -> str:
    """The one line a refused command prints; the database is as it was."""
    before = checksum(Path(cli.db))
    code, _out, err = cli(*argv)
    assert code == 1, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: "), err
    assert "Traceback" not in err and "internal error" not in err, err
    assert checksum(Path(cli.db)) == before
    return lines[0].removeprefix("planner: ")


def leftovers(folder: Path) -> list[str]:
    """Half-written files an export could leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# ---------------------------------------------------------------------------- import
@pytest.mark.parametrize(
    "name",
    [
        "with space.yaml",
        "ünïcødé ñ 日本.yaml",
        "sub folder/../x.yaml",
        "-dash.yaml",
        "'q\"uote.yaml",
    ],
)
def test_import_from_awkward_but_valid_paths(cli: Cli, tmp_path: Path, name: str) -> None:
    (tmp_path / "sub folder").mkdir()
    path = tmp_path / name
    path.write_text(ROADMAP, encoding="utf-8")
    out = cli.ok("import", "--", name)
    assert out.startswith("imported: 1 new skill")


def test_import_through_a_symbolic_link(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text(ROADMAP, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    assert cli.ok("import", "link.yaml").startswith("imported: 1 new skill")


def test_import_refusals_are_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert fails(cli, "import", "folder") == "folder: cannot read: the path is a directory"
    assert (
        fails(cli, "import", "missing.yaml") == "missing.yaml: cannot read: the path does not exist"
    )
    assert fails(cli, "import", "dangling.yaml").endswith("the path does not exist")
    assert fails(cli, "import", "binary.yaml") == (
        "binary.yaml:1: not UTF-8 text: byte 0x89 cannot be decoded"
    )
    assert fails(cli, "import", "x" * 300).endswith("File name too long")
    assert fails(cli, "import", "new\nline.yaml") == (
        "new\\nline.yaml: cannot read: the path does not exist"
    )


@pytest.mark.skipif(ROOT, reason="root reads any file")
def test_import_of_an_unreadable_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(ROADMAP, encoding="utf-8")
    path.chmod(0)
    try:
        assert fails(cli, "import", "secret.yaml") == "secret.yaml: cannot read: Permission denied"
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("command", ["import", "check"])
def test_special_files_are_refused_without_reading_them(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    """A pipe would block and /dev/zero never end: neither is read."""
    os.mkfifo(tmp_path / "pipe.yaml")
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(
        target=lambda: result.append(cli(command, "pipe.yaml", "/dev/zero")), daemon=True
    )
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock it, then fail
        with (tmp_path / "pipe.yaml").open("w"):
            pass
        pytest.fail(f"planner {command} read a pipe or a device")
    [(code, _out, err)] = result
    assert code == 1
    assert "pipe.yaml: cannot read: the path is not a regular file" in err
    assert "/dev/zero: cannot read: the path is not a regular file" in err


# ---------------------------------------------------------------------------- export
@pytest.mark.parametrize(
    "name", ["with space é/plan ü.md", "a/../plan.md", "-plan.md", "日本/計画.md"]
)
def test_export_to_awkward_but_valid_paths(cli: Cli, tmp_path: Path, name: str) -> None:
    for folder in ("with space é", "a", "日本"):
        (tmp_path / folder).mkdir()
    cli.ok("export", "--role", "ml-engineer", f"--markdown={name}")
    assert (tmp_path / name).resolve().read_text(encoding="utf-8").startswith("# ")
    assert not leftovers((tmp_path / name).resolve().parent)


@pytest.mark.parametrize("flag", FLAGS)
def test_export_refusals_are_one_line(cli: Cli, tmp_path: Path, flag: str) -> None:
    (tmp_path / "folder").mkdir()
    role = [] if flag == "--library" else ["--role", "ml-engineer"]
    assert fails(cli, "export", *role, flag, "folder") == "folder: is a folder, not a file"
    assert fails(cli, "export", *role, flag, "folder/") == "folder: is a folder, not a file"
    message = fails(cli, "export", *role, flag, "missing/out.x")
    assert message.startswith("missing/out.x: cannot write: the folder ")
    assert fails(cli, "export", *role, flag, "x" * 300).endswith("File name too long")
    assert fails(cli, "export", *role, flag, str(cli.db)) == (
        f"{cli.db}: is the planner's database; choose another file"
    )
    assert fails(cli, "export", *role, flag, "planner.sqlite3-wal").endswith(
        "is the planner's database; choose another file"
    )
    written = [p.name for p in tmp_path.iterdir() if not p.name.startswith("planner.sqlite3")]
    assert written == ["folder"]


@pytest.mark.parametrize("flag", FLAGS)
def test_export_over_a_device_or_a_pipe_is_refused_and_leaves_it_in_place(
    cli: Cli, tmp_path: Path, flag: str
) -> None:
    """Writing beside a target and renaming over it would replace /dev/zero with a regular file
    (as root, for every program on the machine). A private device node stands in for it."""
    import stat

    os.mkfifo(tmp_path / "pipe")
    specials = ["pipe"]
    if ROOT:  # only root may make a device node
        os.mknod(tmp_path / "zero", 0o666 | stat.S_IFCHR, os.makedev(1, 5))
        specials.append("zero")
    role = [] if flag == "--library" else ["--role", "ml-engineer"]
    for name in specials:
        before = (tmp_path / name).lstat().st_mode
        assert fails(cli, "export", *role, flag, name) == (
            f"{name}: cannot write: the path is not a regular file"
        )
        assert (tmp_path / name).lstat().st_mode == before
    assert not leftovers(tmp_path)


def test_export_of_the_same_file_twice_is_refused(cli: Cli, tmp_path: Path) -> None:
    message = fails(cli, "export", "--role", "ml-engineer", "--markdown", "a.md", "--yaml", "a.md")
    assert message == "a.md: given for two formats"
    assert not (tmp_path / "a.md").exists()


@pytest.mark.parametrize("flag", FLAGS)
def test_export_over_a_symbolic_link_replaces_the_link_not_its_target(
    cli: Cli, tmp_path: Path, flag: str
) -> None:
    """In a shared folder a link could point anywhere (~/.bashrc): it is never written through."""
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    (tmp_path / "out.x").symlink_to(target)
    role = [] if flag == "--library" else ["--role", "ml-engineer"]
    cli.ok("export", *role, flag, "out.x")
    assert target.read_text() == "keep me\n"
    assert not (tmp_path / "out.x").is_symlink()
    assert (tmp_path / "out.x").stat().st_size > 0
    assert not leftovers(tmp_path)


@pytest.mark.parametrize("flag", FAST_FLAGS)
def test_export_into_an_unwritable_folder(
    cli: Cli, tmp_path: Path, flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "out.x").write_text("old\n")
    role = [] if flag == "--library" else ["--role", "ml-engineer"]
    if ROOT:  # root writes anywhere: refuse the file's creation as a read-only disk would
        real = os.open

        def read_only(path: str, flags: int, *args: int, **kwargs: int) -> int:
            if str(path).startswith(str(folder)) and flags & (os.O_WRONLY | os.O_RDWR):
                raise OSError(30, "Read-only file system", str(path))
            return real(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", read_only)
        message = fails(cli, "export", *role, flag, "read-only/out.x")
        assert message == "read-only/out.x: cannot write: Read-only file system"
    else:
        folder.chmod(0o555)
        try:
            message = fails(cli, "export", *role, flag, "read-only/out.x")
        finally:
            folder.chmod(0o755)
        assert message == "read-only/out.x: cannot write: permission denied"
    assert (folder / "out.x").read_text() == "old\n"
    assert sorted(p.name for p in folder.iterdir()) == ["out.x"]


@pytest.mark.parametrize("flag", FAST_FLAGS)
def test_a_failed_write_leaves_no_partial_file(
    cli: Cli, tmp_path: Path, flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up as the file is put in place: the old file stays, nothing else."""
    (tmp_path / "out.x").write_text("old\n")

    def disk_full(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", disk_full)
    role = [] if flag == "--library" else ["--role", "ml-engineer"]
    message = fails(cli, "export", *role, flag, "out.x")
    assert message == "out.x: cannot write: No space left on device"
    assert (tmp_path / "out.x").read_text() == "old\n"
    assert not leftovers(tmp_path)


def test_an_existing_file_is_replaced_whole(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "out.md").write_text("x" * 1_000_000)
    (tmp_path / "out.md").chmod(0o640)
    cli.ok("export", "--role", "ml-engineer", "--markdown", "out.md")
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert text.startswith("# ") and "x" * 100 not in text
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o640  # its permissions are kept
