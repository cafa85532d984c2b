"""``planner track``, ``passes`` and ``windows`` through main(): formats, and exit 2 with a clear message."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from planner.cli import main

START = "2021-10-15T00:00:00Z"


@pytest.fixture
def tle(data_dir):
    return str(data_dir / "iss-2021-10-15.tle")


def test_track_csv(tle, capsys):
    assert main(["track", "--tle", tle, "--start", START, "--hours", "3", "--step", "10", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["utc", "lat_deg", "lon_deg", "alt_km", "sunlit"]
    assert len(rows) == 1 + 3 * 360 + 1 and rows[1][0] == START and rows[-1][0] == "2021-10-15T03:00:00Z"
    assert {r[4] for r in rows[1:]} == {"0", "1"}
    assert all(-52 < float(r[1]) < 52 and 400 < float(r[3]) < 450 for r in rows[1:])


def test_track_geojson_and_kml(tle, capsys, tmp_path):
    assert main(["track", "--tle", tle, "--sat", "25544", "--start", START, "--format", "geojson"]) == 0
    data = json.loads(capsys.readouterr().out)
    geometry = data["features"][0]["geometry"]
    assert geometry["type"] == "MultiLineString" and len(geometry["coordinates"]) >= 2
    for line in geometry["coordinates"]:
        assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(line, line[1:]))
    out = tmp_path / "track.kml"
    assert main(["track", "--tle", tle, "--start", START, "--format", "kml", "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    assert len(root.findall(".//k:LineString/k:coordinates", ns)) == len(geometry["coordinates"])


def test_passes_json_and_table(tle, capsys):
    args = ["passes", "--tle", tle, "--site", "55.91,37.81,150", "--start", START, "--days", "2", "--min-elevation", "10"]
    assert main(args + ["--json"]) == 0
    passes = json.loads(capsys.readouterr().out)
    assert passes and set(passes[0]) == {"rise", "culminate", "set", "max_elevation_deg"}
    assert all(p["rise"] < p["culminate"] < p["set"] and p["max_elevation_deg"] >= 10 for p in passes)
    assert main(args) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["rise", "culminate", "set", "max_elevation_deg"] and len(table) == len(passes) + 1


def test_windows_json(tle, capsys):
    args = ["windows", "--tle", tle, "--start", START, "--days", "2", "--light", "sunlit", "--site", "55.91,37.81",
            "--busy", "2021-10-15T06:00:00Z/2021-10-15T12:00:00Z", "--rank", "elevation", "--json"]
    assert main(args) == 0
    windows = json.loads(capsys.readouterr().out)
    assert windows and all(not ("2021-10-15T06" <= w["start"] < "2021-10-15T12") for w in windows)
    assert [w["max_elevation_deg"] for w in windows] == sorted((w["max_elevation_deg"] for w in windows), reverse=True)
    assert main(["windows", "--tle", tle, "--start", START, "--place", "41.9,12.5", "--radius-km", "500", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("args, message", [
    (["track", "--sat", "99999"], "no satellite '99999'"),
    (["track", "--start", "2021-10-15T25:00:00Z"], "--start: '2021-10-15T25:00:00Z' is not a real date or time"),
    (["track", "--start", "yesterday"], "--start: 'yesterday' is not a UTC time"),
    (["track", "--step", "0"], "--step must be a positive"),
    (["passes", "--site", "north"], "--site 'north': expected LAT,LON"),
    (["windows", "--place", "Atlantis"], "'Atlantis' is not a country"),
    (["windows", "--busy", "2021-10-15T00:00:00Z"], "expected START/END"),
])
def test_bad_input_exits_2_with_a_message(tle, capsys, args, message):
    command, *rest = args
    full = [command, "--tle", tle] + (["--start", START] if "--start" not in rest else []) + rest
    if command == "passes" and "--site" not in rest:
        full += ["--site", "0,0"]
    assert main(full) == 2
    err = capsys.readouterr().err
    assert err.startswith("planner: ") and message in err and "Traceback" not in err


def test_bad_checksum_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.tle"
    path.write_text("ISS (ZARYA)\n"
                    "1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9992\n"
                    "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278\n")
    assert main(["track", "--tle", str(path), "--start", START]) == 2
    assert "bad.tle: line 2: checksum mismatch" in capsys.readouterr().err


def test_stale_element_set_warns_on_stderr(tle, capsys):
    assert main(["passes", "--tle", tle, "--site", "0,0", "--start", "2021-12-01T00:00:00Z", "--days", "1"]) == 0
    assert "warning:" in capsys.readouterr().err


def test_windows_from_a_project_keep_clear_of_its_dockings(tle, capsys, tmp_path):
    """With a project file as --tle, its element sets are used and its dynamic events count as busy."""
    from planner.model.times import parse_utc
    from planner.resources import resource_path

    example = str(resource_path("examples", "the-challenge-2021.issplan"))
    args = ["windows", "--start", "2021-10-05T10:00:00Z", "--days", "0.3", "--light", "sunlit", "--json"]
    assert main([*args, "--tle", tle]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main([*args, "--tle", example]) == 0
    from_project = json.loads(capsys.readouterr().out)
    docking = parse_utc("2021-10-05T12:22:31Z").timestamp()  # Soyuz MS-19 at Rassvet

    def near(window):
        return parse_utc(window["start"]).timestamp() < docking + 7200 and parse_utc(window["end"]).timestamp() > docking - 7200

    assert any(near(w) for w in plain)
    assert not any(near(w) for w in from_project)


def test_windows_from_a_project_without_element_sets_is_a_clear_message(capsys, tmp_path, data_dir):
    project = tmp_path / "traffic.issplan"
    assert main(["import-traffic", str(data_dir / "iss-traffic-2021h2.csv"), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["windows", "--tle", str(project), "--start", START]) == 2
    assert "has no element sets" in capsys.readouterr().err


def test_windows_within_a_stay_start_at_its_docking(capsys):
    """Soyuz MS-19 docked at Rassvet on 2021-10-05 12:22:31 UTC: asked for the day, windows begin after it."""
    from planner.model.times import parse_utc
    from planner.resources import resource_path

    example = str(resource_path("examples", "the-challenge-2021.issplan"))
    args = ["windows", "--tle", example, "--start", "2021-10-05T00:00:00Z", "--days", "1", "--light", "shadow",
            "--json"]
    assert main(args) == 0
    whole_day = json.loads(capsys.readouterr().out)
    assert main([*args, "--stay", "soyuz-ms-19"]) == 0
    in_stay = json.loads(capsys.readouterr().out)
    docked = parse_utc("2021-10-05T12:22:31Z").timestamp()
    assert any(parse_utc(w["start"]).timestamp() < docked for w in whole_day)
    assert in_stay and all(parse_utc(w["start"]).timestamp() >= docked for w in in_stay)
    assert {w["start"] for w in in_stay if parse_utc(w["start"]).timestamp() > docked + 3 * 3600} <= \
        {w["start"] for w in whole_day}


@pytest.mark.parametrize("extra, message", [
    (["--stay", "no-such-vehicle"], "no mission 'no-such-vehicle'"),
    (["--stay", "soyuz-ms-19", "--start", "2021-09-01T00:00:00Z"], "not at the station between"),
])
def test_windows_within_a_stay_name_what_is_wrong(extra, message, capsys):
    from planner.resources import resource_path

    example = str(resource_path("examples", "the-challenge-2021.issplan"))
    assert main(["windows", "--tle", example, *extra]) == 2
    assert message in capsys.readouterr().err


def test_windows_within_a_stay_need_a_project(tle, capsys):
    assert main(["windows", "--tle", tle, "--stay", "soyuz-ms-19"]) == 2
    assert "--stay needs a project file" in capsys.readouterr().err
    assert main(["windows", "--tle", tle]) == 2
    assert "give --start" in capsys.readouterr().err


# --- hostile element set files (issue 15, items 7 and 8): one line naming the file, exit 2 ----------------

_OMM = {"OBJECT_NAME": "ISS (ZARYA)", "EPOCH": "2021-10-15T16:50:04.958592", "MEAN_MOTION": 15.48692786,
        "ECCENTRICITY": 0.0003768, "INCLINATION": 51.643, "RA_OF_ASC_NODE": 106.8285, "ARG_OF_PERICENTER": 107.2156,
        "MEAN_ANOMALY": 352.5939, "NORAD_CAT_ID": 25544, "BSTAR": 0.00012985, "MEAN_MOTION_DOT": 6.635e-05,
        "MEAN_MOTION_DDOT": 0}


def _omm_json(**changes) -> str:
    return json.dumps([{**_OMM, **changes}])


def _omm_csv(newline="\n", **changes) -> str:
    record = {**_OMM, **changes}
    cells = (f'"{v}"' if isinstance(v, str) and ("\n" in v or "," in v) else str(v) for v in record.values())
    return ",".join(record) + newline + ",".join(cells) + newline


HOSTILE = [
    ("big.json", _omm_json().replace("15.48692786", "1" + "0" * 400), "$[0]: MEAN_MOTION 'inf' is not a finite number"),
    ("deep.json", "[" * 100_000, "the JSON is nested too deeply"),
    ("cell.csv", _omm_csv(OBJECT_NAME="X" * 131_073), "line 2: not readable as CSV (field larger than field limit"),
    ("dup.json", _omm_json()[:-2] + ', "BSTAR": 0.5}]', "$[0]: the keyword BSTAR is given more than once"),
    ("late.json", _omm_json(EPOCH="2060-01-01T00:00:00"), "cannot be judged: 2060-01-01 is after 2053-10-08"),
    ("newline.csv", _omm_csv(OBJECT_NAME="ISS\n(ZARYA)"), "line 2: OBJECT_NAME: character 4 of the name is U+000A"),
    ("nan.json", _omm_json(MEAN_MOTION=float("nan")), "$[0]: MEAN_MOTION 'nan' is not a finite number"),
    ("ecc.json", _omm_json(ECCENTRICITY=1.5), "$[0]: ECCENTRICITY 1.5 is not an eccentricity of a closed orbit"),
    ("dot.tle", "ISS (ZARYA)\n1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991\n"
                "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278\n".replace(" 00000-0", " .0000-0"),
     "line 2, columns 45-52: second derivative of the mean motion ' .0000-0' is not a number"),
    ("old.tle", "ISS (ZARYA)\n1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991\n"
                "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278\n",
     "cannot be judged: 2023-01-01T00:00Z is 442.3 days from the epoch"),
]


@pytest.mark.parametrize("name, text, problem", HOSTILE, ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("command", ["track", "passes"])
def test_hostile_element_sets_are_one_line_naming_the_file(tmp_path, capsys, command, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    start = "2023-01-01T00:00:00Z" if name == "old.tle" else ("2060-01-01T00:00:00Z" if name == "late.json" else START)
    extra = ["--site", "55.91,37.81"] if command == "passes" else []
    assert main([command, "--tle", str(path), "--start", start, *extra]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err
    assert err.startswith(f"planner: {path}: ") and problem in err, err


@pytest.mark.parametrize("name, text", [("omm.csv", _omm_csv("\r")), ("class.json", _omm_json(CLASSIFICATION_TYPE=7))])
def test_carriage_returns_or_an_odd_classification_give_the_plain_track(tmp_path, capsys, name, text):
    tracks = []
    for content in (_omm_csv(), text):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8", newline="")
        assert main(["track", "--tle", str(path), "--start", START, "--hours", "1"]) == 0
        tracks.append(capsys.readouterr().out)
    assert tracks[0] == tracks[1] and tracks[0].count("\n") == 362
