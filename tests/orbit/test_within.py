"""Sunlight and ground-site visibility over many windows in one call, against skyfield sampled every second."""

from __future__ import annotations

import numpy as np
import pytest
from orbit_testkit import utc
from skyfield.api import EarthSatellite, wgs84

from planner.intervals import normalise
from planner.orbit import CannotJudge, Orbit, Site, find_passes, parse_elements
from planner.orbit.daylight import Daylight, sunlit_within
from planner.orbit.passes import in_view_within
from planner.orbit.sampling import HermiteOrbit
from planner.orbit.skydata import ephemeris, timescale

# Our frame (GMST 1982, no polar motion) and Sun against skyfield's full chain put transitions within a few tenths
# of a second of its (0.6 s passes here); the reference's own transitions are known to half a sample (0.5 s).
TOLERANCE_S = 1.0
HOUSTON = Site(29.56, -95.09, 10.0, 10.0, "Houston")
MOSCOW = Site(55.75, 37.62, 150.0, 5.0, "Moscow")
DAY = 86400.0


@pytest.fixture(scope="module")
def iss(request):
    lines = (request.path.parent.parent / "data" / "iss-2021-10-15.tle").read_text(encoding="utf-8").splitlines()
    orbit = Orbit(parse_elements("\n".join(lines)))
    return orbit, EarthSatellite(lines[1], lines[2], lines[0], timescale()), orbit.epochs[0]


def _sky_times(seconds):
    # Whole UTC days since 1970 and seconds into the day: no leap second falls in the days tested.
    days = np.floor(seconds / DAY)
    return timescale().utc(1970, 1, 1 + days, 0, 0, seconds - days * DAY)


def _samples(windows):
    """Every second of each window from its start, and a moment before its end."""
    t = np.concatenate([np.append(np.arange(a, b, 1.0), b - 1e-3) for a, b in windows])
    return np.unique(t)


def sunlit_reference(sat, t):
    return sat.at(_sky_times(t)).is_sunlit(ephemeris())


def in_view_reference(sat, site, t):
    topos = wgs84.latlon(site.lat_deg, site.lon_deg, elevation_m=site.alt_m)
    return (sat - topos).at(_sky_times(t)).altaz()[0].degrees > site.min_elevation_deg


def assert_agrees(found, windows, t, reference):
    """``found`` is a normalised set inside ``windows`` that holds at the samples ``t`` where ``reference`` does,
    apart from within the tolerance of a transition, and has a transition wherever the reference has one."""
    assert (np.diff(found.ravel()) > 0).all()  # sorted, disjoint, none empty
    w = np.searchsorted(windows[:, 0], found[:, 0], side="right") - 1
    assert (w >= 0).all() and (found[:, 1] <= windows[w, 1]).all()
    k = np.searchsorted(found[:, 0], t, side="right") - 1
    mine = (k >= 0) & (t < found[np.maximum(k, 0), 1])
    edges = found.ravel()[~np.isin(found.ravel(), windows.ravel())]
    ws = np.searchsorted(windows[:, 0], t, side="right") - 1
    change = np.flatnonzero((reference[1:] != reference[:-1]) & (ws[1:] == ws[:-1]))
    ref_edges = (t[change] + t[change + 1]) / 2
    if len(ref_edges) or len(edges):
        assert len(edges) and np.abs(ref_edges[:, None] - edges[None, :]).min(axis=1).max(initial=0) < TOLERANCE_S
        # each of ours is the reference's, unless it lies so near a window's edge that the reference missed it
        inner = np.abs(edges[:, None] - windows.ravel()[None, :]).min(axis=1) > TOLERANCE_S
        assert np.abs(edges[inner, None] - ref_edges[None, :]).min(axis=1, initial=np.inf).max(initial=0) < TOLERANCE_S
    far = np.abs(t[:, None] - edges[None, :]).min(axis=1, initial=np.inf) > TOLERANCE_S
    assert (mine == reference)[far].all()
    return mine


def _spread_windows(t0, days, n, seed, shortest_s=300.0, longest_s=1800.0):
    rng = np.random.default_rng(seed)
    starts = np.sort(rng.uniform(t0, t0 + days * DAY, n))
    return np.stack((starts, starts + rng.uniform(shortest_s, longest_s, n)), axis=1)


