"""The command line names a plan's records as a planner does: by name or id, in any letter case; its tables line
up and an empty answer says so."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from planner.cli import main
from planner.resources import resource_path
from planner.store import load_project

START = "2021-10-15T00:00:00Z"
WHOLE_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture
def example() -> str:
    return str(resource_path("examples", "the-challenge-2021.issplan"))


@pytest.fixture
def tle(data_dir) -> str:
    return str(data_dir / "iss-2021-10-15.tle")


def _json(capsys, args) -> list:
    assert main(args) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _error(capsys, args) -> str:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("stay", ["Soyuz MS-19", "soyuz ms-19", "SOYUZ-MS-19", "  Soyuz   MS-19 "])
def test_stay_takes_a_name_or_an_id_in_any_case(example, capsys, stay):
    base = ["windows", "--tle", example, "--days", "1", "--light", "shadow", "--json"]
    by_id = _json(capsys, [*base, "--stay", "soyuz-ms-19"])
    assert by_id and _json(capsys, [*base, "--stay", stay]) == by_id


def test_an_unknown_stay_lists_the_missions_by_name_and_id(example, capsys):
    err = _error(capsys, ["windows", "--tle", example, "--stay", "Ax-1", "--light", "shadow"])
    assert f"planner: {example}: no mission 'Ax-1' (missions: Progress MS-16 (progress-ms-16), " in err


def test_site_takes_a_ground_site_of_the_project(example, capsys):
    moscow = next(s for s in load_project(example).sites if s.id == "mcc-moscow")
    base = ["passes", "--tle", example, "--start", START, "--days", "2", "--json"]
    by_numbers = _json(capsys, [*base, "--site", f"{moscow.lat_deg},{moscow.lon_deg},{moscow.alt_m}"])
    assert by_numbers
    for name in ("mcc-moscow", "Mission Control Moscow (Korolyov)", "mission control moscow (korolyov)"):
        assert _json(capsys, [*base, "--site", name]) == by_numbers
    windows = ["windows", "--tle", example, "--start", START, "--days", "2", "--json"]
    assert _json(capsys, [*windows, "--site", "Houston JSC"]) != _json(capsys, [*windows, "--site", "MCC-Moscow"])


def test_a_site_name_needs_a_project_and_an_unknown_one_is_named(example, tle, capsys):
    err = _error(capsys, ["passes", "--tle", tle, "--site", "Houston JSC", "--start", START])
    assert "--site 'Houston JSC': expected LAT,LON" in err and "project file as --tle" in err
    err = _error(capsys, ["passes", "--tle", example, "--site", "Munich", "--start", START])
    assert "no ground site 'Munich' (ground sites: Mission Control Moscow (Korolyov) (mcc-moscow)" in err


@pytest.mark.parametrize("sat", ["iss-2021-10-15", "ISS-2021-10-15", "iss (zarya)", "25544"])
def test_sat_takes_an_element_set_of_the_project_by_id_or_name(example, capsys, sat):
    args = ["track", "--tle", example, "--start", START, "--hours", "0.1", "--step", "60"]
    assert main(args) == 0
    default = capsys.readouterr().out
    assert main([*args, "--sat", sat]) == 0
    assert capsys.readouterr().out == default


def test_passes_and_windows_tables_line_up_to_the_second(tle, capsys):
    for args in (["passes", "--site", "55.91,37.81,150", "--min-elevation", "10"],
                 ["windows", "--light", "sunlit", "--site", "55.91,37.81"]):
        assert main([args[0], "--tle", tle, "--start", START, "--days", "3", *args[1:]]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) > 3
        # The last column is right-aligned: a table that lines up has lines of one length.
        assert len({len(line) for line in lines}) == 1, lines
        times = [cell for line in lines[1:] for cell in line.split() if "T" in cell]
        assert times and all(WHOLE_SECOND.fullmatch(t) for t in times), times


def test_an_empty_answer_says_so(tle, capsys):
    assert main(["passes", "--tle", tle, "--site", "55.91,37.81", "--start", START, "--days", "0.5",
                 "--min-elevation", "89.9"]) == 0
    assert capsys.readouterr().out == "no passes above 89.9° from 2021-10-15T00:00:00Z to 2021-10-15T12:00:00Z\n"
    assert main(["windows", "--tle", tle, "--start", START, "--days", "1",
                 "--busy", "2021-10-14T00:00:00Z/2021-10-17T00:00:00Z"]) == 0
    assert capsys.readouterr().out.startswith("no windows from 2021-10-15T00:00:00Z to 2021-10-16T00:00:00Z")


def test_the_installed_command_takes_a_mission_name(example):
    """The real entry point, in a process of its own: ``planner windows --stay "Soyuz MS-19"``."""
    run = subprocess.run([sys.executable, "-m", "planner", "windows", "--tle", example, "--stay", "Soyuz MS-19",
                          "--days", "0.5", "--light", "shadow"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    header, *rows = run.stdout.splitlines()
    assert header.split() == ["start", "end", "duration_s", "max_elevation_deg"] and rows
    assert all(row.startswith("2021-10-05T") for row in rows)
