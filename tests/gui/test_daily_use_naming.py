"""New records from the keyboard: the shortcut puts the keyboard in the name, and the id follows the first name typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(active_example):
    return active_example


def _show_warnings_box(window) -> QCheckBox:
    return next(b for b in window.clash_panel.findChildren(QCheckBox) if b.text().replace("&", "") == "Show warnings")


def _type(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def _leave_field() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_new_person_shortcut_puts_the_keyboard_in_the_selected_name(window, qtbot):
    box = _show_warnings_box(window)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    checked = box.isChecked()

    QTest.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)

    field = QApplication.focusWidget()
    assert field is window.record_forms["people"].editors["name"]
    assert field.selectedText() == "New person"
    _type("Ivan Vagner")
    person = window.doc.project.people[-1]
    assert (person.id, person.name) == ("ivan-vagner", "Ivan Vagner")
    assert box.isChecked() == checked  # the typing did not land on the clash panel


@pytest.mark.parametrize("keys, collection, name, wanted_id", [
    (Qt.Key.Key_M, "missions", "Soyuz MS-21", "soyuz-ms-21"),
    (Qt.Key.Key_A, "activities", "Scene: the spacewalk", "scene-the-spacewalk"),
    (Qt.Key.Key_P, "people", "Klim Shipenko", "klim-shipenko-2"),  # taken: unique
    (Qt.Key.Key_G, "sites", "Munich (GSOC)", "munich-gsoc"),
])
def test_the_id_follows_the_first_name_and_then_stays(window, keys, collection, name, wanted_id):
    from planner.model import edits

    QTest.keyClick(window, keys, CTRL_SHIFT)
    _type(name)
    _leave_field()
    made = edits.items(window.doc.project, collection)[-1]
    assert made.id == wanted_id
    assert window.views[collection].selected_ids() == [wanted_id]
    # Named once, the id stays: a later rename changes the name only.
    window.editors[collection].edit_name()
    _type("Renamed")
    _leave_field()
    renamed = edits.items(window.doc.project, collection)[-1]
    assert renamed.id == wanted_id and (getattr(renamed, "name", None) or renamed.title) == "Renamed"


def test_naming_is_one_undo_step(window):
    QTest.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    steps = window.doc.undo_stack.count()
    _type("Ivan Vagner")
    assert window.doc.undo_stack.count() == steps + 1
    window.act_undo.trigger()
    person = window.doc.project.people[-1]
    assert (person.id, person.name) == ("new-person", "New person")
    assert window.record_forms["people"].editors["name"].text() == "New person"
    window.act_redo.trigger()
    assert window.doc.project.people[-1].id == "ivan-vagner"


def test_what_refers_to_a_record_follows_its_id(window):
    QTest.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)  # made, then put in a scene before it is named
    window.views["activities"].select_ids(["act-02"])
    editor = window.activity_editor
    item = next(editor.people_list.item(i) for i in range(editor.people_list.count())
                if editor.people_list.item(i).text() == "New person")
    item.setCheckState(Qt.CheckState.Checked)
    assert "new-person" in window.doc.project.activities[1].people
    window.views["people"].select_ids(["new-person"])
    window.editors["people"].edit_name()

    _type("Alexander Misurkin Jr")

    assert window.doc.project.people[-1].id == "alexander-misurkin-jr"
    people = next(a for a in window.doc.project.activities if a.id == "act-02").people
    assert "alexander-misurkin-jr" in people and "new-person" not in people
    window.act_undo.trigger()  # the rename and the reference change are one step
    assert "new-person" in next(a for a in window.doc.project.activities if a.id == "act-02").people


def test_a_copy_takes_its_id_from_its_new_name(window):
    window.views["missions"].select_ids(["soyuz-ms-20"])
    window.act_duplicate.trigger()
    assert window.views["missions"].selected_ids() == ["soyuz-ms-20-copy"]
    window.mission_editor.edit_name()
    _type("Soyuz MS-22")
    assert window.doc.project.missions[-1].id == "soyuz-ms-22"
