"""Sets of time intervals: the one toolkit the station state, the rules, the orbit and the views share.

A set is an ``(n, 2)`` float array of epoch seconds, sorted and disjoint, each row a half-open
``[start, end)``; an open end is ``inf``. :func:`normalise` makes one from any rows (empty rows dropped,
overlapping or touching ones merged). Bounds may be given as seconds or as aware datetimes.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

EMPTY = np.zeros((0, 2))


def seconds(when) -> float:
    """A bound as epoch seconds (an aware datetime or a number)."""
    if isinstance(when, datetime):
        if when.tzinfo is None:
            raise ValueError("naive datetime: times are always UTC-aware")
        return when.timestamp()
    return float(when)


def normalise(rows) -> np.ndarray:
    """Sorted, merged, non-empty intervals from any ``(start, end)`` rows."""
    arr = np.asarray(rows, dtype=float).reshape(-1, 2)
    arr = arr[arr[:, 1] > arr[:, 0]]
    if len(arr) < 2:
        return arr.copy()
    arr = arr[np.argsort(arr[:, 0], kind="stable")]
    ends = np.maximum.accumulate(arr[:, 1])
    new = np.concatenate(([True], arr[1:, 0] > ends[:-1]))
    starts = arr[new, 0]
    stops = np.zeros(len(starts))
    np.maximum.at(stops, np.cumsum(new) - 1, arr[:, 1])
    return np.stack((starts, stops), axis=1)


def pairs(a) -> list[tuple[float, float]]:
    """The intervals as a list of ``(start, end)`` float tuples."""
    return [tuple(row) for row in np.asarray(a, dtype=float).reshape(-1, 2).tolist()]


def union(*sets) -> np.ndarray:
    """Times inside any of the sets."""
    return normalise(np.concatenate([np.asarray(s, dtype=float).reshape(-1, 2) for s in sets] or [EMPTY]))


def intersect(a, b) -> np.ndarray:
    """Times inside both ``a`` and ``b``."""
    a, b = normalise(a), normalise(b)
    if not len(a) or not len(b):
        return EMPTY.copy()
    # For each interval of a, the intervals of b that may overlap it (both lists are sorted and disjoint).
    lo = np.searchsorted(b[:, 1], a[:, 0], side="right")
    hi = np.searchsorted(b[:, 0], a[:, 1], side="left")
    counts = np.maximum(hi - lo, 0)
    if not counts.sum():
        return EMPTY.copy()
    ia = np.repeat(np.arange(len(a)), counts)
    ib = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(lo, counts)
    out = np.stack((np.maximum(a[ia, 0], b[ib, 0]), np.minimum(a[ia, 1], b[ib, 1])), axis=1)
    return normalise(out)


def clip(a, start, end) -> np.ndarray:
    """The parts of ``a`` inside ``start..end``."""
    t0, t1 = seconds(start), seconds(end)
    a = normalise(a)
    return normalise(np.stack((np.maximum(a[:, 0], t0), np.minimum(a[:, 1], t1)), axis=1))


def within(a: np.ndarray, start, end) -> np.ndarray:
    """:func:`clip` of a set that is normalised already, found by bisection (for many questions to one big set)."""
    t0, t1 = seconds(start), seconds(end)
    lo = np.searchsorted(a[:, 1], t0, side="right")
    hi = np.searchsorted(a[:, 0], t1, side="left")
    part = a[lo:max(lo, hi)].copy()
    if len(part):
        part[0, 0] = max(part[0, 0], t0)
        part[-1, 1] = min(part[-1, 1], t1)
    return part[part[:, 1] > part[:, 0]]


def covers(a: np.ndarray, start, end) -> np.ndarray:
    """For each ``[start[i], end[i]]``: True when one interval of the normalised set ``a`` holds all of it."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    if not len(a):
        return np.zeros(start.shape, dtype=bool)
    k = np.searchsorted(a[:, 0], start, side="right") - 1
    kk = np.clip(k, 0, len(a) - 1)
    return (k >= 0) & (a[kk, 0] <= start) & (end <= a[kk, 1])


