"""Sets of time intervals as (n, 2) float arrays of UTC epoch seconds, sorted and disjoint."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from planner.orbit.timebase import epoch_seconds, to_datetime

EMPTY = np.zeros((0, 2))


def make(pairs) -> np.ndarray:
    """Normalise (start, end) pairs (datetimes or seconds): drop empty ones, sort, merge overlaps."""
    rows = [(float(epoch_seconds(a)), float(epoch_seconds(b))) for a, b in pairs]
    arr = np.array(rows, dtype=float).reshape(-1, 2)
    return normalise(arr)


def normalise(arr: np.ndarray) -> np.ndarray:
    """Sorted, merged, non-empty intervals."""
    arr = np.asarray(arr, dtype=float).reshape(-1, 2)
    arr = arr[arr[:, 1] > arr[:, 0]]
    if len(arr) < 2:
        return arr.copy()
    arr = arr[np.argsort(arr[:, 0], kind="stable")]
    ends = np.maximum.accumulate(arr[:, 1])
    new = np.concatenate(([True], arr[1:, 0] > ends[:-1]))
    starts = arr[new, 0]
    group = np.cumsum(new) - 1
    stops = np.zeros(len(starts))
    np.maximum.at(stops, group, arr[:, 1])
    return np.stack((starts, stops), axis=1)


def from_crossings(t0: float, t1: float, inside_at_start: bool, crossings: np.ndarray) -> np.ndarray:
    """Intervals of ``t0..t1`` from the start state and the sorted times where the state flips."""
    edges = np.concatenate(([t0] if inside_at_start else [], crossings, []))
    if len(edges) % 2:
        edges = np.append(edges, t1)
    return normalise(edges.reshape(-1, 2))


def intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Times inside both ``a`` and ``b``."""
    a, b = normalise(a), normalise(b)
    if not len(a) or not len(b):
        return EMPTY.copy()
    # For each interval of a, the intervals of b that may overlap it (both lists are sorted and disjoint).
    lo = np.searchsorted(b[:, 1], a[:, 0], side="right")
    hi = np.searchsorted(b[:, 0], a[:, 1], side="left")
    counts = np.maximum(hi - lo, 0)
    ia = np.repeat(np.arange(len(a)), counts)
    ib = np.concatenate([np.arange(l, h) for l, h in zip(lo, hi) if h > l]) if counts.sum() else np.zeros(0, int)
    out = np.stack((np.maximum(a[ia, 0], b[ib, 0]), np.minimum(a[ia, 1], b[ib, 1])), axis=1)
    return normalise(out)


def union(*sets: np.ndarray) -> np.ndarray:
    """Times inside any of the sets."""
    return normalise(np.concatenate([np.asarray(s, dtype=float).reshape(-1, 2) for s in sets] or [EMPTY]))


def complement(a: np.ndarray, start, end) -> np.ndarray:
    """Times of ``start..end`` outside ``a``."""
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    a = clip(a, t0, t1)
    edges = np.concatenate(([t0], a.ravel(), [t1]))
    return normalise(edges.reshape(-1, 2))


def subtract(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Times inside ``a`` and not inside ``b``."""
    a = normalise(a)
    if not len(a):
        return a
    return intersect(a, complement(b, a[0, 0], a[-1, 1]))


def clip(a: np.ndarray, start, end) -> np.ndarray:
    """The parts of ``a`` inside ``start..end``."""
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    a = normalise(a)
    return normalise(np.stack((np.maximum(a[:, 0], t0), np.minimum(a[:, 1], t1)), axis=1))


def duration(a: np.ndarray) -> np.ndarray:
    """Length in seconds of each interval."""
    return np.asarray(a, dtype=float).reshape(-1, 2) @ np.array([-1.0, 1.0])


def as_datetimes(a: np.ndarray) -> list[tuple[datetime, datetime]]:
    """The intervals as (start, end) aware UTC datetimes."""
    return [(to_datetime(s), to_datetime(e)) for s, e in np.asarray(a).reshape(-1, 2)]
