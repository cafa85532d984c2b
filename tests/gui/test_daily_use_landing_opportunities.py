"""Landing opportunities as a planner uses them: Soyuz MS-18 moved to another day's landing opportunity from the
mission editor's dialog, its landing and undocking together in one undo step; the Sun at the zone said, the night
ones greyed; what cannot be done said in words."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from planner.model import EventKind
from planner.model.times import UTC, parse_utc

# Soyuz MS-18's return (the example's traffic: tass.com): undocked 01:14, landed 04:35.
REAL_UNDOCK = parse_utc("2021-10-17T01:14:00Z")
REAL_LANDING = parse_utc("2021-10-17T04:35:00Z")
#: the Soyuz zone's time from undocking to landing (resources/landing/zones.json: 201.7 min)
UNDOCK_TO_LAND = timedelta(minutes=201, seconds=42)
USE = "Use This Opportunity"
LAND = "Land at an Opportunity…"


def _at(day: str, clock: str) -> datetime:
    """A row's day cell ('2021-10-17 Sun') and time cell ('04:35:17 UTC') as an instant."""
    assert clock.endswith(" UTC"), clock
    return datetime.strptime(f"{day[:10]} {clock[:8]}", "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def _undocking(row: list[str]) -> datetime:
    """The undocking a row shows: its time, on the row's day unless the cell names another."""
    cell = row[2]
    return _at(cell, cell[11:]) if len(cell) > 12 else _at(row[0], cell)


@pytest.fixture
def window(active_example):
    return active_example


@pytest.fixture
def open_dialog(window, qtbot, click_mission, click_text):
    """``open_dialog(name)``: the mission clicked in the Missions table, then the editor's Land at an
    Opportunity… button."""

    def open_(name: str = "Soyuz MS-18"):
        click_mission(window, name)
        editor = window.mission_editor
        editor.scroll.ensureWidgetVisible(editor.land_button)
        click_text(editor, LAND)
        dialog = editor.landing_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.isModal()
        return dialog

    return open_


def test_soyuz_ms_18_lands_a_day_later_with_its_undocking_in_one_undo_step(window, qtbot, tmp_path, open_dialog,
                                                                          tree_rows, click_text, press_undo):
    dialog = open_dialog()
    assert dialog.windowTitle() == "Land Soyuz MS-18 at an Opportunity"
    assert dialog.landing_zone().name == "Zhezkazgan"
    assert [dialog.list.headerItem().text(c) for c in range(5)] == ["Date", "Landing", "Undocking", "Sun",
                                                                    "Daylight"]
    rows = tree_rows(dialog.list)
    days = [row[0][:10] for row in rows]
    # Two weeks either side of the landing.
    assert days[0] <= "2021-10-04" and days[-1] >= "2021-10-30" and len(rows) > 20
    # The real landing lies within a few minutes of the opportunity listed on its day, in daylight; it is chosen,
    # in bold (the mission lands there now), and the undocking it implies is within a minute of the real one.
    today = days.index("2021-10-17")
    real = rows[today]
    assert abs((_at(real[0], real[1]) - REAL_LANDING).total_seconds()) < 180, real
    assert _at(real[0], real[1]) - _undocking(real) == UNDOCK_TO_LAND
    assert abs((_undocking(real) - REAL_UNDOCK).total_seconds()) < 180, real
    assert real[4] == "Yes" and 20 < float(real[3].rstrip("°")) < 30  # mid-morning: the Sun 24° up
    assert dialog.current_row() == today
    assert dialog.list.topLevelItem(today).font(1).bold()
    assert "Soyuz MS-18 lands at this opportunity now" in dialog.list.topLevelItem(today).toolTip(1)
    # Towards November the opportunities come at night: said No, and greyed.
    night = [k for k, row in enumerate(rows) if row[4] == "No"]
    assert night and all(float(rows[k][3].rstrip("°")) < -0.833 for k in night)
    assert all(float(row[3].rstrip("°")) > -0.833 for row in rows if row[4] == "Yes")
    grey = dialog.palette().placeholderText().color()
    assert dialog.list.topLevelItem(night[0]).foreground(1).color() == grey
    assert dialog.list.topLevelItem(today).foreground(1).color() != grey
    assert "outside daylight" in dialog.list.topLevelItem(night[0]).toolTip(4)
    text = dialog.message.text()
    assert text.startswith(f"{len(rows)} opportunities at Zhezkazgan, {len(rows) - len(night)} in daylight")
    assert "undocks 3 h 22 min before landing" in text

    dialog.resize(1024, 700)
    assert dialog.grab().save(str(tmp_path / "landing-dialog.png"))

    # The next day: click that row, then the button.
    later = days.index("2021-10-18")
    item = dialog.list.topLevelItem(later)
    dialog.list.scrollToItem(item)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
    assert dialog.current_row() == later
    before = [(e.kind, e.utc) for e in window.doc.project.mission("soyuz-ms-18").events]
    steps = window.doc.undo_stack.count()
    click_text(dialog, USE)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = window.doc.project.mission("soyuz-ms-18")
    land, undock = after.last(EventKind.LAND), after.last(EventKind.UNDOCK)
    assert land.utc == _at(rows[later][0], rows[later][1])  # the landing the row showed, to the second
    assert undock.utc == _undocking(rows[later]) == land.utc - UNDOCK_TO_LAND
    # The next day's pass comes some 47 minutes earlier in the day (a day is ~15.5 orbits: the nearest one is half
    # an orbit away, less the drift of the plane).
    assert timedelta(minutes=40) < REAL_LANDING + timedelta(days=1) - land.utc < timedelta(minutes=55)
    assert [(e.kind, e.utc) for e in after.events[:2]] == before[:2]  # docking and relocation stay
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == f"Land Soyuz MS-18 at {land.utc:%Y-%m-%d %H:%M} UTC"

    # One Ctrl+Z puts both back.
    press_undo(window)
    assert [(e.kind, e.utc) for e in window.doc.project.mission("soyuz-ms-18").events] == before


def test_enter_chooses_escape_cancels_and_an_undocking_before_the_relocation_is_refused(
        window, qtbot, open_dialog, tree_rows, click_text, escape_changes_nothing):
    steps = window.doc.undo_stack.count()
    escape_changes_nothing(window, open_dialog())

    dialog = open_dialog()
    dialog.list.setFocus()
    QTest.keyClick(dialog.list, Qt.Key.Key_Up)
    chosen = tree_rows(dialog.list)[dialog.current_row()]
    assert chosen[0].startswith("2021-10-16")
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    mission = window.doc.project.mission("soyuz-ms-18")
    assert mission.last(EventKind.LAND).utc == _at(chosen[0], chosen[1])
    assert mission.last(EventKind.UNDOCK).utc == _undocking(chosen)
    assert window.doc.undo_stack.count() == steps + 1

    # Soyuz MS-18 moved to Nauka on 28 September: a landing the day before would undock before that.
    dialog = open_dialog()
    start = dialog.start_edit
    start.setFocus()
    start.selectAll()
    QTest.keyClicks(start, "2021-09-20 00:00")
    QTest.keyClick(start, Qt.Key.Key_Return)  # lists the span; does not use a row
    assert dialog.isVisible()
    rows = tree_rows(dialog.list)
    assert rows[0][0] < "2021-09-22"
    row = next(k for k, r in enumerate(rows) if r[0].startswith("2021-09-27"))
    dialog.list.setCurrentItem(dialog.list.topLevelItem(row))
    before = window.doc.project.mission("soyuz-ms-18")
    click_text(dialog, USE)
    assert dialog.isVisible()
    text = dialog.message.text()
    assert text.startswith("Cannot use this opportunity: Soyuz MS-18 would undock at 2021-09-2"), text
    assert "before its relocation, redocked at 2021-09-28T13:04:00Z: choose a later opportunity" in text
    assert window.doc.project.mission("soyuz-ms-18") == before
    dialog.reject()


def test_a_double_click_chooses_the_row(window, qtbot, open_dialog, tree_rows, double_click):
    dialog = open_dialog()
    row = dialog.current_row() - 2  # two rows before the real landing
    item = dialog.list.topLevelItem(row)
    chosen = tree_rows(dialog.list)[row]
    steps = window.doc.undo_stack.count()
    dialog.list.scrollToItem(item)
    double_click(dialog.list.viewport(), QPointF(dialog.list.visualItemRect(item).center()))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    mission = window.doc.project.mission("soyuz-ms-18")
    assert chosen[0].startswith("2021-10-14")  # no opportunity on the 15th: its pass misses the zone
    assert mission.last(EventKind.LAND).utc == _at(chosen[0], chosen[1])
    assert mission.last(EventKind.UNDOCK).utc == _at(chosen[0], chosen[1]) - UNDOCK_TO_LAND
    assert window.doc.undo_stack.count() == steps + 1


def test_only_soyuz_lands_at_an_opportunity_and_the_edit_menu_opens_it_too(window, qtbot, click_mission):
    editor = window.mission_editor
    click_mission(window, "Crew-2")
    assert not editor.land_button.isEnabled()
    assert "Crew Dragon has none in the catalogue" in editor.land_button.toolTip()
    menu = window.edit_menu
    texts = [a.text() for a in menu.actions()]
    assert texts.index(LAND) == texts.index("Launch at an Opportunity…") + 1
    action = window.act_landing_opportunity
    menu.aboutToShow.emit()
    assert not action.isEnabled()
    # Opened anyway (by code), the dialog says why it lists nothing.
    dialog = editor.open_landing_dialog()
    assert dialog.list.topLevelItemCount() == 0 and not dialog.use_button.isEnabled()
    assert dialog.message.text() == ("No landing zone of the catalogue gives a time from undocking to landing for "
                                     "Crew Dragon: set its undocking and landing by hand.")
    dialog.reject()

    # Soyuz MS-20 landed 2021-12-20, 66 days from the plan's element set of 2021-10-15: listed, said to be rough.
    click_mission(window, "Soyuz MS-20")
    assert editor.land_button.isEnabled()
    menu.aboutToShow.emit()
    assert action.isEnabled()
    action.trigger()
    dialog = editor.landing_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Land Soyuz MS-20 at an Opportunity"
    text = dialog.message.text()
    assert "are more than 14 days from an element set: their times are rough" in text
    assert dialog.list.topLevelItem(0).font(1).italic()
    assert "Rough: more than 14 days from an element set" in dialog.list.topLevelItem(0).toolTip(1)
    dialog.reject()


def test_a_landing_far_from_every_element_set_is_told_so(window, open_dialog):
    # Soyuz MS-19 lands 2022-03-30; the plan's element set is of 2021-10-15.
    dialog = open_dialog("Soyuz MS-19")
    assert dialog.list.topLevelItemCount() == 0
    text = dialog.message.text()
    assert text.startswith("No opportunities can be listed from 2022-03-16 to 2022-04-13: "), text
    assert "element set iss-2021-10-15" in text and "import one nearer that time" in text
    assert not dialog.use_button.isEnabled()
    dialog.reject()
