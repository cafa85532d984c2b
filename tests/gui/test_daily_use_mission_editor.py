"""The mission editor as a planner uses it on a first day: buttons clicked, ports picked, people added."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QPushButton

from planner.model import EventKind


def _button(widget, text: str) -> QPushButton:
    """The push button showing ``text`` (mnemonic ampersands ignored) inside ``widget``."""
    found = [b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert len(found) == 1, [b.text() for b in widget.findChildren(QPushButton)]
    return found[0]


def _answer_next_input_dialog(qtbot, text: str, seen: list) -> None:
    """Type ``text`` into the next input dialog that opens and press Enter, as a user does."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)  # not open yet
            return
        seen.append(dialog.labelText())
        field = dialog.findChild(QLineEdit)
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_new_person_button_asks_a_name_and_puts_them_on_the_event(example_window, qtbot):
    window = example_window
    window.views["missions"].select_ids(["soyuz-ms-19"])
    editor = window.mission_editor
    dock_row = next(i for i, e in enumerate(window.doc.project.mission("soyuz-ms-19").events) if e.kind is EventKind.DOCK)
    editor.events_table.selectRow(dock_row)
    steps = window.doc.undo_stack.count()
    seen: list[str] = []
    _answer_next_input_dialog(qtbot, "Tom Cruise", seen)

    QTest.mouseClick(_button(editor, "New Person…"), Qt.MouseButton.LeftButton)

    assert seen == ["Name:"]
    person = next(p for p in window.doc.project.people if p.name == "Tom Cruise")
    assert person.id == "tom-cruise"
    assert "tom-cruise" in window.doc.project.mission("soyuz-ms-19").events[dock_row].crew
    assert window.doc.undo_stack.count() == steps + 1  # the person and the crew change are one step
    window.act_undo.trigger()
    assert all(p.name != "Tom Cruise" for p in window.doc.project.people)
    assert "tom-cruise" not in window.doc.project.mission("soyuz-ms-19").events[dock_row].crew
