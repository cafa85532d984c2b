"""Crash recovery's question: the safe answer (recover) is what Enter and Escape give; discarding takes a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from planner.gui import recovery
from planner.gui.recovery import ask_to_recover  # the real question (the GUI fixtures stub recovery.ask_to_recover)
from planner.model import Project
from planner.store import project_to_json


@pytest.fixture
def found(tmp_path) -> recovery.Recovery:
    recovery.write_recovery(project_to_json(Project()), tmp_path / "plan.issplan", "2021-10-05 12:00 UTC")
    (pending,) = recovery.pending_recoveries()
    return pending


def _when_question_opens(act) -> list:
    """Run ``act(box)`` on the message box once it is open; the list gets the texts of its buttons."""
    seen = []

    def poll():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        seen.extend(b.text() for b in box.buttons())
        act(box)

    QTimer.singleShot(0, poll)
    return seen


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_enter_or_escape_recovers(found, qtbot, key):
    seen = _when_question_opens(lambda box: QTest.keyClick(box, key))
    assert ask_to_recover(None, found) is True
    assert seen == ["&Recover", "&Discard"]


def test_discard_is_a_deliberate_click(found, qtbot):
    def click_discard(box):
        button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == "Discard")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    _when_question_opens(click_discard)
    assert ask_to_recover(None, found) is False


def test_the_question_names_the_file_and_defaults_to_recover(found, qtbot):
    box = recovery.recovery_question(None, found)
    qtbot.addWidget(box)
    assert str(found.original) in box.text() and "2021-10-05 12:00 UTC" in box.text()
    assert box.defaultButton().text() == "&Recover"
