"""``planner export-selection`` and ``export-traffic --mission``: a planner's part of the plan from the command line,
records named as a planner names them (any letter case), the file named after the selection."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import icalendar
import pytest

from planner.cli import main
from planner.resources import example_project_path


@pytest.fixture
def example() -> str:
    return str(example_project_path())


@pytest.mark.parametrize("name", ["Soyuz MS-19", "soyuz ms-19", "SOYUZ-MS-19"])
def test_a_mission_by_name_in_any_case_is_written_to_a_file_named_after_it(example, tmp_path, monkeypatch, capsys,
                                                                          name):
    monkeypatch.chdir(tmp_path)
    assert main(["export-selection", example, "--mission", name]) == 0
    assert capsys.readouterr().out == "wrote soyuz-ms-19.ics: 1 mission, 12 activities, 1 ground site\n"
    events = icalendar.Calendar.from_ical((tmp_path / "soyuz-ms-19.ics").read_bytes()).walk("VEVENT")
    assert "activity-act-03@iss-planner" in {str(e["uid"]) for e in events}


def test_kml_and_geojson_by_format_or_by_the_output_name(example, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export-selection", example, "--mission", "soyuz-ms-19", "--format", "kml"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("wrote soyuz-ms-19.kml: ")
    assert err.startswith("planner: warning: 1 station event without a place on the map: ")  # March 2022
    root = ET.parse(tmp_path / "soyuz-ms-19.kml").getroot()
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    target = tmp_path / "shot.geojson"
    assert main(["export-selection", example, "--activity", "window shot: earth in daylight", "-o", str(target)]) == 0
    features = json.loads(target.read_text())["features"]
    assert [f["properties"]["id"] for f in features if f["properties"]["layer"] == "activity"] == ["act-03"]


def test_missions_activities_and_sites_together_and_to_standard_output(example, capsys):
    assert main(["export-selection", example, "--mission", "crew-3", "--mission", "Crew-3", "--site", "Baikonur",
                 "--no-crew-activities", "--format", "geojson", "-o", "-"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert collection["name"] == "Crew-3"
    layers = [f["properties"]["layer"] for f in collection["features"]]
    assert "activity" not in layers and layers.count("site") == 1


def test_without_a_selection_the_whole_plan_named_after_its_title(example, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export-selection", example]) == 0
    assert capsys.readouterr().out == "wrote the-challenge-2021.ics: 15 missions, 12 activities, 4 ground sites\n"


def test_unknown_records_and_names_are_one_line_each(example, tmp_path, capsys, one_line_error):
    assert main(["export-selection", example, "--mission", "Ax-1"]) == 2
    err = one_line_error()
    assert f"planner: {example}: no mission 'Ax-1' (missions: Progress MS-16 (progress-ms-16)" in err
    assert main(["export-selection", example, "--activity", "EVA"]) == 2
    assert "no activity 'EVA' (activities: Live downlink" in one_line_error()
    assert main(["export-selection", example, "-o", str(tmp_path / "plan.txt")]) == 2
    assert "name the file .ics, .kml or .geojson" in one_line_error()
    assert main(["export-selection", example, "-o", example]) == 2
    assert "is a project file" in one_line_error()


def test_export_traffic_takes_missions_and_keeps_writing_them_all_without(example, capsys, one_line_error):
    assert main(["export-traffic", example]) == 0
    everything = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert main(["export-traffic", example, "--mission", "soyuz ms-19", "--mission", "CREW-3"]) == 0
    chosen = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["vehicle"] for row in chosen} == {"Soyuz MS-19", "Crew-3"}
    assert chosen == [row for row in everything if row["vehicle"] in ("Soyuz MS-19", "Crew-3")]
    assert main(["export-traffic", example, "--mission", "Ax-1"]) == 2
    assert "no mission 'Ax-1'" in one_line_error()
