"""``planner beta`` and ``planner landings`` through main(): the JSON keys, the tables, the words for an empty
result, zones by any case, and exit 2 with one line naming what is wrong."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.resources import resource_path


@pytest.fixture
def october(data_dir):
    return str(data_dir / "iss-2021-10-15.tle")


@pytest.fixture
def december(data_dir):
    return str(data_dir / "iss-2021-12-22.tle")


def test_beta_json(december, capsys):
    args = ["beta", "--tle", december, "--start", "2021-12-08T00:00:00Z", "--days", "12", "--step-hours", "6",
            "--threshold", "70", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"samples", "high_beta"}
    samples = data["samples"]
    assert len(samples) == 12 * 4 + 1 and all(set(s) == {"utc", "beta_deg", "night_min"} for s in samples)
    assert samples[0]["utc"] == "2021-12-08T00:00:00Z" and samples[-1]["utc"] == "2021-12-20T00:00:00Z"
    assert all(s["night_min"] == 0 for s in samples if abs(s["beta_deg"]) > 70.5)
    assert all(10 < s["night_min"] < 37 for s in samples if abs(s["beta_deg"]) < 66)
    (span,) = data["high_beta"]
    assert set(span) == {"start", "end", "peak_deg"} and span["peak_deg"] < -74.5
    assert "2021-12-11T" <= span["start"] < span["end"] <= "2021-12-17T"


def test_beta_tables_and_the_words_for_no_span(december, capsys):
    args = ["beta", "--tle", december, "--start", "2021-12-14T00:00:00Z", "--days", "1", "--step-hours", "12"]
    assert main(args + ["--threshold", "70"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["utc", "beta_deg", "night_min"] and len(lines[1].split()) == 3
    assert [line.split()[2] for line in lines[1:4]] == ["none"] * 3  # no night at beta -74
    assert lines[4] == "" and lines[5] == "|beta| above 70°:" and lines[6].split() == ["start", "end", "peak_deg"]
    assert lines[7].split()[:2] == ["2021-12-14T00:00:00Z", "2021-12-15T00:00:00Z"]
    assert main(args + ["--threshold", "80"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "|beta| stays at or below 80° from 2021-12-14T00:00:00Z to 2021-12-15T00:00:00Z"


@pytest.mark.parametrize("zone", ["soyuz", "SOYUZ", "zhezkazgan", "47.0,69.5"])
def test_landings_json_names_the_zone_in_any_case(october, capsys, zone):
    args = ["landings", "--tle", october, "--zone", zone, "--start", "2021-10-16T00:00:00Z", "--days", "2", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["opportunities"]
    found = data["opportunities"]
    assert found and all(list(o) == ["zone", "landing", "sun_elevation_deg", "daylight"] for o in found)
    ms18 = [o for o in found if o["landing"].startswith("2021-10-17T04:3")]
    assert len(ms18) == 1 and ms18[0]["daylight"] is True and ms18[0]["sun_elevation_deg"] > 20
    assert {o["zone"] for o in found} == ({"47,69.5"} if "," in zone else {"soyuz"})


def test_landings_table_and_the_words_for_none(october, capsys):
    args = ["landings", "--tle", october, "--zone", "Pensacola", "--start", "2021-11-08T18:00:00Z"]
    assert main(args + ["--days", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["zone", "landing", "station_pass", "off_track_km", "sun_elevation_deg", "daylight"]
    assert any(line.split()[1].startswith("2021-11-09T03:2") and line.split()[-1] == "no" for line in lines[1:])
    assert main(args + ["--days", "0.1"]) == 0
    assert capsys.readouterr().out == ("no landing opportunities at Pensacola (dragon-pensacola) from "
                                       "2021-11-08T18:00:00Z to 2021-11-08T20:24:00Z\n")


def test_landings_from_a_project_use_its_element_sets(capsys):
    example = str(resource_path("examples", "the-challenge-2021.issplan"))
    assert main(["landings", "--tle", example, "--zone", "soyuz", "--start", "2021-10-17T00:00:00Z", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["opportunities"]
    assert [o["landing"][:15] for o in found] == ["2021-10-17T04:3"]


@pytest.mark.parametrize("args, message", [
    (["landings", "--zone", "Atlantis"], "planner: --zone: no landing zone 'Atlantis' (landing zones: Zhezkazgan (soyuz), "),
    (["landings", "--zone", "95,69"], "planner: --zone: '95,69': latitude must be within -90..90"),
    (["landings", "--zone", "soyuz", "--start", "yesterday"], "planner: --start: 'yesterday' is not a UTC time"),
    (["beta", "--start", "2021-10-15T25:00:00Z"], "planner: --start: '2021-10-15T25:00:00Z' is not a real date"),
    (["beta", "--threshold", "90"], "planner: --threshold must be a number of degrees from 0 up to (not including) 90"),
    (["beta", "--step-hours", "0"], "planner: --step-hours must be a positive, finite number of hours, not '0'"),
    (["beta", "--days", "3651"], "planner: --days 3651 is more than 3,650 days"),
    (["beta", "--days", "3000", "--step-hours", "0.01"], "is more than 1,000,000 samples: use a larger --step-hours"),
    (["beta", "--start", "2022-06-01T00:00:00Z"], "cannot be judged: 2022-06-01T00:00Z is 228.3 days from the epoch"),
])
def test_bad_input_exits_2_with_one_line(october, capsys, args, message, one_line_error):
    command, *rest = args
    full = [command, "--tle", october] + ([] if "--start" in rest else ["--start", "2021-10-15T00:00:00Z"]) + rest
    assert main(full) == 2
    assert message in one_line_error()


@pytest.mark.parametrize("command", [["beta"], ["landings", "--zone", "soyuz"]])
def test_an_unreadable_element_set_file_is_named(tmp_path, capsys, command, one_line_error):
    missing = tmp_path / "missing.tle"
    assert main([*command, "--tle", str(missing), "--start", "2021-10-15T00:00:00Z"]) == 2
    assert str(missing) in one_line_error()
    broken = tmp_path / "broken.tle"
    broken.write_text("ISS (ZARYA)\n1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9992\n"
                      "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278\n")
    assert main([*command, "--tle", str(broken), "--start", "2021-10-15T00:00:00Z"]) == 2
    assert "broken.tle: line 2: checksum mismatch" in one_line_error()