def _across(intervals, fraction_in=0.5, length=1500.0):
    """Windows starting inside each interval (``fraction_in`` of the way) and ones ending inside the next."""
    a, b = intervals[:, 0], intervals[:, 1]
    mid = a + fraction_in * (b - a)
    return np.concatenate((np.stack((mid, mid + length), axis=1)[::2], np.stack((mid - length, mid), axis=1)[1::2]))


@pytest.fixture(scope="module")
def windows(iss):
    """Day 1: windows starting or ending in the middle of a shadow, of a pass over each site, and windows inside
    one; days 2-4: 30 windows of 5-20 minutes at random; windows closer than a knot step."""
    orbit, _sat, epoch = iss
    t0 = epoch - DAY
    light = Daylight(orbit, t0, t0 + DAY)
    shadow = light.shadow[1:-1]
    rows = [_across(shadow[:8]), [[shadow[8, 0] + 60, shadow[8, 1] - 60]]]
    for site in (HOUSTON, MOSCOW):
        passes = np.array([[p.rise, p.set] for p in find_passes(orbit, [site], t0, t0 + DAY)])
        rows += [_across(passes[:2]), [[passes[2, 0] + 30, passes[2, 1] - 30]]]
    rows.append(_spread_windows(t0 + DAY, 3, 30, seed=15, longest_s=1200.0))
    near = t0 + 4 * DAY + 600.0 + np.array([[0.0, 7.0], [20.0, 31.0], [31.5, 50.0], [59.0, 200.0], [200.5, 201.0]])
    rows.append(near)
    return normalise(np.concatenate(rows))  # the constructed ones may meet the random ones


def test_sunlit_within_matches_skyfield_every_second(iss, windows):
    orbit, sat, _epoch = iss
    found = sunlit_within(orbit, windows)
    t = _samples(windows)
    reference = sunlit_reference(sat, t)
    mine = assert_agrees(found, windows, t, reference)
    # the windows were laid to start and end in shadow and in sunlight: make sure they did
    at_start = reference[np.searchsorted(t, windows[:, 0])]
    at_end = reference[np.searchsorted(t, windows[:, 1] - 1e-3)]
    assert 10 < at_start.sum() < len(windows) - 10 and 10 < at_end.sum() < len(windows) - 10
    assert mine.any() and not mine.all()


@pytest.mark.parametrize("site", [HOUSTON, MOSCOW], ids=lambda s: s.name)
def test_in_view_within_matches_skyfield_every_second(iss, windows, site):
    orbit, sat, _epoch = iss
    found = in_view_within(orbit, site, windows, site.min_elevation_deg)
    t = _samples(windows)
    reference = in_view_reference(sat, site, t)
    assert_agrees(found, windows, t, reference)
    at_start = reference[np.searchsorted(t, windows[:, 0])]
    at_end = reference[np.searchsorted(t, windows[:, 1] - 1e-3)]
    assert at_start.sum() >= 2 and at_end.sum() >= 2 and len(found) >= 4


def test_one_long_window_matches_skyfield_every_second(iss):
    orbit, sat, epoch = iss
    rise = find_passes(orbit, [MOSCOW], epoch, epoch + DAY)[0].rise
    window = np.array([[rise - 2 * 3600.0, rise + 4 * 3600.0]])
    t = _samples(window)
    found = sunlit_within(orbit, window)
    assert len(found) >= 4
    assert_agrees(found, window, t, sunlit_reference(sat, t))
    found = in_view_within(orbit, MOSCOW, window, 0.0)
    assert len(found) >= 2
    assert_agrees(found, window, t, in_view_reference(sat, Site(55.75, 37.62, 150.0, 0.0), t))


