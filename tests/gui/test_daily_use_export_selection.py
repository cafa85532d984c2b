"""File > Export Selection… as a planner uses it: select a mission, choose the action, pick a format in the file
dialog; the file is named after the selection and the status bar says what was written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QFileDialog


@pytest.fixture
def dialogs(monkeypatch):
    """The save dialog answered without showing: ``dialogs.answer`` is (file name, filter chosen); ``dialogs.asked``
    lists (title, file offered, filters, filter offered)."""

    class Dialogs:
        answer = ("", "")
        asked: list = []

    def ask(_parent, title, start, filters="", selected="", *args, **kwargs):
        Dialogs.asked.append((title, start, filters, selected))
        return str(Dialogs.answer[0]), Dialogs.answer[1]

    Dialogs.asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return Dialogs


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_a_mission_exported_as_a_calendar_named_after_it(example_window, dialogs, tmp_path):
    window = example_window
    action = _action(window.file_menu, "Export Selection…")
    assert not action.isEnabled()  # nothing selected yet
    window.views["missions"].select_ids(["soyuz-ms-19"])
    assert action.isEnabled()
    target = tmp_path / "out" / "soyuz-ms-19.ics"
    target.parent.mkdir()
    dialogs.answer = (target, "iCalendar (*.ics)")
    action.trigger()
    (title, offered, filters, selected), = dialogs.asked
    # Offered beside the project (a copy of the example in the test's folder), named after the mission.
    assert title == "Export Selection" and Path(offered) == tmp_path / "soyuz-ms-19.ics"
    assert filters.split(";;") == ["iCalendar (*.ics)", "KML, for Google Earth (*.kml)", "GeoJSON (*.geojson *.json)"]
    assert selected == "iCalendar (*.ics)"
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert "event-soyuz-ms-19-1@iss-planner" in uids and "activity-act-01@iss-planner" in uids
    assert "event-crew-3-0@iss-planner" not in uids
    assert window.statusBar().currentMessage() == f"Wrote {target}: 1 mission, 12 activities, 1 ground site"


def test_the_filter_chosen_decides_the_format_and_is_offered_next_time(example_window, dialogs, tmp_path):
    window = example_window
    window.views["missions"].select_ids(["soyuz-ms-19"])
    window.views["activities"].select_ids(["act-03"])
    dialogs.answer = (tmp_path / "my-part", "KML, for Google Earth (*.kml)")  # typed without an extension
    _action(window.file_menu, "Export Selection…").trigger()
    written = tmp_path / "my-part.kml"
    root = ET.parse(written).getroot()
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Wrote {written}: 1 mission, 12 activities, 1 ground site — 1 station event without")
    # The next export offers KML.
    dialogs.answer = (tmp_path / "again.geojson", "KML, for Google Earth (*.kml)")  # the name's extension wins
    _action(window.file_menu, "Export Selection…").trigger()
    assert Path(dialogs.asked[-1][1]).name == "soyuz-ms-19.kml" and dialogs.asked[-1][3].startswith("KML")
    assert json.loads((tmp_path / "again.geojson").read_text())["type"] == "FeatureCollection"


def test_the_tables_context_menus_offer_it_and_the_bundled_example_exports_to_documents(qtbot, dialogs, tmp_path):
    from planner.gui.main_window import MainWindow
    from planner.resources import example_project_path

    documents = Path.home() / "Documents"
    documents.mkdir()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(example_project_path()) is None  # the template, not a file of the user's
    for name in ("missions", "activities", "sites"):
        assert window.act_export_selection in window.views[name].table.actions()
    window.views["sites"].select_ids(["baikonur"])
    dialogs.answer = ("", "")  # cancelled
    window.act_export_selection.trigger()
    assert Path(dialogs.asked[-1][1]) == documents / "baikonur.ics"
    assert not list(documents.iterdir())


def test_a_file_that_cannot_be_written_is_an_error_naming_it(example_window, dialogs, tmp_path):
    window = example_window
    window.views["activities"].select_ids(["act-03"])
    dialogs.answer = (tmp_path / "missing" / "shot.kml", "")
    window.act_export_selection.trigger()
    ((title, text),) = window.errors
    assert title == "Cannot export the selection" and text.startswith(str(tmp_path / "missing" / "shot.kml"))
