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


def flat_runs(low: np.ndarray, high: np.ndarray, min_columns: int) -> list[tuple[int, int, int]]:
    """``(first, past_last, value)`` of each run of at least ``min_columns`` pixel columns over which a series
    keeps one value (its least and most in every column of the run are that value)."""
    n = len(high)
    if not n:
        return []
    # One key per column: its value where it holds still, a value no column has where it does not.
    key = np.where(low == high, high, min(int(high.min()), int(low.min())) - 1)
    first = np.concatenate([[0], np.flatnonzero(key[1:] != key[:-1]) + 1])
    past = np.append(first[1:], n)
    keep = (key[first] == high[first]) & (low[first] == high[first]) & (past - first >= min_columns)
    return list(zip(first[keep].tolist(), past[keep].tolist(), high[first[keep]].tolist()))


def top_segments(first: np.ndarray, past: np.ndarray, width: int) -> np.ndarray:
    """Bars drawn in order over each other, each over pixel columns ``[first, past)``: the pieces left showing,
    as an (n, 3) array of ``[first column, past last column, bar]``, the bar being the last one drawn over
    those columns (later bars cover earlier ones; a bar is one column at least)."""
    past = np.clip(np.maximum(past, first + 1), 0, width)
    first = np.clip(first, 0, width)
    # What shows changes only where a bar begins or ends: test the bars at those columns only.
    cuts = np.sort(np.concatenate([first, past, [0, width]]))
    cuts = cuts[np.concatenate([[True], np.diff(cuts) > 0])]
    at = cuts[:-1]
    over = (at[None, :] >= first[:, None]) & (at[None, :] < past[:, None])
    n = len(first)
    top = np.where(over.any(axis=0), n - 1 - np.argmax(over[::-1], axis=0), -1)
    keep = np.concatenate([[True], top[1:] != top[:-1]])  # pieces of one bar side by side become one
    starts = at[keep]
    pieces = np.stack([starts, np.append(starts[1:], cuts[-1]), top[keep]], axis=1)
    return pieces[pieces[:, 2] >= 0]
