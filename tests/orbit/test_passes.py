"""Passes over ground sites against skyfield's find_events; sites the station never sees."""

from __future__ import annotations

import numpy as np
import pytest
from orbit_testkit import synthetic_set, times_of, utc
from skyfield.api import wgs84

from planner.model import GroundSite
from planner.orbit import Orbit, Site, find_passes, in_view_intervals, site_in_view_periods
from planner.orbit.propagator import earth_satellite_of

TOLERANCE_S = 1.0

SITES = [
    Site(55.91, 37.81, 150.0, 10.0, "Korolyov"),
    Site(29.56, -95.09, 10.0, 0.0, "Houston"),
    Site(45.96, 63.31, 90.0, 20.0, "Baikonur"),
    Site(-33.9, 18.4, 0.0, 5.0, "Cape Town"),
    Site(64.8, -147.7, 130.0, 0.0, "Fairbanks"),  # above the ISS's inclination: only low passes
]


def _events(element_set, site, t0, t1):
    sat = earth_satellite_of(element_set)
    times, kinds = sat.find_events(wgs84.latlon(site.lat_deg, site.lon_deg, site.alt_m), times_of(t0), times_of(t1),
                                   altitude_degrees=site.min_elevation_deg)
    return np.array([t.timestamp() for t in times.utc_datetime()]), kinds


def _mine_as_events(passes, t0, t1):
    events = []
    for p in passes:
        events += [(t, k) for t, k in ((p.rise, 0), (p.culminate, 1), (p.set, 2)) if t is not None and t0 <= t <= t1]
    return np.array([e[0] for e in events]), np.array([e[1] for e in events])


@pytest.mark.parametrize("key", ["real", "iss-2024-12", "polar"])
def test_passes_within_1_s_of_skyfield(key, iss_sets):
    element_set = iss_sets[0] if key == "real" else synthetic_set(key)
    t0 = element_set.epoch.timestamp() - 2 * 86400.0
    t1 = t0 + 4 * 86400.0
    found = find_passes(Orbit([element_set]), SITES, t0, t1)
    assert len(found) > 20
    for k, site in enumerate(SITES):
        ref_t, ref_kind = _events(element_set, site, t0, t1)
        mine = [p for p in found if p.site == k]
        t, kind = _mine_as_events(mine, t0, t1)
        # a pass cut by the span's start has no culmination inside: skyfield still reports its set
        keep = ref_t >= (mine[0].rise if mine and mine[0].rise else t0) - 1.0
        ref_t, ref_kind = ref_t[keep], ref_kind[keep]
        assert len(t) == len(ref_t), site.name
        assert (kind == ref_kind).all()
        assert np.abs(t - ref_t).max() < TOLERANCE_S, site.name
        # maximum elevation: skyfield's altitude at our culmination
        if mine:
            topo = (earth_satellite_of(element_set) - wgs84.latlon(site.lat_deg, site.lon_deg, site.alt_m))
            alt = topo.at(times_of([p.culminate for p in mine])).altaz()[0].degrees
            assert np.abs(alt - [p.max_elevation_deg for p in mine]).max() < 0.01
            assert min(p.max_elevation_deg for p in mine) >= site.min_elevation_deg


def test_site_where_the_station_never_rises(iss_orbit, iss_sets):
    south_pole = Site(-89.9, 0.0, 2800.0, 0.0)
    t0 = utc(2021, 10, 13).timestamp()
    assert find_passes(iss_orbit, [south_pole], t0, t0 + 5 * 86400.0) == []
    assert len(_events(iss_sets[0], south_pole, t0, t0 + 5 * 86400.0)[0]) == 0
    assert site_in_view_periods(iss_sets, utc(2021, 10, 13), utc(2021, 10, 18), -89.9, 0.0, 2800.0, 0.0) == []


def test_sites_together_equal_sites_alone(iss_orbit):
    t0 = utc(2021, 10, 14).timestamp()
    together = find_passes(iss_orbit, SITES, t0, t0 + 2 * 86400.0)
    for k, site in enumerate(SITES):
        alone = find_passes(iss_orbit, [site], t0, t0 + 2 * 86400.0)
        mine = [p for p in together if p.site == k]
        assert [t for p in mine for t in (p.rise, p.culminate, p.set)] == pytest.approx(
            [t for p in alone for t in (p.rise, p.culminate, p.set)], abs=0.05)


def test_in_view_periods_for_the_rules_engine(iss_sets, iss_orbit):
    start, end = utc(2021, 10, 15), utc(2021, 10, 17)
    periods = site_in_view_periods(iss_sets, start, end, 55.91, 37.81, 150.0, 10.0)
    passes = find_passes(iss_orbit, [GroundSite("mcc", "MCC", 55.91, 37.81, 150.0, 10.0)], start, end)
    assert len(periods) == len(passes) > 0
    for (a, b), p in zip(periods, passes):
        assert a.tzinfo is not None and abs(a.timestamp() - p.rise) < 0.01 and abs(b.timestamp() - p.set) < 0.01


def test_in_view_intervals_are_clipped_to_the_span(iss_orbit):
    t0 = utc(2021, 10, 15).timestamp()
    site = Site(55.91, 37.81, 0.0, 0.0)
    passes = find_passes(iss_orbit, [site], t0, t0 + 86400.0)
    cut = (passes[0].rise + passes[0].set) / 2  # start in the middle of a pass
    view = in_view_intervals(iss_orbit, site, cut, t0 + 86400.0)
    assert view[0, 0] == cut and view[0, 1] == pytest.approx(passes[0].set, abs=0.01)
