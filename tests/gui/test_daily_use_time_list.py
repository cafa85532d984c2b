"""The Time List dock: the example's activities in time order with their countdowns at an injected now, from a
crewed visit, from now or from the time cursor; a double-click selects; keys and the context menu mark the status,
one undo step each; the countdowns follow the clock."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.model import ActivityStatus

# A combo box's list is a popup: the offscreen platform says it cannot raise it or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

#: 6 Oct 2021 14:05 GMT, the film crew's first full day aboard (Soyuz MS-19 docked on 5 Oct at 12:22)
NOW = datetime(2021, 10, 6, 14, 5, tzinfo=timezone.utc)


@pytest.fixture
def window(active_example):
    window = active_example
    window.clock.set_now(NOW.timestamp())
    dock = window.docks["time_list"]
    dock.show()
    dock.raise_()
    QApplication.processEvents()
    return window


def _choose(combo, text: str) -> None:
    """Open ``combo``'s list and click the entry showing ``text``."""
    combo.showPopup()
    view = combo.view()
    index = view.model().index(combo.findText(text), 0)
    assert index.isValid(), (text, [combo.itemText(i) for i in range(combo.count())])
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert combo.currentText() == text


def _click_dock_tab(window, title: str) -> None:
    """Click the tab of a tabbed dock, as a user brings it to the front."""
    from PySide6.QtWidgets import QTabBar

    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
    bar, index = next((b, i) for b in bars for i in range(b.count()) if b.tabText(i) == title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    QApplication.processEvents()


def _row_rect(panel, activity_id: str):
    tree = panel.tree
    item = next(tree.topLevelItem(r) for r in range(tree.topLevelItemCount())
                if tree.topLevelItem(r).data(2, Qt.ItemDataRole.UserRole) == activity_id)
    tree.scrollToItem(item)
    return tree.visualItemRect(item)


def _status(window, activity_id):
    return next(a for a in window.doc.project.activities if a.id == activity_id).status


def test_a_visit_lists_its_activities_in_order_with_their_countdowns(window):
    panel = window.time_list
    sources = [panel.source.itemText(i) for i in range(panel.source.count())]
    # The crewed visits, by their days at the station; Crew-3 has no departure in the plan.
    assert sources[:2] == ["From the time cursor", "From now"]
    assert "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022" in sources
    assert "Soyuz MS-20 visit, 08 Dec – 19 Dec 2021" in sources
    assert "Crew-3 visit, from 11 Nov 2021" in sources
    _choose(panel.source, "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022")
    assert not panel.days.isEnabled()  # a visit has its own days
    rows = panel.texts()
    assert [r[2] for r in rows] == [a.title for a in sorted(window.doc.project.activities, key=lambda a: a.start)]
    assert rows[0] == ["ended 1 h 10 min ago", "279/12:50",
                       "Live downlink: the film crew greets Mission Control Moscow",
                       "Yulia Peresild, Klim Shipenko, Anton Shkaplerov", "4 min", "Planned"]
    # 16:00 today, 10:01 tomorrow, 08:30 on 8 Oct, 09:00 on 9 Oct (66 h 55 min: days and hours from two days on).
    assert [r[0] for r in rows[1:5]] == ["in 1 h 55 min", "in 19 h 56 min", "in 42 h 25 min", "in 2 d 19 h"]
    assert [r[1] for r in rows[1:5]] == ["279/16:00", "280/10:01", "281/08:30", "282/09:00"]
    assert rows[1][4] == "3 h 00 min" and rows[1][5] == "Planned"
    assert panel.tree.topLevelItem(0).toolTip(1) == "GMT 279/12:50\nHouston 07:50 CDT\nMoscow 15:50"

    # The clock ticks: the first night's scene is on, then over with no word of it.
    window.clock.set_now(datetime(2021, 10, 6, 16, 48, tzinfo=timezone.utc).timestamp())
    assert panel.texts()[1][0] == "now, 2 h 12 min left"
    assert panel.tree.topLevelItem(1).font(2).bold()
    window.clock.set_now(datetime(2021, 10, 6, 19, 20, tzinfo=timezone.utc).timestamp())
    assert panel.texts()[1][0] == "ended 20 min ago"


def test_from_now_and_from_the_cursor_over_days(window):
    panel = window.time_list
    _choose(panel.source, "From now")
    # Two days from 14:05: what ended unmarked this last hour, then up to 8 Oct 14:05.
    assert [r[2] for r in panel.texts()] == [
        "Live downlink: the film crew greets Mission Control Moscow", "Scene: first night aboard",
        "Window shot: Earth in daylight", "Scene: the cosmonaut falls ill"]
    panel.days.setFocus()
    QTest.keyClick(panel.days, Qt.Key.Key_Down)  # one day
    assert panel.days.text() == "1 day"
    assert [r[2] for r in panel.texts()][-1] == "Window shot: Earth in daylight"
    # The list moves on with the clock: a day later the first two are gone (the downlink ended 25 h ago).
    window.clock.set_now(datetime(2021, 10, 7, 15, 0, tzinfo=timezone.utc).timestamp())
    assert [r[2] for r in panel.texts()] == ["Window shot: Earth in daylight", "Scene: the cosmonaut falls ill"]
    assert panel.texts()[0][0] == "ended 4 h 29 min ago"

    _choose(panel.source, "From the time cursor")
    window.time_cursor.set_time(datetime(2021, 10, 12, 0, 0, tzinfo=timezone.utc).timestamp())
    assert [r[1] for r in panel.texts()] == ["285/09:45"]  # one day from the cursor: the press conference
    window.time_cursor.set_time(datetime(2022, 1, 1, tzinfo=timezone.utc).timestamp())
    assert panel.texts() == [] and panel.empty.isVisible()
    assert panel.empty.text().startswith("No activities from 01 Jan 2022 00:00 GMT to 02 Jan 2022 00:00 GMT")


def test_a_double_click_selects_the_activity_everywhere(window, double_click):
    panel = window.time_list
    canvas = window.timeline_view.canvas  # (built when first asked for)
    _choose(panel.source, "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022")
    double_click(panel.tree.viewport(), QPointF(_row_rect(panel, "act-03").center()))
    assert window.views["activities"].selected_ids() == ["act-03"]
    assert window.activity_editor.activity().id == "act-03"
    assert window.time_cursor.time() == datetime(2021, 10, 7, 10, 1, tzinfo=timezone.utc).timestamp()
    assert canvas.state.selected_activities == {"act-03"}
    # Selected in the Activities table: the list follows (without sending it back).
    window.views["activities"].select_ids(["act-05"])
    assert panel.selected_ids() == ["act-05"]


def test_keys_and_the_context_menu_mark_the_status_one_undo_step_each(window):
    panel = window.time_list
    _choose(panel.source, "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022")
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=_row_rect(panel, "act-01").center())
    assert panel.tree.hasFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_D)
    assert _status(window, "act-01") is ActivityStatus.DONE
    assert panel.texts()[0][0] == "done" and panel.texts()[0][5] == "Done"
    stack = window.doc.undo_stack
    assert stack.text(stack.index() - 1) == "Mark Live downlink: the film crew greets Mission Control Moscow done"
    QTest.keyClick(panel.tree, Qt.Key.Key_Down)  # the next row, the first night's scene
    QTest.keyClick(panel.tree, Qt.Key.Key_I)
    assert _status(window, "act-02") is ActivityStatus.IN_PROGRESS
    assert panel.texts()[1][0] == "now, 4 h 55 min left"  # started early: on until 19:00
    # Two rows with Shift+click, skipped from the context menu: one step.
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     _row_rect(panel, "act-03").center())
    assert panel.selected_ids() == ["act-02", "act-03"]
    menu = panel.context_menu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Select and Show", "Mark Planned", "Mark In Progress", "Mark Done", "Mark Skipped",
                     "Show Done and Skipped"]
    assert [a.shortcut().toString() for a in menu.actions() if a.text().startswith("Mark")] == ["P", "I", "D", "S"]
    next(a for a in menu.actions() if a.text() == "Mark Skipped").trigger()
    assert {_status(window, a) for a in ("act-02", "act-03")} == {ActivityStatus.SKIPPED}
    assert stack.text(stack.index() - 1) == "Mark 2 activities skipped"
    assert panel.tree.topLevelItem(2).font(2).strikeOut()
    window.act_undo.trigger()
    assert (_status(window, "act-02"), _status(window, "act-03")) == (ActivityStatus.IN_PROGRESS,
                                                                       ActivityStatus.PLANNED)
    assert panel.tree.topLevelItem(2).foreground(2) != panel.tree.topLevelItem(0).foreground(2)  # not greyed now
    # Done and skipped ones can be left out (the menu's last entry).
    window.act_redo.trigger()
    next(a for a in panel.context_menu().actions() if a.text() == "Show Done and Skipped").trigger()
    assert [r[2] for r in panel.texts()][:2] == ["Scene: the cosmonaut falls ill", "Surgery scene, part 1"]


