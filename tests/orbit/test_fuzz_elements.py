"""Fuzzing element set files (issue 15): hostile TLE and OMM JSON, CSV and XML, as an attacker or a careless
user would write them. Each file is refused with ElementSetError naming the file (and, inside it, the
place), or read to sets that fly: a short ground track and its daylight come out finite, in orbit. Any other
exception, or a file taking more than TIME_LIMIT_S, fails.

A few hundred files in all by default; set PLANNER_FUZZ_EXAMPLES to run that many per format. The counts
(tried, refused, handled, failed) are printed at the end of the run (see conftest.py).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.orbit import (CannotJudge, Daylight, ElementSetError, Horizon, Orbit, ground_track, read_elements,
                           sunlit_at, tle_checksum)
from planner.orbit.horizon import sgp4_failure

EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "80"))
TIME_LIMIT_S = 10.0
COUNTS: dict[str, dict[str, int]] = {}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LINE1 = "1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991"
LINE2 = "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278"
RECORD = {
    "OBJECT_NAME": "ISS (ZARYA)", "OBJECT_ID": "1998-067A", "EPOCH": "2021-10-15T16:50:04.958592",
    "MEAN_MOTION": 15.48692786, "ECCENTRICITY": 0.0003768, "INCLINATION": 51.643, "RA_OF_ASC_NODE": 106.8285,
    "ARG_OF_PERICENTER": 107.2156, "MEAN_ANOMALY": 352.5939, "EPHEMERIS_TYPE": 0, "CLASSIFICATION_TYPE": "U",
    "NORAD_CAT_ID": 25544, "ELEMENT_SET_NO": 999, "REV_AT_EPOCH": 30727, "BSTAR": 0.00012985,
    "MEAN_MOTION_DOT": 6.635e-05, "MEAN_MOTION_DDOT": 0,
}
# Characters a careless editor or an attacker puts in: look-alike digits, separators, controls, line breaks.
ODD = ".e-+ 0123456789EeNnaIifXxUu,\"'<>&;\t\x00\x0b\x0c\x1c\x85\u2028\u202e\ufeff٣４²\u00a0\r\n"
ODD_TEXTS = ["1e999", "-1e999", "NaN", "Infinity", "-0", "1_000", "0x10", "٣٥٢.٥", "15.5\x00", "", " ", "1e-400",
             "1" + "0" * 400, "9" * 5000, "2021-10-15T16:50:04Z", "2060-01-01T00:00:00", "1950-01-01T00:00:00",
             "2021-02-30T00:00:00", "U", "UU", "<x/>", "&amp;", "ISS\n(ZARYA)", "ISS\u202e"]


def _judge(kind: str, folder: Path, name: str, content: str | bytes) -> None:
    counts = COUNTS.setdefault(kind, {"tried": 0, "refused": 0, "handled": 0, "failed": 0})
    counts["tried"] += 1
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    began = time.perf_counter()
    try:
        try:
            sets = read_elements(path)
        except ElementSetError as exc:
            message = str(exc)
            assert message.startswith(f"{path}: ") and len(message) > len(str(path)) + 8, message
            counts["refused"] += 1
            return
        for element_set in sets[:5]:
            _fly(element_set)
        counts["handled"] += 1
    except BaseException:
        counts["failed"] += 1
        raise
    finally:
        assert time.perf_counter() - began < TIME_LIMIT_S


def _fly(element_set) -> None:
    """A set that was read flies: ten minutes of track from its epoch are finite and in orbit, or the span
    is one the engine says it cannot judge (past the ephemeris)."""
    orbit = Orbit([element_set])
    t0 = element_set.epoch.timestamp()
    reason = Horizon(orbit).reason(t0, t0 + 600.0)
    if reason is not None:
        assert "ephemeris" in reason or "SGP4" in reason, reason
        return
    times = t0 + np.arange(0.0, 601.0, 60.0)
    track = ground_track(orbit, times)
    try:
        Daylight(orbit, t0, t0 + 600.0)
    except CannotJudge as exc:  # SGP4 failing for minutes between the horizon's tries
        assert str(exc).startswith("SGP4 cannot fly element set"), exc
        return
    if sgp4_failure(orbit, times, track.alt_km[None, :]):  # the track has gaps: planner track refuses it
        return
    assert np.isfinite(track.lat_deg).all() and np.isfinite(track.lon_deg).all()
    assert ((track.alt_km > -50.0) & (track.alt_km < 925_000.0)).all(), track.alt_km
    assert sunlit_at(orbit, times).dtype == bool


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# --- TLE ----------------------------------------------------------------------------------------------

@st.composite
def tle_files(draw) -> str:
    lines = ["ISS (ZARYA)", LINE1, LINE2]
    for _ in range(draw(st.integers(0, 4))):
        which = draw(st.integers(0, 2))
        line = lines[which]
        column = draw(st.integers(0, max(len(line) - 1, 0)))
        action = draw(st.sampled_from(["replace", "replace", "replace", "insert", "delete"]))
        char = draw(st.sampled_from(ODD))
        if action == "replace":
            line = line[:column] + char + line[column + 1:]
        elif action == "insert":
            line = line[:column] + char + line[column:]
        else:
            line = line[:column] + line[column + 1:]
        if which and draw(st.booleans()) and len(line) >= 69:  # keep the checksum right, to reach the fields
            line = line[:68] + str(tle_checksum(line)) + line[69:]
        lines[which] = line
    shape = draw(st.sampled_from(["3", "3", "2", "0", "twice", "swap", "name only", "many"]))
    if shape == "2":
        lines = lines[1:]
    elif shape == "0":
        lines[0] = "0 " + lines[0]
    elif shape == "twice":
        lines = lines + lines
    elif shape == "swap":
        lines = [lines[0], lines[2], lines[1]]
    elif shape == "name only":
        lines = lines[:1]
    elif shape == "many":
        lines = lines * draw(st.integers(2, 50))
    text = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"])).join(lines)
    if draw(st.integers(0, 9)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    return text


@FUZZ
@given(text=tle_files())
def test_hostile_tle_files(folder, text):
    _judge("TLE", folder, "hostile.tle", text)


# --- OMM: hostile values in each form -------------------------------------------------------------------

HOSTILE_VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**30), 10**30), st.booleans(), st.none(),
    st.sampled_from(ODD_TEXTS), st.text(alphabet=ODD, max_size=12), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["a", "EPOCH"]), st.integers(), max_size=2),
    st.floats(-1e3, 1e3).map(repr),
)
KEYS = st.sampled_from([*RECORD, "extra"])


@st.composite
def records(draw) -> dict:
    record = dict(RECORD)
    for _ in range(draw(st.integers(0, 3))):
        key = draw(KEYS)
        if draw(st.integers(0, 5)) == 0:
            record.pop(key, None)
        else:
            record[key] = draw(HOSTILE_VALUES)
    return record


@st.composite
def omm_json_files(draw) -> str:
    many = [draw(records()) for _ in range(draw(st.integers(1, 3)))]
    shape = draw(st.sampled_from(["list", "list", "object", "nested", "bomb", "duplicate", "empty"]))
    if shape == "bomb":
        return "[" * draw(st.sampled_from([1_000, 100_000])) + "]" * draw(st.sampled_from([0, 1_000]))
    data = many if shape in ("list", "duplicate") else ({} if shape == "empty" else many[0])
    if shape == "nested":
        data = [[many[0]]]
    text = json.dumps(data, allow_nan=True, default=str)
    if shape == "duplicate":
        text = text.replace('"EPOCH":', '"EPOCH": "2021-10-15T16:50:04", "EPOCH":', 1)
    if draw(st.integers(0, 5)) == 0:
        text = text.replace("15.48692786", draw(st.sampled_from(ODD_TEXTS[:14])).replace('"', ""), 1)
    if draw(st.integers(0, 7)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    return text


@FUZZ
@given(text=omm_json_files())
def test_hostile_omm_json_files(folder, text):
    _judge("OMM JSON", folder, "hostile.json", text)


def _cell(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, allow_nan=True, default=str)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


@st.composite
def omm_csv_files(draw) -> str:
    rows = [draw(records()) for _ in range(draw(st.integers(1, 3)))]
    header = list(rows[0])
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [",".join(header)] + [",".join(_cell(r.get(k, "")) for k in header) for r in rows]
    shape = draw(st.sampled_from(["plain", "plain", "long cell", "short row", "long row", "blank lines", "nul"]))
    if shape == "long cell":
        lines[1] = "X" * draw(st.sampled_from([131_073, 200_000])) + lines[1]
    elif shape == "short row":
        lines[1] = lines[1].rsplit(",", 1)[0]
    elif shape == "long row":
        lines[1] += ",1"
    elif shape == "blank lines":
        lines.insert(1, "")
    elif shape == "nul":
        lines[1] = lines[1].replace(",", ",\x00", 1)
    text = newline.join(lines) + newline
    if draw(st.integers(0, 7)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    return text


@FUZZ
@given(text=omm_csv_files())
def test_hostile_omm_csv_files(folder, text):
    _judge("OMM CSV", folder, "hostile.csv", text)


def _xml_text(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, allow_nan=True, default=str)
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def omm_xml_files(draw) -> str:
    record = draw(records())
    fields = "".join(f"<{k}>{_xml_text(v)}</{k}>" for k, v in record.items() if k != "extra")
    segment = f"<segment><metadata></metadata><data>{fields}</data></segment>"
    shape = draw(st.sampled_from(["ndm", "ndm", "bare", "two segments", "raw value", "deep", "laughs", "empty"]))
    if shape == "deep":
        depth = draw(st.sampled_from([1_000, 100_000]))
        return "<a>" * depth + "</a>" * depth
    if shape == "laughs":
        # Ten million "ha"s if expanded: the XML reader must refuse the amplification, not build it.
        bomb = ('<!DOCTYPE ndm [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
                '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
                '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>')
        return bomb + f"<ndm><omm><body>{segment.replace('ISS (ZARYA)', '&g;')}</body></omm></ndm>"
    if shape == "raw value":
        segment = segment.replace("15.48692786", draw(st.sampled_from(ODD_TEXTS)).replace("<", "&lt;"), 1)
    body = {"two segments": segment + segment, "empty": ""}.get(shape, segment)
    text = f"<omm><body>{body}</body></omm>" if shape == "bare" else f"<ndm><omm><body>{body}</body></omm></ndm>"
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + text
    if draw(st.integers(0, 7)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    return text


@FUZZ
@given(text=omm_xml_files())
def test_hostile_omm_xml_files(folder, text):
    _judge("OMM XML", folder, "hostile.xml", text)


@FUZZ
@given(content=st.binary(max_size=300))
def test_bytes_that_may_not_be_text(folder, content):
    _judge("bytes", folder, "hostile.tle", content)
