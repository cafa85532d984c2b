"""``planner launch-windows``: JSON and table, sites by name in any case or LAT,LON, and one-line errors (exit 2)."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.resources import resource_path

START = "2021-10-04T00:00:00Z"


@pytest.fixture
def tle(data_dir):
    return str(data_dir / "iss-2021-10-15.tle")


def test_json_lists_the_opportunities_with_the_issues_keys(tle, capsys):
    assert main(["launch-windows", "--tle", tle, "--site", "Baikonur Site 31", "--start", START, "--days", "3",
                 "--vehicle", "soyuz-ms", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["opportunities"]
    found = data["opportunities"]
    assert len(found) == 3
    for o in found:
        assert list(o) == ["site", "in_plane", "launch", "direction", "azimuth_deg"]
        assert o["site"] == "Baikonur Site 31/6" and o["direction"] == "northeast"
        assert o["in_plane"].endswith("Z") and o["launch"].endswith("Z") and o["launch"] < o["in_plane"]
        assert 61.5 < o["azimuth_deg"] < 62.3
    # Soyuz MS-19 lifted off at 08:55:02 (tests/data/iss-traffic-2021h2.csv)
    assert found[1]["launch"][:16] == "2021-10-05T08:55"


@pytest.mark.parametrize("name", ["wallops", "WALLOPS PAD 0A", "wallops-0a", "Lp-0a"])
def test_site_names_in_any_case(tle, capsys, name):
    assert main(["launch-windows", "--tle", tle, "--site", name, "--start", START, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["opportunities"]
    assert [o["site"] for o in found] == ["Wallops Pad 0A"] and found[0]["direction"] == "southeast"


def test_lat_lon_sites_launch_either_way_and_the_table_lines_up(tle, capsys):
    assert main(["launch-windows", "--tle", tle, "--site", "45.996,63.564", "--start", START, "--days", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("45.996,63.564, from 2021-10-04T00:00:00Z to 2021-10-06T00:00:00Z; liftoff 115 s "
                               "before the in-plane moment")
    assert lines[1].split() == ["launch", "in_plane", "direction", "azimuth_deg"]
    rows = [line.split() for line in lines[2:]]
    assert len(rows) == 4 and {r[2] for r in rows} == {"northeast", "southeast"}
    assert len({len(line) for line in lines[1:]}) == 1  # aligned: every line as long as the header
    assert {line.index("direction") for line in lines[1:2]} == {lines[2].index(rows[0][2])}


def test_a_project_gives_the_element_sets_and_its_ground_sites(capsys):
    example = str(resource_path("examples", "the-challenge-2021.issplan"))
    assert main(["launch-windows", "--tle", example, "--site", "houston jsc", "--start", START, "--vehicle",
                 "Crew Dragon", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["opportunities"]
    assert {o["direction"] for o in found} == {"northeast", "southeast"} and found[0]["site"] == "Houston JSC"


def test_an_empty_result_says_so_in_words(tle, capsys):
    assert main(["launch-windows", "--tle", tle, "--site", "62.93,40.46", "--start", START, "--days", "2"]) == 0
    assert capsys.readouterr().out == ("no launch opportunities from 62.93,40.46 from 2021-10-04T00:00:00Z to "
                                       "2021-10-06T00:00:00Z: its latitude, 62.93° N, is beyond the 51.66° the "
                                       "orbit's plane reaches\n")
    assert main(["launch-windows", "--tle", tle, "--site", "62.93,40.46", "--start", START, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"opportunities": []}
    # a span too short to hold an in-plane moment of the way the site launches
    assert main(["launch-windows", "--tle", tle, "--site", "ksc-39a", "--start", START, "--days", "0.1"]) == 0
    assert capsys.readouterr().out == ("no launch opportunities from Kennedy LC-39A from 2021-10-04T00:00:00Z to "
                                       "2021-10-04T02:24:00Z (launches from there fly northeast)\n")


@pytest.mark.parametrize("args, message", [
    (["--site", "Kourou"], "planner: --site: no launch site 'Kourou' (launch sites: Baikonur Site 31/6 (baikonur-31)"),
    (["--site", "Baikonur"], "planner: --site: 'Baikonur' names 2 launch sites (Baikonur Site 31/6 (baikonur-31), "
                             "Baikonur Site 1/5 (baikonur-1-5)): give the id"),
    (["--site", "95,10"], "planner: --site '95,10': latitude must be within -90..90"),
    (["--site", "lc-39a", "--start", "2021-10-04"], "planner: --start: '2021-10-04' is not a UTC time like"),
    (["--site", "lc-39a", "--start", "2021-13-04T00:00:00Z"],
     "planner: --start: '2021-13-04T00:00:00Z' is not a real date"),
    (["--site", "lc-39a", "--days", "0"], "planner: --days must be a positive, finite number of days, not '0'"),
    (["--site", "lc-39a", "--vehicle", "shuttle"], "planner: --vehicle: no vehicle type 'shuttle' (vehicle types: "
                                                   "Soyuz MS (soyuz-ms)"),
    (["--site", "lc-39a", "--start", "2023-01-01T00:00:00Z"], "cannot be judged: 2023-01-01T00:00Z is 442.3 days from "
                                                              "the epoch"),
])
def test_bad_input_is_one_line_and_exit_2(tle, capsys, args, message, one_line_error):
    base = ["launch-windows", "--tle", tle]
    if "--start" not in args:
        base += ["--start", START]
    assert main(base + args) == 2
    assert message in one_line_error()


def test_a_bad_file_is_one_line_and_exit_2(tmp_path, capsys, one_line_error):
    missing = tmp_path / "missing.tle"
    assert main(["launch-windows", "--tle", str(missing), "--site", "lc-39a", "--start", START]) == 2
    assert one_line_error() == f"planner: {missing}: cannot read the file (No such file or directory)"
    junk = tmp_path / "junk.tle"
    junk.write_text("not an element set\n")
    assert main(["launch-windows", "--tle", str(junk), "--site", "lc-39a", "--start", START]) == 2
    assert str(junk) in one_line_error()
    assert main(["launch-windows", "--site", "lc-39a", "--start", START]) == 2
    assert "the following arguments are required: --tle" in one_line_error()
