"""Sunlit/shadow intervals against skyfield's is_sunlit, across seasons and orbits."""

from __future__ import annotations

import numpy as np
import pytest
from orbit_testkit import synthetic_set, times_of, utc
from skyfield.searchlib import find_discrete

from planner.orbit import Daylight, Orbit, intervals, sunlit_at
from planner.orbit.propagator import earth_satellite_of
from planner.orbit.skydata import ephemeris

TOLERANCE_S = 2.0


def _skyfield_transitions(element_set, t0, t1):
    sat = earth_satellite_of(element_set)
    eph = ephemeris()

    def sunlit(t):
        return sat.at(t).is_sunlit(eph)

    sunlit.step_days = 20.0 / 86400.0  # eclipses and sunlit arcs last minutes
    times, values = find_discrete(times_of(t0), times_of(t1), sunlit)
    return np.array([t.timestamp() for t in times.utc_datetime()]), values


@pytest.mark.parametrize("key, start", [
    ("real", utc(2021, 10, 15, 3)),
    ("iss-2021-06", utc(2021, 6, 20, 12)),  # high beta angle season: short eclipses
    ("iss-2024-12", utc(2024, 12, 4)),
    ("polar", utc(2022, 3, 1)),
    ("molniya-ish", utc(2023, 9, 10)),
])
def test_transitions_within_2_s_of_skyfield(key, start, iss_sets):
    element_set = iss_sets[0] if key == "real" else synthetic_set(key)
    t0 = start.timestamp()
    t1 = t0 + 86400.0
    daylight = Daylight(Orbit([element_set]), t0, t1)
    ref, values = _skyfield_transitions(element_set, t0, t1)
    mine = np.sort(daylight.sunlit.ravel())
    mine = mine[(mine > t0) & (mine < t1)]
    assert len(ref) > 10 and len(mine) == len(ref)
    assert np.abs(mine - ref).max() < TOLERANCE_S
    # the states agree too: entering sunlight where skyfield says True
    starts = set(np.round(daylight.sunlit[:, 0]).tolist())
    for t, v in zip(ref, values):
        assert (round(mine[np.argmin(np.abs(mine - t))]) in starts) == bool(v)
    # shadow is the complement, penumbra straddles each transition, umbra lies inside shadow
    assert intervals.duration(daylight.sunlit).sum() + intervals.duration(daylight.shadow).sum() == pytest.approx(86400.0)
    for t in ref:
        assert ((daylight.penumbra[:, 0] < t) & (daylight.penumbra[:, 1] > t)).any()
    assert len(intervals.subtract(daylight.umbra, daylight.shadow)) == 0
    assert 5.0 < intervals.duration(daylight.penumbra).mean() < 60.0


def test_dawn_dusk_orbit_in_june_never_enters_shadow():
    element_set = synthetic_set("sso-dawn-dusk")
    t0 = utc(2021, 6, 21).timestamp()
    daylight = Daylight(Orbit([element_set]), t0, t0 + 86400.0)
    assert daylight.sunlit.tolist() == [[t0, t0 + 86400.0]] and len(daylight.shadow) == 0
    ref, _ = _skyfield_transitions(element_set, t0, t0 + 86400.0)
    assert len(ref) == 0


def test_sunlit_at_agrees_with_skyfield_away_from_transitions(iss_sets):
    orbit = Orbit(iss_sets)
    t = utc(2021, 10, 16).timestamp() + np.arange(0.0, 86400.0, 47.0)
    mine = sunlit_at(orbit, t)
    theirs = earth_satellite_of(iss_sets[0]).at(times_of(t)).is_sunlit(ephemeris())
    daylight = Daylight(orbit, t[0], t[-1])
    edges = daylight.sunlit.ravel()
    away = np.abs(t[:, None] - edges[None, :]).min(axis=1) > TOLERANCE_S
    assert (mine[away] == theirs[away]).all() and mine.any() and not mine.all()


def test_the_sun_at_a_few_far_apart_times_is_the_sun_a_dense_run_of_knots_gives():
    """A few times years apart take only the knots either side of each; the answers are those of the full run."""
    from planner.orbit.daylight import sun_teme

    few = 1.6e9 + np.array([0.0, 3.3e5 + 17.5, 7.77e6, 6.3e7 + 123.4])
    dense = np.concatenate((few, np.linspace(few.min(), few.max(), 20_000)))  # enough times for every knot
    assert np.array_equal(sun_teme(few), sun_teme(dense)[:, :4])