def test_help_lists_the_status_keys(window):
    from planner.gui.shortcuts import shortcut_rows

    rows = shortcut_rows(window)
    assert ("Time List panel", "Mark Done", "D") in rows
    assert ("Time List panel", "Mark Skipped", "S") in rows


def test_hidden_it_waits_and_catches_up_when_shown(window):
    panel = window.time_list
    _choose(panel.source, "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022")
    _click_dock_tab(window, "Clashes")  # the time list's tab behind (still "visible" to Qt, but not seen)
    assert panel.visibleRegion().isEmpty()
    before = panel.texts()
    window.clock.set_now(datetime(2021, 10, 6, 15, 5, tzinfo=timezone.utc).timestamp())
    window.views["activities"].select_ids(["act-02"])
    window.activity_editor.status_combo.setCurrentIndex(2)  # Done
    window.activity_editor.status_combo.activated.emit(2)
    assert panel.texts() == before  # nothing redone while hidden
    _click_dock_tab(window, "Time List")
    assert not panel.visibleRegion().isEmpty()
    assert [r[0] for r in panel.texts()[:3]] == ["ended 2 h 10 min ago", "done", "in 18 h 56 min"]
    # The visit's mission deleted: the list falls back on the time cursor, and says what it lists.
    window.views["missions"].select_ids(["soyuz-ms-19"])
    window.act_delete.trigger()
    assert panel.source.currentText() == "From the time cursor" and panel.days.isEnabled()
    assert "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022" not in [panel.source.itemText(i)
                                                                  for i in range(panel.source.count())]


def test_a_visits_list_opens_at_what_is_on_or_next(window):
    panel = window.time_list
    panel.tree.setFixedHeight(4 * panel.tree.sizeHintForRow(0))  # a few rows on screen
    window.clock.set_now(datetime(2021, 10, 12, 9, 0, tzinfo=timezone.utc).timestamp())
    _choose(panel.source, "Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022")
    QApplication.processEvents()
    top = panel.tree.itemAt(5, 5)
    assert top.text(2) == "Live downlink: press conference with Roscosmos" and top.text(0) == "in 45 min"
