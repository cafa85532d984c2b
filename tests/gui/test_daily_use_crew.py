"""The mission editor's Crew group as a planner uses it: a crew is set once per flight, seat by seat, and
written onto the launch, docking, undocking and landing; handovers set on one event keep their difference."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QInputDialog, QToolButton

from planner.model import EventKind

# A combo box's list is a popup: the offscreen platform says it cannot raise it or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

SHKAPLEROV, PERESILD, SHIPENKO = "anton-shkaplerov", "yulia-peresild", "klim-shipenko"
NOVITSKIY, DUBROV, VANDE_HEI = "oleg-novitskiy", "pyotr-dubrov", "mark-vande-hei"


@pytest.fixture
def shown(active_example):
    return active_example


def _seat(crew_editor, name: str) -> QComboBox:
    """The seat list a user finds by its name, e.g. "Up: Commander" or "Home: Flight Engineer 2"."""
    found = [c for c in crew_editor.findChildren(QComboBox) if c.isVisible() and c.accessibleName() == name]
    assert len(found) == 1, [c.accessibleName() for c in crew_editor.findChildren(QComboBox) if c.isVisible()]
    return found[0]


def _arrow(crew_editor, seat: str, text: str) -> QToolButton:
    """The button showing ``text`` (▲ or ▼) on the row of ``seat``."""
    combo = _seat(crew_editor, seat)
    row = next(r for s in (crew_editor.up_seats, crew_editor.home_seats) for r in s.rows if r.combo is combo)
    button = next(b for b in (row.up_button, row.down_button) if b.text() == text)
    assert isinstance(button, QToolButton)
    return button


def _choose(combo: QComboBox, text: str) -> None:
    """Open ``combo``'s list and click the entry showing ``text``."""
    combo.parentWidget().window().activateWindow()
    combo.showPopup()
    view = combo.view()
    index = view.model().index(combo.findText(text), 0)
    assert index.isValid(), (text, [combo.itemText(i) for i in range(combo.count())])
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def _click(button) -> None:
    """Click a button, or a check box on its box (the row is wider than its box and text)."""
    assert button.isEnabled() and button.isVisible(), button.text()
    at = QPoint(8, button.height() // 2) if isinstance(button, QCheckBox) else button.rect().center()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=at)


def _crews(mission) -> dict[str, tuple]:
    return {e.kind.value: e.crew for e in mission.events}


def _open(window, mission_id):
    window.views["missions"].select_ids([mission_id])
    editor = window.mission_editor
    assert editor.mission_id == mission_id and editor.crew_editor.isVisible()
    return editor.crew_editor


def test_a_crew_of_three_is_chosen_once_and_rides_on_all_four_events(shown):
    window = shown
    QTest.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    mission_id = window.doc.project.missions[-1].id
    crew = _open(window, mission_id)
    assert [e.kind for e in window.doc.project.mission(mission_id).events] == [
        EventKind.LAUNCH, EventKind.DOCK, EventKind.UNDOCK, EventKind.LAND]
    assert crew.same_check.isChecked() and not crew.home_seats.isVisible()
    # Seats fill in order: only the first is open on an empty flight.
    assert not _seat(crew, "Up: Flight Engineer 1").isEnabled()
    stack = window.doc.undo_stack

    for seat, name in (("Commander", "Alexander Misurkin"), ("Flight Engineer 1", "Yusaku Maezawa"),
                       ("Flight Engineer 2", "Yozo Hirano")):
        steps = stack.count()
        _choose(_seat(crew, f"Up: {seat}"), name)
        assert stack.count() == steps + 1  # one step per choice, all four events in it

    three = ("alexander-misurkin", "yusaku-maezawa", "yozo-hirano")
    assert _crews(window.doc.project.mission(mission_id)) == {"launch": three, "dock": three, "undock": three,
                                                               "land": three}
    assert crew.up_heading.text().replace("&", "") == "Up: launch and arrival — 3 of 3 seats"
    # A full flight offers no fourth seat.
    assert [c.accessibleName() for c in crew.findChildren(QComboBox) if c.isVisible()] == [
        "Up: Commander", "Up: Flight Engineer 1", "Up: Flight Engineer 2"]
    # The events table's Crew column shows each event's crew.
    table = window.mission_editor.events_table
    assert {table.item(r, 4).text() for r in range(table.rowCount())} == {
        "Alexander Misurkin, Yusaku Maezawa, Yozo Hirano"}

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    two = three[:2]
    assert _crews(window.doc.project.mission(mission_id)) == {"launch": two, "dock": two, "undock": two, "land": two}
    assert _seat(crew, "Up: Flight Engineer 2").currentText() == "— empty —"


def test_a_new_seat_order_is_one_click_and_one_undo(shown):
    window = shown
    crew = _open(window, "soyuz-ms-19")
    before = window.doc.project.mission("soyuz-ms-19")

    _click(_arrow(crew, "Up: Commander", "▼"))

    after = window.doc.project.mission("soyuz-ms-19")
    assert _crews(after) == {"launch": (PERESILD, SHKAPLEROV, SHIPENKO), "dock": (PERESILD, SHKAPLEROV, SHIPENKO),
                             "undock": (SHKAPLEROV, DUBROV, VANDE_HEI), "land": (SHKAPLEROV, DUBROV, VANDE_HEI)}
    assert _seat(crew, "Up: Commander").currentText() == "Yulia Peresild"
    # The keyboard stays with the person moved: Space moves Shkaplerov on down to the last seat.
    assert QApplication.focusWidget() is _arrow(crew, "Up: Flight Engineer 1", "▼")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.doc.project.mission("soyuz-ms-19").events[0].crew == (PERESILD, SHIPENKO, SHKAPLEROV)
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.doc.project.mission("soyuz-ms-19") == before
    assert not _arrow(crew, "Up: Commander", "▲").isEnabled()
    assert not _arrow(crew, "Up: Flight Engineer 2", "▼").isEnabled()


def test_the_film_crews_way_home_on_soyuz_ms_18_stays_when_its_up_crew_changes(shown):
    window = shown
    crew = _open(window, "soyuz-ms-18")
    # Up Novitskiy, Dubrov, Vande Hei; home Novitskiy and the film crew: home has its own list.
    assert not crew.same_check.isChecked() and crew.home_seats.isVisible()
    assert [_seat(crew, f"Home: {s}").currentText() for s in ("Commander", "Flight Engineer 1", "Flight Engineer 2")] \
        == ["Oleg Novitskiy", "Yulia Peresild", "Klim Shipenko"]

    _choose(_seat(crew, "Up: Flight Engineer 2"), "Akihiko Hoshide")

    assert _crews(window.doc.project.mission("soyuz-ms-18")) == {
        "dock": (NOVITSKIY, DUBROV, "akihiko-hoshide"), "relocate": (NOVITSKIY, DUBROV, "akihiko-hoshide"),
        "undock": (NOVITSKIY, PERESILD, SHIPENKO), "land": (NOVITSKIY, PERESILD, SHIPENKO)}


def test_a_handover_ticked_on_one_event_keeps_its_difference(shown):
    window = shown
    editor = window.mission_editor
    crew = _open(window, "soyuz-ms-20")
    assert crew.same_check.isChecked() and not crew.own_note.isVisible()
    # Say Hirano stays aboard and comes home on another vehicle: untick him on the landing only, per event.
    land = next(i for i, e in enumerate(editor.mission().events) if e.kind is EventKind.LAND)
    editor.events_table.selectRow(land)
    item = next(editor.crew_list.item(i) for i in range(editor.crew_list.count())
                if editor.crew_list.item(i).text().startswith("Yozo Hirano"))
    item.setCheckState(Qt.CheckState.Unchecked)
    assert crew.own_note.isVisible() and "Land 2021-12-20: Alexander Misurkin, Yusaku Maezawa" in crew.own_note.text()

    _choose(_seat(crew, "Up: Flight Engineer 1"), "Oleg Novitskiy")

    crews = _crews(window.doc.project.mission("soyuz-ms-20"))
    flown = ("alexander-misurkin", NOVITSKIY, "yozo-hirano")
    assert crews == {"launch": flown, "dock": flown, "undock": flown, "land": ("alexander-misurkin", "yusaku-maezawa")}
    assert crew.own_note.isVisible()


def test_home_gets_a_list_of_its_own_and_back(shown):
    window = shown
    crew = _open(window, "crew-2")
    before = window.doc.project.mission("crew-2")
    steps = window.doc.undo_stack.count()

    _click(crew.same_check)

    assert crew.home_seats.isVisible() and window.doc.undo_stack.count() == steps  # nothing changed yet
    assert _seat(crew, "Home: Mission Specialist 2").currentText() == "Thomas Pesquet"
    _choose(_seat(crew, "Home: Mission Specialist 2"), "— empty —")  # Pesquet comes home on another vehicle
    crews = _crews(window.doc.project.mission("crew-2"))
    assert crews["dock"] == crews["relocate"] == before.events[0].crew
    assert crews["undock"] == crews["land"] == before.events[0].crew[:3]
    assert crew.home_heading.text().replace("&", "") == "Home: departure and landing — 3 of 4 seats"

    _click(crew.same_check)  # the same crew goes home again: one step

    assert window.doc.project.mission("crew-2") == before and window.doc.undo_stack.count() == steps + 2
    assert crew.same_check.isChecked() and not crew.home_seats.isVisible()


def test_more_people_than_seats_are_flagged(shown):
    window = shown
    editor = window.mission_editor
    crew = _open(window, "soyuz-ms-19")
    editor.seats_spin.setValue(2)
    # The third person has no seat: flagged on the row and in the heading, and can be taken off there.
    assert crew.up_heading.text().replace("&", "") == "Up: launch and arrival — 3 people, 2 seats"
    assert "c62828" in crew.up_heading.styleSheet()
    row = crew.up_seats.rows[2]
    assert row.label.text() == "No seat" and "c62828" in row.label.styleSheet()
    assert "Soyuz MS has 2 seats" in row.label.toolTip()
    combo = _seat(crew, "Up: No seat 3")
    assert [combo.itemText(i) for i in range(combo.count())] == ["— empty —", "Klim Shipenko"]
    _choose(combo, "— empty —")
    assert window.doc.project.mission("soyuz-ms-19").events[0].crew == (SHKAPLEROV, PERESILD)
    assert crew.up_heading.text().replace("&", "") == "Up: launch and arrival — 2 of 2 seats"


def test_a_cargo_flight_has_no_seats_to_fill(shown):
    crew = _open(shown, "progress-ms-17")
    assert crew.note.isVisible() and crew.note.text() == "Progress MS carries no crew (no seats)."
    assert not [c for c in crew.findChildren(QComboBox) if c.isVisible()] and not crew.same_check.isVisible()


def test_a_flight_with_no_way_home_yet_sets_its_up_crew_only(shown):
    crew = _open(shown, "crew-3")
    assert crew.note.text().startswith("No undocking or landing planned yet")
    assert not crew.same_check.isVisible() and not crew.home_seats.isVisible()
    assert _seat(crew, "Up: Pilot").currentText() == "Thomas Marshburn"


def test_the_crew_group_works_from_the_keyboard(shown):
    window = shown
    QTest.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    mission_id = window.doc.project.missions[-1].id
    crew = _open(window, mission_id)

    QTest.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # "&Up: ..." goes to the first seat

    first = _seat(crew, "Up: Commander")
    assert QApplication.focusWidget() is first
    QTest.keyClick(first, Qt.Key.Key_Down)  # the first person of the list
    QTest.keyClick(first, Qt.Key.Key_Down)  # browsing on: the same seat, one undo step
    names = sorted(window.doc.project.people, key=lambda p: p.name.casefold())
    assert window.doc.project.mission(mission_id).events[0].crew == (names[1].id,)
    window.act_undo.trigger()
    assert all(e.crew == () for e in window.doc.project.mission(mission_id).events)
    # Tab goes on through the seats in reading order (the lone commander's ▲ and ▼ are off: skipped).
    QTest.keyClick(first, Qt.Key.Key_Down)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    second = _seat(crew, "Up: Flight Engineer 1")
    assert QApplication.focusWidget() is second
    QTest.keyClick(second, Qt.Key.Key_Down)
    QTest.keyClick(second, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is _arrow(crew, "Up: Flight Engineer 1", "▲")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # the second person becomes commander
    assert window.doc.project.mission(mission_id).events[3].crew == (names[1].id, names[0].id)


def test_a_new_person_is_made_and_seated_from_the_seat_list(shown, answer_input_dialog):
    window = shown
    crew = _open(window, "crew-3")
    seen: list[str] = []
    steps = window.doc.undo_stack.count()
    answer_input_dialog("Tom Cruise", seen)

    _choose(_seat(crew, "Up: Mission Specialist 2"), "New Person…")

    assert seen == ["Name:"]
    assert window.doc.project.person("tom-cruise").name == "Tom Cruise"
    assert _crews(window.doc.project.mission("crew-3"))["launch"][-1] == "tom-cruise"
    assert _seat(crew, "Up: Mission Specialist 2").currentText() == "Tom Cruise"
    assert window.doc.undo_stack.count() == steps + 1
    window.act_undo.trigger()
    assert window.doc.project.person("tom-cruise") is None
    assert _crews(window.doc.project.mission("crew-3"))["launch"][-1] == "matthias-maurer"


def test_a_cancelled_new_person_leaves_the_seat_as_it_was(shown):
    window = shown
    crew = _open(window, "soyuz-ms-20")
    steps = window.doc.undo_stack.count()

    def cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    _choose(_seat(crew, "Up: Commander"), "New Person…")

    assert window.doc.undo_stack.count() == steps
    assert _seat(crew, "Up: Commander").currentText() == "Alexander Misurkin"


def test_a_renamed_person_is_renamed_in_the_seats(shown):
    from planner.gui.commands import ReplaceItem

    window = shown
    crew = _open(window, "soyuz-ms-19")
    renamed = window.doc.project.person(PERESILD)
    renamed = type(renamed)(renamed.id, "Yulia Peresild-Lebedeva", renamed.role, renamed.agency)
    window.doc.undo_stack.push(ReplaceItem(window.doc, "people", PERESILD, renamed))
    assert _seat(crew, "Up: Flight Engineer 1").currentText() == "Yulia Peresild-Lebedeva"


def test_a_first_undocking_added_to_a_crewed_flight_brings_its_crew_home(shown):
    """Add Event ▸ Undock on Crew-3 (no way home planned yet): the new undocking carries the crew that flew up,
    so the Crew group shows the same crew going home, not an empty return."""
    crew = _open(shown, "crew-3")
    up = shown.doc.project.mission("crew-3").first(EventKind.LAUNCH).crew
    assert len(up) == 4
    button = next(b for b in shown.mission_editor.findChildren(QToolButton) if b.text() == "Add Event")
    action = next(a for a in button.menu().actions() if a.text() == "Undock")
    action.trigger()
    undock = shown.doc.project.mission("crew-3").first(EventKind.UNDOCK)
    assert undock is not None and undock.crew == up
    assert crew.same_check.isVisible() and crew.same_check.isChecked()
    shown.doc.undo_stack.undo()
    assert shown.doc.project.mission("crew-3").first(EventKind.UNDOCK) is None
