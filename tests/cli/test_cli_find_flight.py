"""``planner find-flight``: the issue's JSON keys, names in any letter case, --port honoured, one-line errors (exit 2)."""

from __future__ import annotations

import json
import re

import pytest

from planner.cli import main

BASE = ["--vehicle", "CREW dragon", "--crew", "4", "--site", "LC-39a", "--earliest", "2021-10-20T00:00:00Z",
        "--stay-days", "10"]


@pytest.fixture
def args(data_dir):
    return ["find-flight", str(data_dir / "iss-traffic-2021h2.csv"), "--tle", str(data_dir / "iss-2021-10-15.tle")]


def test_json_has_exactly_the_issues_keys(args, capsys):
    assert main(args + BASE + ["--count", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["flights", "rejected"]
    assert len(data["flights"]) == 2
    iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    for flight in data["flights"]:
        assert list(flight) == ["launch", "dock", "port", "undock", "land"]
        assert all(iso.match(flight[k]) for k in ("launch", "dock", "undock", "land"))
        assert flight["launch"] < flight["dock"] < flight["undock"] < flight["land"]
        assert flight["port"] in ("harmony-forward", "harmony-zenith")
    assert data["rejected"]
    for rejection in data["rejected"]:
        assert list(rejection) == ["launch", "reason"]
        assert iso.match(rejection["launch"]) and rejection["launch"] < data["flights"][0]["launch"]
        assert rejection["reason"]


def test_port_by_name_in_any_case_is_honoured(args, capsys):
    assert main(args + BASE + ["--port", "HARMONY-Zenith", "--count", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["port"] for f in data["flights"]] == ["harmony-zenith"]
    # Crew-2 holds harmony-zenith until 2021-11-08 19:05: the rejections say so, the flight docks later
    assert data["flights"][0]["dock"] > "2021-11-08T19:05:00Z"
    assert "harmony-zenith busy with Crew-2 until 2021-11-08 19:05 UTC" in data["rejected"][0]["reason"]


def test_text_lists_flights_then_rejections(args, capsys):
    assert main(args + BASE + ["--count", "1", "--stay-days", "10-11"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("launch 2021-") and " at harmony-" in lines[0]
    assert lines[1].startswith("rejected 2021-10-20: ")


@pytest.mark.parametrize("change, words", [
    (["--crew", "5"], "does not fit a Crew Dragon"),
    (["--crew", "two"], "--crew must be a whole number"),
    (["--stay-days", "0"], "--stay-days must be"),
    (["--stay-days", "12-10"], "--stay-days must be"),
    (["--port", "zvezda-aft"], "cannot use zvezda-aft"),
    (["--port", "nowhere"], "--port: no port 'nowhere'"),
    (["--site", "atlantis"], "--site: no launch site 'atlantis'"),
    (["--vehicle", "boat"], "--vehicle: no vehicle type 'boat'"),
    (["--earliest", "tomorrow"], "--earliest"),
    (["--earliest", "2024-01-01T00:00:00Z"], "beyond the reach of the element sets"),
    (["--count", "0"], "--count must be"),
    (["--people", "Nobody Known"], "--people: no person 'Nobody Known'"),
])
def test_bad_input_is_one_line_and_exit_2(args, capsys, change, words, one_line_error):
    assert main(args + BASE + change) == 2
    assert words in one_line_error()


def test_a_plan_without_element_sets_asks_for_tle(data_dir, capsys, one_line_error):
    assert main(["find-flight", str(data_dir / "iss-traffic-2021h2.csv")] + BASE) == 2
    assert "give --tle" in one_line_error()


def test_a_missing_project_is_one_line(tmp_path, capsys, one_line_error):
    assert main(["find-flight", str(tmp_path / "none.issplan")] + BASE) == 2
    assert "no such file" in one_line_error()
