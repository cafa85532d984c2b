"""The fast ground track against skyfield's full computation, antimeridian splits, nearest-epoch sets."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from orbit_testkit import SYNTHETIC, make_tle, synthetic_set, times_of, utc
from skyfield.api import wgs84

from planner.orbit import Orbit, ground_track, parse_elements
from planner.orbit.geodesy import ground_distance_km
from planner.orbit.propagator import earth_satellite_of

TOLERANCE_M = 100.0  # the bound; the rotation by GMST alone is in fact good to millimetres


def _reference(element_set, t):
    sat = earth_satellite_of(element_set)
    position = sat.at(times_of(t))
    sub = wgs84.subpoint_of(position)
    return sub.latitude.degrees, sub.longitude.degrees, wgs84.height_of(position).km


@pytest.mark.parametrize("key", ["real", *SYNTHETIC])
def test_track_matches_skyfield_within_100_m(key, iss_sets):
    element_set = iss_sets[0] if key == "real" else synthetic_set(key)
    # two days around the epoch at an odd step, so samples fall anywhere in the day
    t = element_set.epoch.timestamp() + np.arange(-86400.0, 86400.0, 37.3)
    track = ground_track(Orbit([element_set]), t)
    lat, lon, alt = _reference(element_set, t)
    along_ground_m = ground_distance_km(track.lat_deg, track.lon_deg, lat, lon) * 1000.0
    assert along_ground_m.max() < TOLERANCE_M
    assert np.abs(track.alt_km - alt).max() * 1000.0 < TOLERANCE_M
    assert (track.lon_deg >= -180).all() and (track.lon_deg < 180).all()


def test_polar_track_reaches_the_poles_latitude_and_splits_cleanly():
    element_set = synthetic_set("polar")
    t = element_set.epoch.timestamp() + np.arange(0.0, 3 * 86400.0, 20.0)
    track = ground_track(Orbit([element_set]), t)
    lat, lon, _ = _reference(element_set, t)
    # the highest latitude reached is the same as skyfield's, and no more than the inclination allows
    assert abs(np.abs(track.lat_deg).max() - np.abs(lat).max()) < 1e-3
    assert np.abs(track.lat_deg).max() > 89.0
    _check_segments(track)


def _check_segments(track):
    segments = track.segments()
    assert len(segments) > 1
    total = 0
    for k, seg in enumerate(segments):
        assert (np.abs(np.diff(seg.lon_deg)) <= 180.0).all()
        assert (np.diff(seg.t) > 0).all()
        if k > 0:  # a segment that follows a cut starts on the antimeridian, where the previous one ended
            assert abs(seg.lon_deg[0]) == 180.0 and seg.lon_deg[0] == -segments[k - 1].lon_deg[-1]
            assert seg.lat_deg[0] == segments[k - 1].lat_deg[-1]
        total += len(seg.t) - (k > 0) - (k < len(segments) - 1)
    assert total == len(track.t)  # every original point is in exactly one segment


def test_iss_track_across_the_antimeridian(iss_orbit):
    t0 = utc(2021, 10, 15).timestamp()
    track = ground_track(iss_orbit, np.arange(t0, t0 + 6 * 3600, 10.0))
    _check_segments(track)
    # the cut point lies on the straight line between its neighbours (unwrapped)
    seg = track.segments()[0]
    a_lon, a_lat = seg.lon_deg[-2], seg.lat_deg[-2]
    nxt = track.segments()[1]
    b_lon, b_lat = nxt.lon_deg[1] + (360 if a_lon > 0 else -360), nxt.lat_deg[1]
    f = (seg.lon_deg[-1] - a_lon) / (b_lon - a_lon)
    assert seg.lat_deg[-1] == pytest.approx(a_lat + f * (b_lat - a_lat), abs=1e-9)


def test_gaps_split_the_track(iss_orbit):
    t0 = utc(2021, 10, 15).timestamp()
    track = ground_track(iss_orbit, np.arange(t0, t0 + 600, 10.0))
    lat = track.lat_deg.copy()
    lat[30] = np.nan
    holey = type(track)(track.t, lat, track.lon_deg, track.alt_km)
    assert sum(len(s.t) for s in holey.segments()) == len(track.t) - 1


def test_each_time_uses_the_nearest_epoch():
    spec = dict(SYNTHETIC["iss-2021-06"])
    first = parse_elements(make_tle(**spec))[0]
    spec.update(epoch=spec["epoch"] + timedelta(days=6), raan=spec["raan"] - 30.0, mean_anomaly=300.0)
    second = parse_elements(make_tle(**spec))[0]
    both = Orbit([second, first])  # any order
    mid = (first.epoch.timestamp() + second.epoch.timestamp()) / 2
    t = np.array([first.epoch.timestamp() + 60, mid - 1, mid + 1, second.epoch.timestamp() - 60])
    r = both.teme(t)[0]
    r1 = Orbit([first]).teme(t)[0]
    r2 = Orbit([second]).teme(t)[0]
    assert np.allclose(r[:, :2], r1[:, :2], atol=1e-9) and np.allclose(r[:, 2:], r2[:, 2:], atol=1e-9)
    assert not np.allclose(r1[:, 1], r2[:, 1], atol=1.0)  # the two sets really differ there


def test_stale_spans_warn_beyond_14_days(iss_orbit, iss_sets):
    epoch = iss_sets[0].epoch
    assert iss_orbit.stale_spans(epoch - timedelta(days=13), epoch + timedelta(days=13)) == []
    spans = iss_orbit.stale_spans(epoch - timedelta(days=20), epoch + timedelta(days=16))
    assert len(spans) == 2
    assert spans[0].days_from_epoch == pytest.approx(20.0) and spans[1].days_from_epoch == pytest.approx(16.0)
    assert spans[0].end == pytest.approx((epoch - timedelta(days=14)).timestamp())
    assert "import a newer element set" in spans[0].message() and iss_sets[0].id in spans[0].message()


def test_decayed_propagation_gives_nan_not_garbage():
    spec = dict(SYNTHETIC["iss-2021-06"], norad=40003, mean_motion=16.4, bstar=" 50000-1")
    element_set = parse_elements(make_tle(**spec))[0]
    t = element_set.epoch.timestamp() + np.array([0.0, 200 * 86400.0])
    track = ground_track(Orbit([element_set]), t)
    assert np.isfinite(track.lat_deg[0]) and np.isnan(track.lat_deg[1])
