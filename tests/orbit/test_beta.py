"""The beta angle against an independent computation with skyfield, the orbital night against skyfield's
``is_sunlit``, and the high-beta spans against the samples they are found on.

The references share no code with planner.orbit.beta: skyfield's own Sun (``earth.at(t).observe(sun)``, light
time and all) and the orbit's normal from skyfield's ``EarthSatellite`` position and velocity (GCRS), and
shadow transitions from ``is_sunlit`` every second.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest
from skyfield.api import EarthSatellite

from planner.model.times import parse_utc
from planner.orbit import Orbit, read_elements
from planner.orbit.beta import (BetaSamples, beta_angle, beta_samples, high_beta_spans, night_length_s,
                                no_night_above_deg)
from planner.orbit.skydata import ephemeris, timescale

# The night lengths agree to 5 s with the sphere skyfield's is_sunlit uses (measured: the mean radius and rate
# of a near-circular orbit stand for the real ones); 10 s leaves room for a transition sampled to the second.
NIGHT_TOLERANCE_S = 10.0


def _satellite(path) -> EarthSatellite:
    name, line1, line2 = path.read_text().splitlines()[:3]
    return EarthSatellite(line1, line2, name, timescale())


def _seconds(day: str, hours: float, step_s: float) -> np.ndarray:
    t0 = parse_utc(day).timestamp()
    return t0 + np.arange(0.0, hours * 3600.0, step_s)


def _skyfield_times(seconds):
    """skyfield times from epoch seconds through datetimes (``ts.utc(1970, ..., seconds)`` would take 1970's leap
    seconds: 27 s off in 2021)."""
    return timescale().from_datetimes([datetime.fromtimestamp(s, timezone.utc) for s in np.asarray(seconds).tolist()])


def _reference_beta(sat: EarthSatellite, seconds) -> np.ndarray:
    t = _skyfield_times(seconds)
    eph = ephemeris()
    sun = eph["earth"].at(t).observe(eph["sun"]).position.km
    station = sat.at(t)
    normal = np.cross(station.position.km, station.velocity.km_per_s, axis=0)
    cos = (normal * sun).sum(axis=0) / np.linalg.norm(normal, axis=0) / np.linalg.norm(sun, axis=0)
    return np.degrees(np.arcsin(cos))


def _reference_nights(sat: EarthSatellite, seconds):
    """(start, end) of each whole night in the 1 s samples, from skyfield's is_sunlit."""
    lit = sat.at(_skyfield_times(seconds)).is_sunlit(ephemeris())
    change = np.flatnonzero(lit[1:] != lit[:-1])
    edges = seconds[change] + 0.5  # halfway between the samples either side
    sets = [k for k, c in enumerate(change) if lit[c]]  # sunlit before: a sunset
    return [(edges[k], edges[k + 1]) for k in sets if k + 1 < len(change)]


@pytest.fixture
def december(data_dir):
    return Orbit(read_elements(data_dir / "iss-2021-12-22.tle"))


def test_beta_is_the_sun_over_the_orbit_normal(iss_orbit, data_dir):
    """Hourly over 60 days around the element set's epoch: within 0.2 degrees of skyfield's (7e-5 measured)."""
    seconds = _seconds("2021-09-15T00:00:00Z", 60 * 24, 3600.0)
    ours = beta_angle(iss_orbit, seconds)
    reference = _reference_beta(_satellite(data_dir / "iss-2021-10-15.tle"), seconds)
    assert np.abs(ours - reference).max() < 0.2
    assert ours.min() < -55 and ours.max() > 50  # both signs, and high values, were compared


def test_samples_cover_the_span_with_the_end_and_agree_with_beta_angle(iss_orbit):
    samples = beta_samples(iss_orbit, parse_utc("2021-10-15T00:00:00Z"), parse_utc("2021-10-16T00:30:00Z"), 3600.0)
    assert len(samples.seconds) == 26 and samples.seconds[-1] - samples.seconds[0] == 24.5 * 3600
    assert np.allclose(samples.beta_deg, beta_angle(iss_orbit, samples.seconds), atol=1e-9)
    first = samples.as_dicts()[0]
    assert set(first) == {"utc", "beta_deg", "night_min"} and first["utc"] == "2021-10-15T00:00:00Z"


