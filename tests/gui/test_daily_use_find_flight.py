"""Find a Flight… as a planner uses it: a Crew Dragon of 10 days from 2021-10-20 on the example, asked from the Edit
menu; the proposals listed with the launch dates turned down and why, the first previewed on the timeline, added as
one undo step with no new conflict; a search cancelled part way adds nothing; a double-click on empty time on the
timeline opens the dialog at that time."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from planner.finder import REJECTING_WARNINGS
from planner.model import EventKind
from planner.model.times import UTC, parse_utc

EARLIEST = datetime(2021, 10, 20, tzinfo=UTC)


@pytest.fixture
def window(active_example):
    return active_example


def _open_from_menu(window, qtbot):
    """Edit ▸ Find a Flight…, found by its text as a user finds it."""
    menu = window.edit_menu
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text() == "Find a Flight…")
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+F"
    action.trigger()
    dialog = window.finder_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _wait_idle(dialog, qtbot):
    qtbot.waitUntil(lambda: not dialog.searching(), timeout=20000)


def test_a_crew_dragon_of_ten_days_is_found_previewed_and_added_in_one_undo_step(window, qtbot, tree_rows,
                                                                                 click_text, tmp_path, press_undo):
    dialog = _open_from_menu(window, qtbot)
    assert dialog.site_combo.currentText() == "Baikonur Site 31/6"  # the default type, Soyuz MS, flies from there
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    assert dialog.site_combo.currentText() == "Kennedy LC-39A"  # the Dragons' usual pad
    assert dialog.crew_spin.maximum() == 4
    conflicts_before = {f for f in window.checker.findings if f.is_conflict}
    missions_before, people_before = len(window.doc.project.missions), len(window.doc.project.people)

    click_text(dialog, "Find")
    _wait_idle(dialog, qtbot)
    rows = tree_rows(dialog.list)
    assert len(rows) == 3, dialog.message.text()
    launches = [parse_utc(r[0].replace(" UTC", "Z").replace(" ", "T")) for r in rows]
    assert launches == sorted(launches) and launches[0] >= EARLIEST
    assert all(r[2].startswith("Harmony") for r in rows)
    # Below: each launch date before the first flight turned down, with the rule that turned it down.
    lines = [dialog.rejected_list.item(k).text() for k in range(dialog.rejected_list.count())]
    assert lines and all(line[:10] < rows[0][0][:10] for line in lines)
    assert lines[0].startswith("2021-10-20: ") and "spacing" in lines[0] and "busy with Crew-2" in lines[0]
    assert dialog.rejected_label.text() == f"Launch dates turned down ({len(lines)}):"

    # The first proposal is chosen: marked on the timeline from launch to landing and shown there.
    assert dialog.current_row() == 0
    flight = dialog.chosen_flight()
    highlights, chosen = window.time_cursor.highlights()
    assert chosen == 0 and len(highlights) == 1
    assert highlights[0] == (flight.launch.timestamp(), flight.land.timestamp(),
                             "Proposed Crew Dragon #1 at Harmony forward (IDA-2)")
    assert window.central_tabs.tabText(window.central_tabs.currentIndex()) == "Timeline"
    canvas = window.timeline_view.canvas
    left, right = canvas.visible_span()
    assert left < flight.launch.timestamp() and flight.land.timestamp() < right
    assert canvas.state.chosen_highlight == 0
    # The stay itself, a ghost bar in its port's lane.
    assert canvas.state.preview == (flight.port, flight.dock.timestamp(), flight.undock.timestamp(), highlights[0][2])
    # Choosing the second moves the preview to it.
    second = dialog.list.topLevelItem(1)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(second).center())
    assert window.time_cursor.highlights()[0][0][0] == dialog.result.flights[1].launch.timestamp()
    assert window.time_cursor.time() == dialog.result.flights[1].launch.timestamp()
    first = dialog.list.topLevelItem(0)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(first).center())
    assert window.time_cursor.highlights()[0][0][0] == flight.launch.timestamp()

    dialog.resize(1024, 700)
    assert dialog.grab().save(str(tmp_path / "finder-dialog.png"))

    steps = window.doc.undo_stack.count()
    click_text(dialog, "Add This Flight")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    project = window.doc.project
    added = next(m for m in project.missions if m.name == "Crew Dragon 2021-10-22")
    assert [e.kind for e in added.events] == [EventKind.LAUNCH, EventKind.DOCK, EventKind.UNDOCK, EventKind.LAND]
    assert added.first(EventKind.LAUNCH).utc == flight.launch and added.first(EventKind.DOCK).port == flight.port
    crew = added.first(EventKind.LAUNCH).crew
    assert len(crew) == 4 and set(crew) <= {p.id for p in project.people}
    assert len(project.people) == people_before + 4
    assert window.doc.undo_stack.count() == steps + 1  # one step: the mission and its four people
    assert window.time_cursor.highlights() == ([], -1)  # the preview goes with the dialog
    assert canvas.state.preview is None
    # The live check (run at the edit) finds no new conflict, nor a warning of a rule the finder passes it by.
    assert window.checker.error == ""
    assert {f for f in window.checker.findings if f.is_conflict} == conflicts_before
    assert [f for f in window.checker.findings if added.id in f.vehicles and f.rule in REJECTING_WARNINGS] == []

    press_undo(window)
    assert project.mission(added.id) is None and window.doc.project.mission(added.id) is None
    assert len(window.doc.project.missions) == missions_before
    assert len(window.doc.project.people) == people_before


def test_a_search_cancelled_part_way_stops_and_adds_nothing(window, qtbot, monkeypatch, click_text):
    from planner.finder import search

    # Each launch tried waits until the test lets it go, so the search is surely running when Cancel is clicked.
    tried, started, release = [], threading.Event(), threading.Event()
    real = search._try_launch

    def slow(*args):
        tried.append(1)
        started.set()
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(search, "_try_launch", slow)
    dialog = _open_from_menu(window, qtbot)
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    dialog.count_spin.setValue(20)  # more than the element sets' reach holds: a long search
    steps, missions = window.doc.undo_stack.count(), len(window.doc.project.missions)
    click_text(dialog, "Find")
    assert dialog.searching() and dialog.message.text() == "Searching… (Esc or Cancel to stop)"
    assert dialog.busy.isVisible() and not dialog.find_button.isEnabled()
    assert started.wait(10)
    click_text(dialog, "Cancel")
    release.set()
    _wait_idle(dialog, qtbot)
    assert len(tried) == 1  # no launch was tried after the Cancel
    assert dialog.result.stopped == "cancelled after 0 of 20 flights"
    assert "cancelled" in dialog.message.text()
    assert dialog.find_button.isEnabled() and not dialog.busy.isVisible() and not dialog.add_button.isEnabled()
    assert dialog.isVisible()  # Cancel stops the search, not the dialog
    assert window.doc.undo_stack.count() == steps and len(window.doc.project.missions) == missions


@pytest.fixture
def held_launches(monkeypatch):
    """(started, release): each launch the finder tries waits until ``release`` is set, ``started`` set when the
    first does (a search caught in the middle, whatever the machine's speed)."""
    from planner.finder import search

    started, release = threading.Event(), threading.Event()
    real = search._try_launch

    def slow(*args):
        started.set()
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(search, "_try_launch", slow)
    return started, release


def test_closing_the_dialog_while_it_searches_stops_the_search(window, qtbot, held_launches, click_text):
    started, release = held_launches
    dialog = _open_from_menu(window, qtbot)
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    click_text(dialog, "Find")
    assert started.wait(10)
    thread = dialog._thread
    release.set()
    click_text(dialog, "Close")
    assert not thread.is_alive() and not dialog.searching()
    assert window.time_cursor.highlights() == ([], -1)


def test_a_double_click_on_empty_time_on_the_timeline_opens_it_there(window, qtbot, double_click):
    window.central_tabs.setCurrentIndex(1)
    canvas = window.timeline_view.canvas
    qtbot.waitExposed(canvas)
    start = datetime(2021, 12, 1, tzinfo=UTC).timestamp()
    canvas.show_window(start, start + 86400 * 2)
    # Below every lane: nothing there but time.
    y = min(canvas.height() - 2, 28 + canvas.layout_.height + 10)
    x = canvas.scale.x(start + 86400)
    assert canvas.hit(QPointF(x, y)) is None
    double_click(canvas, QPointF(x, y))
    dialog = window.finder_dialog
    qtbot.waitUntil(dialog.isVisible)
    clicked = dialog.earliest_edit.utc().timestamp()
    assert abs(clicked - (start + 86400)) < 2 * canvas.scale.seconds_per_px + 1
    dialog.close()


def test_esc_stops_a_search_and_a_second_esc_closes_the_dialog(window, qtbot, held_launches, click_text):
    started, release = held_launches
    dialog = _open_from_menu(window, qtbot)
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    click_text(dialog, "Find")
    assert started.wait(10)
    QTest.keyClick(dialog.list, Qt.Key.Key_Escape)
    release.set()
    _wait_idle(dialog, qtbot)
    assert dialog.isVisible() and dialog.result.stopped.startswith("cancelled")
    QTest.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_plan_without_element_sets_is_refused_in_words(window, qtbot, click_text):
    from planner.gui.commands import RemoveItem

    for element_set in list(window.doc.project.element_sets):
        window.doc.undo_stack.push(RemoveItem(window.doc, "element_sets", element_set.id))
    dialog = _open_from_menu(window, qtbot)
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    click_text(dialog, "Find")
    _wait_idle(dialog, qtbot)
    assert dialog.list.topLevelItemCount() == 0 and not dialog.add_button.isEnabled()
    assert dialog.message.text().startswith("Cannot search: the plan has no element sets of the station")


def test_an_edit_of_the_plan_after_the_search_asks_for_another_search(window, qtbot, click_text):
    from planner.gui.commands import RemoveItem

    dialog = _open_from_menu(window, qtbot)
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    click_text(dialog, "Find")
    _wait_idle(dialog, qtbot)
    assert dialog.add_button.isEnabled()
    window.doc.undo_stack.push(RemoveItem(window.doc, "missions", "crew-3"))
    assert not dialog.add_button.isEnabled()
    assert dialog.message.text() == "The plan changed since this search: Find again before adding a flight."
    click_text(dialog, "Find")
    _wait_idle(dialog, qtbot)
    assert dialog.add_button.isEnabled()


def test_help_keyboard_shortcuts_lists_it(window):
    from planner.gui.shortcuts import shortcut_rows

    assert ("Edit", "Find a Flight…", "Ctrl+Shift+F") in shortcut_rows(window)


def test_an_earliest_launch_beyond_the_element_sets_is_refused_in_words(window, qtbot, click_text):
    dialog = _open_from_menu(window, qtbot)
    dialog.choose("soyuz-ms", 3, datetime(2023, 6, 1, tzinfo=UTC), 180.0)
    click_text(dialog, "Find")
    _wait_idle(dialog, qtbot)
    assert dialog.list.topLevelItemCount() == 0 and not dialog.add_button.isEnabled()
    assert dialog.message.text().startswith("Cannot search: the earliest launch, 2023-06-01")
    assert "beyond the reach of the element sets" in dialog.message.text()


def test_enter_on_a_chosen_proposal_adds_it(window, qtbot, click_text):
    dialog = _open_from_menu(window, qtbot)
    dialog.choose("crew-dragon", 4, EARLIEST, 10.0)
    click_text(dialog, "Find")
    _wait_idle(dialog, qtbot)
    item = dialog.list.topLevelItem(1)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
    launch = dialog.result.flights[1].launch
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    added = window.doc.project.missions[-1]
    assert added.name == "Crew Dragon 2021-10-23" and added.first(EventKind.LAUNCH).utc == launch
    assert window.views["missions"].selected_ids() == [added.id]
