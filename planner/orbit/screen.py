"""A coarse look first: where a condition cannot change, the fine knots are not needed.

A margin that changes no faster than a known rate cannot cross zero between two coarse knots when it is far
enough from zero at both: ``|m0| + |m1| >= rate * step`` with ``m0`` and ``m1`` of one sign. Sunlight changes
twice an orbit and a site sees the station a few minutes a day, so most of a plan's windows lie in such steps;
SGP4 then runs every 60 s only in the rest.
"""

from __future__ import annotations

import numpy as np

from planner import intervals

#: Coarse knots every 5 minutes for sunlight: its margin travels at most 0.39 rad a step, so about a quarter of the
#: time, around each change, is looked at closely (the fewest knots in all over a year's plan windows: 76,000 at 5
#: minutes, 78,000 at 4 or 7, 88,000 at 10).
SUNLIGHT_STEP_S = 300.0
#: Every 10 minutes for a site: the station is within reach of one a small part of the time, so longer steps win
#: (41,000 knots at 10 minutes, 44,600 at 7, 50,500 at 5).
SITE_STEP_S = 600.0


def steady(knots: np.ndarray, margins, travel) -> tuple[np.ndarray, np.ndarray]:
    """For each step between consecutive ``knots`` (coarse, a grid with gaps between windows): whether every row
    of ``margins`` (values at the knots, each changing by at most ``travel`` within a step) surely stays
    positive, and whether every one surely stays at or below zero."""
    m = np.atleast_2d(margins)
    m0, m1 = m[:, :-1], m[:, 1:]
    stays = ((m0 > 0) == (m1 > 0)) & (np.abs(m0) + np.abs(m1) >= travel)
    return (stays & (m0 > 0)).all(axis=0), (stays & (m0 <= 0)).all(axis=0)


def parts(windows: np.ndarray, knots: np.ndarray, steps: np.ndarray, step_s: float) -> np.ndarray:
    """The parts of the normalised ``windows`` inside the chosen steps (a mask over the steps between ``knots``,
    ``step_s`` apart but for gaps between windows, which hold none of them)."""
    chosen = intervals.runs(steps & (np.diff(knots) <= step_s * (1 + 1e-9)))
    return intervals.intersect(windows, np.stack((knots[chosen[:, 0]], knots[chosen[:, 1]]), axis=1))