def misses(a: np.ndarray, start, end) -> np.ndarray:
    """For each ``[start[i], end[i])``: True when no interval of the normalised set ``a`` meets it."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    if not len(a):
        return np.ones(start.shape, dtype=bool)
    k = np.searchsorted(a[:, 1], start, side="right")  # the first interval ending after the start
    kk = np.clip(k, 0, len(a) - 1)
    return (k >= len(a)) | (a[kk, 0] >= end)


def complement(a, start, end) -> np.ndarray:
    """The gaps: times of ``start..end`` outside ``a``."""
    t0, t1 = seconds(start), seconds(end)
    a = clip(a, t0, t1)
    return normalise(np.concatenate(([t0], a.ravel(), [t1])).reshape(-1, 2))


def subtract(a, b) -> np.ndarray:
    """Times inside ``a`` and not inside ``b``."""
    a = normalise(a)
    if not len(a):
        return a
    return intersect(a, complement(b, a[0, 0], a[-1, 1]))


def duration(a) -> np.ndarray:
    """Length in seconds of each interval."""
    return np.asarray(a, dtype=float).reshape(-1, 2) @ np.array([-1.0, 1.0])


def from_crossings(t0: float, t1: float, inside_at_start: bool, crossings) -> np.ndarray:
    """Intervals of ``t0..t1`` from the state at ``t0`` and the sorted times where the state flips."""
    edges = np.concatenate(([t0] if inside_at_start else [], np.asarray(crossings, dtype=float)))
    if len(edges) % 2:
        edges = np.append(edges, t1)
    return normalise(edges.reshape(-1, 2))


def runs(mask) -> np.ndarray:
    """The runs of True in a boolean sequence, as an ``(n, 2)`` int array of ``[first, past_last)`` indices."""
    flips = np.flatnonzero(np.diff(np.concatenate(([0], np.asarray(mask).astype(np.int8), [0]))))
    return flips.reshape(-1, 2)


def from_samples(t, inside, step_s: float) -> np.ndarray:
    """Runs of samples ``inside``, each reaching half a step beyond its first and last sample."""
    found = runs(inside)
    t = np.asarray(t, dtype=float)
    return np.stack((t[found[:, 0]] - step_s / 2.0, t[found[:, 1] - 1] + step_s / 2.0), axis=1)


def crowded(starts, ends) -> list[tuple[float, float, list[int]]]:
    """The runs of time in which two or more of the intervals ``[starts[i], ends[i])`` hold at once, each as
    (start, end, the positions of every interval there during the run, in the order they begin). Empty
    intervals take no part; a run goes on across an instant where one interval ends and another begins."""
    changes = sorted((t, k) for k, (s, e) in enumerate(zip(starts, ends)) if e > s for t in (s, e))
    runs: list[tuple[float, float, list[int]]] = []
    there: set[int] = set()
    members: dict[int, None] = {}  # the run's intervals, in the order they joined it
    run_start, at = 0.0, 0
    while at < len(changes):
        now = changes[at][0]
        arrived = []
        while at < len(changes) and changes[at][0] == now:  # all that begins or ends at this instant
            k = changes[at][1]
            if ends[k] == now:
                there.discard(k)
            else:
                there.add(k)
                arrived.append(k)
            at += 1
        if len(there) >= 2 and members:
            members.update(dict.fromkeys(sorted(arrived, key=lambda k: (starts[k], k))))
        elif len(there) >= 2:
            run_start, members = now, dict.fromkeys(sorted(there, key=lambda k: (starts[k], k)))
        elif members:
            runs.append((run_start, now, list(members)))
            members = {}
    if members:  # to the end of time
        runs.append((run_start, float("inf"), list(members)))
    return runs


def any_overlap(start, end) -> bool:
    """True when two of the intervals ``[start[i], end[i])`` of positive length share a moment."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    keep = end > start
    start, end = start[keep], end[keep]
    if len(start) < 2:
        return False
    order = np.argsort(start, kind="stable")
    start, end = start[order], end[order]
    return bool((start[1:] < np.maximum.accumulate(end)[:-1]).any())
