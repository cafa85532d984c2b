"""A coarse look first: where a condition cannot change, the fine knots are not needed.

A margin that changes no faster than a known rate cannot cross zero between two coarse knots when it is far
enough from zero at both: ``|m0| + |m1| >= rate * step`` with ``m0`` and ``m1`` of one sign. Sunlight changes
twice an orbit and a site sees the station a few minutes a day, so most of a plan's windows lie in such steps;
SGP4 then runs every 60 s only in the rest.
"""

from __future__ import annotations

import numpy as np

from planner import intervals

#: Coarse knots every 5 minutes: the margins (angles) travel at most ~0.4 rad in a step, so about a quarter of the
#: time around a change in sunlight, and the time the station is within some 40 degrees of a site, is looked at closely.
COARSE_STEP_S = 300.0


def steady(knots: np.ndarray, margins, travel) -> tuple[np.ndarray, np.ndarray]:
    """For each step between consecutive ``knots`` (coarse, a grid with gaps between windows): whether every row
    of ``margins`` (values at the knots, each changing by at most ``travel`` within a step) surely stays
    positive, and whether every one surely stays at or below zero."""
    m = np.atleast_2d(margins)
    m0, m1 = m[:, :-1], m[:, 1:]
    stays = ((m0 > 0) == (m1 > 0)) & (np.abs(m0) + np.abs(m1) >= travel)
    return (stays & (m0 > 0)).all(axis=0), (stays & (m0 <= 0)).all(axis=0)


def parts(windows: np.ndarray, knots: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """The parts of the normalised ``windows`` inside the chosen steps (a mask over the steps between ``knots``;
    a step across a gap between windows holds none of them)."""
    chosen = intervals.runs(steps & (np.diff(knots) <= COARSE_STEP_S * (1 + 1e-9)))
    return intervals.intersect(windows, np.stack((knots[chosen[:, 0]], knots[chosen[:, 1]]), axis=1))
