"""Live clash checking as a planner meets it: dock at an occupied port, see the conflict, apply the
suggested free port, undo, redo, save, reopen."""

from __future__ import annotations

import pytest

from planner.gui.main_window import MainWindow
from planner.gui.time_edit import to_qdatetime
from planner.model import EventKind
from planner.model.times import parse_utc


@pytest.fixture
def window(example_window):
    return example_window


def _conflicts(window):
    return [f for f in window.checker.findings if f.is_conflict]


def _set_event(window, kind, when=None, port=None):
    editor = window.mission_editor
    mission = editor.mission()
    index = next(i for i, e in enumerate(mission.events) if e.kind is kind)
    editor.events_table.selectRow(index)
    if when is not None:
        editor.time_edit.setDateTime(to_qdatetime(parse_utc(when)))  # as if typed
        editor.time_edit.editingFinished.emit()
    if port is not None:
        combo = editor.port_combo
        combo.setCurrentIndex(combo.findData(port))
        combo.activated.emit(combo.currentIndex())


def test_the_example_opens_with_no_conflicts(window):
    assert _conflicts(window) == []
    assert window.clash_status.text().startswith("0 conflicts")


def test_dock_at_an_occupied_port_apply_the_free_port_undo_redo_save_reopen(window, tmp_path, qtbot, checked):
    window.act_new_mission.trigger()
    mission_id = window.mission_editor.mission_id
    # A Soyuz docking at Rassvet while Soyuz MS-19 is there.
    _set_event(window, EventKind.LAUNCH, when="2021-12-01T08:00:00Z")
    mission = window.doc.project.mission(mission_id)
    assert mission.first(EventKind.LAUNCH).utc == parse_utc("2021-12-01T08:00:00Z")
    _set_event(window, EventKind.DOCK, when="2021-12-01T12:00:00Z", port="rassvet-nadir")
    _set_event(window, EventKind.UNDOCK, when="2021-12-03T12:00:00Z", port="rassvet-nadir")
    _set_event(window, EventKind.LAND, when="2021-12-03T15:00:00Z")
    clash = [f for f in _conflicts(window) if f.rule == "port-double-booking" and mission_id in f.vehicles]
    assert clash, window.checker.findings
    assert "rassvet-nadir" in clash[0].message
    assert "conflict" in window.clash_status.text()

    # The panel lists it; its fixes include a free compatible port.
    panel = window.clash_panel
    messages = [panel.model.index(i, 0).data() for i in range(panel.model.rowCount())]
    assert clash[0].message in messages
    finding = window.checker.with_fixes(clash[0])
    use_port = [s for s in finding.suggestions if s.action == "use-port"]
    assert use_port
    steps_before = window.doc.undo_stack.count()
    assert window.apply_fix(finding, use_port[0])
    assert window.doc.undo_stack.count() == steps_before + 1
    assert not [f for f in _conflicts(window) if mission_id in f.vehicles and f.rule == "port-double-booking"]
    fixed = window.doc.project.mission(use_port[0].vehicle)
    assert any(e.port == use_port[0].port for e in fixed.events)

    window.act_undo.trigger()
    assert [f for f in _conflicts(window) if f.rule == "port-double-booking" and mission_id in f.vehicles]
    window.act_redo.trigger()
    assert not [f for f in _conflicts(window) if f.rule == "port-double-booking" and mission_id in f.vehicles]

    target = tmp_path / "fixed.issplan"
    assert window.files.save_as(target)
    reopened = MainWindow()
    qtbot.addWidget(reopened)
    assert reopened.files.open_path(target) is None
    checked(reopened)
    assert reopened.doc.project == window.doc.project
    assert [f.message for f in reopened.checker.findings] == [f.message for f in window.checker.findings]


def test_clicking_a_finding_selects_its_vehicles_and_moves_the_time_cursor(window, qtbot):
    import copy

    from planner.gui.commands import ReplaceItem

    ms18 = copy.deepcopy(window.doc.project.mission("soyuz-ms-18"))
    ms18.events = [e for e in ms18.events if e.kind is not EventKind.RELOCATE]
    for event in ms18.events:
        if event.kind is EventKind.UNDOCK:
            event.port = "rassvet-nadir"
    window.doc.undo_stack.push(ReplaceItem(window.doc, "missions", "soyuz-ms-18", ms18))
    (clash,) = _conflicts(window)
    assert clash.message == ("Soyuz MS-19 and Soyuz MS-18 both at rassvet-nadir from 2021-10-05 12:22 UTC "
                             "to 2021-10-17 01:14 UTC")
    panel = window.clash_panel
    with qtbot.waitSignal(window.time_cursor.windowRequested) as shown:
        panel.select_row(0)
    assert shown.args[0] == parse_utc("2021-10-05T12:22:31Z").timestamp()
    assert shown.args[1] == parse_utc("2021-10-17T01:14:00Z").timestamp()
    assert set(window.views["missions"].selected_ids()) == {"soyuz-ms-18", "soyuz-ms-19"}


def test_the_panel_is_a_sound_model_and_applies_a_fix_from_its_row(window, qtmodeltester):
    import copy

    from planner.gui.commands import ReplaceItem

    crew3 = copy.deepcopy(window.doc.project.mission("crew-3"))
    for event in crew3.events:
        if event.port == "harmony-forward":
            event.port = "harmony-zenith"  # CRS-24 then docks there too: a double booking with fixes
    window.doc.undo_stack.push(ReplaceItem(window.doc, "missions", "crew-3", crew3))
    panel = window.clash_panel
    qtmodeltester.check(panel.model, force_py=True)
    row = next(r for r in range(panel.model.rowCount()) if "CRS-24 and Crew-3" in panel.model.index(r, 0).data())
    panel.select_row(row)
    texts = [panel.fixes.item(i).text() for i in range(panel.fixes.count())]
    panel.fixes.setCurrentRow(next(i for i, t in enumerate(texts) if t.startswith("use harmony-forward")))
    assert panel.apply_button.isEnabled()
    panel.apply_button.click()
    assert not [f for f in window.checker.findings if f.rule == "port-double-booking"]
    assert window.doc.undo_stack.undoText().startswith("Fix: use harmony-forward")


def test_a_big_opened_project_is_kept_out_of_the_cycle_collectors_way(example_window, qtbot, monkeypatch):
    import gc

    from planner.gui import heap

    gc.unfreeze()
    example_window.doc.reset(example_window.doc.project, example_window.doc.path)
    qtbot.wait(50)
    assert gc.get_freeze_count() == 0  # the example is small: left to the collector
    monkeypatch.setattr(heap, "BIG_PLAN_ITEMS", 10)
    example_window.doc.reset(example_window.doc.project, example_window.doc.path)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    gc.unfreeze()


def test_the_selected_finding_is_shown_in_full(example_window, qtbot):
    panel = example_window.clash_panel
    assert not panel.detail.isVisibleTo(panel)
    panel.table.selectRow(0)
    finding = panel.selected_finding()
    assert panel.detail.text() == finding.message and panel.detail.isVisibleTo(panel)
