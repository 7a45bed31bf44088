"""The skill editor: every field of the file format, prerequisites picked from the library."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import Resource, Skill
from planner.core.edit import LibraryChange, cycle_message
from planner.fileformat.schema import LEVELS, MAX_HOURS, RESOURCE_KINDS
from planner.service import Planner
from planner.ui.library_editor.entry_dialog import EntryDialog, NameAndId, problem_label
from planner.ui.library_editor.skill_list import SkillList
from planner.ui.widgets.buttons import accept_buttons

NO_LEVEL = "—"


class SkillDialog(EntryDialog[Skill]):
    """Add a skill, or edit one: every field, prerequisites without cycles (see EntryDialog)."""

    kind = "skill"
    undo_word = ""

    def __init__(self, planner: Planner, skill: Skill | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.planner = planner
        self.original = skill
        self.setWindowTitle(f"Edit “{skill.name}”" if skill else "New skill")
        library = planner.library()

        self.name_and_id = NameAndId(skill is not None)
        self.name, self.id = self.name_and_id.name, self.name_and_id.id
        self.name.setPlaceholderText("e.g. Linear algebra")
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.addItems(sorted({s.area for s in library.skills.values()}, key=str.casefold))
        self.area.setCurrentText("")
        self.level = QComboBox()
        self.level.addItems([NO_LEVEL, *LEVELS])
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(1)
        self.hours.setSuffix(" h")
        self.hours.setValue(10)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("What the learner will be able to do, in plain words")
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(120)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Id", self.id)
        form.addRow("&Area", self.area)
        form.addRow("&Level", self.level)
        form.addRow("&Hours", self.hours)
        form.addRow("&Summary", self.summary)

        current = skill.id if skill else ""
        self.requires = SkillList("Requires (hard prerequisites)", planner, "Add a requirement")
        self.recommends = SkillList(
            "Recommends (soft prerequisites)", planner, "Add a recommendation"
        )
        for box in (self.requires, self.recommends):
            box.refuse = self._refuse
            box.exclude = {current} if current else set()
        prerequisites = QGroupBox("Prerequisites")
        grid = QGridLayout(prerequisites)
        grid.addWidget(self.requires, 0, 0)
        grid.addWidget(self.recommends, 0, 1)

        self.resources = QTableWidget(0, 4)
        self.resources.setHorizontalHeaderLabels(["Title", "Address", "Kind", "Free"])
        self.resources.setAccessibleName("Resources")
        header = self.resources.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.resources.verticalHeader().hide()
        add_resource = QPushButton("Add resource")
        add_resource.clicked.connect(lambda: self.add_resource(Resource("", "https://")))
        remove_resource = QPushButton("Remove")
        remove_resource.clicked.connect(self._remove_resource)
        resources = QGroupBox("Resources")
        column = QVBoxLayout(resources)
        column.addWidget(self.resources)
        row = QHBoxLayout()
        row.addWidget(add_resource)
        row.addWidget(remove_resource)
        row.addStretch(1)
        column.addLayout(row)

        self.problem = problem_label()
        buttons, self.save_button = accept_buttons(self, QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(prerequisites, 1)
        layout.addWidget(resources, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(720, 760)
        if skill is not None:
            self._fill(skill)

    def _fill(self, skill: Skill) -> None:
        self.name.setText(skill.name)
        self.id.setText(skill.id)
        self.id.setReadOnly(True)  # progress and other skills hang on the id
        self.id.setToolTip("The id of a stored skill cannot change: progress hangs on it.")
        self.area.setCurrentText(skill.area)
        self.level.setCurrentText(skill.level or NO_LEVEL)
        self.hours.setValue(skill.hours)
        self.summary.setPlainText(skill.summary)
        self.requires.set_ids(skill.requires)
        self.recommends.set_ids(skill.recommends)
        for resource in skill.resources:
            self.add_resource(resource)

    def _refuse(self, prereq: str) -> str:
        """Why `prereq` cannot be a prerequisite of this skill ("" when it can)."""
        if self.original is None:
            return ""  # nothing depends on a new skill yet, so no cycle can close
        cycle = self.planner.editing.cycle_if_added(self.original.id, prereq)
        return cycle_message(self.planner.library(), cycle) if cycle else ""

    # ------------------------------------------------------------------ resources
    def add_resource(self, resource: Resource) -> None:
        """Append a row for a resource."""
        row = self.resources.rowCount()
        self.resources.insertRow(row)
        self.resources.setItem(row, 0, QTableWidgetItem(resource.title))
        self.resources.setItem(row, 1, QTableWidgetItem(resource.url))
        kind = QComboBox()
        kind.addItems(["", *RESOURCE_KINDS])
        kind.setCurrentText(resource.kind or "")
        self.resources.setCellWidget(row, 2, kind)
        free = QCheckBox()
        free.setTristate(True)
        free.setCheckState(
            Qt.CheckState.PartiallyChecked
            if resource.free is None
            else (Qt.CheckState.Checked if resource.free else Qt.CheckState.Unchecked)
        )
        free.setToolTip("Free, paid, or not said (partly checked)")
        self.resources.setCellWidget(row, 3, free)
        self.resources.setCurrentCell(row, 0)

    def _remove_resource(self) -> None:
        row = self.resources.currentRow()
        if row >= 0:
            self.resources.removeRow(row)

    def _resources(self) -> tuple[Resource, ...]:
        out = []
        for row in range(self.resources.rowCount()):
            title = self.resources.item(row, 0)
            url = self.resources.item(row, 1)
            kind = self.resources.cellWidget(row, 2)
            free = self.resources.cellWidget(row, 3)
            assert isinstance(kind, QComboBox) and isinstance(free, QCheckBox)
            state = free.checkState()
            out.append(
                Resource(
                    title.text().strip() if title else "",
                    url.text().strip() if url else "",
                    kind.currentText() or None,
                    None
                    if state == Qt.CheckState.PartiallyChecked
                    else state == Qt.CheckState.Checked,
                )
            )
        return tuple(out)

    # ------------------------------------------------------------------ result
    def value(self) -> Skill:
        """The skill as the fields say now."""
        level = self.level.currentText()
        return Skill(
            id=self.id.text().strip(),
            name=self.name.text().strip(),
            area=self.area.currentText().strip(),
            hours=round(self.hours.value(), 1),
            level=None if level == NO_LEVEL else level,
            summary=self.summary.toPlainText().strip(),
            requires=self.requires.ids(),
            recommends=tuple(p for p in self.recommends.ids() if p not in self.requires.ids()),
            resources=self._resources(),
        )

    def stored(self) -> Mapping[str, Skill]:
        return self.planner.library().skills

    def change(self, entry: Skill) -> LibraryChange:
        return LibraryChange({entry.id: entry})
