"""Array screens for the full check of many activities: they pick the few activities that may break a rule,
so the exact per-activity rules (:mod:`planner.rules.activities`) run on those alone.

Each screen is conservative: it may pick an activity that turns out fine, never skip one that is not.
"""

from __future__ import annotations

import numpy as np

from planner.rules.activities import ActivityRow


def screen(rows: list[ActivityRow], aboard: dict[str, tuple], epochs: list[float], limit_s: float) -> np.ndarray:
    """Indexes of ``rows`` that may have a finding of their own; ``aboard``: person -> sorted disjoint intervals."""
    n = len(rows)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    flagged = np.zeros(n, dtype=bool)
    start = np.fromiter((r.start for r in rows), float, n)
    end = np.fromiter((r.end for r in rows), float, n)
    flagged |= np.fromiter((r.guarded for r in rows), bool, n)
    orbit = np.fromiter((bool(r.orbit_needs) for r in rows), bool, n)
    flagged |= orbit & _far_from_epochs(start, end, epochs, limit_s)
    flagged |= _outside_stays(rows, start, end, aboard)
    return np.nonzero(flagged)[0]


def overlap_candidates(rows: list[ActivityRow]) -> np.ndarray:
    """Indexes of rows that may overlap another activity of one of their people.

    Sorted by (person, start), an activity that overlaps any later one overlaps the very next one too
    (that one starts no later), so flagging both sides of each overlapping neighbour pair finds every
    pair's earlier member; the exact rule then scans that member's person.
    """
    act, person, start, end = _pairs(rows)
    if len(act) < 2:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((start, person))
    p, s, e, a = person[order], start[order], end[order], act[order]
    hit = (p[1:] == p[:-1]) & (s[1:] < e[:-1])
    return np.unique(np.concatenate([a[:-1][hit], a[1:][hit]]))


def _pairs(rows):
    people: dict[str, int] = {}
    act, person = [], []
    for i, row in enumerate(rows):
        for p in row.people:
            act.append(i)
            person.append(people.setdefault(p, len(people)))
    act = np.asarray(act, dtype=np.int64)
    person = np.asarray(person, dtype=np.int64)
    starts = np.fromiter((r.start for r in rows), float, len(rows))
    ends = np.fromiter((r.end for r in rows), float, len(rows))
    return act, person, starts[act] if len(act) else starts[:0], ends[act] if len(act) else ends[:0]


def _far_from_epochs(start, end, epochs, limit_s) -> np.ndarray:
    if not epochs:
        return np.ones(len(start), dtype=bool)
    ep = np.asarray(epochs, dtype=float)
    mid = (start + end) / 2
    k = np.searchsorted(ep, mid)
    before = ep[np.clip(k - 1, 0, len(ep) - 1)]
    after = ep[np.clip(k, 0, len(ep) - 1)]
    distance = np.minimum(np.abs(mid - before), np.abs(mid - after)) + (end - start) / 2
    return distance > limit_s - 1.0  # a second of margin: the exact rule decides


def _outside_stays(rows, start, end, aboard) -> np.ndarray:
    """True for rows with a participant not aboard for the whole activity (exact, by ranks of the times)."""
    n = len(rows)
    names = list(aboard)
    index = {p: i for i, p in enumerate(names)}
    act, person = [], []
    for i, row in enumerate(rows):
        for p in row.people:
            act.append(i)
            person.append(index.get(p, -1))
    if not act:
        return np.zeros(n, dtype=bool)
    act = np.asarray(act, dtype=np.int64)
    person = np.asarray(person, dtype=np.int64)
    bad = np.zeros(n, dtype=bool)
    unknown = person < 0
    bad[act[unknown]] = True
    act, person = act[~unknown], person[~unknown]
    iv_person = np.fromiter((i for i, p in enumerate(names) for _ in aboard[p]), np.int64)
    iv_start = np.fromiter((s for p in names for s, _e in aboard[p]), float)
    iv_end = np.fromiter((e for p in names for _s, e in aboard[p]), float)
    qs, qe = start[act], end[act]
    # Ranks keep every comparison exact while packing (person, time) into one sortable integer.
    _, rank = np.unique(np.concatenate([iv_start, iv_end, qs, qe]), return_inverse=True)
    span = np.int64(rank.max() + 1 if len(rank) else 1)
    m, q = len(iv_start), len(qs)
    k_is = iv_person * span + rank[:m]
    k_ie = iv_person * span + rank[m:2 * m]
    k_qs = person * span + rank[2 * m:2 * m + q]
    k_qe = person * span + rank[2 * m + q:]
    # Intervals of one person are disjoint and sorted, so the keys of their starts are sorted too.
    order = np.argsort(k_is, kind="stable")
    k_is, k_ie = k_is[order], k_ie[order]
    j = np.searchsorted(k_is, k_qs, side="right") - 1
    ok = j >= 0
    jj = np.clip(j, 0, max(m - 1, 0))
    if m:
        ok &= (k_qe <= k_ie[jj]) & (k_qs < k_ie[jj])
    else:
        ok[:] = False
    bad[act[~ok]] = True
    return bad
