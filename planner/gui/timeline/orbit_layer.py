"""Day/night on the station, ground-site passes and the links to the ground for the span on screen, computed in
chunks and cached."""

from __future__ import annotations

import math

import numpy as np

from planner.gui.timeline.launch_marks import LaunchMarks
from planner.model import Project

SHOW_BELOW_SECONDS_PER_PX = 150.0  # about a day and a half across 900 px: orbits (92 min) still readable
CHUNK_S = 6 * 3600.0
_MAX_CHUNKS = 64


class OrbitLayer:
    """Shadow intervals and passes of a project's orbit; empty for a project without element sets."""

    def __init__(self, project: Project):
        self.orbit = None
        self.sites = list(project.sites)
        self.error = ""
        if project.element_sets:
            from planner.orbit import ElementSetError, Orbit

            try:
                self.orbit = Orbit.from_sets(project.element_sets)
            except ElementSetError as exc:
                self.error = str(exc)
        self._shadow: dict[int, np.ndarray] = {}
        self._passes: dict[int, list] = {}
        self._links: dict[int, list] = {}  # chunk -> [(network, relay or site name, intervals)]
        self.launches = LaunchMarks(self.orbit)  # launch opportunities of this orbit, by site, type and day

    @property
    def available(self) -> bool:
        """True when there is an orbit to draw from."""
        return self.orbit is not None

    def _chunks(self, t0: float, t1: float) -> range:
        if not (math.isfinite(t0) and math.isfinite(t1)):
            return range(0)
        return range(math.floor(t0 / CHUNK_S), math.floor(t1 / CHUNK_S) + 1)

    def shadow(self, t0: float, t1: float) -> np.ndarray:
        """(n, 2) epoch-second intervals of the station in the Earth's shadow overlapping ``[t0, t1]``."""
        if self.orbit is None:  # before the import: a plan without an orbit never pays for loading it
            return np.empty((0, 2))
        from planner.orbit.daylight import Daylight

        pieces = []
        for k in self._chunks(t0, t1):
            if k not in self._shadow:
                self._trim(self._shadow)
                self._shadow[k] = Daylight(self.orbit, k * CHUNK_S, (k + 1) * CHUNK_S, step_s=20.0).shadow
            pieces.append(self._shadow[k])
        return np.concatenate(pieces) if pieces else np.empty((0, 2))

    def passes(self, t0: float, t1: float) -> list[tuple[str, float, float, float]]:
        """(site name, rise, set, max elevation) of the passes over the project's sites overlapping ``[t0, t1]``."""
        if self.orbit is None or not self.sites:
            return []
        from planner.orbit.passes import find_passes

        out = []
        for k in self._chunks(t0, t1):
            if k not in self._passes:
                self._trim(self._passes)
                start, end = k * CHUNK_S, (k + 1) * CHUNK_S
                found = find_passes(self.orbit, self.sites, start, end)
                self._passes[k] = [(self.sites[p.site].name, p.rise if p.rise is not None else start,
                                    p.set if p.set is not None else end, p.max_elevation_deg) for p in found]
            out.extend(p for p in self._passes[k] if p[2] >= t0 and p[1] <= t1)
        return out

    def links(self, t0: float, t1: float) -> list[tuple[str, str, np.ndarray]]:
        """(network, relay or site name, intervals in view) of every relay and Russian ground site, over the
        chunks covering ``[t0, t1]`` (:mod:`planner.orbit.coverage`); empty where the orbit cannot be judged."""
        if self.orbit is None:
            return []
        from planner.orbit.coverage import sources_in_view
        from planner.orbit.errors import CannotJudge

        found: dict[tuple[str, str], list] = {}
        for k in self._chunks(t0, t1):
            if k not in self._links:
                self._trim(self._links)
                try:
                    self._links[k] = sources_in_view(self.orbit, "any", [[k * CHUNK_S, (k + 1) * CHUNK_S]], self.sites)
                except CannotJudge:
                    self._links[k] = []
            for network, name, spans in self._links[k]:
                found.setdefault((network, name), []).append(spans)
        from planner import intervals

        return [(network, name, intervals.union(*parts)) for (network, name), parts in found.items()]

    def coverage(self, network: str, t0: float, t1: float) -> np.ndarray:
        """The intervals in which the station sees a relay or site of ``network`` (``us``, ``ru``) near ``[t0, t1]``."""
        from planner import intervals

        return intervals.union(*(a for net, _name, a in self.links(t0, t1) if net == network), np.empty((0, 2)))

    @staticmethod
    def _trim(cache: dict) -> None:
        if len(cache) >= _MAX_CHUNKS:
            cache.pop(next(iter(cache)))
