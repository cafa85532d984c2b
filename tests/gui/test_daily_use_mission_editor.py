"""The mission editor as a planner uses it on a first day: buttons clicked, ports picked, people added."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from planner.model import EventKind


def _button(widget, text: str) -> QPushButton:
    """The push button showing ``text`` (mnemonic ampersands ignored) inside ``widget``."""
    found = [b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert len(found) == 1, [b.text() for b in widget.findChildren(QPushButton)]
    return found[0]


def test_new_person_button_asks_a_name_and_puts_them_on_the_event(example_window, qtbot, answer_input_dialog):
    window = example_window
    window.views["missions"].select_ids(["soyuz-ms-19"])
    editor = window.mission_editor
    dock_row = next(i for i, e in enumerate(window.doc.project.mission("soyuz-ms-19").events) if e.kind is EventKind.DOCK)
    editor.events_table.selectRow(dock_row)
    steps = window.doc.undo_stack.count()
    seen: list[str] = []
    answer_input_dialog("Tom Cruise", seen)

    QTest.mouseClick(_button(editor, "New Person…"), Qt.MouseButton.LeftButton)

    assert seen == ["Name:"]
    person = next(p for p in window.doc.project.people if p.name == "Tom Cruise")
    assert person.id == "tom-cruise"
    assert "tom-cruise" in window.doc.project.mission("soyuz-ms-19").events[dock_row].crew
    assert window.doc.undo_stack.count() == steps + 1  # the person and the crew change are one step
    window.act_undo.trigger()
    assert all(p.name != "Tom Cruise" for p in window.doc.project.people)
    assert "tom-cruise" not in window.doc.project.mission("soyuz-ms-19").events[dock_row].crew


# ---------------------------------------------------------------- the port of a stay

@pytest.fixture
def shown(active_example):
    return active_example


def _click_event_row(editor, kind: EventKind, occurrence: int = 0) -> int:
    """Click the row of the mission's ``occurrence``-th event of ``kind`` in the editor's events table."""
    rows = [i for i, e in enumerate(editor.mission().events) if e.kind is kind]
    row = rows[occurrence]
    table = editor.events_table
    table.scrollToItem(table.item(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 1)).center())
    assert editor._event_index == row
    return row


# A combo box's list is a popup: the offscreen platform says it cannot raise it or grab the keyboard for it.
POPUP_WARNINGS = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def _choose(combo, data) -> None:
    """Open ``combo``'s list and click the entry holding ``data``."""
    combo.showPopup()
    view = combo.view()
    index = view.model().index(combo.findData(data), 0)
    assert index.isValid(), data
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert combo.currentData() == data


def _ports(mission) -> list:
    return [(e.kind.value, e.port, e.from_port) for e in mission.events]


@POPUP_WARNINGS
def test_the_undocking_follows_a_new_docking_port_in_one_step(shown):
    window, editor = shown, shown.mission_editor
    window.views["missions"].select_ids(["soyuz-ms-20"])
    before = window.doc.project.mission("soyuz-ms-20")
    assert ("undock", "poisk-zenith", None) in _ports(before)
    _click_event_row(editor, EventKind.DOCK)

    _choose(editor.port_combo, "rassvet-nadir")

    after = window.doc.project.mission("soyuz-ms-20")
    assert [p for k, p, _ in _ports(after) if k in ("dock", "undock")] == ["rassvet-nadir", "rassvet-nadir"]
    window.act_undo.trigger()
    assert window.doc.project.mission("soyuz-ms-20") == before


@POPUP_WARNINGS
def test_a_relocation_leaves_the_port_its_stay_moved_to_and_the_next_stay_stays(shown):
    window, editor = shown, shown.mission_editor
    window.views["missions"].select_ids(["soyuz-ms-18"])
    # Docked at Rassvet, moved to Nauka on 2021-09-28, left from Nauka.
    assert _ports(window.doc.project.mission("soyuz-ms-18")) == [
        ("dock", "rassvet-nadir", None), ("relocate", "nauka-nadir", "rassvet-nadir"), ("undock", "nauka-nadir", None),
        ("land", None, None)]
    _click_event_row(editor, EventKind.DOCK)

    _choose(editor.port_combo, "poisk-zenith")

    assert _ports(window.doc.project.mission("soyuz-ms-18")) == [
        ("dock", "poisk-zenith", None), ("relocate", "nauka-nadir", "poisk-zenith"), ("undock", "nauka-nadir", None),
        ("land", None, None)]
    # Picking the undocking's port moves the stay after the relocation, the relocation's arrival with it.
    _click_event_row(editor, EventKind.UNDOCK)
    _choose(editor.port_combo, "rassvet-nadir")
    assert _ports(window.doc.project.mission("soyuz-ms-18"))[1:3] == [
        ("relocate", "rassvet-nadir", "poisk-zenith"), ("undock", "rassvet-nadir", None)]


# ---------------------------------------------------------------- a new mission's port

def test_a_new_mission_docks_at_a_compatible_port_free_at_its_dates(shown):
    window, editor = shown, shown.mission_editor
    # Soyuz MS-19 stays at Rassvet for good: its undocking and landing are removed as a user does.
    window.views["missions"].select_ids(["soyuz-ms-19"])
    for kind in (EventKind.LAND, EventKind.UNDOCK):
        _click_event_row(editor, kind)
        QTest.mouseClick(_button(editor, "Remove Event"), Qt.MouseButton.LeftButton)
    assert [e.kind for e in window.doc.project.mission("soyuz-ms-19").events] == [EventKind.LAUNCH, EventKind.DOCK]

    QTest.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    mission = window.doc.project.missions[-1]
    dock, undock = mission.events[1], mission.events[2]
    assert dock.kind is EventKind.DOCK and undock.kind is EventKind.UNDOCK and dock.port == undock.port
    station = window.doc.project.station
    assert dock.port in {p.id for p in station.compatible_ports(mission.vehicle_type)}
    assert dock.port != "rassvet-nadir"  # the first compatible port, Soyuz MS-19's for good
    assert editor.port_status(mission, 1, station.port(dock.port)) == "free"
    assert not [f for f in window.checker.findings if mission.id in f.vehicles and f.rule == "port-double-booking"]