@pytest.mark.parametrize("tle, day", [
    ("iss-2021-10-15.tle", "2021-10-15T00:00:00Z"),  # beta -60: short nights
    ("iss-2021-10-15.tle", "2021-10-31T00:00:00Z"),  # beta -5: the longest nights
    ("iss-2021-12-22.tle", "2021-12-17T15:00:00Z"),  # beta -67.5: nights of 12-15 min, shrinking fast
    ("iss-2021-12-22.tle", "2021-12-22T00:00:00Z"),  # beta -44, at the set's epoch
])
def test_night_lengths_match_skyfields_sunlit_transitions(data_dir, tle, day):
    orbit = Orbit(read_elements(data_dir / tle))
    seconds = _seconds(day, 4, 1.0)
    nights = _reference_nights(_satellite(data_dir / tle), seconds)
    assert len(nights) >= 2
    for start, end in nights:
        middle = (start + end) / 2
        ours = night_length_s(orbit, middle, beta_angle(orbit, middle))[0]
        assert ours == pytest.approx(end - start, abs=NIGHT_TOLERANCE_S), (day, start)


def test_no_night_above_seventy_degrees(december, data_dir):
    """12-16 December 2021: |beta| above 70 (up to 75), the element set a week away. skyfield finds the station
    sunlit every 30 s of two days, and the samples say no night."""
    limit = no_night_above_deg(december)
    assert 69.0 < limit < 71.0
    samples = beta_samples(december, parse_utc("2021-12-11T00:00:00Z"), parse_utc("2021-12-18T00:00:00Z"), 3600.0)
    above = np.abs(samples.beta_deg) > limit
    assert above.sum() > 48 and np.abs(samples.beta_deg).max() > 74
    assert (samples.night_s[above] == 0).all() and (samples.night_s[~above] > 0).all()
    seconds = _seconds("2021-12-13T12:00:00Z", 48, 30.0)
    assert (np.abs(beta_angle(december, seconds)) > limit).all()
    assert _satellite(data_dir / "iss-2021-12-22.tle").at(_skyfield_times(seconds)).is_sunlit(ephemeris()).all()


@pytest.mark.parametrize("threshold", [55.0, 60.0, 70.0])
def test_high_beta_spans_hold_exactly_the_samples_above_the_threshold(december, threshold):
    start, end = parse_utc("2021-11-20T00:00:00Z"), parse_utc("2021-12-28T00:00:00Z")
    samples = beta_samples(december, start, end, 3600.0)
    spans = high_beta_spans(december, start, end, threshold, samples)
    assert len(spans) >= 1
    t, beta = samples.seconds, samples.beta_deg
    inside = np.zeros(len(t), dtype=bool)
    for span in spans:
        inside |= (t >= span.start) & (t <= span.end)
        within = np.abs(beta[(t >= span.start) & (t <= span.end)])
        assert span.peak_deg == pytest.approx(float(np.sign(span.peak_deg)) * within.max())
        # The refined edges lie on the threshold, unless they are the span's own ends.
        edges = [x for x in (span.start, span.end) if start.timestamp() < x < end.timestamp()]
        assert np.abs(np.abs(beta_angle(december, edges)) - threshold).max(initial=0) < 0.01
    above = np.abs(beta) > threshold
    assert (inside[above]).all()
    # Outside the spans every sample is below; inside, only a dip of the orbit's own nod (hundredths of a degree).
    assert not (above[~inside]).any()
    assert (np.abs(beta[inside & ~above]) > threshold - 0.05).all()


def test_high_beta_spans_look_hourly_whatever_the_samples(december):
    start, end = parse_utc("2021-12-01T00:00:00Z"), parse_utc("2021-12-28T00:00:00Z")
    daily = beta_samples(december, start, end, 86400.0)
    hourly = high_beta_spans(december, start, end, 70.0)
    assert hourly == high_beta_spans(december, start, end, 70.0, daily)
    (span,) = hourly
    assert parse_utc("2021-12-11T00:00:00Z").timestamp() < span.start < parse_utc("2021-12-12T12:00:00Z").timestamp()
    assert span.peak_deg < -74.5
    assert set(span.as_dict()) == {"start", "end", "peak_deg"}
    # Samples of a wider span are not this span's: from 14 December, the span starts there.
    middle = parse_utc("2021-12-14T00:00:00Z")
    (late,) = high_beta_spans(december, middle, end, 70.0, beta_samples(december, start, end, 3600.0))
    assert (late.start, late.end) == (middle.timestamp(), span.end)


def test_a_span_already_high_at_the_start_begins_there(december):
    start, end = parse_utc("2021-12-14T00:00:00Z"), parse_utc("2021-12-15T00:00:00Z")
    (span,) = high_beta_spans(december, start, end, 60.0)
    assert (span.start, span.end) == (start.timestamp(), end.timestamp())
    assert high_beta_spans(december, start, end, 80.0) == []


def test_samples_are_a_plain_record(iss_orbit):
    samples = beta_samples(iss_orbit, parse_utc("2021-10-15T00:00:00Z"), parse_utc("2021-10-15T06:00:00Z"), 1800.0)
    assert isinstance(samples, BetaSamples) and samples.step_s == 1800.0 and samples.sun.shape == (3, 13)
    assert np.allclose((samples.sun ** 2).sum(axis=0), 1.0)
