"""The item models' headers: each model's column titles (and the cohort's tips), nothing for a
section past the last column or for the vertical header."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.ui.library_editor.model import SKILL_COLUMNS, SkillTableModel
from planner.ui.views.cohort.model import COLUMNS as COHORT_COLUMNS
from planner.ui.views.cohort.model import HEADER_TIPS, HOURS, LEARNER, CohortModel
from planner.ui.views.plan_model import COLUMNS as PLAN_COLUMNS
from planner.ui.views.plan_model import PlanModel

pytestmark = pytest.mark.gui

HORIZONTAL, VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


def test_every_model_titles_its_columns_and_nothing_else(qtbot: QtBot) -> None:
    models = (
        (SkillTableModel(), SKILL_COLUMNS),
        (PlanModel(), PLAN_COLUMNS),
        (CohortModel(), COHORT_COLUMNS),
    )
    for model, columns in models:
        assert [model.headerData(i, HORIZONTAL) for i in range(len(columns))] == list(columns)
        assert model.headerData(len(columns), HORIZONTAL) is None
        assert model.headerData(0, VERTICAL) is None
        assert model.columnCount() == len(columns)


def test_the_cohorts_figures_explain_themselves_in_a_tip(qtbot: QtBot) -> None:
    model = CohortModel()
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.headerData(HOURS, HORIZONTAL, tip) == HEADER_TIPS[HOURS]
    assert model.headerData(LEARNER, HORIZONTAL, tip) is None  # a name needs no tip
    assert model.rowCount() == 0
