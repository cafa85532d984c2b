"""The live-link need set in the activity editor as a user does (the keyboard, then the network's list), the
warning for the minutes without a link appearing in the checks, and undo taking it back."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.model import Need, NeedKind

# A combo box's list is a popup: the offscreen platform says it cannot raise it or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

SCENE = "act-04"  # Scene: the cosmonaut falls ill, 8 Oct 2021 08:30-12:30


def _needs(window):
    return next(a for a in window.doc.project.activities if a.id == SCENE).needs


def _link_warnings(window):
    return [f for f in window.checker.findings if f.rule == "activity-link"]


def _editor(window):
    window.views["activities"].select_ids([SCENE])
    editor = window.activity_editor
    assert window.editor_stack.currentWidget() is editor
    return editor


def _pick(combo, text):
    """Open the list and click the entry reading ``text``, as a user does with the mouse."""
    combo.showPopup()
    view = combo.view()
    index = view.model().index(combo.findText(text), 0)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


@pytest.fixture
def one_tdrs(monkeypatch):
    """A relay catalogue of the TDRS at 41 W alone (as if the others were out of service): the station is then
    out of US coverage for part of each orbit, by geometry."""
    from planner.orbit import coverage

    east = tuple(r for r in coverage.relays() if r.id == "tdrs-41w")
    monkeypatch.setattr(coverage, "_catalogue", lambda: east)


def test_the_keyboard_sets_a_live_link_and_the_minutes_without_it_are_flagged(one_tdrs, active_example, checked,
                                                                              qtbot):
    window = active_example
    editor = _editor(window)
    assert not editor.need_link.isChecked() and not _link_warnings(window)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Live &link to the ground
    qtbot.waitUntil(editor.need_link.isChecked)  # a mnemonic clicks its box after a short animation
    assert _needs(window) == (Need(NeedKind.LIVE_LINK, network="any"),)
    assert editor.link_combo.currentText() == "any network"
    _pick(editor.link_combo, "US (TDRS)")
    assert _needs(window) == (Need(NeedKind.LIVE_LINK, network="us"),)
    model = window.models["activities"]
    needs_column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Needs")
    assert model.index(model.row_of(SCENE), needs_column).data() == "live-link (us)"  # the Activities table says it
    checked(window)
    (warning,) = _link_warnings(window)
    assert not warning.is_conflict
    assert warning.message.startswith("'Scene: the cosmonaut falls ill' ")
    assert " min of its 240 without a US link (TDRS), first " in warning.message
    lost = float(re.search(r": ([0-9.]+) min of its 240 ", warning.message).group(1))
    assert 60 < lost < 180  # one relay sees a low orbit about half the time
    listed = [window.clash_panel.model.index(r, 0).data() for r in range(window.clash_panel.model.rowCount())]
    assert any("without a US link (TDRS)" in (text or "") for text in listed), listed
    stack = window.doc.undo_stack
    assert stack.text(stack.index() - 1) == "Change needs of Scene: the cosmonaut falls ill"
    window.act_undo.trigger()
    window.act_undo.trigger()
    checked(window)
    assert _needs(window) == () and not editor.need_link.isChecked() and not _link_warnings(window)


def test_three_relays_leave_no_minute_without_a_link(active_example, checked):
    """With the catalogue as it is, three relays of each network see the station all the time: no warning."""
    window = active_example
    editor = _editor(window)
    editor.need_link.click()
    _pick(editor.link_combo, "Russian (Luch, Russian sites)")
    assert _needs(window) == (Need(NeedKind.LIVE_LINK, network="ru"),)
    checked(window)
    assert not _link_warnings(window)
    window.views["activities"].select_ids(["act-03"])
    window.views["activities"].select_ids([SCENE])  # shown again from the model
    assert editor.need_link.isChecked() and editor.link_combo.currentText() == "Russian (Luch, Russian sites)"
