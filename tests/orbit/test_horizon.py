"""What the orbit engine cannot judge: past the ephemeris, far from every epoch, where SGP4 stops, too long."""

from __future__ import annotations

import resource
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from orbit_testkit import make_tle, utc

from planner.orbit import CannotJudge, Daylight, Horizon, Orbit, check_span, in_view_intervals, parse_elements
from planner.orbit.horizon import EPHEMERIS_FIRST, EPHEMERIS_LAST, REACH_DAYS
from planner.orbit.passes import Site
from planner.orbit.timebase import time_grid


def test_the_stated_ephemeris_span_is_the_bundled_files():
    from planner.orbit.skydata import ephemeris

    segments = ephemeris().spk.segments
    jd0 = max(s.start_jd for s in segments)
    jd1 = min(s.end_jd for s in segments)
    as_day = lambda jd: datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(days=jd - 2440587.5)  # noqa: E731
    assert (as_day(jd0), as_day(jd1)) == (EPHEMERIS_FIRST, EPHEMERIS_LAST)


@pytest.fixture
def horizon(iss_orbit):
    return Horizon(iss_orbit)


EPOCH = datetime(2021, 10, 15, 16, 50, 4, 958592, tzinfo=timezone.utc)


@pytest.mark.parametrize("start, days, reason", [
    (EPOCH - timedelta(days=89), 178, None),
    (EPOCH + timedelta(days=80), 20, r"^2022-01-13T16:50Z is 90.0 days from the epoch of element set "
                                     r"25544@2021-10-15T16:50:04.958592Z, the nearest; element sets are good to about "
                                     r"90 days: import one nearer that time$"),
    (utc(2022, 6, 1), 1, r"^2022-06-01T00:00Z is 228.3 days from the epoch"),
    (utc(2060, 1, 1), 1, r"^2060-01-01 is after 2053-10-08, the last day the bundled ephemeris \(DE421\) covers$"),
    (utc(1890, 1, 1), 1, r"^1890-01-01 is before 1899-07-30, the first day the bundled ephemeris"),
    (utc(2021, 10, 1), 365.25 * 300, r"^2021-10-01 to 2321-10-04 is 109,575 days, more than the 3,660 days the orbit "
                                     r"engine works through at once$"),
])
def test_reasons_name_the_time_and_the_set(horizon, start, days, reason):
    found = horizon.reason(start, start + timedelta(days=days))
    assert found is None if reason is None else re_match(reason, found)
    assert horizon.covers([start.timestamp()], [(start + timedelta(days=days)).timestamp()])[0] == (reason is None)


def re_match(pattern, text) -> bool:
    import re

    assert text is not None and re.search(pattern, text), text
    return True


def test_covers_agrees_with_reason_on_random_spans(horizon):
    rng = np.random.default_rng(15)
    starts = EPOCH.timestamp() + rng.uniform(-200, 200, 400) * 86400.0
    ends = starts + rng.exponential(20.0, 400) * 86400.0
    covered = horizon.covers(starts, ends)
    assert covered.any() and not covered.all()
    for s, e, c in zip(starts, ends, covered):
        assert (horizon.reason(s, e) is None) == c
        # the reference: within REACH_DAYS of the one epoch at both ends
        assert c == (abs(s - EPOCH.timestamp()) <= REACH_DAYS * 86400 and abs(e - EPOCH.timestamp()) <= REACH_DAYS * 86400)


def test_several_sets_cover_around_each_epoch_only(iss_sets):
    far = parse_elements(make_tle(25544, utc(2023, 6, 1), 51.64, 40.0, 0.0004, 10, 20, 15.5, name="ISS (ZARYA)"))
    horizon = Horizon(Orbit(iss_sets + far), reach_days=30)
    assert horizon.reason(utc(2021, 11, 1), utc(2021, 11, 2)) is None
    assert horizon.reason(utc(2023, 6, 20), utc(2023, 6, 21)) is None
    assert "from the epoch of element set 25544@2021-10-15" in horizon.reason(utc(2022, 1, 1), utc(2022, 1, 2))
    assert "from the epoch of element set 25544@2023-06-01" in horizon.reason(utc(2023, 3, 1), utc(2023, 3, 2))


def test_where_sgp4_stops_the_set_is_named():
    # A low orbit with a heavy drag term: SGP4 gives up within hours of the epoch.
    (s,) = parse_elements(make_tle(40001, utc(2022, 3, 1, 12), 51.6, 10, 0.0005, 0, 0, 16.0, bstar=" 50000-0"))
    with pytest.raises(CannotJudge, match=r"^SGP4 cannot fly element set 40001@2022-03-01T12:00:00Z at 2022-03-01T12:10Z "
                                          r"\(error 1: the mean eccentricity left the range"):
        check_span(Orbit([s]), utc(2022, 3, 1, 12), utc(2022, 3, 2))


def test_the_engine_refuses_instead_of_crashing_or_exhausting_memory(iss_orbit):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(CannotJudge, match="after 2053-10-08"):
        Daylight(iss_orbit, utc(2060, 1, 1), utc(2060, 1, 2))  # was jplephem's OutOfRangeError
    with pytest.raises(CannotJudge, match="more than the 3,660 days"):
        Daylight(iss_orbit, utc(2021, 10, 1), utc(2321, 10, 1))  # was 3.7-5 GB, then MemoryError
    with pytest.raises(CannotJudge, match="more than the 3,660 days"):
        in_view_intervals(iss_orbit, Site(55.9, 37.8), utc(2021, 10, 1), utc(2321, 10, 1))
    with pytest.raises(CannotJudge, match="more than the 10,000,000"):
        time_grid(utc(2021, 10, 1), utc(2321, 10, 1), 10.0)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 200_000


def test_sgp4_failing_for_minutes_between_tries_is_refused_where_it_is_needed(tmp_path, capsys):
    import json

    from planner.cli import main

    # B* = 3: SGP4's perturbed eccentricity leaves its range for minutes at a time from ten minutes on.
    record = {"EPOCH": "2021-10-15T16:50:04.958592", "MEAN_MOTION": 15.48692786, "ECCENTRICITY": 0.0003768,
              "INCLINATION": 51.643, "RA_OF_ASC_NODE": 106.8285, "ARG_OF_PERICENTER": 107.2156,
              "MEAN_ANOMALY": 352.5939, "NORAD_CAT_ID": 25544, "BSTAR": 3, "MEAN_MOTION_DOT": 0,
              "MEAN_MOTION_DDOT": 0}
    (s,) = parse_elements(json.dumps(record))
    orbit = Orbit([s])
    with pytest.raises(CannotJudge, match=r"^SGP4 cannot fly element set 25544@2021-10-15T16:50:04.958592Z at "
                                          r"2021-10-15T1[67]:\d\dZ \(error 1: the mean eccentricity"):
        Daylight(orbit, s.epoch, s.epoch + timedelta(minutes=30))
    path = tmp_path / "drag.json"
    path.write_text(json.dumps([record]))
    assert main(["track", "--tle", str(path), "--start", "2021-10-15T16:51:00Z", "--hours", "0.5"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"planner: {path}: cannot be judged: SGP4 cannot fly element set") and err.count("\n") == 1
