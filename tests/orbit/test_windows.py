"""Filming windows meet every constraint; interval algebra against a brute-force sample."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from orbit_testkit import utc

from planner.model import Event, EventKind, Mission
from planner.orbit import (
    Daylight, Site, WindowRequest, busy_around_dynamic_events, filming_windows, find_passes, intervals,
)

KOROLYOV = Site(55.91, 37.81, 150.0, 10.0)


def test_windows_satisfy_every_constraint(iss_orbit):
    t0, t1 = utc(2021, 10, 15).timestamp(), utc(2021, 10, 18).timestamp()
    busy = [(utc(2021, 10, 16, 6), utc(2021, 10, 16, 12))]
    request = WindowRequest(light="sunlit", site=KOROLYOV, busy=busy, min_duration_s=30.0)
    windows = filming_windows(iss_orbit, t0, t1, request)
    assert windows
    daylight = Daylight(iss_orbit, t0, t1)
    passes = find_passes(iss_orbit, [KOROLYOV], t0, t1)
    in_view = np.array([[p.rise, p.set] for p in passes])
    for w in windows:
        assert w.duration_s >= 30.0
        for iv in (daylight.sunlit, in_view):
            assert ((iv[:, 0] <= w.start + 1e-6) & (iv[:, 1] >= w.end - 1e-6)).any()
        assert w.end <= busy[0][0].timestamp() or w.start >= busy[0][1].timestamp()
        best = max(p.max_elevation_deg for p in passes if p.rise <= w.end and p.set >= w.start)
        assert w.max_elevation_deg <= best + 0.01
    durations = [w.duration_s for w in windows]
    assert durations == sorted(durations, reverse=True)
    # nothing in view and sunlit was left out (apart from the busy time and the short ones)
    expected = intervals.subtract(intervals.intersect(daylight.sunlit, in_view), intervals.make(busy))
    expected = expected[intervals.duration(expected) >= 30.0]
    assert len(expected) == len(windows)


def test_rankings(iss_orbit):
    t0, t1 = utc(2021, 10, 15).timestamp(), utc(2021, 10, 17).timestamp()
    request = WindowRequest(site=KOROLYOV)
    by_elevation = filming_windows(iss_orbit, t0, t1, request, rank="elevation")
    assert [w.max_elevation_deg for w in by_elevation] == sorted((w.max_elevation_deg for w in by_elevation), reverse=True)
    by_time = filming_windows(iss_orbit, t0, t1, request, rank="earliest")
    assert [w.start for w in by_time] == sorted(w.start for w in by_time)
    with pytest.raises(ValueError, match="unknown ranking"):
        filming_windows(iss_orbit, t0, t1, request, rank="prettiest")


def test_shadow_over_a_country(iss_orbit):
    t0, t1 = utc(2021, 10, 15).timestamp(), utc(2021, 10, 18).timestamp()
    windows = filming_windows(iss_orbit, t0, t1, WindowRequest(light="shadow", place="Brazil", min_duration_s=1.0))
    shadow = Daylight(iss_orbit, t0, t1).shadow
    for w in windows:
        assert ((shadow[:, 0] <= w.start + 1e-6) & (shadow[:, 1] >= w.end - 1e-6)).any()
        assert w.max_elevation_deg is None


def test_busy_around_dynamic_events():
    ms19 = Mission("ms19", "Soyuz MS-19", "soyuz-ms", events=[
        Event(EventKind.LAUNCH, utc(2021, 10, 5, 8, 55, 2)),
        Event(EventKind.DOCK, utc(2021, 10, 5, 12, 22, 31), port="rassvet-nadir"),
    ])
    busy = busy_around_dynamic_events([ms19], margin_s=3600.0)
    assert busy.tolist() == [[utc(2021, 10, 5, 11, 22, 31).timestamp(), utc(2021, 10, 5, 13, 22, 31).timestamp()]]


pairs = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), max_size=6)


@settings(max_examples=60, deadline=None)
@given(pairs, pairs)
def test_interval_algebra_matches_sampling(a, b):
    ia, ib = intervals.make(a), intervals.make(b)
    grid = np.arange(0, 100, 0.25) + 0.125  # never on an integer edge

    def member(iv):
        return ((grid[:, None] >= iv[:, 0]) & (grid[:, None] < iv[:, 1])).any(axis=1) if len(iv) else np.zeros(len(grid), bool)

    assert (member(intervals.intersect(ia, ib)) == (member(ia) & member(ib))).all()
    assert (member(intervals.union(ia, ib)) == (member(ia) | member(ib))).all()
    assert (member(intervals.subtract(ia, ib)) == (member(ia) & ~member(ib))).all()
    assert (member(intervals.complement(ia, 0, 100)) == ~member(ia)).all()
    merged = intervals.union(ia, ib)
    assert (np.diff(merged.ravel()) > 0).all()  # sorted, disjoint, non-empty
