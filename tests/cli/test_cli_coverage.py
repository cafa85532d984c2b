"""``planner coverage``: the issue's JSON keys, the networks, a project's Russian sites, and exit 2 with one line
naming the problem."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.resources import resource_path

START = "2021-10-15T00:00:00Z"
EXAMPLE = str(resource_path("examples", "the-challenge-2021.issplan"))


@pytest.fixture
def tle(data_dir):
    return str(data_dir / "iss-2021-10-15.tle")


def test_json_has_exactly_the_issue_keys(tle, capsys):
    assert main(["coverage", "--tle", tle, "--network", "us", "--start", START, "--days", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["spans"] and out["spans"]
    for span in out["spans"]:
        assert list(span) == ["network", "start", "end", "via"]
        assert span["network"] == "us" and span["start"] < span["end"]
        assert set(span["via"]) <= {"TDRS 41°W", "TDRS 174°W", "TDRS 275°W"} and span["via"]
    assert out["spans"][0]["start"] == START and out["spans"][-1]["end"] == "2021-10-16T00:00:00Z"


def test_a_project_s_russian_sites_count_for_ru_and_all_lists_both(capsys):
    args = ["coverage", "--tle", EXAMPLE, "--start", "2021-10-05T00:00:00Z", "--days", "1", "--json"]
    assert main(args + ["--network", "ru"]) == 0
    ru = json.loads(capsys.readouterr().out)["spans"]
    via = {name for span in ru for name in span["via"]}
    assert via == {"Luch-5A", "Luch-5B", "Luch-5V", "Mission Control Moscow (Korolyov)"}  # not Baikonur, Houston
    assert main(args + ["--network", "all"]) == 0
    both = json.loads(capsys.readouterr().out)["spans"]
    assert {s["network"] for s in both} == {"us", "ru"}
    assert [s for s in both if s["network"] == "ru"] == ru


def test_a_tle_file_alone_gives_ru_the_luch_relays_only(tle, capsys):
    assert main(["coverage", "--tle", tle, "--network", "ru", "--start", START, "--days", "1", "--json"]) == 0
    via = {name for span in json.loads(capsys.readouterr().out)["spans"] for name in span["via"]}
    assert via == {"Luch-5A", "Luch-5B", "Luch-5V"}


def test_table(tle, capsys):
    assert main(["coverage", "--tle", tle, "--network", "all", "--start", START, "--days", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["network", "start", "end", "minutes", "via"]
    assert lines[1].startswith("us ") and "TDRS" in lines[1] and lines[2].startswith("ru ")


@pytest.mark.parametrize("args, message", [
    (["--network", "eu", "--start", START], "argument --network: invalid choice: 'eu'"),
    (["--network", "us", "--start", "2021-13-01T00:00:00Z"], "--start: '2021-13-01T00:00:00Z' is not a real date"),
    (["--network", "us", "--start", "yesterday"], "--start:"),
    (["--network", "us", "--start", START, "--days", "0"], "--days must be a positive"),
    (["--network", "us", "--start", START, "--days", "400"], "--days 400 is more than 366 days"),
    (["--network", "us", "--start", "2025-01-01T00:00:00Z"], "cannot be judged"),
    (["--start", START], "the following arguments are required: --network"),
])
def test_bad_input_exits_2_with_one_line(tle, capsys, args, message):
    assert main(["coverage", "--tle", tle] + args) == 2
    err = capsys.readouterr().err
    assert err.startswith("planner: ") and message in err and err.count("\n") == 1, err


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["coverage", "--tle", str(tmp_path / "none.tle"), "--network", "us", "--start", START]) == 2
    err = capsys.readouterr().err
    assert "none.tle" in err and err.count("\n") == 1


def test_windows_can_ask_for_a_live_link(tle, capsys):
    args = ["windows", "--tle", tle, "--start", START, "--days", "0.5", "--light", "sunlit", "--json"]
    assert main(args) == 0
    lit = json.loads(capsys.readouterr().out)
    assert main(args + ["--link", "us"]) == 0
    linked = json.loads(capsys.readouterr().out)
    assert linked == lit  # three TDRS see the station all the time: the link takes nothing away
    assert main(args + ["--link", "eu"]) == 2
    assert "argument --link: invalid choice: 'eu'" in capsys.readouterr().err
