"""Level of detail without Qt: which spans a paint can skip, and per-pixel coverage of many spans at once.

Pixel ``k`` of a drawing ``width`` pixels wide covers the instants ``[edges[k], edges[k + 1])``. Every count
here is found by binary search on sorted arrays, so its cost grows with the width, not with the spans.
"""

from __future__ import annotations

import numpy as np


def pixel_edges(start: float, seconds_per_px: float, width: int) -> np.ndarray:
    """The ``width + 1`` instants bounding the pixel columns of a drawing that begins at ``start``."""
    return start + seconds_per_px * np.arange(width + 1, dtype=float)


def visible_range(starts: np.ndarray, max_ends: np.ndarray, t0: float, t1: float) -> tuple[int, int]:
    """Bounds ``lo, hi`` outside which no span overlaps ``[t0, t1]`` (starts sorted, ``max_ends`` their running max)."""
    hi = int(np.searchsorted(starts, t1, side="right"))
    lo = int(np.searchsorted(max_ends[:hi], t0, side="left"))
    return lo, hi


def coverage(starts: np.ndarray, sorted_ends: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """How many spans overlap each pixel column for a positive time (starts and ends each sorted)."""
    begun = np.searchsorted(starts, edges[1:], side="left")  # start < right edge
    ended = np.searchsorted(sorted_ends, edges[:-1], side="right")  # end <= left edge: over before the column
    return begun - ended


def covered(starts: np.ndarray, max_ends: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """True for each pixel column some span overlaps for a positive time (starts sorted, ``max_ends`` their running max)."""
    begun = np.searchsorted(starts, edges[1:], side="left")
    reach = np.where(begun > 0, max_ends[np.maximum(begun - 1, 0)], -np.inf)
    return reach > edges[:-1]


def runs(mask: np.ndarray) -> np.ndarray:
    """The runs of True in ``mask`` as an (n, 2) array of ``[first, past_last)`` column indices."""
    flips = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return flips.reshape(-1, 2)


def flat_runs(low: np.ndarray, high: np.ndarray, min_columns: int) -> list[tuple[int, int, int]]:
    """``(first, past_last, value)`` of each run of at least ``min_columns`` pixel columns over which a series
    keeps one value (its least and most in every column of the run are that value)."""
    flat = low == high
    # A run breaks where a column is not flat or its value differs from the column before.
    breaks = ~flat | np.concatenate([[True], high[1:] != high[:-1]])
    out = []
    for first, past in runs(flat).tolist():
        cuts = [first] + [int(k) for k in np.flatnonzero(breaks[first + 1:past]) + first + 1] + [past]
        out.extend((a, b, int(high[a])) for a, b in zip(cuts, cuts[1:]) if b - a >= min_columns)
    return out


def hidden(x0: np.ndarray, x1: np.ndarray) -> np.ndarray:
    """Bars (in drawing order, ``x0`` not decreasing) that bars drawn after them cover entirely.

    Double-booked ports stack dozens of bars on the same pixels; only the ones left showing are worth a
    painter call. A bar is hidden when the next bar starts where it starts and the bars from there on reach
    past its end without a gap.
    """
    n = len(x0)
    out = np.zeros(n, dtype=bool)
    reach = -np.inf  # how far right the bars after ``k`` reach without a gap from the next one's start
    for k in range(n - 1, -1, -1):
        if k + 1 < n:
            out[k] = x0[k + 1] <= x0[k] and reach >= x1[k]
        reach = max(x1[k], reach) if k + 1 < n and x0[k + 1] <= x1[k] else x1[k]
    return out
