"""Array screens for the full check of many activities: they pick the few activities that may break a rule,
so the exact per-activity rules (:mod:`planner.rules.activities`) run on those alone.

Each screen is conservative: it may pick an activity that turns out fine, never skip one that is not.
"""

from __future__ import annotations

import numpy as np

from planner.rules.activities import element_set_distance
from planner.rules.activity_table import ActivityTable
from planner.station.columns import Aboard


def screen(table: ActivityTable, aboard: "Aboard | dict[str, tuple]", epochs: list[float], limit_s: float,
           touching=None) -> np.ndarray:
    """Positions in ``table`` that may have a finding of their own; ``aboard``: person -> sorted disjoint intervals;
    ``touching(start, end)``: True where a dynamic event touches the activity (None: guarded ones all picked)."""
    n = len(table)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    flagged = table.guarded.copy()
    if touching is not None and flagged.any():
        flagged &= touching(table.start, table.end)
    if table.orbit.any():
        flagged |= table.orbit & (element_set_distance(epochs, table.start, table.end)[0] > limit_s)
    flagged |= _outside_stays(table, aboard)
    return np.flatnonzero(flagged)


def overlap_pairs(table: ActivityTable) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(a, b)`` of activities that share a person and may share a moment (every such pair at least
    once, as the exact rule decides): sorted by (person, start), each entry pairs with the later entries of
    its person that start before it ends, found by one binary search each."""
    act, person = table.act, table.person
    m = len(act)
    if m < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    s, e = table.start[act], table.end[act]
    by_start = np.argsort(s, kind="stable")
    # By person, then start (a radix sort when the person codes fit in 16 bits).
    codes = person[by_start].astype(np.uint16) if len(table.names) <= 1 << 16 else person[by_start]
    order = by_start[np.argsort(codes, kind="stable")]
    p, a = person[order], act[order]
    # Integer stand-ins for the times that keep every start-against-end comparison: how many starts
    # lie below. (s < e exactly when fewer starts lie below s than below e.) For the starts themselves that
    # is where their run of equal values begins in the sorted starts.
    below = s[by_start]
    runs = np.flatnonzero(np.concatenate([[True], below[1:] != below[:-1]]))
    rank = np.empty(m, np.int64)
    rank[by_start] = np.repeat(runs, np.diff(np.append(runs, m)))
    span = np.int64(m + 1)
    key_s = p * span + rank[order]
    key_e = p * span + np.searchsorted(below, e[order], side="left")
    hi = np.searchsorted(key_s, key_e, side="left")  # entries of the person that start before this one ends
    count = np.maximum(hi - np.arange(1, m + 1), 0)
    total = int(count.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    first = np.repeat(np.arange(m), count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return a[first], a[first + 1 + offset]


def ranks(*columns) -> np.ndarray:
    """Each value's rank among all of them: integer keys that keep every comparison exact."""
    _, rank = np.unique(np.concatenate(columns), return_inverse=True)
    return rank.astype(np.int64).ravel()


def _outside_stays(table: ActivityTable, aboard) -> np.ndarray:
    """True for activities with a participant not aboard for all of it (exact).

    Most people are aboard once: their (activity, person) entries are checked against that one interval
    directly. Those aboard several times go through a search over integer keys (person, rank of the time).
    """
    n = len(table)
    bad = np.zeros(n, dtype=bool)
    if not len(table.act):
        return bad
    if isinstance(aboard, dict):
        aboard = Aboard([], np.zeros(0), np.zeros(0), aboard)
    counts, one_start, one_end = aboard.single(table.names)
    act, person = table.act, table.person
    qs, qe = table.start[act], table.end[act]
    single = counts[person] == 1
    s1, e1 = one_start[person], one_end[person]
    ok_single = (s1 <= qs) & (qe <= e1) & (qs < e1)
    bad[act[single & ~ok_single]] = True
    bad[act[counts[person] == 0]] = True
    many = counts[person] > 1
    if many.any():
        bad |= _outside_many(table, aboard, act[many], person[many])
    return bad


def _outside_many(table: ActivityTable, aboard, act: np.ndarray, person: np.ndarray) -> np.ndarray:
    """:func:`_outside_stays` for entries of people aboard several times (by ranks of the times)."""
    bad = np.zeros(len(table), dtype=bool)
    codes = np.unique(person).tolist()
    names = [table.names[c] for c in codes]
    recode = np.full(len(table.names), -1, np.int64)
    recode[codes] = np.arange(len(codes))
    person = recode[person]
    spans = [aboard.get(p) for p in names]
    counts = np.fromiter(map(len, spans), np.int64, len(names))
    iv_person = np.repeat(np.arange(len(names), dtype=np.int64), counts)
    iv_start = np.fromiter((s for found in spans for s, _e in found), float, int(counts.sum()))
    iv_end = np.fromiter((e for found in spans for _s, e in found), float, int(counts.sum()))
    qs, qe = table.start[act], table.end[act]
    rank = ranks(iv_start, iv_end, qs, qe)
    span = np.int64(rank.max() + 1)
    m, q = len(iv_start), len(qs)
    k_is = iv_person * span + rank[:m]
    k_ie = iv_person * span + rank[m:2 * m]
    k_qs = person * span + rank[2 * m:2 * m + q]
    k_qe = person * span + rank[2 * m + q:]
    # Intervals of one person are disjoint and sorted, so the keys of their starts are sorted too.
    order = np.argsort(k_is, kind="stable")
    k_is, k_ie = k_is[order], k_ie[order]
    j = np.searchsorted(k_is, k_qs, side="right") - 1
    jj = np.clip(j, 0, m - 1)
    ok = (j >= 0) & (k_qe <= k_ie[jj]) & (k_qs < k_ie[jj])
    bad[act[~ok]] = True
    return bad
