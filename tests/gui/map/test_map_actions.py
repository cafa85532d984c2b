"""The map as a planner uses it: time slider and play, selections, filming windows, element sets, exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from planner.model import NeedKind
from planner.model.times import parse_utc

DAY = parse_utc("2021-10-06T00:00:00Z").timestamp()


def test_the_slider_and_the_shared_cursor_move_together(window):
    panel = window.map_panel
    window.time_cursor.set_time(DAY)
    value = panel.slider.value()
    panel.slider.setValue(value + 360)  # 360 steps of 10 s
    assert window.time_cursor.time() == pytest.approx(DAY + 3600.0)
    window.time_cursor.set_time(DAY + 7200.0)
    assert panel.slider.value() == value + 720
    assert panel.renderer.time == DAY + 7200.0
    assert "2021-10-06 02:00:00 UTC" == panel.time_label.text()


def test_play_moves_the_time_forward_and_pause_stops_it(window, qtbot):
    panel = window.map_panel
    window.time_cursor.set_time(DAY)
    panel.speed_combo.setCurrentIndex(panel.speed_combo.findData(3600))
    panel.set_playing(True)
    qtbot.waitUntil(lambda: window.time_cursor.time() > DAY + 60.0, timeout=5000)
    panel.set_playing(False)
    assert not panel.play_timer.isActive() and panel.play_button.text() == "Play"
    stopped = window.time_cursor.time()
    qtbot.wait(100)
    assert window.time_cursor.time() == stopped


def test_now_moves_the_cursor_to_the_present(window):
    import time

    before = time.time()
    window.map_panel.now_button.click()
    assert before <= window.time_cursor.time() <= time.time()


def test_selecting_an_activity_draws_the_track_during_it(window):
    panel = window.map_panel
    activity = window.doc.project.activities[2]  # the daylight window shot, 30 minutes
    window.selectionChanged.emit("activities", [activity.id])
    assert panel.renderer.track_span() == (activity.start.timestamp(), activity.end.timestamp())
    assert window.time_cursor.time() == activity.start.timestamp()
    panel.canvas.repaint()
    track, _x, _y = panel.renderer.drawn_track()
    assert track.t[0] >= activity.start.timestamp() and track.t[-1] <= activity.end.timestamp()
    assert track.t[-1] - track.t[0] == pytest.approx(activity.duration_s, abs=20.0)
    # Scrubbing away from it goes back to orbits around the time.
    window.time_cursor.set_time(activity.end.timestamp() + 86400.0)
    assert panel.renderer.span is None


def test_selecting_a_mission_shows_its_arrival_with_the_orbits_chosen(window):
    """Issue 14 item 11: a selected mission drew up to two days of track whatever '± orbits' said."""
    panel = window.map_panel
    mission = next(m for m in window.doc.project.missions if m.name == "Soyuz MS-19")
    docking = parse_utc("2021-10-05T12:22:31Z").timestamp()
    window.views["missions"].select_ids([mission.id])
    assert window.time_cursor.time() == docking
    reach = panel.renderer.orbits * panel.renderer.period_s
    assert panel.renderer.track_span() == pytest.approx((docking - reach, docking + reach))
    panel.orbits_spin.setValue(0.5)
    reach = 0.5 * panel.renderer.period_s
    assert panel.renderer.track_span() == pytest.approx((docking - reach, docking + reach))
    assert reach < 3600.0


def test_changing_the_orbits_after_choosing_an_activity_draws_that_many(window):
    panel = window.map_panel
    activity = window.doc.project.activities[4]  # five hours of surgery scene
    window.views["activities"].select_ids([activity.id])
    assert panel.renderer.track_span() == (activity.start.timestamp(), activity.end.timestamp())
    panel.orbits_spin.setValue(1.0)
    t = window.time_cursor.time()
    assert panel.renderer.track_span() == pytest.approx((t - panel.renderer.period_s, t + panel.renderer.period_s))


def test_a_filming_window_becomes_one_undoable_activity(window):
    panel = window.map_panel
    window.time_cursor.set_time(DAY)
    dialog = panel.open_windows_dialog()
    dialog.light_combo.setCurrentIndex(dialog.light_combo.findData("sunlit"))
    moscow = next(s for s in window.doc.project.sites if s.id == "mcc-moscow")
    dialog.site_combo.setCurrentIndex(dialog.site_combo.findData(moscow))
    dialog.dynamic_check.setChecked(True)
    dialog.rank_combo.setCurrentIndex(dialog.rank_combo.findData("elevation"))
    found = dialog.find()
    assert found and dialog.list.topLevelItemCount() == len(found)
    assert [w.max_elevation_deg for w in found] == sorted((w.max_elevation_deg for w in found), reverse=True)
    # The windows are marked on the map; the first one is shown through the shared cursor.
    assert panel.renderer.windows == [(w.start, w.end) for w in found]
    assert window.time_cursor.time() == found[0].start
    assert panel.renderer.track_span() == (found[0].start, found[0].end)

    # Independent check of the constraints at the middle of each window.
    from planner.orbit import in_view_intervals, sunlit_at

    for w in found:
        mid = (w.start + w.end) / 2
        assert sunlit_at(panel.orbit, mid)[0]
        view = in_view_intervals(panel.orbit, moscow, w.start - 600, w.end + 600)
        assert any(a <= mid <= b for a, b in view)

    before = list(window.doc.project.activities)
    steps = window.doc.undo_stack.count()
    dialog.title_edit.setText("Greeting over Moscow")
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    dialog.add_button.click()
    assert window.doc.undo_stack.count() == steps + 1
    added = window.doc.project.activities[-1]
    assert added.title == "Greeting over Moscow"
    assert found[1].start <= added.start.timestamp() and added.end.timestamp() <= found[1].end
    assert {n.kind for n in added.needs} == {NeedKind.DAYLIGHT, NeedKind.SITE_IN_VIEW, NeedKind.NO_DYNAMIC_EVENT}
    assert next(n for n in added.needs if n.kind is NeedKind.SITE_IN_VIEW).site == "mcc-moscow"
    # The rules engine, on its own, finds the new activity's needs met.
    assert not [f for f in window.checker.findings if added.id in f.activities]

    window.act_undo.trigger()
    assert window.doc.project.activities == before
    window.act_redo.trigger()
    assert window.doc.project.activities[-1] == added


def test_found_windows_are_marked_on_every_time_view_and_cleared_when_the_dialog_closes(window):
    cursor, panel = window.time_cursor, window.map_panel
    emitted = []
    cursor.highlightsChanged.connect(lambda windows, chosen: emitted.append((windows, chosen)))
    cursor.set_time(DAY)
    dialog = panel.open_windows_dialog()
    dialog.light_combo.setCurrentIndex(dialog.light_combo.findData("sunlit"))
    dialog.place_combo.setCurrentIndex(dialog.place_combo.findData("Russia"))
    found = dialog.find()
    assert len(found) >= 3
    marked, chosen = cursor.highlights()
    # Every ranked window, in rank order; the first row is selected, so it is the chosen one.
    assert [(a, b) for a, b, _label in marked] == [(w.start, w.end) for w in found]
    assert chosen == 0 and emitted[-1] == (marked, 0)
    for rank, ((a, b, label), w) in enumerate(zip(marked, found), start=1):
        assert label.startswith(f"#{rank} daylight over Russia, ") and label.endswith(" min")
        minutes = float(label.rsplit(", ", 1)[1].split()[0])
        assert minutes == pytest.approx((b - a) / 60.0, abs=0.51)
    # The map draws the same windows from the cursor.
    assert panel.renderer.windows == [(w.start, w.end) for w in found]

    dialog.list.setCurrentItem(dialog.list.topLevelItem(2))
    assert cursor.highlights() == (marked, 2)
    assert panel.renderer.selected_window == 2

    dialog.close()
    assert cursor.highlights() == ([], -1)
    assert emitted[-1] == ([], -1)
    assert panel.renderer.windows == []

    # Escape (reject) clears them too, and a search that finds nothing leaves nothing marked.
    again = panel.open_windows_dialog()
    again.light_combo.setCurrentIndex(again.light_combo.findData("sunlit"))
    assert again.find() and cursor.highlights()[0]
    again.min_minutes.setValue(600.0)
    assert again.find() == [] and cursor.highlights() == ([], -1)
    again.min_minutes.setValue(1.0)
    assert again.find() and cursor.highlights()[0]
    again.reject()
    assert cursor.highlights() == ([], -1)


def test_the_dialog_explains_what_it_cannot_search(window):
    dialog = window.map_panel.open_windows_dialog()
    dialog.end_edit.set_utc(dialog.start_edit.utc())
    assert dialog.find() == []
    assert "after its start" in dialog.message.text()
    dialog.end_edit.set_utc(parse_utc("2022-03-01T00:00:00Z"))
    dialog.start_edit.set_utc(parse_utc("2021-10-01T00:00:00Z"))
    assert dialog.find() == [] and "at most 31 days" in dialog.message.text()


def test_without_element_sets_the_map_says_so_and_imports_them(window, data_dir):
    from planner.gui.map.element_import import import_elements

    window.files.new_project()
    panel = window.map_panel
    assert panel.renderer.cache is None
    assert "Element Sets > Import Element Sets" in panel.renderer.message
    assert panel.import_button.isVisibleTo(panel)
    assert window.act_import_elements in window.element_sets_menu.actions()
    panel.canvas.repaint()  # the message is painted, nothing fails without a track

    assert import_elements(window, data_dir / "iss-2021-10-15.tle")
    assert len(window.doc.project.element_sets) == 1 and window.doc.undo_stack.count() == 1
    assert panel.renderer.cache is not None and not panel.import_button.isVisibleTo(panel)
    window.act_undo.trigger()
    assert window.doc.project.element_sets == [] and panel.renderer.cache is None


def test_an_unreadable_element_file_is_an_error_naming_the_line(window, tmp_path):
    from planner.gui.map.element_import import import_elements

    bad = tmp_path / "bad.tle"
    bad.write_text("ISS (ZARYA)\n1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991\n")
    steps = window.doc.undo_stack.count()
    assert not import_elements(window, bad)
    title, text = window.errors[-1]
    assert "bad.tle" in text and "line" in text
    assert window.doc.undo_stack.count() == steps


@pytest.fixture
def shown(window):
    window.time_cursor.set_time(parse_utc("2021-10-05T12:22:31Z").timestamp())
    window.map_panel.canvas.repaint()
    return window.map_panel


def test_export_png_and_svg(shown, tmp_path):
    from PySide6.QtGui import QImage

    from planner.gui.map.exports import export_map

    assert export_map(shown, tmp_path / "map.png", "png") is None
    image = QImage(str(tmp_path / "map.png"))
    assert (image.width(), image.height()) == (2 * shown.canvas.width(), 2 * shown.canvas.height())
    assert export_map(shown, tmp_path / "map.svg", "svg") is None
    root = ET.parse(tmp_path / "map.svg").getroot()
    assert root.tag.endswith("svg")
    assert len([e for e in root.iter() if e.tag.endswith(("path", "polyline"))]) > 20


def test_export_geojson_and_kml_of_the_drawn_track(shown, tmp_path):
    from planner.gui.map.exports import export_map

    track, _x, _y = shown.renderer.drawn_track()
    assert export_map(shown, tmp_path / "track.geojson", "geojson") is None
    data = json.loads((tmp_path / "track.geojson").read_text())
    geometry = data["features"][0]["geometry"]
    assert geometry["type"] == "MultiLineString"
    points = np.array([p for line in geometry["coordinates"] for p in line])
    assert np.abs(points[:, 0]).max() <= 180.0
    assert points[0] == pytest.approx([track.lon_deg[0], track.lat_deg[0]], abs=1e-4)
    for line in geometry["coordinates"]:
        assert np.abs(np.diff(np.array(line)[:, 0])).max() < 90.0  # split at the antimeridian
    assert export_map(shown, tmp_path / "track.kml", "kml") is None
    kml = ET.parse(tmp_path / "track.kml").getroot()
    coords = [e.text for e in kml.iter() if e.tag.endswith("coordinates")]
    assert len(coords) == len(geometry["coordinates"])


def test_export_to_a_folder_that_does_not_exist_is_a_message(shown, tmp_path):
    from planner.gui.map.exports import export_map

    message = export_map(shown, tmp_path / "missing" / "track.kml", "kml")
    assert message and "track.kml" in message


def test_overflights_of_a_country_are_highlighted_where_the_track_passes(shown):
    shown.set_place("Russia", 0.0)
    t0, t1 = shown.renderer.track_span()
    spans = shown.renderer.overflight_intervals(t0, t1)
    assert len(spans)
    # Independent: the point under the station at the middle of each span is in Russia.
    from planner.orbit import below, ground_track

    mids = (spans[:, 0] + spans[:, 1]) / 2
    mids = mids[(mids > t0) & (mids < t1)]
    track = ground_track(shown.orbit, mids)
    assert {b.name for b in below(track.lat_deg, track.lon_deg)} == {"Russia"}
    shown.canvas.repaint()


def test_the_slider_spans_a_chosen_window_around_the_time(window):
    """± 12 h by default: 8,640 ten-second steps; the whole plan at one's choice; a jump re-centres it."""
    panel = window.map_panel
    window.time_cursor.set_time(DAY)
    assert panel.span_combo.currentText() == "± 12 h"
    assert panel.slider.maximum() == 8640 and panel._range[0] <= DAY <= panel._range[1]
    panel.slider.setValue(panel.slider.maximum())
    assert window.time_cursor.time() == pytest.approx(panel._range[1])
    window.time_cursor.set_time(DAY + 10 * 86400.0)  # elsewhere (the timeline, play): the window follows
    assert panel._range[0] <= DAY + 10 * 86400.0 <= panel._range[1]
    assert panel.slider.value() == pytest.approx(4320, abs=6)
    panel.span_combo.setCurrentIndex(panel.span_combo.findText("whole plan"))
    first = window.doc.project.missions[0].events[0].utc.timestamp()
    assert panel._range[0] <= first and panel.slider.maximum() > 100 * 8640
