"""Dense positions cheaply: SGP4 on a coarse grid, cubic Hermite interpolation in between.

With positions and velocities every 60 s, a low orbit is interpolated to well under a metre (the error
grows as the step to the fourth power), so rise, set and shadow times can be refined by bisection
without calling SGP4 again.
"""

from __future__ import annotations

import numpy as np

from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import sgp4_failure, span_too_long
from planner.orbit.orbit import Orbit

KNOT_STEP_S = 60.0


class HermiteOrbit:
    """Positions and velocities of an orbit on a uniform grid of knots, interpolated at any time inside it."""

    def __init__(self, orbit: Orbit, start: float, end: float, frame: str = "ecef", step_s: float = KNOT_STEP_S):
        # The knots' memory grows with the span: a span of centuries is refused here, whoever asks.
        too_long = span_too_long(start, end)
        if too_long:
            raise CannotJudge(too_long, start, end)
        n = int(np.ceil((end - start) / step_s)) + 1
        self.t0, self.step = float(start), float(step_s)
        self.knots = self.t0 + np.arange(max(n, 2)) * step_s
        if frame == "ecef":
            self.pos, self.vel = orbit.ecef(self.knots, velocity=True)
        elif frame == "teme":
            self.pos, self.vel = orbit.teme(self.knots)
        else:
            raise ValueError(f"unknown frame {frame!r}")
        missing = sgp4_failure(orbit, self.knots, self.pos)
        if missing:  # interpolating across a gap would invent positions
            raise CannotJudge(missing, float(start), float(end))
        self.frame = frame

    @property
    def start(self) -> float:
        return float(self.knots[0])

    @property
    def end(self) -> float:
        return float(self.knots[-1])

    def _locate(self, t: np.ndarray):
        u = (np.asarray(t, dtype=float) - self.t0) / self.step
        k = np.clip(np.floor(u).astype(np.int64), 0, len(self.knots) - 2)
        return k, u - k

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


def secant(fn, lo: np.ndarray, hi: np.ndarray, f_lo: np.ndarray, f_hi: np.ndarray, iterations: int = 3):
    """Vectorised regula falsi: the zero of a smooth ``fn`` in each bracket where it changes sign.

    For functions that are nearly linear across the bracket (shadow margins over 10 s), three steps
    reach microseconds. ``f_lo`` and ``f_hi`` are ``fn`` at the bracket ends.
    """
    lo, hi = np.array(lo, dtype=float), np.array(hi, dtype=float)
    f_lo, f_hi = np.array(f_lo, dtype=float), np.array(f_hi, dtype=float)
    if lo.size == 0:
        return lo
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
