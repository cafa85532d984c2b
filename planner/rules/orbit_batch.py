"""Orbit conditions for many activities at once: sunlight and each needed site's visibility worked out once per
stretch of time the activities cover, then every activity tested against those intervals with arrays.

Asking the orbit engine activity by activity costs one propagation each; 10,000 daylight activities in a
fortnight cost about one pass this way. Activities the arrays show to be fine are done; the others get the
exact per-activity rule, which reads the same intervals (clipped) through :class:`CachedOrbit`.
"""

from __future__ import annotations

import numpy as np

from planner import intervals
from planner.model.activity import NeedKind
from planner.rules.orbit_needs import OrbitConditions

#: Activities closer than this are covered by one computation (sunlight changes every ~45 min anyway).
JOIN_GAP_S = 6 * 3600.0


def spans(starts: np.ndarray, ends: np.ndarray, join_gap_s: float = JOIN_GAP_S) -> list[tuple[float, float]]:
    """The stretches of time that cover every ``[start, end]``, joining those less than ``join_gap_s`` apart."""
    if len(starts) == 0:
        return []
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], np.maximum.accumulate(ends[order])
    cut = np.flatnonzero(s[1:] > e[:-1] + join_gap_s) + 1
    first = np.concatenate([[0], cut])
    last = np.concatenate([cut - 1, [len(s) - 1]])
    return list(zip(s[first].tolist(), e[last].tolist()))


class CachedOrbit:
    """An :class:`OrbitConditions` answering from intervals worked out over whole stretches of time; a question
    outside them goes to the orbit itself, and its answer is kept too."""

    def __init__(self, orbit: OrbitConditions):
        self.orbit = orbit
        # what -> (the stretches worked out, the intervals found in them), both normalised interval sets
        self._known: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self._sites: dict[str, object] = {}  # site id -> GroundSite (sites are not hashable)

    def prepare(self, what: tuple, stretches) -> None:
        """Work out ``what`` (``("sunlit",)`` or ``("in_view", site id, elevation)``) over the stretches."""
        done, found = self._known.get(what, (intervals.EMPTY, intervals.EMPTY))
        missing = intervals.subtract(intervals.normalise(list(stretches)), done)
        if len(missing):
            new = [self._ask(what, s, e) for s, e in missing.tolist()]
            self._known[what] = (intervals.union(done, missing), intervals.union(found, *new))

    def covered(self, what: tuple, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """True where one interval of ``what`` holds all of ``[start, end]`` (stretches must be prepared)."""
        return intervals.covers(self._found(what), starts, ends)

    def untouched(self, what: tuple, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """True where no interval of ``what`` meets ``[start, end)`` (stretches must be prepared)."""
        return intervals.misses(self._found(what), starts, ends)

    def sunlit(self, start: float, end: float) -> list[tuple[float, float]]:
        """The parts of ``[start, end]`` in sunlight."""
        return self._clip(("sunlit",), start, end)

    def in_view(self, site, min_elevation_deg: float, start: float, end: float) -> list[tuple[float, float]]:
        """The parts of ``[start, end]`` when ``site`` sees the station above ``min_elevation_deg``."""
        self._sites[site.id] = site
        return self._clip(("in_view", site.id, min_elevation_deg), start, end)

    def _ask(self, what: tuple, start: float, end: float) -> np.ndarray:
        if what[0] == "sunlit":
            found = self.orbit.sunlit(start, end)
        else:
            found = self.orbit.in_view(self._sites[what[1]], what[2], start, end)
        return np.asarray(found, dtype=float).reshape(-1, 2)

    def _found(self, what: tuple) -> np.ndarray:
        return self._known.get(what, (None, intervals.EMPTY))[1]

    def _clip(self, what: tuple, start: float, end: float) -> list[tuple[float, float]]:
        done = self._known.get(what, (intervals.EMPTY, None))[0]
        if not intervals.covers(done, [start], [end])[0]:
            self.prepare(what, [(start, end)])
        return intervals.pairs(intervals.within(self._found(what), start, end))


def orbit_suspects(rows, sites: dict, orbit: CachedOrbit) -> set[int]:
    """Positions in ``rows`` (activity rows with orbit needs, each longer than an instant) that may break one:
    every needed condition is worked out once per stretch, and a row is cleared when each of its needs holds
    throughout (daylight, a site in view) or nowhere (sunlight, for a need of shadow)."""
    wanted: dict[tuple, list[tuple[int, bool]]] = {}  # what -> [(position, must be covered)]
    suspects = set()
    for k, row in enumerate(rows):
        for need in row.orbit_needs:
            if need.kind is NeedKind.SITE_IN_VIEW:
                site = sites.get(need.site)
                if site is None:
                    suspects.add(k)
                    continue
                elevation = need.min_elevation_deg if need.min_elevation_deg is not None else site.min_elevation_deg
                orbit._sites[site.id] = site
                wanted.setdefault(("in_view", site.id, elevation), []).append((k, True))
            else:
                wanted.setdefault(("sunlit",), []).append((k, need.kind is NeedKind.DAYLIGHT))
    for what, items in wanted.items():
        pos = np.fromiter((k for k, _c in items), np.int64, len(items))
        cover = np.fromiter((c for _k, c in items), bool, len(items))
        starts = np.fromiter((rows[k].start for k in pos.tolist()), float, len(items))
        ends = np.fromiter((rows[k].end for k in pos.tolist()), float, len(items))
        orbit.prepare(what, spans(starts, ends))
        fine = np.where(cover, orbit.covered(what, starts, ends), orbit.untouched(what, starts, ends))
        suspects.update(pos[~fine].tolist())
    return suspects