def test_a_pass_shorter_than_a_knot_step_is_found(iss):
    orbit, sat, epoch = iss
    # The lowest pass over Houston in a day, with the minimum elevation just below its top: in view for seconds.
    p = min(find_passes(orbit, [HOUSTON], epoch, epoch + DAY), key=lambda p: p.max_elevation_deg)
    site = Site(HOUSTON.lat_deg, HOUSTON.lon_deg, HOUSTON.alt_m, p.max_elevation_deg - 0.02)
    window = np.array([[p.culminate - 600.0, p.culminate + 600.0]])
    t = _samples(window)
    topos = wgs84.latlon(site.lat_deg, site.lon_deg, elevation_m=site.alt_m)
    elevation = (sat - topos).at(_sky_times(t)).altaz()[0].degrees
    found = in_view_within(orbit, site, window, site.min_elevation_deg)
    assert 0 < (elevation > site.min_elevation_deg).sum() < 60 and len(found) == 1 and found[0, 1] - found[0, 0] < 60
    # Near its top the elevation hardly changes: where the two disagree (seconds), the elevations differ by less
    # than the 0.01 degrees test_passes allows between our elevation and skyfield's.
    mine = (t >= found[0, 0]) & (t < found[0, 1])
    differ = mine != (elevation > site.min_elevation_deg)
    assert np.abs(elevation[differ] - site.min_elevation_deg).max(initial=0) < 0.01


@pytest.mark.parametrize("condition", ["sunlit", "houston"])
def test_many_windows_give_what_each_alone_gives(iss, condition):
    orbit, _sat, epoch = iss
    # Long and short ones over five days, some a second apart, several within one knot step.
    spread = _spread_windows(epoch - 2 * DAY, 5, 150, seed=3, shortest_s=2.0)
    spread[:-1, 1] = np.minimum(spread[:-1, 1], spread[1:, 0] - 1.0)
    windows = np.concatenate((spread, epoch + 3 * DAY + np.array([[0.0, 7.0], [20.0, 31.0], [31.5, 50.0]])))
    if condition == "sunlit":
        fn = lambda w: sunlit_within(orbit, w)  # noqa: E731
    else:
        fn = lambda w: in_view_within(orbit, HOUSTON, w, 10.0)  # noqa: E731
    together, alone = fn(windows), np.concatenate([fn(np.array([w])) for w in windows])
    assert len(together) == len(alone) > 5
    assert np.abs(together - alone).max() < 1e-3  # the refinement reaches microseconds; the brackets differ


def test_touching_windows_are_one_window(iss):
    orbit, _sat, epoch = iss
    a, b, c = epoch, epoch + 2000.3, epoch + 6000.0
    whole = sunlit_within(orbit, [[a, c]])
    assert np.array_equal(sunlit_within(orbit, [[a, b], [b, c]]), whole)
    assert np.array_equal(in_view_within(orbit, MOSCOW, [[a, b], [b, c]], 0.0),
                          in_view_within(orbit, MOSCOW, [[a, c]], 0.0))
    # a second apart: the same transitions, less that second
    apart = sunlit_within(orbit, [[a, b], [b + 1.0, c]])
    expected = np.concatenate([np.stack((np.maximum(whole[:, 0], lo), np.minimum(whole[:, 1], hi)), axis=1)
                               for lo, hi in ((a, b), (b + 1.0, c))])
    expected = expected[expected[:, 1] > expected[:, 0]]
    assert apart.shape == expected.shape and np.abs(apart - expected).max() < 1e-3


def test_the_work_follows_the_time_the_windows_hold(iss):
    orbit, _sat, epoch = iss
    # A thousand 5-minute windows over a year: SGP4 runs at the knots covering them, not across the year.
    windows = _spread_windows(epoch - 180 * DAY, 360, 1000, seed=1, shortest_s=300.0, longest_s=300.0)
    track = HermiteOrbit(orbit, windows, frame="teme")
    assert len(track.knots) <= 1000 * 7
    w = np.searchsorted(windows[:, 0], track.knots, side="right") - 1
    gap_before = track.knots - windows[np.maximum(w, 0), 1]
    gap_after = windows[np.minimum(w + 1, len(windows) - 1), 0] - track.knots
    assert ((w >= 0) & (gap_before <= 60.0) | (gap_after <= 60.0)).all()  # every knot within a step of a window
    assert len(sunlit_within(orbit, windows)) > 500
    # one span as the map's track blocks ask for it: the same knots as the one window
    span = HermiteOrbit(orbit, epoch, epoch + 3600.0, frame="teme")
    assert np.array_equal(span.knots, HermiteOrbit(orbit, [[epoch, epoch + 3600.0]], frame="teme").knots)
    assert span.knots[0] <= epoch < epoch + 3600.0 <= span.knots[-1] and len(span.knots) == 62


