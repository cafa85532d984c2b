"""Editing activities, people, ground sites as a planner does; every change undoable, references kept whole."""

from __future__ import annotations

import pytest

from planner.gui.time_edit import to_qdatetime
from planner.model import NeedKind


@pytest.fixture
def window(example_window):
    return example_window


def _activity(window, activity_id):
    return next(a for a in window.doc.project.activities if a.id == activity_id)


def test_selecting_an_activity_shows_it_in_the_editor(window):
    window.views["activities"].select_ids(["act-03"])
    editor = window.activity_editor
    assert window.editor_stack.currentWidget() is editor
    assert editor.title_edit.text() == "Window shot: Earth in daylight"
    assert editor.need_daylight.isChecked() and not editor.need_shadow.isChecked()


def test_moving_an_activity_keeps_its_length_and_can_break_its_daylight_need(window):
    window.views["activities"].select_ids(["act-03"])
    editor = window.activity_editor
    before = _activity(window, "act-03")
    length = before.end - before.start
    assert not [f for f in window.checker.findings if "act-03" in f.activities]
    # Half an orbit later the station is in Earth's shadow.
    later = before.start.replace(minute=(before.start.minute + 46) % 60, hour=before.start.hour + (before.start.minute + 46) // 60)
    editor.start_edit.setDateTime(to_qdatetime(later))
    editor.start_edit.editingFinished.emit()
    moved = _activity(window, "act-03")
    assert moved.start == later and moved.end - moved.start == length
    findings = [f for f in window.checker.findings if "act-03" in f.activities]
    assert findings and findings[0].rule == "activity-orbit", window.checker.findings
    window.act_undo.trigger()
    assert _activity(window, "act-03") == before
    assert not [f for f in window.checker.findings if "act-03" in f.activities]


def test_needs_and_people_are_edited_with_checkboxes(window):
    window.views["activities"].select_ids(["act-02"])
    editor = window.activity_editor
    editor.need_shadow.setChecked(True)
    assert NeedKind.SHADOW in {n.kind for n in _activity(window, "act-02").needs}
    item = next(editor.people_list.item(i) for i in range(editor.people_list.count())
                if editor.people_list.item(i).text().startswith("Mark Vande Hei"))
    item.setCheckState(item.checkState().__class__.Checked)
    assert "mark-vande-hei" in _activity(window, "act-02").people
    editor.title_edit.textEdited.emit("Scene: first night")
    editor.title_edit.textEdited.emit("Scene: first night aboard the ISS")
    steps = window.doc.undo_stack.count()
    assert _activity(window, "act-02").title == "Scene: first night aboard the ISS"
    window.act_undo.trigger()  # the two title keystrokes are one step
    assert _activity(window, "act-02").title == "Scene: first night aboard"
    assert window.doc.undo_stack.index() == steps - 1


def test_deleting_a_person_removes_them_from_crews_and_activities_in_one_step(window):
    window.views["people"].select_ids(["yulia-peresild"])
    assert window.active_collection == "people"
    window.act_delete.trigger()
    project = window.doc.project
    assert project.person("yulia-peresild") is None
    assert all("yulia-peresild" not in e.crew for m in project.missions for e in m.events)
    assert all("yulia-peresild" not in a.people for a in project.activities)
    # The project can still be saved and loaded (no dangling reference).
    from planner.store import project_from_json, project_to_json

    assert project_from_json(project_to_json(project)) == project
    window.act_undo.trigger()
    assert window.doc.project.person("yulia-peresild") is not None
    assert "yulia-peresild" in window.doc.project.mission("soyuz-ms-19").events[0].crew
    assert not window.isWindowModified()


def test_editing_a_ground_site_and_deleting_it_drops_the_needs_on_it(window):
    window.views["sites"].select_ids(["mcc-moscow"])
    form = window.record_forms["sites"]
    assert window.editor_stack.currentWidget() is form
    form.editors["lat_deg"].setValue(55.75)
    assert window.doc.project.sites[0].lat_deg == 55.75
    window.act_delete.trigger()
    assert all(n.site != "mcc-moscow" for a in window.doc.project.activities for n in a.needs)
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.doc.project.sites[0].lat_deg == 55.91
    assert not window.isWindowModified()


def test_new_activity_and_new_person(window):
    window.act_new_activity.trigger()
    assert window.editor_stack.currentWidget() is window.activity_editor
    assert window.activity_editor.activity().title == "New activity"
    window.act_new_person.trigger()
    assert window.record_forms["people"].item().name == "New person"
    window.record_forms["people"].editors["name"].textEdited.emit("Tom Cruise")
    assert any(p.name == "Tom Cruise" for p in window.doc.project.people)


def test_the_port_picker_marks_which_ports_are_free_over_the_stay(window):
    window.views["missions"].select_ids(["soyuz-ms-20"])
    editor = window.mission_editor
    mission = editor.mission()
    editor.events_table.selectRow(next(i for i, e in enumerate(mission.events) if e.kind.value == "dock"))
    labels = {editor.port_combo.itemData(i): editor.port_combo.itemText(i) for i in range(editor.port_combo.count())}
    # Soyuz MS-20 stays 2021-12-08 to 12-19: MS-19 holds Rassvet, the M-UM tug holds Prichal nadir until
    # 12-22, Pirs is gone; Poisk zenith (where MS-20 really docked) is free.
    assert labels["poisk-zenith"].endswith("free")
    assert "busy: Soyuz MS-19" in labels["rassvet-nadir"]
    assert "busy: Progress M-UM" in labels["prichal-nadir"]
    assert "gone after 2021-07-26" in labels["pirs-nadir"]
    assert set(labels) == {"rassvet-nadir", "poisk-zenith", "zvezda-aft", "pirs-nadir", "nauka-nadir", "prichal-nadir"}


def test_a_vehicle_arriving_attached_to_another_is_one_dynamic_event_until_detached(window):
    """Progress M-UM brought Prichal: one arrival. Detached in the editor, the two arrivals clash on spacing."""
    window.views["missions"].select_ids(["progress-m-um"])
    editor = window.mission_editor
    combo = editor.with_combo
    assert combo.currentData() == "prichal" and "Prichal" in combo.currentText()

    def both_arrivals_clash():
        return [f for f in window.checker.findings
                if f.rule == "spacing" and set(f.vehicles) == {"prichal", "progress-m-um"}]

    assert not both_arrivals_clash()
    combo.setCurrentIndex(combo.findData(None))
    combo.activated.emit(combo.currentIndex())
    assert editor.mission().arrives_with is None
    [finding] = both_arrivals_clash()
    assert "0.0 h apart" in finding.message
    window.doc.undo_stack.undo()
    assert editor.mission().arrives_with == "prichal" and combo.currentData() == "prichal"
    assert not both_arrivals_clash()
