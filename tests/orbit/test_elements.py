"""Reading TLE and OMM: every satellite of a file, checksums verified, errors naming the line."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import numpy as np
import pytest
from orbit_testkit import make_tle, utc

from planner.model.elements import ElementFormat
from planner.orbit import ElementSetError, Orbit, parse_elements, read_elements, select_satellite
from planner.orbit.propagator import satrec_of

ISS = (
    "ISS (ZARYA)\n"
    "1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991\n"
    "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278\n"
)


def test_real_iss_set_is_read_with_its_epoch(iss_sets):
    (s,) = iss_sets
    assert s.norad_id == 25544 and s.name == "ISS (ZARYA)" and s.format == ElementFormat.TLE
    # 21288.70144628: day 288 of 2021 is 15 October; .70144628 of a day is 16:50:04.958
    assert abs((s.epoch - datetime(2021, 10, 15, 16, 50, 4, 958592, tzinfo=timezone.utc)).total_seconds()) < 1e-3
    assert s.text == ISS.strip()  # verbatim
    assert s.source.endswith("iss-2021-10-15.tle")


def _many(count: int, three_lines: bool = True) -> str:
    parts = []
    for k in range(count):
        parts.append(make_tle(30000 + k, utc(2021, 10, 1 + k % 20, k % 24), 40 + k, (k * 37) % 360, 0.001 + k * 1e-4,
                              (k * 53) % 360, (k * 71) % 360, 14.0 + k * 0.03,
                              name=f"SAT {k:02d}" if three_lines else None))
    return "".join(parts)


def test_three_line_file_with_dozens_of_satellites():
    text = _many(40) + ISS
    sets = parse_elements(text, "many.tle")
    assert len(sets) == 41
    assert [s.norad_id for s in sets[:3]] == [30000, 30001, 30002]
    assert select_satellite(sets)[0].name == "ISS (ZARYA)"  # the ISS by default
    assert select_satellite(sets, "25544")[0].norad_id == 25544
    assert select_satellite(sets, "sat 07")[0].norad_id == 30007  # by name, any case
    assert select_satellite(sets, "ISS")[0].norad_id == 25544  # "ISS" finds "ISS (ZARYA)"
    # each set propagates: a low orbit is within 200..2000 km of the ground
    for s in sets[::7]:
        r, _ = Orbit([s]).teme(np.array([s.epoch.timestamp()]))
        assert 6500 < np.linalg.norm(r[:, 0]) < 8400


def test_two_line_file_and_space_track_zero_names():
    sets = parse_elements(_many(3, three_lines=False))
    assert [s.name for s in sets] == ["", "", ""]
    zero = parse_elements("0 " + ISS)
    assert zero[0].name == "ISS (ZARYA)" and zero[0].text.startswith("0 ISS")


def test_several_satellites_without_the_iss_need_a_choice():
    with pytest.raises(ElementSetError, match=r"3 satellites and not the ISS: pick one.*30000"):
        select_satellite(parse_elements(_many(3)))


def test_unknown_satellite_names_those_there_are():
    with pytest.raises(ElementSetError, match=r"no satellite '99999'.*25544 ISS \(ZARYA\)"):
        select_satellite(parse_elements(ISS), 99999)


@pytest.mark.parametrize("mutate, message", [
    (lambda lines: [lines[0], lines[1][:68] + "5", lines[2]], r"line 2: checksum mismatch.*add up to 1 but its last digit says 5"),
    (lambda lines: [lines[0], lines[1], lines[2][:60]], r"line 3: 60 characters, a TLE line has 69"),
    (lambda lines: [lines[0], lines[1]], r"line 3: expected line 2"),
    (lambda lines: [lines[0], lines[2]], r"line 2: line 2 of an element set without its line 1"),
    (lambda lines: [lines[0], lines[1], "2 25545" + lines[2][7:68] + "x"], r"line 3, column 69: checksum 'x' is not a number"),
    (lambda lines: ["NAME", "OTHER NAME", lines[1], lines[2]], r"line 2: expected line 1 of the element set named 'NAME'"),
])
def test_bad_tle_errors_name_the_line(mutate, message):
    lines = ISS.strip().split("\n")
    with pytest.raises(ElementSetError, match=message):
        parse_elements("\n".join(mutate(lines)) + "\n", "bad.tle")


def test_catalogue_number_mismatch_is_reported():
    text = make_tle(11111, utc(2021, 1, 1), 50, 10, 0.001, 0, 0, 15.0)
    line1, line2 = text.strip().split("\n")
    other = make_tle(22222, utc(2021, 1, 1), 50, 10, 0.001, 0, 0, 15.0).strip().split("\n")[1]
    with pytest.raises(ElementSetError, match=r"line 2: catalogue number '22222' differs from line 1's '11111'"):
        parse_elements(line1 + "\n" + other + "\n")


def test_read_elements_names_the_file(tmp_path):
    path = tmp_path / "empty.tle"
    path.write_text("\n\n")
    with pytest.raises(ElementSetError, match=r"empty.tle: no element sets"):
        read_elements(path)
    with pytest.raises(ElementSetError, match=r"missing.tle: cannot read"):
        read_elements(tmp_path / "missing.tle")


def _omm_record(tle_set, norad: int | None = None) -> dict:
    """The OMM fields equivalent to a TLE (as CelesTrak derives them)."""
    line1, line2 = tle_set.text.splitlines()[-2:]
    sat = satrec_of(tle_set)
    return {
        "OBJECT_NAME": tle_set.name, "OBJECT_ID": "1998-067A", "EPOCH": tle_set.epoch.strftime("%Y-%m-%dT%H:%M:%S.%f"),
        "MEAN_MOTION": float(line2[52:63]), "ECCENTRICITY": float("0." + line2[26:33]),
        "INCLINATION": float(line2[8:16]), "RA_OF_ASC_NODE": float(line2[17:25]),
        "ARG_OF_PERICENTER": float(line2[34:42]), "MEAN_ANOMALY": float(line2[43:51]),
        "EPHEMERIS_TYPE": 0, "CLASSIFICATION_TYPE": "U", "NORAD_CAT_ID": norad or tle_set.norad_id,
        "ELEMENT_SET_NO": 999, "REV_AT_EPOCH": 30727, "BSTAR": sat.bstar,
        "MEAN_MOTION_DOT": float(line1[33:43]), "MEAN_MOTION_DDOT": 0.0,
    }


def _positions(element_set, hours=6):
    t = element_set.epoch.timestamp() + np.arange(0, hours * 3600, 600.0)
    return Orbit([element_set]).teme(t)[0]


def test_omm_json_csv_xml_propagate_like_the_tle(iss_sets):
    record = _omm_record(iss_sets[0])
    ref = _positions(iss_sets[0])
    as_json = json.dumps([record])
    header = ",".join(record)
    as_csv = header + "\n" + ",".join(str(v) for v in record.values()) + "\n"
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in record.items())
    as_xml = (f'<?xml version="1.0"?>\n<ndm><omm><body><segment><metadata>'
              f"<OBJECT_NAME>{record['OBJECT_NAME']}</OBJECT_NAME></metadata><data>{fields}</data>"
              f"</segment></body></omm></ndm>")
    for text, fmt in ((as_json, ElementFormat.OMM_JSON), (as_csv, ElementFormat.OMM_CSV), (as_xml, ElementFormat.OMM_XML)):
        (s,) = parse_elements(text, "celestrak")
        assert s.format == fmt and s.norad_id == 25544 and s.name == "ISS (ZARYA)"
        assert abs((s.epoch - iss_sets[0].epoch).total_seconds()) < 1e-5
        # Same elements: same positions (to a metre; OMM carries the numbers with more digits)
        assert np.abs(_positions(s) - ref).max() < 1e-3


def test_omm_catalogue_numbers_above_99999(iss_sets):
    record = _omm_record(iss_sets[0], norad=312345)
    record["OBJECT_NAME"] = "NEW SAT"
    sets = parse_elements(json.dumps([record, _omm_record(iss_sets[0])]))
    chosen = select_satellite(sets, 312345)
    assert chosen[0].norad_id == 312345 and Orbit(chosen).norad_id == 312345
    assert np.isfinite(_positions(chosen[0])).all()


def test_omm_errors_name_the_place():
    with pytest.raises(ElementSetError, match=r"omm.json: line 2, column 1: not valid JSON"):
        parse_elements("[{\n", "omm.json")
    with pytest.raises(ElementSetError, match=r"\$\[0\]: missing OMM field\(s\) MEAN_MOTION"):
        parse_elements(json.dumps([{"EPOCH": "2021-10-15T16:50:05.000", "NORAD_CAT_ID": 1}]))
    with pytest.raises(ElementSetError, match=r"line 3: 2 values for"):
        parse_elements("EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,"
                       "NORAD_CAT_ID,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\n"
                       "2021-10-15T16:50:05,15.5,0.0003,51.6,106.8,107.2,352.6,25544,0.0001,0.00006,0\n1,2\n")
    with pytest.raises(ElementSetError, match=r"line 1, column \d+: not well-formed XML"):
        parse_elements("<ndm><omm>", "x.xml")
    with pytest.raises(ElementSetError, match=r"EPOCH '15/10/2021' is not a time"):
        parse_elements(json.dumps({"EPOCH": "15/10/2021", "MEAN_MOTION": 15, "ECCENTRICITY": 0, "INCLINATION": 5,
                                   "RA_OF_ASC_NODE": 0, "ARG_OF_PERICENTER": 0, "MEAN_ANOMALY": 0, "NORAD_CAT_ID": 5,
                                   "BSTAR": 0, "MEAN_MOTION_DOT": 0, "MEAN_MOTION_DDOT": 0}))
