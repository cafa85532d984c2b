"""Filming windows into the plan as a planner uses them: a window found within a stay becomes an activity of that
stay's crew, an existing activity is moved into a window in one undo step, and chosen windows are exported."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QFileDialog

from planner.model.times import parse_utc

FILM_CREW = ("anton-shkaplerov", "yulia-peresild", "klim-shipenko")  # who came on Soyuz MS-19


def _within_stay(window, mission_name: str, days: float = 1.0, light: str = "sunlit"):
    """The dialog searching ``days`` of the stay of ``mission_name`` for windows in ``light``, chosen as a user does."""
    dialog = window.map_panel.open_windows_dialog()
    combo = dialog.stay_combo
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(mission_name))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    dialog.end_edit.set_utc(dialog.start_edit.utc() + timedelta(days=days))
    dialog.light_combo.setCurrentIndex(dialog.light_combo.findData(light))
    assert dialog.find()
    return dialog


def _click_row(dialog, row: int) -> None:
    dialog.list.setCurrentItem(dialog.list.topLevelItem(row))


def test_an_activity_added_from_a_window_within_a_stay_is_that_stays_crews(window):
    dialog = _within_stay(window, "Soyuz MS-19")
    _click_row(dialog, 1)
    assert dialog.add_button.toolTip() == "A new activity over window #2 for Anton Shkaplerov, Yulia Peresild, " \
                                          "Klim Shipenko"
    dialog.title_edit.setText("Scene: arrival")
    dialog.add_button.click()
    added = window.doc.project.activities[-1]
    assert added.title == "Scene: arrival" and added.people == FILM_CREW
    assert dialog.message.text() == ("Added the activity 'Scene: arrival' for Anton Shkaplerov, Yulia Peresild, "
                                     "Klim Shipenko.")
    # Independently of the dialog: the station state has each of them aboard for all of it.
    timeline = window.station.timeline
    for person in added.people:
        assert any(s.start <= added.start.timestamp() and added.end.timestamp() <= s.end
                   for s in timeline.people[person].stays)
    assert not [f for f in window.checker.findings if added.id in f.activities]


def test_the_stays_crew_is_who_came_on_it_and_is_still_aboard(window):
    # Soyuz MS-18 came with Novitskiy, Dubrov and Vande Hei; the film crew only leaves on it.
    dialog = _within_stay(window, "Soyuz MS-18 at nauka-nadir")
    assert dialog.crew_for(0) == ("oleg-novitskiy", "pyotr-dubrov", "mark-vande-hei")
    # Without a stay, nobody is made up.
    dialog.stay_combo.setCurrentIndex(0)
    dialog.find()
    assert dialog.crew_for(0) == () and dialog.activity_for(0).people == ()


def test_an_existing_activity_moves_into_the_chosen_window_as_one_undo_step(window):
    project = window.doc.project
    dialog = _within_stay(window, "Soyuz MS-19", days=2.0)
    original = next(a for a in project.activities if a.id == "act-03")  # a 30-minute daylight shot
    combo = dialog.activity_combo
    assert combo.currentData() is None and not dialog.retime_button.isEnabled()  # nothing chosen yet
    combo.setCurrentIndex(combo.findData("act-03"))
    assert combo.currentText() == "Window shot: Earth in daylight (2021-10-07 10:01 UTC)"
    row = next(i for i, w in enumerate(dialog.results) if w.duration_s > 35 * 60)
    _click_row(dialog, row)
    steps = window.doc.undo_stack.count()
    dialog.retime_button.click()
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == "Re-time Window shot: Earth in daylight"
    moved = next(a for a in project.activities if a.id == "act-03")
    w = dialog.results[row]
    assert moved.start.timestamp() >= w.start and moved.end.timestamp() <= w.end
    assert moved.start.timestamp() - w.start < 1.0 and moved.duration_s == original.duration_s
    assert (moved.people, moved.needs, moved.title) == (original.people, original.needs, original.title)
    assert dialog.message.text().startswith("Moved 'Window shot: Earth in daylight' to ")
    assert combo.currentData() == "act-03"  # still chosen after the plan changed, at its new time
    assert combo.currentText() == f"Window shot: Earth in daylight ({moved.start:%Y-%m-%d %H:%M} UTC)"
    # An activity added meanwhile is listed when the list is next opened (or the dialog shown again).
    dialog.add_button.click()
    assert combo.stale and combo.findData(project.activities[-1].id) == -1
    dialog.hide()
    dialog.show()
    assert not combo.stale and combo.findData(project.activities[-1].id) > 0
    assert combo.currentData() == "act-03"
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert next(a for a in project.activities if a.id == "act-03") == original


def test_an_activity_longer_than_the_window_is_fitted_to_it_and_told(window):
    dialog = _within_stay(window, "Soyuz MS-19")
    dialog.place_combo.setCurrentIndex(dialog.place_combo.findData("Russia"))  # a few minutes over Russia
    assert dialog.find()
    w = dialog.results[0]
    moved = dialog.retime_activity("act-05", 0)  # five hours of surgery scene
    assert moved.start.timestamp() == pytest.approx(w.start, abs=1.0)
    assert moved.end.timestamp() == pytest.approx(w.end, abs=1.0)
    assert "shortened from 300.0 to" in dialog.message.text()


def test_chosen_windows_export_with_the_site_searched_for(window, monkeypatch, tmp_path):
    answers = []

    def ask(_parent, title, start, filters="", selected="", *args, **kwargs):
        answers.append((title, start))
        return str(tmp_path / "windows.kml"), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    dialog = window.map_panel.open_windows_dialog()
    window.time_cursor.set_time(parse_utc("2021-10-06T00:00:00Z").timestamp())
    dialog.start_edit.set_utc(parse_utc("2021-10-06T00:00:00Z"))
    dialog.end_edit.set_utc(parse_utc("2021-10-08T00:00:00Z"))
    moscow = next(s for s in window.doc.project.sites if s.id == "mcc-moscow")
    dialog.site_combo.setCurrentIndex(dialog.site_combo.findData(moscow))
    found = dialog.find()
    assert len(found) >= 3 and dialog.export_button.isEnabled()
    dialog.list.topLevelItem(0).setSelected(True)
    dialog.list.topLevelItem(2).setSelected(True)
    dialog.export_button.click()
    ((title, offered),) = answers
    assert title == "Export Filming Windows" and offered.endswith("filming-windows-2021-10-06.ics")
    kml = "{http://www.opengis.net/kml/2.2}"
    root = ET.parse(tmp_path / "windows.kml").getroot()
    marks = {f.findtext(f"{kml}name"): f.findall(f"{kml}Placemark") for f in root.iter(f"{kml}Folder")}
    in_time = sorted((0, 2), key=lambda row: found[row].start)  # ranked in the list, in time order in the file
    assert [m.findtext(f"{kml}name") for m in marks["Filming windows"]] == [dialog.label(r) for r in in_time]
    assert [m.findtext(f"{kml}name") for m in marks["Ground sites"]] == ["Mission Control Moscow (Korolyov)"]
    assert dialog.message.text() == "Wrote windows.kml: 1 ground site, 2 filming windows."
    # As GeoJSON, every window when none is chosen.
    dialog.list.clearSelection()
    assert dialog.export_windows(tmp_path / "windows.geojson")
    features = json.loads((tmp_path / "windows.geojson").read_text())["features"]
    assert len([f for f in features if f["properties"]["layer"] == "window"]) == len(found)


def test_the_dialog_renders_with_its_new_rows(window, tmp_path):
    dialog = _within_stay(window, "Soyuz MS-19")
    dialog.show()
    image = dialog.grab().toImage()
    assert image.save(str(tmp_path / "windows-dialog.png"))
    for widget in (dialog.add_button, dialog.retime_button, dialog.export_button, dialog.activity_combo):
        assert widget.isVisible() and widget.width() >= widget.sizeHint().width()
