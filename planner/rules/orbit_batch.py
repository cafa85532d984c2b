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
    """An :class:`OrbitConditions` answering from intervals worked out over whole spans; a question outside
    them goes to the orbit itself (and its answer is kept as a span of its own)."""

    def __init__(self, orbit: OrbitConditions):
        self.orbit = orbit
        self._spans: dict[tuple, list[tuple[float, float, np.ndarray]]] = {}  # what -> [(start, end, (n, 2))]
        self._sites: dict[str, object] = {}  # site id -> GroundSite (sites are not hashable)

    def prepare(self, what: tuple, stretches) -> None:
        """Work out ``what`` (``("sunlit",)`` or ``("in_view", site id, elevation)``) over each stretch."""
        known = self._spans.setdefault(what, [])
        for start, end in stretches:
            if self._find(what, start, end) is None:
                known.append((start, end, self._ask(what, start, end)))

    def covered(self, what: tuple, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """True where one interval of ``what`` holds all of ``[start, end]`` (spans must be prepared)."""
        iv = self._all(what)
        if len(iv) == 0:
            return np.zeros(len(starts), dtype=bool)
        k = np.searchsorted(iv[:, 0], starts, side="right") - 1
        kk = np.clip(k, 0, len(iv) - 1)
        return (k >= 0) & (iv[kk, 0] <= starts) & (ends <= iv[kk, 1])

    def untouched(self, what: tuple, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """True where no interval of ``what`` meets ``[start, end)`` (spans must be prepared)."""
        iv = self._all(what)
        if len(iv) == 0:
            return np.ones(len(starts), dtype=bool)
        k = np.searchsorted(iv[:, 1], starts, side="right")  # the first interval ending after the start
        kk = np.clip(k, 0, len(iv) - 1)
        return (k >= len(iv)) | (iv[kk, 0] >= ends)

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

    def _find(self, what: tuple, start: float, end: float):
        for s, e, iv in self._spans.get(what, ()):
            if s <= start and end <= e:
                return iv
        return None

    def _all(self, what: tuple) -> np.ndarray:
        pieces = [iv for _s, _e, iv in sorted(self._spans.get(what, ()), key=lambda p: p[0])]
        return np.concatenate(pieces) if pieces else np.zeros((0, 2))

    def _clip(self, what: tuple, start: float, end: float) -> list[tuple[float, float]]:
        iv = self._find(what, start, end)
        if iv is None:
            self.prepare(what, [(start, end)])
            iv = self._find(what, start, end)
        return intervals.pairs(intervals.clip(iv, start, end))


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