def test_nothing_asked_nothing_flown(iss):
    orbit, _sat, _epoch = iss
    assert sunlit_within(orbit, np.zeros((0, 2))).shape == (0, 2)
    assert in_view_within(orbit, HOUSTON, [], 10.0).shape == (0, 2)
    assert sunlit_within(orbit, [[5.0, 5.0]]).shape == (0, 2)


def test_the_window_that_cannot_be_judged_is_named(iss):
    orbit, _sat, epoch = iss
    later = utc(2060, 1, 1).timestamp()
    with pytest.raises(CannotJudge, match=r"^2060-01-01 is after 2053-10-08") as caught:
        sunlit_within(orbit, [[epoch, epoch + 600], [later, later + 600], [later + DAY, later + DAY + 60]])
    assert (caught.value.start, caught.value.end) == (later, later + 600)
    with pytest.raises(CannotJudge, match=r"2 windows hold 4,000 days, more than the 3,660 days") as caught:
        in_view_within(orbit, HOUSTON, [[epoch, epoch + 2000 * DAY], [epoch + 3000 * DAY, epoch + 5000 * DAY]], 10.0)
    assert caught.value.start == epoch + 3000 * DAY
    for bad in ([[epoch, np.nan]], [[epoch, epoch - 1.0]], [[epoch, np.inf]]):
        with pytest.raises(CannotJudge, match="is not a span of time"):
            sunlit_within(orbit, np.concatenate(([[epoch - 900, epoch - 600]], bad)))


def test_where_sgp4_fails_the_window_is_named():
    import json

    # B* = 3: SGP4's perturbed eccentricity leaves its range for minutes at a time from ten minutes on.
    record = {"EPOCH": "2021-10-15T16:50:04.958592", "MEAN_MOTION": 15.48692786, "ECCENTRICITY": 0.0003768,
              "INCLINATION": 51.643, "RA_OF_ASC_NODE": 106.8285, "ARG_OF_PERICENTER": 107.2156,
              "MEAN_ANOMALY": 352.5939, "NORAD_CAT_ID": 25544, "BSTAR": 3, "MEAN_MOTION_DOT": 0,
              "MEAN_MOTION_DDOT": 0}
    (s,) = parse_elements(json.dumps(record))
    orbit, epoch = Orbit([s]), s.epoch.timestamp()
    first = [epoch + 60.0, epoch + 240.0]
    assert len(sunlit_within(orbit, [first])) == 1
    later = [epoch + 600.0, epoch + 3600.0]
    for fn in (lambda w: sunlit_within(orbit, w), lambda w: in_view_within(orbit, HOUSTON, w, 10.0)):
        with pytest.raises(CannotJudge, match=r"^SGP4 cannot fly element set 25544@2021-10-15T16:50:04") as caught:
            fn([first, later])
        assert (caught.value.start, caught.value.end) == tuple(later)


def test_the_coarse_look_skips_no_change(iss):
    orbit, sat, epoch = iss
    # 120 windows of 20 minutes every 2 hours over ten days, against skyfield every 10 s: where the coarse look
    # says a window stays lit, dark or out of view, skyfield must agree.
    starts = epoch - 5 * DAY + np.arange(120) * 7200.0 + 1234.5
    windows = np.stack((starts, starts + 1200.0), axis=1)
    t = np.concatenate([np.arange(a, b, 10.0) for a, b in windows])
    for found, reference in ((sunlit_within(orbit, windows), sunlit_reference(sat, t)),
                             (in_view_within(orbit, MOSCOW, windows, 5.0), in_view_reference(sat, MOSCOW, t))):
        k = np.searchsorted(found[:, 0], t, side="right") - 1
        mine = (k >= 0) & (t < found[np.maximum(k, 0), 1])
        far = np.abs(t[:, None] - found.ravel()[None, :]).min(axis=1) > TOLERANCE_S
        assert (mine == reference)[far].all() and reference.any() and not reference.all()
