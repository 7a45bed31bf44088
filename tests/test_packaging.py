"""The installed app has everything it needs: the wheel carries every module, the built-in
roadmaps, the quiz, the schema, the PDF fonts and the migrations, and an app installed from it
opens on the built-in library with no source checkout around."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_listed_packages_are_the_folders_of_the_source() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(folder.relative_to(ROOT).parts)
        for folder in (ROOT / "planner").rglob("*")
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(f.suffix in (".py", ".ttf") for f in folder.iterdir())
    } | {"planner"}
    assert listed == folders | {"planner.roadmaps"}  # a new package must be listed to ship
    assert config["tool"]["setuptools"]["package-dir"] == {"planner.roadmaps": "roadmaps"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout (offline: the test environment's setuptools),
    installed into a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the build reads: a checkout's own build/ folder keeps the files
    # of earlier builds (a renamed migration stayed in the wheel beside its new name).
    source = work / "source"
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    for folder in ("planner", "roadmaps"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("roadmap_planner-*.whl")
    target = work / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def test_an_app_installed_from_the_wheel_opens_on_the_built_in_library(
    installed: Path, tmp_path: Path
) -> None:
    script = """
import planner, sys
from planner.paths import builtin_roadmaps_dir, builtin_quiz_file, builtin_roadmap_files
from planner.service import Planner
p = Planner.open(sys.argv[1])
print(planner.__file__)
print(builtin_roadmaps_dir())
print(sorted(f.name for f in builtin_roadmap_files()), builtin_quiz_file().is_file())
print(len(p.library().skills), sorted(p.library().roles))
p.profiles.update(role="ml-engineer")
print(len(p.planning.plan().steps) > 0, len(p.planning.quiz().questions) > 0)
p.close()
"""
    env = dict(os.environ, PYTHONPATH=str(installed))  # before the checkout's editable install
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "planner.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    module, folder, files, library, works = result.stdout.splitlines()
    assert Path(module).is_relative_to(installed)
    assert Path(folder) == installed / "planner" / "roadmaps"
    assert files == "['ai-engineer.yaml', 'foundations.yaml', 'ml-engineer.yaml'] True"
    count, roles = library.split(" ", 1)
    assert int(count) >= 100
    assert roles == "['ai-engineer', 'ml-engineer']"
    assert works == "True True"


def test_the_wheel_carries_the_fonts_the_schema_and_the_migrations(installed: Path) -> None:
    package = installed / "planner"
    assert (package / "roadmaps" / "schema.json").is_file()
    assert sorted(f.name for f in (package / "export" / "pdf" / "fonts").iterdir()) == [
        "DejaVuSans-Bold.ttf",
        "DejaVuSans.ttf",
        "LICENSE.txt",
    ]
    shipped = {f.name for f in (package / "db" / "migrations" / "versions").glob("*.py")}
    source = {f.name for f in (ROOT / "planner" / "db" / "migrations" / "versions").glob("*.py")}
    assert shipped == source
    assert (package / "py.typed").is_file()
