"""How far the orbit engine can judge: the bundled ephemeris, the element sets' reach, the work of one request.

    horizon = Horizon(orbit)              # once per orbit (a few milliseconds a set)
    horizon.reason(start, end)            # None, or why the span cannot be judged (one sentence)
    horizon.check(start, end)             # the same, raised as CannotJudge
    horizon.covers(starts, ends)          # arrays: True where a span can be judged

A span can be judged when all of it lies within the bundled ephemeris (the Sun's place), within
``reach_days`` of the epoch of the element set each time uses (beyond that the station's place along
its orbit is a guess: drag and reboosts move it by a whole orbit within months), where SGP4 flies that
set, and when it is at most ``max_days`` long (the work and memory of one request grow with the span).
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from planner.intervals import normalise
from planner.model.times import UTC
from planner.orbit.checks import SGP4_ERRORS
from planner.orbit.errors import CannotJudge
from planner.orbit.timebase import epoch_seconds, julian_split, to_datetime

#: skyfield-data's DE421 covers 1899-07-29 to 2053-10-09 (tests/orbit/test_horizon.py reads it from the file).
EPHEMERIS_FIRST = datetime(1899, 7, 29, tzinfo=UTC)
EPHEMERIS_LAST = datetime(2053, 10, 9, tzinfo=UTC)
#: Daylight asks for the Sun some hours either side of a span: a day's margin inside the ephemeris.
EPHEMERIS_MARGIN_S = 86400.0
#: How far from an element set's epoch its positions still mean something (planner default).
REACH_DAYS = 90.0
#: The longest span one request works through (passes over 10 years take ~1 GB).
MAX_SPAN_DAYS = 3660.0
# SGP4 is tried this often over each set's reach. Its errors can come and go within minutes (a perturbed
# eccentricity out of range for a while): the engine also refuses any span where a position it needs is missing.
_SGP4_STEP_S = 600.0


def ephemeris_bounds() -> tuple[float, float]:
    """The first and last epoch seconds the Sun can be placed at (the ephemeris less its margin)."""
    return EPHEMERIS_FIRST.timestamp() + EPHEMERIS_MARGIN_S, EPHEMERIS_LAST.timestamp() - EPHEMERIS_MARGIN_S


def _day(seconds: float) -> str:
    return f"{to_datetime(seconds):%Y-%m-%d}"


def _time(seconds: float) -> str:
    return f"{to_datetime(seconds):%Y-%m-%dT%H:%MZ}"


def span_too_long(start: float, end: float, max_days: float = MAX_SPAN_DAYS) -> str | None:
    """Why ``start..end`` (epoch seconds) is more than one request works through, or None."""
    if not (np.isfinite(start) and np.isfinite(end)) or end < start:
        return f"the span {start!r} to {end!r} is not a span of time"
    days = (end - start) / 86400.0
    if days > max_days:
        return (f"{_day(start)} to {_day(end)} is {days:,.0f} days, more than the {max_days:,.0f} days the "
                "orbit engine works through at once")
    return None


def as_windows(windows, max_days: float = MAX_SPAN_DAYS) -> np.ndarray:
    """The windows ((n, 2) epoch seconds) as a normalised interval set, or :class:`CannotJudge` naming the
    first that is no span of time, or the one past which they hold more than ``max_days`` in all."""
    rows = np.asarray(windows, dtype=float).reshape(-1, 2)
    bad = ~(np.isfinite(rows).all(axis=1) & (rows[:, 1] >= rows[:, 0]))
    if bad.any():
        start, end = rows[int(np.argmax(bad))]
        raise CannotJudge(span_too_long(start, end, max_days), float(start), float(end))
    rows = normalise(rows)
    # The knots' memory grows with the time the windows hold, whatever their spread.
    held = np.cumsum(rows[:, 1] - rows[:, 0]) / 86400.0
    if len(rows) and held[-1] > max_days:
        k = int(np.searchsorted(held, max_days, side="right"))
        start, end = (float(x) for x in rows[k])
        reason = span_too_long(start, end, max_days) if len(rows) == 1 else (
            f"{len(rows):,} windows hold {held[-1]:,.0f} days, more than the {max_days:,.0f} days the orbit "
            f"engine works through at once (the limit is passed in {_day(start)} to {_day(end)})")
        raise CannotJudge(reason, start, end)
    return rows


def beyond_ephemeris(windows: np.ndarray) -> None:
    """Raise :class:`CannotJudge` naming the first of the normalised ``windows`` the Sun cannot be placed over."""
    first, last = ephemeris_bounds()
    bad = (windows[:, 0] < first) | (windows[:, 1] > last)
    if bad.any():
        start, end = (float(x) for x in windows[int(np.argmax(bad))])
        raise CannotJudge(outside_ephemeris(start, end), start, end)


def outside_ephemeris(start: float, end: float) -> str | None:
    """Why the Sun cannot be placed over ``start..end`` (epoch seconds), or None."""
    first, last = ephemeris_bounds()
    if start < first:
        return f"{_day(start)} is before {_day(first)}, the first day the bundled ephemeris (DE421) covers"
    if end > last:
        beyond = start if start > last else end
        return f"{_day(beyond)} is after {_day(last)}, the last day the bundled ephemeris (DE421) covers"
    return None


class Horizon:
    """The spans one orbit's element sets can judge (``spans``, (n, 2) epoch seconds) and why others cannot."""

    def __init__(self, orbit, reach_days: float = REACH_DAYS, max_days: float = MAX_SPAN_DAYS):
        self.orbit, self.reach_days, self.max_days = orbit, float(reach_days), float(max_days)
        first, last = ephemeris_bounds()
        reach = self.reach_days * 86400.0
        epochs = orbit.epochs
        zones = np.concatenate(([-np.inf], (epochs[1:] + epochs[:-1]) / 2.0, [np.inf]))  # as Orbit.set_index
        self._failures: dict[int, tuple[float, int]] = {}  # set index -> (first time SGP4 fails, its error)
        spans = []
        for k, epoch in enumerate(orbit.epochs):
            lo, hi = max(zones[k], epoch - reach, first), min(zones[k + 1], epoch + reach, last)
            if lo <= hi:
                lo, hi = self._flown(k, lo, hi)
            if lo <= hi:
                if spans and spans[-1][1] >= lo:
                    spans[-1][1] = max(spans[-1][1], hi)
                else:
                    spans.append([lo, hi])
        self.spans = np.array(spans, dtype=float).reshape(-1, 2)

    def _flown(self, k: int, lo: float, hi: float) -> tuple[float, float]:
        """``lo..hi`` narrowed to the times around set ``k``'s epoch where SGP4 flies it (tried every 10 min)."""
        epoch = self.orbit.epochs[k]
        steps = np.arange(np.ceil((lo - epoch) / _SGP4_STEP_S), np.floor((hi - epoch) / _SGP4_STEP_S) + 1)
        t = np.union1d(epoch + steps * _SGP4_STEP_S, [lo, hi])
        err, r, _v = self.orbit.satrecs[k].sgp4_array(*julian_split(t))
        bad = (err != 0) | ~np.isfinite(r).all(axis=1)
        after = np.flatnonzero(bad & (t >= epoch))
        before = np.flatnonzero(bad & (t < epoch))
        if len(after):
            i = after[0]
            self._failures[k] = (float(t[i]), int(err[i]))
            hi = float(t[i - 1]) if i > 0 else -np.inf
        if len(before):
            i = before[-1]
            self._failures.setdefault(k, (float(t[i]), int(err[i])))
            lo = float(t[i + 1]) if i + 1 < len(t) else np.inf
        return lo, hi

    def covers(self, starts, ends) -> np.ndarray:
        """Whether each span ``starts[i]..ends[i]`` (epoch seconds or datetimes) can be judged."""
        starts, ends = np.atleast_1d(epoch_seconds(starts)), np.atleast_1d(epoch_seconds(ends))
        if not len(self.spans):
            return np.zeros(len(starts), dtype=bool)
        i = np.searchsorted(self.spans[:, 0], starts, side="right") - 1
        inside = (i >= 0) & (ends <= self.spans[np.maximum(i, 0), 1])
        return inside & (ends >= starts) & (ends - starts <= self.max_days * 86400.0)

    def reason(self, start, end) -> str | None:
        """Why ``start..end`` cannot be judged (one sentence naming the time and the element set), or None."""
        t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
        problem = span_too_long(t0, t1, self.max_days) or outside_ephemeris(t0, t1)
        if problem or self.covers(t0, t1)[0]:
            return problem
        # The first time not covered: the start, or the end of the span that holds it.
        i = np.searchsorted(self.spans[:, 0], t0, side="right") - 1
        at = t0 if i < 0 or self.spans[i, 1] < t0 else float(self.spans[i, 1]) + 1.0
        k = int(self.orbit.set_index(np.array([at]))[0])
        element_set, epoch = self.orbit.sets[k], self.orbit.epochs[k]
        failure = self._failures.get(k)
        days = abs(at - epoch) / 86400.0
        if failure and days <= self.reach_days:
            when, error = failure
            return (f"SGP4 cannot fly element set {element_set.id} at {_time(when)} (error {error}: "
                    f"{SGP4_ERRORS.get(error, 'unknown')})")
        return (f"{_time(at)} is {days:,.1f} days from the epoch of element set {element_set.id}, the nearest; "
                f"element sets are good to about {self.reach_days:g} days: import one nearer that time")

    def check(self, start, end) -> None:
        """Raise :class:`CannotJudge` (a ValueError) unless ``start..end`` can be judged."""
        problem = self.reason(start, end)
        if problem:
            raise CannotJudge(problem, float(epoch_seconds(start)), float(epoch_seconds(end)))


def sgp4_failure(orbit, seconds: np.ndarray, positions: np.ndarray) -> str | None:
    """Why positions (3, n) at ``seconds`` are missing (the first time SGP4 failed, naming the set), or None."""
    bad = ~np.isfinite(positions).all(axis=0)
    if not bad.any():
        return None
    when = float(seconds[int(np.argmax(bad))])
    k = int(orbit.set_index(np.array([when]))[0])
    error = orbit.satrecs[k].sgp4(*(float(x[0]) for x in julian_split(np.array([when]))))[0]
    return (f"SGP4 cannot fly element set {orbit.sets[k].id} at {_time(when)} (error {error}: "
            f"{SGP4_ERRORS.get(error, 'unknown')})")


def check_span(orbit, start, end, reach_days: float = REACH_DAYS, max_days: float = MAX_SPAN_DAYS) -> None:
    """Raise :class:`CannotJudge` unless the orbit engine can judge all of ``start..end`` with ``orbit``'s sets."""
    Horizon(orbit, reach_days, max_days).check(start, end)
