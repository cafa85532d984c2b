"""Dense positions cheaply: SGP4 on a coarse grid, cubic Hermite interpolation in between.

With positions and velocities every 60 s, a low orbit is interpolated to well under a metre (the error
grows as the step to the fourth power), so rise, set and shadow times can be refined by bisection
without calling SGP4 again.

The knots cover only the windows of time asked about (any number of them), so the work follows the time
they hold; :class:`Scan` finds where a condition changes inside each window and builds the window's answer
from its state at the start.
"""

from __future__ import annotations

import numpy as np

from planner.intervals import normalise
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import as_windows, sgp4_failure
from planner.orbit.orbit import Orbit

KNOT_STEP_S = 60.0


def grid_covering(windows: np.ndarray, step_s: float) -> np.ndarray:
    """Times ``k * step_s`` (whole ``k``, sorted) that cover each of the normalised ``windows``: the grid point at
    or before each window's start, every one inside it, and the one at or after its end."""
    first = np.floor(windows[:, 0] / step_s)
    last = np.maximum(np.ceil(windows[:, 1] / step_s), first + 1)
    runs = normalise(np.stack((first, last + 1), axis=1))  # [first, last + 1) in grid steps, joined where they meet
    lengths = (runs[:, 1] - runs[:, 0]).astype(np.int64)
    offsets = np.cumsum(lengths) - lengths
    return (np.repeat(runs[:, 0] - offsets, lengths) + np.arange(lengths.sum())) * step_s


class HermiteOrbit:
    """Positions and velocities of an orbit at knots every ``step_s`` covering some windows of time, interpolated
    at any time inside the windows.

    The knots are the multiples of ``step_s`` (since 1970) that cover each window, so SGP4 runs only where it is
    asked and a window gets the same knots alone or among others. Interpolating between knots that are not one
    step apart (across a gap between windows) is never done: times there are outside every window.
    """

    def __init__(self, orbit: Orbit, windows, end: float | None = None, frame: str = "ecef",
                 step_s: float = KNOT_STEP_S):
        # ``HermiteOrbit(orbit, start, end)``: the one window start..end, as the map's track blocks ask.
        # The knots' memory grows with the time covered: too much is refused here, whoever asks.
        windows = as_windows(windows if end is None else [[windows, end]])
        self.step = float(step_s)
        self.knots = grid_covering(windows, self.step)
        # Each run of consecutive knots: its first knot's grid number and its place in ``knots``.
        grid = np.round(self.knots / self.step)
        new_run = np.concatenate(([True], np.diff(grid) != 1))
        self._run_grid, self._run_at = grid[new_run], np.flatnonzero(new_run)
        self._run_last = np.concatenate((self._run_at[1:], [len(grid)])) - 1
        if frame == "ecef":
            self.pos, self.vel = orbit.ecef(self.knots, velocity=True)
        elif frame == "teme":
            self.pos, self.vel = (np.ascontiguousarray(a) for a in orbit.teme(self.knots))  # rows, not columns
        else:
            raise ValueError(f"unknown frame {frame!r}")
        missing = sgp4_failure(orbit, self.knots, self.pos)
        if missing:  # interpolating across a gap would invent positions
            when = self.knots[int(np.argmax(~np.isfinite(self.pos).all(axis=0)))]
            w = max(int(np.searchsorted(windows[:, 0] - self.step, when, side="right")) - 1, 0)  # the one it covers
            raise CannotJudge(missing, float(windows[w, 0]), float(windows[w, 1]))
        self.frame = frame

    @property
    def start(self) -> float:
        return float(self.knots[0])

    @property
    def end(self) -> float:
        return float(self.knots[-1])

    def _locate(self, t: np.ndarray):
        t = np.asarray(t, dtype=float)
        g = np.floor(t / self.step)
        r = np.maximum(np.searchsorted(self._run_grid, g, side="right") - 1, 0)
        at = self._run_at[r]
        k = np.clip(at + (g - self._run_grid[r]).astype(np.int64), at, np.maximum(self._run_last[r] - 1, at))
        return k, (t - self.knots[k]) / self.step

    def at(self, t) -> np.ndarray:
        """Interpolated position (3, n) at times ``t``."""
        k, s = self._locate(t)
        s2 = s * s
        s3 = s2 * s
        h00, h10, h01, h11 = 2 * s3 - 3 * s2 + 1, s3 - 2 * s2 + s, -2 * s3 + 3 * s2, s3 - s2
        p, v, h = self.pos, self.vel, self.step
        return h00 * p[:, k] + (h10 * h) * v[:, k] + h01 * p[:, k + 1] + (h11 * h) * v[:, k + 1]

    def pv(self, t) -> tuple[np.ndarray, np.ndarray]:
        """Interpolated position and velocity (each (3, n)) at times ``t``."""
        k, s = self._locate(t)
        s2 = s * s
        s3 = s2 * s
        h00, h10, h01, h11 = 2 * s3 - 3 * s2 + 1, s3 - 2 * s2 + s, -2 * s3 + 3 * s2, s3 - s2
        d00, d10, d01, d11 = 6 * s2 - 6 * s, 3 * s2 - 4 * s + 1, -6 * s2 + 6 * s, 3 * s2 - 2 * s
        p, v, h = self.pos, self.vel, self.step
        pos = h00 * p[:, k] + (h10 * h) * v[:, k] + h01 * p[:, k + 1] + (h11 * h) * v[:, k + 1]
        vel = (d00 / h) * p[:, k] + d10 * v[:, k] + (d01 / h) * p[:, k + 1] + d11 * v[:, k + 1]
        return pos, vel


