"""The role editor: name, summary, pay, goals, and the role's specialisation tracks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import Role, Salary, Track
from planner.core.edit import LibraryChange
from planner.service import Planner
from planner.ui.library_editor.entry_dialog import EntryDialog, NameAndId, problem_label
from planner.ui.library_editor.skill_list import SkillList
from planner.ui.widgets.buttons import accept_buttons

TRACK = Qt.ItemDataRole.UserRole


class _Named(QDialog):
    """Name, id (suggested from the name, fixed once stored), summary and goals."""

    def __init__(self, planner: Planner, title: str, stored: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.planner = planner
        self.setWindowTitle(title)
        self.name_and_id = NameAndId(stored)
        self.name, self.id = self.name_and_id.name, self.name_and_id.id
        self.id.setReadOnly(stored)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(110)
        self.goals = SkillList("Goals", planner, "Add a goal")
        self.form = QFormLayout()
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Id", self.id)
        self.form.addRow("&Summary", self.summary)
        self.problem = problem_label()
        self.buttons, self.save_button = accept_buttons(self, QDialogButtonBox.StandardButton.Save)

    def show_problems(self, problems: list[str]) -> None:
        """Say why the dialog cannot be saved yet."""
        self.problem.setText("\n".join(problems))
        self.problem.show()


class TrackDialog(_Named):
    """Add or edit one track of a role; `track` holds the result once accepted."""

    def __init__(self, planner: Planner, track: Track | None, taken: set[str], parent: QWidget):
        title = f"Edit track “{track.name}”" if track else "New track"
        super().__init__(planner, title, track is not None, parent)
        self.original = track
        self.taken = taken
        self.track: Track | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.goals, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(480, 520)
        if track is not None:
            self.name.setText(track.name)
            self.id.setText(track.id)
            self.summary.setPlainText(track.summary)
            self.goals.set_ids(track.goals)

    def accept(self) -> None:
        """Keep the track if it has a name, a free id and a goal."""
        track = Track(
            self.id.text().strip(),
            self.name.text().strip(),
            self.summary.toPlainText().strip(),
            self.goals.ids(),
            # Not edited here: a later-career track stays one.
            self.original.later_career if self.original is not None else False,
        )
        problems = []
        if not track.name:
            problems.append("The track needs a name.")
        if not track.id:
            problems.append("The track needs an id.")
        elif self.original is None and track.id in self.taken:
            problems.append(f"The role already has a track with the id '{track.id}'.")
        if not track.goals:
            problems.append("Add at least one goal: the skills this track aims at.")
        if problems:
            self.show_problems(problems)
            return
        self.track = track
        super().accept()


class RoleDialog(_Named, EntryDialog[Role]):
    """Add a role or edit one: pay, goals and tracks (see EntryDialog)."""

    kind = "role"
    undo_word = "role "

    def __init__(self, planner: Planner, role: Role | None, parent: QWidget | None = None):
        super().__init__(
            planner, f"Edit role “{role.name}”" if role else "New role", role is not None, parent
        )
        self.original = role
        self.pay = QDoubleSpinBox()
        self.pay.setRange(0, 10_000_000)
        self.pay.setDecimals(0)
        self.pay.setSingleStep(1000)
        self.pay.setSpecialValueText("not given")
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText("USD")
        self.currency.setMaximumWidth(70)
        self.region = QLineEdit()
        self.region.setPlaceholderText("where the figure applies, e.g. United States")
        self.source = QLineEdit()
        self.source.setPlaceholderText("where it comes from")
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.pay, 1)
        pay_row.addWidget(self.currency)
        pay_label = QLabel("&Pay per year")
        pay_label.setBuddy(self.pay)
        self.form.addRow(pay_label, pay_row)
        self.form.addRow("Pay &region", self.region)
        self.form.addRow("Pay s&ource", self.source)

        self.tracks = QListWidget()
        self.tracks.setAccessibleName("Tracks")
        self.tracks.itemDoubleClicked.connect(lambda _i: self.edit_track())
        self.add_track_button = add_track = QPushButton("Add track…")
        add_track.clicked.connect(self.add_track)
        self.edit_track_button = edit_track = QPushButton("Edit…")
        edit_track.clicked.connect(self.edit_track)
        self.remove_track_button = remove_track = QPushButton("Remove")
        remove_track.clicked.connect(self.remove_track)
        tracks = QGroupBox("Specialisation tracks")
        column = QVBoxLayout(tracks)
        column.addWidget(self.tracks, 1)
        row = QHBoxLayout()
        for button in (add_track, edit_track, remove_track):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)

        lists = QHBoxLayout()
        lists.addWidget(self.goals, 1)
        lists.addWidget(tracks, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self.track_dialog: TrackDialog | None = None
        if role is not None:
            self._fill(role)

    def _fill(self, role: Role) -> None:
        self.name.setText(role.name)
        self.id.setText(role.id)
        self.summary.setPlainText(role.summary)
        self.goals.set_ids(role.goals)
        if role.salary is not None:
            self.pay.setValue(role.salary.amount)
            self.currency.setText(role.salary.currency)
            self.region.setText(role.salary.region or "")
            self.source.setText(role.salary.source or "")
        for track in role.tracks:
            self._put_track(track)

    # ------------------------------------------------------------------ tracks
    def track_values(self) -> tuple[Track, ...]:
        """The tracks listed, in order."""
        return tuple(self.tracks.item(i).data(TRACK) for i in range(self.tracks.count()))

    def _put_track(self, track: Track, row: int | None = None) -> None:
        item = QListWidgetItem(track.name) if row is None else self.tracks.item(row)
        item.setText(track.name)
        item.setData(TRACK, track)
        item.setToolTip(f"{track.id} · {len(track.goals)} goals")
        if row is None:
            self.tracks.addItem(item)

    def add_track(self) -> None:
        """Open the track editor for a new track."""
        taken = {t.id for t in self.track_values()}
        self._open_track(TrackDialog(self.planner, None, taken, self), None)

    def edit_track(self) -> None:
        """Open the track editor on the selected track."""
        row = self.tracks.currentRow()
        if row < 0:
            return
        track = self.tracks.item(row).data(TRACK)
        taken = {t.id for t in self.track_values()} - {track.id}
        self._open_track(TrackDialog(self.planner, track, taken, self), row)

    def _open_track(self, dialog: TrackDialog, row: int | None) -> None:
        self.track_dialog = dialog

        def done() -> None:
            if dialog.track is not None:
                self._put_track(dialog.track, row)

        dialog.accepted.connect(done)
        dialog.open()

    def remove_track(self) -> None:
        """Remove the selected track (learners who chose it lose that choice; undo restores)."""
        row = self.tracks.currentRow()
        if row >= 0:
            self.tracks.takeItem(row)

    # ------------------------------------------------------------------ result
    def value(self) -> Role:
        """The role as the fields say now."""
        salary = None
        if self.pay.value() > 0:
            salary = Salary(
                float(self.pay.value()),
                self.currency.text().strip().upper(),
                self.region.text().strip() or None,
                self.source.text().strip() or None,
            )
        base = self.original or Role(self.id.text().strip(), "")
        return replace(
            base,
            name=self.name.text().strip(),
            summary=self.summary.toPlainText().strip(),
            salary=salary,
            goals=self.goals.ids(),
            tracks=self.track_values(),
        )

    def stored(self) -> Mapping[str, Role]:
        return self.planner.library().roles

    def change(self, entry: Role) -> LibraryChange:
        return LibraryChange(roles={entry.id: entry})
