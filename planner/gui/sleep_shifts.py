"""Edit > Sleep Shifts…: the project's sleep shifts in a table, and a form for the selected one.

A shift moves the wake and the sleep of one day (GMT) for the whole crew or one person, around a night-time
docking or undocking (for Soyuz 30S on 2012-09-16, wake 7 h later and sleep 6 h 20 min later); with no day it
moves every day of that person (someone whose day differs from the template's). Every change is one undo step.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from planner.gui.commands import InsertItem, RemoveItem, ReplaceItem
from planner.model import edits
from planner.model.crew_day import SleepShift

COLLECTION = "sleep_shifts"
_HEADERS = ("Day (GMT)", "Who", "Wake later by", "Sleep later by", "Note")


def make_action(window) -> QAction:
    """The Edit menu's 'Sleep Shifts…' action of ``window``."""
    action = QAction("Sleep S&hifts…", window)
    action.setStatusTip("Move the crew's or one person's wake and sleep on chosen days (around night-time dockings)")
    action.triggered.connect(lambda: open_dialog(window))
    return action


def open_dialog(window) -> "SleepShiftsDialog":
    """Show the window's sleep-shift editor (one per window, raised when already open)."""
    dialog = getattr(window, "sleep_shifts_dialog", None)
    if dialog is None:
        dialog = window.sleep_shifts_dialog = SleepShiftsDialog(window)
    if dialog.isVisible():
        dialog.activateWindow()  # already open: bring it to the front
    else:
        dialog.show()
    return dialog


def _hours_text(hours: float) -> str:
    sign = "-" if hours < 0 else ""
    minutes = round(abs(hours) * 60)
    if minutes < 60:
        return f"{sign}{minutes} min" if minutes else "0 h"
    return f"{sign}{minutes // 60} h {minutes % 60:02d} min" if minutes % 60 else f"{sign}{minutes // 60} h"


