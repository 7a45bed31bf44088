"""A role's track choice and later-career tracks in the database (migration 0004): an older
database upgrades with no choice asked, and the built-in library keeps both through storage,
import, the library editor and export."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from alembic import command

from planner.core.domain import TrackChoice
from planner.core.edit import LibraryChange
from planner.db.engine import Database, _alembic_config
from planner.db.sqlite import make_engine
from planner.fileformat.load import load_files
from planner.service import Planner

ENTRY = ("forecasting", "recommendation-systems", "computer-vision", "nlp-llm")


def test_a_database_from_before_the_choice_upgrades_asking_for_none(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite3"
    engine = make_engine(path)
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    engine.dispose()
    with sqlite3.connect(path) as c:
        c.execute(
            "INSERT INTO skill (id, name, area, hours, summary, position) "
            "VALUES ('git', 'Git', 'Tools', 8, '', 0)"
        )
        c.execute("INSERT INTO role (id, name, summary, position) VALUES ('dev', 'Dev', '', 0)")
        c.execute("INSERT INTO role_goal VALUES ('dev', 'git', 0)")
        c.execute(
            "INSERT INTO track (role_id, id, name, summary, position) "
            "VALUES ('dev', 'ops', 'Ops', '', 0)"
        )
        c.execute("INSERT INTO track_goal VALUES ('dev', 'ops', 'git', 0)")
    Database.open(path).close()
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT choice_name, choose_at_least FROM role").fetchall() == [(None, 0)]
        assert c.execute("SELECT in_choice, later_career FROM track").fetchall() == [(0, 0)]
    planner = Planner.open(path)
    try:
        role = planner.library().roles["dev"]
        assert role.track_choice is None
        assert role.tracks[0].later_career is False
        assert planner.planning.plan("dev").steps[0].skill.id == "git"
    finally:
        planner.close()


def test_the_builtin_choice_and_later_career_tracks_are_stored(tmp_path: Path) -> None:
    planner = Planner.open(tmp_path / "planner.sqlite3")
    try:
        ml = planner.library().roles["ml-engineer"]
        assert ml.track_choice == TrackChoice("Entry specialisation", 1, ENTRY)
        later = {t.id for t in ml.tracks if t.later_career}
        assert later == {"ml-platform", "ml-hardware", "ml-solutions"}
        assert planner.library().roles["ai-engineer"].track_choice is None
    finally:
        planner.close()


def test_an_import_changes_the_choice_and_an_edit_keeps_it(tmp_path: Path) -> None:
    planner = Planner.open(tmp_path / "planner.sqlite3")
    try:
        mine = tmp_path / "mine.yaml"
        mine.write_text(
            "format: 1\n"
            "roles:\n"
            "  - id: ml-engineer\n"
            "    name: Machine-learning engineer\n"
            "    goals: [mlops]\n"
            "    tracks:\n"
            "      - {id: computer-vision, name: Computer vision, goals: [computer-vision]}\n"
            "      - {id: nlp-llm, name: NLP, goals: [llm-post-training]}\n"
            "    track_choice: {name: Focus, choose_at_least: 2, tracks: [nlp-llm, "
            "computer-vision]}\n",
            encoding="utf-8",
        )
        planner.editing.import_files([mine])
        ml = planner.library().roles["ml-engineer"]
        assert ml.track_choice == TrackChoice("Focus", 2, ("computer-vision", "nlp-llm"))
        # The tracks the file left out are kept (importing never deletes), outside the choice.
        assert ml.track("forecasting") is not None
        assert ml.unmet_choice(["forecasting", "nlp-llm"]) == ml.track_choice

        # The library editor renames the role: the choice and the flags stay.
        planner.editing.edit(LibraryChange(roles={ml.id: replace(ml, name="ML engineer")}))
        edited = planner.library().roles["ml-engineer"]
        assert edited.name == "ML engineer"
        assert edited.track_choice == ml.track_choice
        assert edited.track("ml-hardware") is not None
        assert edited.track("ml-hardware").later_career  # type: ignore[union-attr]
    finally:
        planner.close()


def test_an_exported_library_file_carries_the_choice_and_checks_clean(tmp_path: Path) -> None:
    planner = Planner.open(tmp_path / "planner.sqlite3")
    try:
        path = planner.files.export_library_file(tmp_path / "library.yaml")
    finally:
        planner.close()
    [loaded] = load_files([path])
    ml = next(r for r in loaded.roadmap.roles if r.id == "ml-engineer")
    assert ml.track_choice is not None and tuple(ml.track_choice.tracks) == ENTRY
    assert [t.id for t in ml.tracks if t.later_career] == [
        "ml-platform",
        "ml-hardware",
        "ml-solutions",
    ]
