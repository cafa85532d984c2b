"""The crew's day in the app, used as a planner does: a sleep shift added and typed in (Edit > Sleep Shifts…),
undone step by step; the day template changed in the settings, undone, saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.gui.settings_dialog import SettingsDialog
from planner.store import load_project


def _menu_action(menu, text):
    found = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert len(found) == 1, [a.text() for a in menu.actions()]
    return found[0]


def _type_into(widget, text):
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _row(dialog, row):
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def test_a_sleep_shift_is_typed_in_and_undone(active_example, qtbot, click_text):
    window = active_example
    _menu_action(window.edit_menu, "Sleep Shifts…").trigger()
    dialog = window.sleep_shifts_dialog
    qtbot.waitExposed(dialog)
    click_text(dialog, "Add Shift")
    assert len(window.doc.project.sleep_shifts) == 1
    _type_into(dialog.day_edit, "2021-10-07")
    _type_into(dialog.wake_spin, "7")
    _type_into(dialog.sleep_spin, "6.25")
    dialog.note_edit.setFocus()
    QTest.keyClicks(dialog.note_edit, "Night-time docking")
    [shift] = window.doc.project.sleep_shifts
    assert (shift.day, shift.person, shift.wake_delay_hours, shift.sleep_delay_hours, shift.note) == (
        date(2021, 10, 7), None, 7.0, 6.25, "Night-time docking")
    assert _row(dialog, 0) == ["2021-10-07", "whole crew", "7 h", "6 h 15 min", "Night-time docking"]
    assert dialog.isVisible()  # Enter finished each field; it closed nothing
    # A date that is not one is refused in words, and the shift keeps its day.
    _type_into(dialog.day_edit, "2021-13-01")
    assert "'2021-13-01' is not a date like 2012-09-16" in dialog.problem.text()
    assert window.doc.project.sleep_shifts[0].day == date(2021, 10, 7)
    # Undo, one step at a time: the note (typed as one step), the sleep, the wake, the day, the shift itself.
    window.act_undo.trigger()
    assert window.doc.project.sleep_shifts[0].note == "" and _row(dialog, 0)[4] == ""
    window.act_undo.trigger()
    assert window.doc.project.sleep_shifts[0].sleep_delay_hours == 0.0 and dialog.sleep_spin.value() == 0.0
    window.act_undo.trigger()
    assert window.doc.project.sleep_shifts[0].wake_delay_hours == 0.0 and _row(dialog, 0)[2] == "0 h"
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.doc.project.sleep_shifts == [] and dialog.table.rowCount() == 0
    window.act_redo.trigger()
    assert dialog.table.rowCount() == 1


def test_a_shift_is_deleted_and_a_person_can_be_chosen(active_example, qtbot, click_text):
    window = active_example
    _menu_action(window.edit_menu, "Sleep Shifts…").trigger()
    dialog = window.sleep_shifts_dialog
    click_text(dialog, "Add Shift")
    combo = dialog.who_combo
    combo.setFocus()
    index = combo.findText("Yulia Peresild")
    assert index > 0
    while combo.currentIndex() < index:  # the keyboard way through a closed combo box
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert window.doc.project.sleep_shifts[0].person == "yulia-peresild"
    assert _row(dialog, 0)[1] == "Yulia Peresild"
    click_text(dialog, "Delete Shift")
    assert window.doc.project.sleep_shifts == []


def test_the_crews_day_is_changed_in_the_settings_and_saved(example_window, qtbot):
    window = example_window
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    wake = dialog.day_editors["wake_hour"]
    assert wake.value() == 6.0 and "NASA" in wake.toolTip()
    _type_into(wake, "5.5")
    dialog.accept()
    assert window.doc.project.effective_crew_day.wake_hour == 5.5
    window.files.save()
    assert load_project(window.doc.path).effective_crew_day.wake_hour == 5.5
    window.act_undo.trigger()
    assert window.doc.project.effective_crew_day.wake_hour == 6.0


def test_deleting_a_person_deletes_their_own_shifts_in_the_same_step(example_window):
    from planner.gui.commands import InsertItem
    from planner.model.crew_day import SleepShift
    from planner.store import project_from_json, project_to_json

    window = example_window
    doc = window.doc
    doc.undo_stack.push(InsertItem(doc, "sleep_shifts", SleepShift("own", person="yulia-peresild", wake_delay_hours=1)))
    doc.undo_stack.push(InsertItem(doc, "sleep_shifts", SleepShift("crew", day=date(2021, 10, 7))))
    window.views["people"].select_ids(["yulia-peresild"])
    window.act_delete.trigger()
    assert [s.id for s in doc.project.sleep_shifts] == ["crew"]
    assert project_from_json(project_to_json(doc.project)) == doc.project  # no dangling reference
    window.act_undo.trigger()
    assert [s.id for s in doc.project.sleep_shifts] == ["own", "crew"]


def test_a_new_shift_starts_on_the_day_the_planner_is_looking_at(active_example, qtbot, click_text):
    from planner.model.times import utc

    window = active_example
    # MS-18 undocks 2021-10-17 01:14 GMT, in the crew's night: the planner has it under the cursor.
    window.time_cursor.set_time(utc(2021, 10, 17, 1, 14).timestamp())
    _menu_action(window.edit_menu, "Sleep Shifts…").trigger()
    dialog = window.sleep_shifts_dialog
    qtbot.waitExposed(dialog)
    click_text(dialog, "Add Shift")
    assert window.doc.project.sleep_shifts[0].day == date(2021, 10, 17)
    assert _row(dialog, 0)[0] == "2021-10-17"
    assert dialog.focusWidget() is dialog.day_edit and dialog.day_edit.selectedText() == "2021-10-17"  # to type over


def test_wake_and_sleep_read_and_are_typed_as_clock_times(example_window, qtbot):
    """The template's hours of the day read as the station's clock does (06:00, 21:30 GMT, not '21.50 h GMT'), and a
    time typed as a planner writes it (05:45) is taken; one that is not a time is refused."""
    window = example_window
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    wake, sleep = dialog.day_editors["wake_hour"], dialog.day_editors["sleep_hour"]
    assert (wake.text(), sleep.text()) == ("06:00", "21:30")
    assert "Default: 21:30 GMT" in sleep.toolTip()
    _type_into(wake, "05:45")
    _type_into(sleep, "22:15")
    assert (wake.value(), sleep.value(), wake.text()) == (5.75, 22.25, "05:45")
    _type_into(wake, "5:61")  # not a time: the field keeps what it had
    assert wake.value() == 5.75
    QTest.keyClick(sleep, Qt.Key.Key_Up)  # a quarter of an hour later
    assert sleep.text() == "22:30"
    dialog.accept()
    day = window.doc.project.effective_crew_day
    assert (day.wake_hour, day.sleep_hour) == (5.75, 22.5)
