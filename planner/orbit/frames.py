"""From SGP4's TEME frame to the Earth-fixed frame: one turn about the pole by the sidereal angle (GMST 1982).

Why by hand: skyfield's own vectorised chain (TEME to GCRS to ITRS, precession and nutation at every time)
costs 80-120x bare SGP4 on a ground track of new times here, and still 2-4x on times whose matrices it has
cached, against the engine's 2x target; this turn costs a fraction of SGP4 (benchmarks/bench_orbit.py
prints both). It is pinned to the published numbers of
Vallado et al., "Revisiting Spacetrack Report #3" (AIAA 2006-6753), Appendix C, in tests/orbit/test_frames.py.

Polar motion (some 10-20 m at the station's height) is left out, as skyfield leaves it out by
default: the result is the pseudo Earth-fixed frame (PEF), which differs from ITRF by that much.
"""

from __future__ import annotations

import numpy as np

from planner.orbit.timebase import gmst82

EARTH_ROTATION_RAD_S = 7.292115146706979e-5  # d(GMST)/dt, the rate SGP4's TEME frame spins at


def teme_to_earth_fixed(r: np.ndarray, v: np.ndarray | None, seconds: np.ndarray, dut1: np.ndarray):
    """Earth-fixed position (km, shape (3, n)) and velocity (km/s; None when ``v`` is None).

    ``r`` and ``v`` are TEME vectors (3, n) at UTC epoch seconds ``seconds``; ``dut1`` is UT1 - UTC in seconds
    at those times.
    """
    theta = gmst82(seconds, dut1)
    c, s = np.cos(theta), np.sin(theta)
    x = c * r[0] + s * r[1]
    y = c * r[1] - s * r[0]
    pos = np.stack((x, y, r[2]))
    if v is None:
        return pos, None
    w = EARTH_ROTATION_RAD_S
    vx = c * v[0] + s * v[1] + w * y
    vy = c * v[1] - s * v[0] - w * x
    return pos, np.stack((vx, vy, v[2]))
