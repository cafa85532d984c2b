"""The solar beta angle: the Sun's angle above the station's orbital plane, the orbital night it leaves, and the
spans when it is high.

    samples = beta_samples(orbit, start, end, step_s=3600)   # .seconds, .beta_deg, .night_s
    high_beta_spans(orbit, start, end, 60.0)                 # [HighBeta(start, end, peak_deg), ...]

The beta angle is ``asin(n . s)`` with ``n`` the unit normal of the orbit (``r x v`` of SGP4's position and
velocity at each sample time, so it follows the element sets and the plane's regression) and ``s`` the unit
direction of the Sun from the Earth's centre (the bundled DE421 ephemeris, :func:`daylight.sun_teme`), both in
TEME. It is positive when the Sun is on the side the orbit's angular momentum points to (north of the plane for
the station). For the ISS it ranges over about +-75 degrees (51.6 inclination + 23.4 obliquity).

The night of an orbit follows from beta and the orbit's size alone: the station is in the Earth's shadow while its
distance from the Earth-Sun line is under the Earth's radius on the night side (a cylinder: seen from the
station, the Sun's centre lies within 0.003 degrees of the anti-shadow direction, so this is skyfield's
``is_sunlit`` test, the Sun's centre hidden by a sphere of radius 6378.1366 km). On a circular orbit of radius
``a`` that arc is ``2 acos(sqrt(a^2 - R^2) / (a cos beta))`` of the circle, none at all above
``asin(R / a)`` (about 70 degrees for the ISS). ``a`` is the element set's mean semi-major axis and the arc is
swept at its mean rate (mean motion, perigee and node drift); tests/orbit/test_beta.py holds the lengths
against skyfield's ``is_sunlit`` transitions. The formula is for near-circular orbits such as the station's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.orbit import intervals
from planner.orbit.daylight import EARTH_RADIUS_KM, sun_teme
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import sgp4_failure
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import secant
from planner.orbit.timebase import epoch_seconds, time_grid, to_datetime

#: High-beta spans are looked for on samples at most this far apart: beta moves by at most ~5 degrees a day, so
#: a threshold crossing is bracketed by the samples and refined between them.
SPAN_STEP_S = 3600.0
# The osculating plane nods by a few hundredths of a degree twice an orbit (the Earth's oblateness): where beta
# lingers at the threshold that makes it cross back and forth within minutes. Dips shorter than this are not a
# change of season and are closed.
_NOD_S = 3600.0
_SECANT_STEPS = 4
# The Sun's direction moves a quarter of a degree in six hours: between knots that far apart the interpolated
# position points within a microradian of the true one (hourly knots cost most of a year's beta).
_SUN_KNOT_S = 6 * 3600.0


@dataclass(frozen=True)
class BetaSamples:
    """The beta angle and the orbital night at sample times (UTC epoch seconds, every ``step_s``)."""

    seconds: np.ndarray
    beta_deg: np.ndarray
    night_s: np.ndarray  # the length of the night of the orbit through each sample (0: no night)
    step_s: float
    sun: np.ndarray  # the unit direction of the Sun (TEME, shape (3, n)) at the samples

    def as_dicts(self) -> list[dict]:
        """The samples as the command line prints them: ``utc``, ``beta_deg``, ``night_min``."""
        from planner.model.times import format_utc

        return [{"utc": format_utc(to_datetime(round(t, 3))), "beta_deg": round(b, 3), "night_min": round(n / 60, 2)}
                for t, b, n in zip(self.seconds.tolist(), self.beta_deg.tolist(), self.night_s.tolist())]


@dataclass(frozen=True)
class HighBeta:
    """A span when |beta| is above a threshold: its ends (UTC epoch seconds) and the sampled beta of largest
    magnitude within it (signed)."""

    start: float
    end: float
    peak_deg: float

    def as_dict(self) -> dict:
        """The span as the command line prints it: ``start``, ``end`` (ISO UTC to the second), ``peak_deg``."""
        from planner.model.times import format_utc

        return {"start": format_utc(to_datetime(round(self.start))), "end": format_utc(to_datetime(round(self.end))),
                "peak_deg": round(self.peak_deg, 2)}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.sqrt((v * v).sum(axis=0))


def _normals(orbit: Orbit, seconds: np.ndarray) -> np.ndarray:
    """The unit normal of the osculating orbit (TEME, (3, n)); CannotJudge where SGP4 cannot fly a set."""
    r, v = orbit.teme(seconds)
    missing = sgp4_failure(orbit, seconds, r)
    if missing:
        raise CannotJudge(missing, float(seconds[0]), float(seconds[-1]))
    return _unit(np.cross(r, v, axis=0))


def _beta(normal: np.ndarray, sun_unit: np.ndarray) -> np.ndarray:
    return np.degrees(np.arcsin(np.clip((normal * sun_unit).sum(axis=0), -1.0, 1.0)))


def beta_angle(orbit: Orbit, seconds) -> np.ndarray:
    """The beta angle (degrees) at each time (UTC epoch seconds or datetimes)."""
    seconds = np.atleast_1d(epoch_seconds(seconds))
    return _beta(_normals(orbit, seconds), _unit(sun_teme(seconds, _SUN_KNOT_S)))


def night_length_s(orbit: Orbit, seconds, beta_deg) -> np.ndarray:
    """The length (s) of the orbital night of an orbit at each time with the given beta angle (0: none)."""
    seconds = np.atleast_1d(epoch_seconds(seconds))
    which = orbit.set_index(seconds)
    sets = orbit.satrecs
    # The mean radius and the mean rate at which the station goes round (radians a second), set by set.
    radius = np.array([s.a * s.radiusearthkm for s in sets])[which]
    rate = np.array([(s.mdot + s.argpdot + s.nodedot * np.cos(s.inclo)) / 60.0 for s in sets])[which]
    x = np.sqrt(radius * radius - EARTH_RADIUS_KM ** 2) / (radius * np.cos(np.radians(beta_deg)))
    return np.where(x < 1.0, 2.0 * np.arccos(np.minimum(x, 1.0)), 0.0) / rate


def no_night_above_deg(orbit: Orbit) -> float:
    """The beta angle (degrees) above which the orbit of the first element set has no night."""
    s = orbit.satrecs[0]
    return float(np.degrees(np.arcsin(EARTH_RADIUS_KM / (s.a * s.radiusearthkm))))


def beta_samples(orbit: Orbit, start, end, step_s: float = 3600.0) -> BetaSamples:
    """Beta and the orbital night every ``step_s`` from ``start`` to ``end`` (inclusive; the end added when off
    the grid). Raises :class:`CannotJudge` past the ephemeris or where SGP4 fails."""
    seconds = time_grid(start, end, step_s)
    sun = _unit(sun_teme(seconds, _SUN_KNOT_S))
    beta = _beta(_normals(orbit, seconds), sun)
    return BetaSamples(seconds, beta, night_length_s(orbit, seconds, beta), float(step_s), sun)


def high_beta_spans(orbit: Orbit, start, end, threshold_deg: float,
                    samples: BetaSamples | None = None) -> list[HighBeta]:
    """The spans of ``start..end`` when |beta| is above ``threshold_deg``, each with its sampled peak.

    Found on ``samples`` when they are of this span, an hour apart or less (else on new hourly ones); each
    crossing of the threshold is refined between the two samples that bracket it (the Sun's direction there
    interpolated between theirs: it moves a degree a day), and dips below it shorter than an hour closed.
    """
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    if samples is None or samples.step_s > SPAN_STEP_S or samples.seconds[0] != t0 or samples.seconds[-1] != t1:
        samples = beta_samples(orbit, t0, t1, min(SPAN_STEP_S, samples.step_s if samples else SPAN_STEP_S))
    t, beta, sun = samples.seconds, samples.beta_deg, samples.sun
    margin = np.abs(beta) - threshold_deg
    k = np.flatnonzero((margin[1:] > 0) != (margin[:-1] > 0))
    lo, hi = t[k], t[k + 1]

    def margin_at(x):
        f = (x - lo) / (hi - lo)
        sun_x = _unit(sun[:, k] * (1.0 - f) + sun[:, k + 1] * f)
        return np.abs(_beta(_normals(orbit, x), sun_x)) - threshold_deg

    crossings = secant(margin_at, lo, hi, margin[k], margin[k + 1], iterations=_SECANT_STEPS)
    spans = intervals.from_crossings(t0, t1, bool(margin[0] > 0), np.clip(crossings, lo, hi))
    if len(spans) > 1:  # close the short dips: a span starts only after a long enough one
        first = np.concatenate(([True], spans[1:, 0] - spans[:-1, 1] >= _NOD_S))
        spans = np.stack((spans[first, 0], np.maximum.reduceat(spans[:, 1], np.flatnonzero(first))), axis=1)
    return [HighBeta(float(a), float(b), _peak(t, beta, a, b)) for a, b in spans]


def _peak(t: np.ndarray, beta: np.ndarray, a: float, b: float) -> float:
    # Each span holds a sample: its edges are refined between a sample below the threshold and one above.
    inside = beta[np.searchsorted(t, a, side="left"):np.searchsorted(t, b, side="right")]
    return float(inside[np.argmax(np.abs(inside))])