class SleepShiftsDialog(QDialog):
    """The project's sleep shifts: add, edit and delete them; the table follows undo and redo."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.doc = window, window.doc
        self.setWindowTitle("Sleep Shifts")
        self.resize(720, 420)
        self.table = QTableWidget(0, len(_HEADERS), self)
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_selected)

        add = QPushButton("Add Shift", self)
        add.clicked.connect(self.add_shift)
        self.delete_button = QPushButton("Delete Shift", self)
        self.delete_button.clicked.connect(self.delete_shift)
        for button in (add, self.delete_button):  # Enter in a field finishes the field; it adds or deletes nothing
            button.setAutoDefault(False)
        tools = QHBoxLayout()
        tools.addWidget(add)
        tools.addWidget(self.delete_button)
        tools.addStretch(1)

        self.form = QWidget(self)
        form = QFormLayout(self.form)
        self.day_edit = QLineEdit(self.form)
        self.day_edit.setPlaceholderText("YYYY-MM-DD (empty: every day)")
        self.day_edit.editingFinished.connect(self._day_typed)
        self.who_combo = QComboBox(self.form)
        self.who_combo.activated.connect(lambda _i: self._edit("person", self.who_combo.currentData()))
        self.wake_spin = self._hours_spin("wake_delay_hours")
        self.sleep_spin = self._hours_spin("sleep_delay_hours")
        self.note_edit = QLineEdit(self.form)
        self.note_edit.textEdited.connect(lambda text: self._edit("note", text, merge=True))
        self.problem = QLabel(self.form)
        self.problem.setStyleSheet("color: #c62828;")
        form.addRow("&Day:", self.day_edit)
        form.addRow("&Who:", self.who_combo)
        form.addRow("Wake &later by:", self.wake_spin)
        form.addRow("Sleep l&ater by:", self.sleep_spin)
        form.addRow("&Note:", self.note_edit)
        form.addRow(self.problem)
        for label, editor in (("Day", self.day_edit), ("Who", self.who_combo), ("Wake later by", self.wake_spin),
                              ("Sleep later by", self.sleep_spin), ("Note", self.note_edit)):
            editor.setAccessibleName(label)
        hint = QLabel("A shift moves the wake of its day and the sleep that starts that day (hours; negative: "
                      "earlier), for the whole crew or one person; with no day it moves every day of that person.",
                      self)
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        self.doc.itemsChanged.connect(self._items_changed)
        self.doc.projectReset.connect(self.refresh)
        self.refresh()

    def _hours_spin(self, attr: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self.form)
        spin.setRange(-24.0, 24.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.25)
        spin.setSuffix(" h")
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda value, a=attr: self._edit(a, float(value)))
        return spin

    # -- reading the model ---------------------------------------------------------------------------------
    def shifts(self) -> list[SleepShift]:
        """The project's sleep shifts, in the table's order."""
        return self.doc.project.sleep_shifts

    def selected(self) -> SleepShift | None:
        """The shift of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        shifts = self.shifts()
        return shifts[rows[0].row()] if rows and rows[0].row() < len(shifts) else None

    def _items_changed(self, collection: str, _ids: list) -> None:
        if collection in (COLLECTION, "people"):
            self.refresh()

    def refresh(self) -> None:
        """Redraw the table and the form from the project, keeping the selected shift selected."""
        chosen = self.selected()
        chosen_id = chosen.id if chosen else None
        names = self.doc.project.person_names()
        shifts = self.shifts()
        self.table.blockSignals(True)
        self.table.setRowCount(len(shifts))
        for row, shift in enumerate(shifts):
            cells = (shift.day.isoformat() if shift.day else "every day",
                     names.get(shift.person, shift.person) if shift.person else "whole crew",
                     _hours_text(shift.wake_delay_hours), _hours_text(shift.sleep_delay_hours), shift.note)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        ids = [s.id for s in shifts]
        if chosen_id in ids:
            self.select_row(ids.index(chosen_id))
        self._show_selected()

    def select_row(self, row: int) -> None:
        """Select a row of the table (and show its shift in the form)."""
        self.table.selectRow(row)
        self._show_selected()

    def _show_selected(self) -> None:
        shift = self.selected()
        self.form.setEnabled(shift is not None)
        self.delete_button.setEnabled(shift is not None)
        self.problem.clear()
        if shift is None:
            return
        for widget in (self.day_edit, self.who_combo, self.wake_spin, self.sleep_spin, self.note_edit):
            widget.blockSignals(True)
        self.day_edit.setText(shift.day.isoformat() if shift.day else "")
        self.who_combo.clear()
        self.who_combo.addItem("Whole crew", None)
        for person in self.doc.project.people:
            self.who_combo.addItem(person.name, person.id)
        self.who_combo.setCurrentIndex(max(0, self.who_combo.findData(shift.person)))
        self.wake_spin.setValue(shift.wake_delay_hours)
        self.sleep_spin.setValue(shift.sleep_delay_hours)
        if self.note_edit.text() != shift.note:
            self.note_edit.setText(shift.note)
        for widget in (self.day_edit, self.who_combo, self.wake_spin, self.sleep_spin, self.note_edit):
            widget.blockSignals(False)

    # -- edits -----------------------------------------------------------------------------------------------
    def add_shift(self) -> None:
        """A new shift of the whole crew on the GMT day of the time cursor (where the planner is looking: the night
        docking or undocking the crew's sleep moves around), selected, its day ready to be typed over."""
        taken = {s.id for s in self.shifts()}
        number = len(taken) + 1
        while f"shift-{number}" in taken:
            number += 1
        day = datetime.fromtimestamp(self.window.time_cursor.time(), timezone.utc).date()
        shift = SleepShift(f"shift-{number}", day=day)
        self.doc.undo_stack.push(InsertItem(self.doc, COLLECTION, shift, text=f"Add sleep shift of {shift.day}"))
        self.select_row(len(self.shifts()) - 1)
        self.day_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.day_edit.selectAll()

    def delete_shift(self) -> None:
        """Delete the selected shift."""
        shift = self.selected()
        if shift is not None:
            self.doc.undo_stack.push(RemoveItem(self.doc, COLLECTION, shift.id, f"Delete {shift.name.lower()}"))

    def _day_typed(self) -> None:
        shift = self.selected()
        if shift is None:
            return
        text = self.day_edit.text().strip()
        if not text:
            self._edit("day", None)
            return
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.problem.setText(f"'{text}' is not a date like 2012-09-16: the shift keeps "
                                 f"{shift.day.isoformat() if shift.day else 'every day'}")
            return
        self._edit("day", day)

    def _edit(self, attr: str, value, merge: bool = False) -> None:
        shift = self.selected()
        if shift is None or getattr(shift, attr) == value:
            return
        self.problem.clear()
        new = copy.deepcopy(shift)
        setattr(new, attr, value)
        words = {"day": "day", "person": "who", "wake_delay_hours": "wake", "sleep_delay_hours": "sleep",
                 "note": "note"}[attr]
        key = f"{COLLECTION}:{shift.id}:{attr}" if merge else None
        self.doc.undo_stack.push(ReplaceItem(self.doc, COLLECTION, shift.id, new,
                                             f"Change {words} of {shift.name.lower()}", key))
        edits.index_of(self.doc.project, COLLECTION, shift.id)  # still there: the selection follows its row
