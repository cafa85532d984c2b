"""Launch opportunities as a planner uses them: Soyuz MS-19 moved to another day's opportunity from the mission
editor's dialog, its launch and docking together in one undo step (the timeline's marks: tests/gui/timeline)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from planner.model import EventKind
from planner.model.rendezvous import default_profile
from planner.model.times import UTC, parse_utc

REAL_LAUNCH = parse_utc("2021-10-05T08:55:02Z")  # Soyuz MS-19's liftoff (the example's traffic, Roscosmos)
USE = "Use This Opportunity"


def _liftoff(row: list[str]) -> datetime:
    """The liftoff a row shows (its day and its time, UTC)."""
    assert row[1].endswith(" UTC"), row
    return datetime.strptime(f"{row[0][:10]} {row[1][:8]}", "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


@pytest.fixture
def window(active_example):
    return active_example


@pytest.fixture
def open_dialog(window, qtbot, click_mission, click_text):
    """``open_dialog()``: Soyuz MS-19 clicked in the Missions table, then the editor's Launch at an Opportunity…"""

    def open_():
        click_mission(window, "Soyuz MS-19")
        editor = window.mission_editor
        editor.scroll.ensureWidgetVisible(editor.launch_button)
        click_text(editor, "Launch at an Opportunity…")
        dialog = editor.launch_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.isModal()
        return dialog

    return open_


def test_soyuz_ms_19_moves_to_another_days_opportunity_with_its_docking_in_one_undo_step(
        window, qtbot, tmp_path, open_dialog, tree_rows, click_text, press_undo):
    dialog = open_dialog()
    assert dialog.site().name == "Baikonur Site 31/6"  # Soyuz launches from Site 31 (the catalogue's launches)
    assert dialog.profile().id == "soyuz-2-orbit"
    rows = tree_rows(dialog.list)
    days = [row[0][:10] for row in rows]
    # Two weeks either side of the launch, one opportunity a day.
    assert days[0] <= "2021-09-22" and days[-1] >= "2021-10-18" and len(days) == len(set(days))
    # The real launch lies within a few minutes of the opportunity listed on its day, which is the one chosen.
    real_row = rows[days.index("2021-10-05")]
    assert abs((_liftoff(real_row) - REAL_LAUNCH).total_seconds()) < 180
    assert dialog.current_row() == days.index("2021-10-05")
    assert real_row[3] == "northeast" and 61.0 < float(real_row[4].rstrip("°")) < 62.5

    dialog.resize(1024, 700)
    assert dialog.grab().save(str(tmp_path / "launch-dialog.png"))

    # Two days later: click that row, then the button.
    later = days.index("2021-10-07")
    item = dialog.list.topLevelItem(later)
    dialog.list.scrollToItem(item)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
    assert dialog.current_row() == later
    mission = window.doc.project.mission("soyuz-ms-19")
    before = [(e.kind, e.utc) for e in mission.events]
    steps = window.doc.undo_stack.count()
    click_text(dialog, USE)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = window.doc.project.mission("soyuz-ms-19")
    launch, dock = after.first(EventKind.LAUNCH), after.first(EventKind.DOCK)
    assert launch.utc == _liftoff(rows[later])  # the liftoff the row showed, to the second
    # Opportunities come 22-24 minutes earlier each day (docs/launch-opportunities.md): two days on, the liftoff is
    # 45.6-47.6 minutes earlier in the day than the real one (give or take the 46 s the estimate is off by).
    earlier = (REAL_LAUNCH + timedelta(days=2) - launch.utc).total_seconds() / 60
    assert 2 * 22.8 - 1 < earlier < 2 * 23.8 + 1, earlier
    assert dock.utc - launch.utc == timedelta(minutes=default_profile("soyuz-ms").minutes.typical) == \
        timedelta(minutes=190)
    assert [(e.kind, e.utc) for e in after.events[2:]] == before[2:]  # undocking and landing stay
    assert window.doc.undo_stack.count() == steps + 1

    # One Ctrl+Z puts both back.
    press_undo(window)
    assert [(e.kind, e.utc) for e in window.doc.project.mission("soyuz-ms-19").events] == before


def test_enter_chooses_escape_cancels_and_a_docking_after_the_undocking_is_refused(
        window, qtbot, open_dialog, tree_rows, click_text, escape_changes_nothing):
    steps = window.doc.undo_stack.count()
    escape_changes_nothing(window, open_dialog())

    dialog = open_dialog()
    dialog.list.setFocus()
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)
    chosen = _liftoff(tree_rows(dialog.list)[dialog.current_row()])
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.doc.project.mission("soyuz-ms-19").first(EventKind.LAUNCH).utc == chosen
    assert window.doc.undo_stack.count() == steps + 1

    # Soyuz MS-20 undocks on 19 December: an opportunity on the 21st would dock after it.
    window.views["missions"].select_ids(["soyuz-ms-20"])
    dialog = window.mission_editor.open_launch_dialog()
    end = dialog.end_edit
    end.setFocus()
    end.selectAll()
    QTest.keyClicks(end, "2021-12-22 00:00")
    QTest.keyClick(end, Qt.Key.Key_Return)  # lists the span; does not use a row
    assert dialog.isVisible()
    last = tree_rows(dialog.list)[-1]
    assert last[0].startswith("2021-12-21")
    dialog.list.setCurrentItem(dialog.list.topLevelItem(dialog.list.topLevelItemCount() - 1))
    before = window.doc.project.mission("soyuz-ms-20")
    click_text(dialog, USE)
    assert dialog.isVisible()
    assert "after its undocking at 2021-12-19T23:50:25Z" in dialog.message.text()
    assert window.doc.project.mission("soyuz-ms-20") == before
    dialog.reject()


def test_a_mission_far_from_every_element_set_is_told_so(window, qtbot):
    # Progress MS-16 docked 2021-02-17 (no launch in the plan: the span is around the liftoff that docking implies);
    # the plan's element set is of 2021-10-15.
    window.views["missions"].select_ids(["progress-ms-16"])
    dialog = window.mission_editor.open_launch_dialog()
    assert dialog.list.topLevelItemCount() == 0
    text = dialog.message.text()
    assert text.startswith("No opportunities can be listed from 2021-02-02 to 2021-03-02: ")
    assert "element set iss-2021-10-15" in text and "import one nearer that time" in text
    assert not dialog.use_button.isEnabled()
    dialog.reject()


def test_a_double_click_chooses_the_row(window, qtbot, open_dialog, tree_rows, double_click):
    dialog = open_dialog()
    row = dialog.current_row() - 3  # three days before the real launch
    item = dialog.list.topLevelItem(row)
    chosen = _liftoff(tree_rows(dialog.list)[row])
    steps = window.doc.undo_stack.count()
    dialog.list.scrollToItem(item)
    double_click(dialog.list.viewport(), QPointF(dialog.list.visualItemRect(item).center()))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    mission = window.doc.project.mission("soyuz-ms-19")
    assert chosen.date().isoformat() == "2021-10-02"
    assert mission.first(EventKind.LAUNCH).utc == chosen
    assert mission.first(EventKind.DOCK).utc == chosen + timedelta(minutes=190)
    assert window.doc.undo_stack.count() == steps + 1
