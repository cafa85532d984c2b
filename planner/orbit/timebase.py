"""Times as the orbit engine computes with them: float arrays of UTC epoch seconds (POSIX, since 1970)."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from planner.model.times import UTC, from_epoch
from planner.orbit.errors import CannotJudge

JD_UNIX = 2440587.5  # the Julian date of 1970-01-01T00:00Z
DAY_S = 86400.0
MAX_GRID_POINTS = 10_000_000  # one grid's times and the positions made of them stay within a few GB
_UT1_KNOT_S = 6 * 3600.0  # UT1-UTC drifts by about 1 ms a day: linear between 6-hour knots is exact enough


def epoch_seconds(times) -> np.ndarray:
    """Epoch seconds of a datetime, a number, or a sequence/array of either (aware datetimes only)."""
    if isinstance(times, datetime):
        return np.asarray(_seconds(times))
    if isinstance(times, np.ndarray) and times.dtype.kind in "fiu":
        return times.astype(float, copy=False)
    if isinstance(times, (int, float, np.number)):
        return np.asarray(float(times))
    return np.array([_seconds(t) if isinstance(t, datetime) else float(t) for t in times], dtype=float)


def _seconds(when: datetime) -> float:
    if when.tzinfo is None:
        raise ValueError("naive datetime: orbit times are always UTC-aware")
    return when.timestamp()


def to_datetime(seconds: float) -> datetime:
    """An aware UTC datetime for epoch seconds (rounded to the microsecond)."""
    return from_epoch(round(float(seconds), 6))


def time_grid(start, end, step_s: float) -> np.ndarray:
    """Epoch seconds from ``start`` to ``end`` inclusive every ``step_s`` seconds (end added if off the grid)."""
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    if not step_s > 0:
        raise ValueError("the time step must be positive")
    if t1 < t0:
        raise ValueError("the end is before the start")
    if (t1 - t0) / step_s > MAX_GRID_POINTS:
        raise CannotJudge(f"{(t1 - t0) / step_s:,.0f} times every {step_s:g} s is more than the "
                          f"{MAX_GRID_POINTS:,} one request works through", t0, t1)
    n = int(np.floor((t1 - t0) / step_s + 1e-9))
    grid = t0 + np.arange(n + 1) * step_s
    if grid[-1] < t1 - 1e-6:
        grid = np.append(grid, t1)
    return grid


def julian_split(seconds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """UTC Julian date as (whole date at midnight - 0.5, fraction of the day): SGP4's time arguments."""
    days = np.floor(seconds / DAY_S)
    return JD_UNIX + days, (seconds - days * DAY_S) / DAY_S


def ut1_minus_utc(seconds: np.ndarray) -> np.ndarray:
    """UT1 - UTC in seconds from skyfield's tables, interpolated between knots (no download)."""
    seconds = np.asarray(seconds, dtype=float)
    if seconds.size == 0:
        return np.zeros(0)
    lo = np.floor(seconds.min() / _UT1_KNOT_S) * _UT1_KNOT_S
    hi = np.ceil(seconds.max() / _UT1_KNOT_S) * _UT1_KNOT_S
    knots = np.arange(lo, hi + _UT1_KNOT_S, _UT1_KNOT_S)
    dut1 = _dut1_at(knots)
    # A leap second makes UT1-UTC jump by a second at a UTC midnight, which is always a knot: interpolate
    # the smooth part and add the jumps back as steps, instead of smearing a jump over six hours.
    steps = np.concatenate(([0.0], np.cumsum(np.round(np.diff(dut1)))))
    smooth = np.interp(seconds, knots, dut1 - steps)
    return smooth + steps[np.clip(np.searchsorted(knots, seconds, side="right") - 1, 0, len(knots) - 1)]


def _dut1_at(knots: np.ndarray) -> np.ndarray:
    from planner.orbit.skydata import skyfield_times

    t = skyfield_times(knots)
    jd_utc_whole, jd_utc_frac = julian_split(knots)
    return ((t.whole - jd_utc_whole) + (t.ut1_fraction - jd_utc_frac)) * DAY_S


def gmst82(seconds: np.ndarray, dut1: np.ndarray) -> np.ndarray:
    """Greenwich mean sidereal angle (IAU 1982, as SGP4's TEME frame uses it) in radians."""
    days = np.floor(seconds / DAY_S)
    fraction = (seconds - days * DAY_S + dut1) / DAY_S
    # Julian centuries of UT1 since J2000, with the whole part kept apart for precision.
    t = ((JD_UNIX - 2451545.0) + days + fraction) / 36525.0
    g = 67310.54841 + (8640184.812866 + (0.093104 + (-6.2e-6) * t) * t) * t
    return ((0.5 + fraction + g / DAY_S % 1.0) % 1.0) * (2.0 * np.pi)


def as_datetimes(seconds) -> list[datetime]:
    """Aware UTC datetimes for an array of epoch seconds."""
    return [to_datetime(s) for s in np.atleast_1d(seconds)]


__all__ = ["UTC", "epoch_seconds", "to_datetime", "time_grid", "julian_split", "ut1_minus_utc", "gmst82",
           "as_datetimes"]