class Scan:
    """Where a condition may change inside windows: its samples are the knots and the windows' starts, in time
    order; the steps to look in are those from a sample inside a window to the next (at most a knot step).
    Each window's answer is its state at the start and the changes within it."""

    def __init__(self, track: HermiteOrbit, windows: np.ndarray):
        self.windows = windows
        self._at = np.searchsorted(track.knots, windows[:, 0], side="right")
        self.t = np.insert(track.knots, self._at, windows[:, 0])
        self.starts = self._at + np.arange(len(windows))  # where each window's start is among the samples
        which = np.searchsorted(windows[:, 0], self.t[:-1], side="right") - 1
        inside = (which >= 0) & (self.t[:-1] < windows[np.maximum(which, 0), 1])
        # The knots cover each window to the one at or after its end, so a step from inside one never spans a gap.
        self.steps = np.flatnonzero(inside)
        self.window = which[self.steps]

    def merge(self, at_knots: np.ndarray, at_starts: np.ndarray) -> np.ndarray:
        """Values at the samples from values at the knots and at the windows' starts."""
        return np.insert(at_knots, self._at, at_starts, axis=-1)

    def within(self, holds_at_start: np.ndarray, crossings: np.ndarray, step: np.ndarray) -> np.ndarray:
        """The parts of the windows where the condition holds, from whether it holds at each window's start and
        the times it changes, each found in ``self.steps[step]``."""
        window = self.window[step]
        crossings = np.minimum(crossings, self.windows[window, 1])  # a change refined just past the end
        flips = np.bincount(window, minlength=len(self.windows)) + holds_at_start
        # Each window gives an even number of edges, all inside it: sorted together they pair up window by window.
        edges = np.concatenate((self.windows[holds_at_start, 0], crossings, self.windows[flips % 2 == 1, 1]))
        return normalise(np.sort(edges).reshape(-1, 2))


def bisect(fn, lo: np.ndarray, hi: np.ndarray, tolerance_s: float = 0.01) -> np.ndarray:
    """Vectorised bisection: the time in each bracket ``[lo, hi]`` where ``fn > 0`` changes truth.

    ``fn(times) -> values``; each bracket must hold one sign change. Returns the midpoints of the final
    brackets, within ``tolerance_s`` of the crossing.
    """
    lo = np.array(lo, dtype=float)
    hi = np.array(hi, dtype=float)
    if lo.size == 0:
        return lo
    f_lo = fn(lo) > 0
    width = float(np.max(hi - lo))
    while width > tolerance_s:
        mid = (lo + hi) / 2
        f_mid = fn(mid) > 0
        same = f_mid == f_lo
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
        width /= 2
    return (lo + hi) / 2


def secant(fn, lo: np.ndarray, hi: np.ndarray, f_lo: np.ndarray, f_hi: np.ndarray, iterations: int = 3,
           halvings: int = 0):
    """Vectorised regula falsi: the zero of a smooth ``fn`` in each bracket where it changes sign.

    For functions that are nearly linear across the bracket (shadow margins over 10 s), three steps
    reach microseconds. ``f_lo`` and ``f_hi`` are ``fn`` at the bracket ends. A bracket where ``fn`` bends
    (the elevation near the top of a short pass) is first halved ``halvings`` times, which makes it so.
    """
    lo, hi = np.array(lo, dtype=float), np.array(hi, dtype=float)
    f_lo, f_hi = np.array(f_lo, dtype=float), np.array(f_hi, dtype=float)
    if lo.size == 0:
        return lo
    for _ in range(halvings):
        x = (lo + hi) / 2
        f_x = fn(x)
        left = (f_x > 0) == (f_lo > 0)
        lo, f_lo = np.where(left, x, lo), np.where(left, f_x, f_lo)
        hi, f_hi = np.where(left, hi, x), np.where(left, f_hi, f_x)
    for _ in range(iterations):
        denom = f_hi - f_lo
        x = np.where(denom != 0, lo - f_lo * (hi - lo) / np.where(denom != 0, denom, 1.0), (lo + hi) / 2)
        x = np.clip(x, lo, hi)
        f_x = fn(x)
        left = (f_x > 0) == (f_lo > 0)
        lo, f_lo = np.where(left, x, lo), np.where(left, f_x, f_lo)
        hi, f_hi = np.where(left, hi, x), np.where(left, f_hi, f_x)
    denom = f_hi - f_lo
    return np.where(denom != 0, lo - f_lo * (hi - lo) / np.where(denom != 0, denom, 1.0), (lo + hi) / 2)


def sign_changes(values: np.ndarray) -> np.ndarray:
    """Indices ``i`` where ``values[i] > 0`` differs from ``values[i + 1] > 0``."""
    positive = values > 0
    return np.flatnonzero(positive[1:] != positive[:-1])
