"""Obvious fixes are offered (daily use): a planner opens a plan where a window shot has slipped into the night, the
film crew's Soyuz docks two days late, or a window shot needs a US live link the one relay left gives too late,
picks the conflict (or the warning) in the clash panel, clicks the suggested fix by its words and applies it; the
finding is gone, and one Ctrl+Z brings it back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.gui.main_window import MainWindow
from planner.resources import example_project_path
from planner.store import load_project, save_project


@pytest.fixture
def open_changed(qtbot, tmp_path, show_active, checked):
    """``open_changed(edit)``: a main window, shown and active, over a copy of the example changed by ``edit``."""

    def open_it(edit):
        project = load_project(example_project_path())
        edit(project)
        path = tmp_path / "slipped.issplan"
        save_project(project, path)
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.files.open_path(path) is None
        return checked(show_active(window))

    return open_it


def _click_finding(qtbot, panel, *words):
    """Click the clash panel's row whose sentence has all of ``words``; the finding clicked."""
    model = panel.model
    row = next(r for r in range(model.rowCount()) if all(w in model.index(r, 0).data() for w in words))
    panel.table.scrollTo(model.index(row, 0))
    rect = panel.table.visualRect(model.index(row, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.selected_finding() is model.rows[row]
    return model.rows[row]


def _click_fix(qtbot, panel, starts_with):
    """Click the suggested fix that starts with ``starts_with``, then Apply Fix; the fix's words."""
    items = [panel.fixes.item(i) for i in range(panel.fixes.count())]
    item = next(i for i in items if i.text().startswith(starts_with))
    panel.fixes.scrollToItem(item)
    qtbot.mouseClick(panel.fixes.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.fixes.visualItemRect(item).center())
    assert panel.apply_button.isEnabled()
    text = item.text()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    return text


def _conflicts(window, rule, activity):
    return [f for f in window.checker.findings if f.is_conflict and f.rule == rule and activity in f.activities]


def _into_the_night(project):
    shot = next(a for a in project.activities if a.id == "act-03")  # 'Window shot: Earth in daylight'
    shot.start += timedelta(minutes=50)
    shot.end += timedelta(minutes=50)


def _soyuz_two_days_late(project):
    for event in project.mission("soyuz-ms-19").events[:2]:  # its launch and docking
        event.utc += timedelta(days=2)


def test_a_shot_out_of_daylight_moves_to_the_nearest_daylight_and_back(qtbot, tmp_path, open_changed):
    window = open_changed(_into_the_night)
    panel = window.clash_panel
    assert _conflicts(window, "activity-orbit", "act-03")
    steps = window.doc.undo_stack.count()
    _click_finding(qtbot, panel, "Window shot: Earth in daylight", "needs daylight")
    text = _click_fix(qtbot, panel, "move to")
    assert text == "move to 2021-10-07 11:21–11:51 UTC (30 min later), the nearest time in daylight"

    assert not _conflicts(window, "activity-orbit", "act-03")
    assert [f for f in window.checker.findings if f.is_conflict] == []
    shot = next(a for a in window.doc.project.activities if a.id == "act-03")
    assert (shot.start.isoformat(), shot.end.isoformat()) == ("2021-10-07T11:21:00+00:00", "2021-10-07T11:51:00+00:00")
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == f"Fix: {text}"

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _conflicts(window, "activity-orbit", "act-03")
    shot = next(a for a in window.doc.project.activities if a.id == "act-03")
    assert shot.start.isoformat() == "2021-10-07T10:51:00+00:00"


def test_activities_left_before_a_late_docking_move_with_the_stay_and_back(qtbot, tmp_path, open_changed):
    window = open_changed(_soyuz_two_days_late)
    panel = window.clash_panel
    assert len(_conflicts(window, "activity-outside-stay", "act-02")) == 3  # the three who came on the Soyuz
    _click_finding(qtbot, panel, "Klim Shipenko is not aboard", "Scene: first night aboard")
    text = _click_fix(qtbot, panel, "move with the stay")
    assert text == ("move with the stay to 2021-10-07 12:23–15:23 UTC (20 h 23 min later), the nearest time "
                    "Yulia Peresild, Klim Shipenko and Anton Shkaplerov are all aboard")
    assert _conflicts(window, "activity-outside-stay", "act-02") == []
    assert window.doc.undo_stack.undoText() == f"Fix: {text}"

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(_conflicts(window, "activity-outside-stay", "act-02")) == 3


def test_the_clash_panel_lists_the_fix(qtbot, tmp_path, open_changed):
    window = open_changed(_soyuz_two_days_late)
    panel = window.clash_panel
    _click_finding(qtbot, panel, "Anton Shkaplerov is not aboard", "Live downlink")
    texts = [panel.fixes.item(i).text() for i in range(panel.fixes.count())]
    assert texts == ["move with the stay to 2021-10-07 13:40–13:44 UTC (1 d 49 min later), the nearest time "
                     "Yulia Peresild, Klim Shipenko and Anton Shkaplerov are all aboard, with Mission Control "
                     "Moscow (Korolyov) in view"]
    item = panel.fixes.item(0)
    assert item.toolTip().startswith(texts[0])  # the whole sentence, however narrow the panel
    panel.grab().save(str(tmp_path / "clash-panel.png"))


def _shot_needs_a_us_link(project):
    from planner.model import Need, NeedKind

    shot = next(a for a in project.activities if a.id == "act-03")  # 'Window shot: Earth in daylight', 10:01-10:31
    shot.needs = shot.needs + (Need(NeedKind.LIVE_LINK, network="us"),)


def _link_warnings(window, activity):
    return [f for f in window.checker.findings if f.rule == "activity-link" and activity in f.activities]


def test_a_shot_without_its_live_link_moves_to_the_nearest_link_in_daylight_and_back(qtbot, tmp_path, open_changed,
                                                                                      monkeypatch):
    from planner.orbit import coverage

    # The relay catalogue of the TDRS at 275 W alone (as if the others were out of service): it comes into the
    # station's view at 10:13 that morning, a quarter of an hour too late for the shot.
    kept = tuple(r for r in coverage.relays() if r.id == "tdrs-275w")
    monkeypatch.setattr(coverage, "_catalogue", lambda: kept)
    window = open_changed(_shot_needs_a_us_link)
    panel = window.clash_panel
    [warning] = _link_warnings(window, "act-03")
    assert "12.4 min of its 30 without a US link (TDRS)" in warning.message
    before = [f for f in window.checker.findings if f.rule != "activity-link"]
    steps = window.doc.undo_stack.count()
    _click_finding(qtbot, panel, "Window shot: Earth in daylight", "without a US link")
    assert panel.fixes.count() == 1
    panel.grab().save(str(tmp_path / "clash-panel-link.png"))
    text = _click_fix(qtbot, panel, "move to")
    assert text == ("move to 2021-10-07 10:14–10:44 UTC (13 min later), the nearest time with a US link (TDRS) for its "
                    "whole length, in daylight")

    assert _link_warnings(window, "act-03") == []
    assert [f for f in window.checker.findings if "act-03" in f.activities] == []  # in daylight still
    assert [f.message for f in window.checker.findings] == [f.message for f in before]  # nothing else changed
    shot = next(a for a in window.doc.project.activities if a.id == "act-03")
    assert (shot.start.isoformat(), shot.end.isoformat()) == ("2021-10-07T10:14:00+00:00", "2021-10-07T10:44:00+00:00")
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == f"Fix: {text}"

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(_link_warnings(window, "act-03")) == 1
    shot = next(a for a in window.doc.project.activities if a.id == "act-03")
    assert shot.start.isoformat() == "2021-10-07T10:01:00+00:00"
