"""The ground track as the map draws it: computed in fixed blocks of time once, then sliced (no Qt).

Scrubbing the time slider moves a window of a few orbits over the track; recomputing SGP4, sunlight and
the Sun's position on every move would cost more than a frame, so they are computed per block of
``BLOCK_S`` seconds (aligned to the epoch, so the same block is reused whatever the window) and kept.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from planner.orbit import intervals
from planner.orbit.daylight import Daylight
from planner.orbit.orbit import Orbit
from planner.orbit.terminator import subsolar_point
from planner.orbit.track import GroundTrack, ground_track
from planner.orbit.timebase import time_grid

BLOCK_S = 6 * 3600.0
STEP_S = 10.0
_SUN_STEP_S = 900.0  # the subsolar point moves 0.25 degrees a minute, steadily: 15-minute knots are plenty
MAX_BLOCKS = 48  # twelve days of track


@dataclass
class Block:
    """One block of track: samples every ``STEP_S`` from ``start`` to ``start + BLOCK_S`` inclusive."""

    start: float
    track: GroundTrack
    sunlit: np.ndarray  # bool per sample
    sunlit_intervals: np.ndarray  # (n, 2) epoch seconds, exact transitions
    sun_t: np.ndarray
    sun_lat: np.ndarray
    sun_lon: np.ndarray  # unwrapped, for interpolation
    extra: dict = field(default_factory=dict)  # what views derive and keep with the block (drawn pieces)


class TrackCache:
    """Blocks of ground track of one orbit, computed on demand and kept (least recently used dropped)."""

    def __init__(self, orbit: Orbit, step_s: float = STEP_S, block_s: float = BLOCK_S, max_blocks: int = MAX_BLOCKS):
        self.orbit = orbit
        self.step_s, self.block_s, self.max_blocks = step_s, block_s, max_blocks
        self._blocks: OrderedDict[int, Block] = OrderedDict()

    def block_keys(self, t0: float, t1: float) -> range:
        """Keys of the blocks covering ``t0..t1``."""
        return range(int(np.floor(t0 / self.block_s)), int(np.floor(t1 / self.block_s)) + 1)

    def has_block(self, key: int) -> bool:
        """True when the block is already computed."""
        return key in self._blocks

    def block(self, key: int) -> Block:
        """The block starting at ``key * block_s`` (computed now if it is not kept)."""
        found = self._blocks.get(key)
        if found is not None:
            self._blocks.move_to_end(key)
            return found
        start = key * self.block_s
        end = start + self.block_s
        track = ground_track(self.orbit, time_grid(start, end, self.step_s))
        lit = Daylight(self.orbit, start, end, self.step_s).sunlit
        sunlit = _inside(track.t, lit)
        sun_t = time_grid(start - _SUN_STEP_S, end + _SUN_STEP_S, _SUN_STEP_S)
        sun_lat, sun_lon = subsolar_point(sun_t)
        made = Block(start, track, sunlit, lit, sun_t, sun_lat, np.degrees(np.unwrap(np.radians(sun_lon))))
        self._blocks[key] = made
        while len(self._blocks) > self.max_blocks:
            self._blocks.popitem(last=False)
        return made

    def blocks(self, t0: float, t1: float) -> list[Block]:
        """The blocks covering ``t0..t1``, in time order."""
        return [self.block(k) for k in self.block_keys(t0, t1)]

    def window(self, t0: float, t1: float) -> tuple[GroundTrack, np.ndarray]:
        """The samples in ``t0..t1`` (and whether each is sunlit), joined across blocks."""
        parts, lit = [], []
        for b in self.blocks(t0, t1):
            tr = b.track
            # Blocks share their boundary sample: take it from the earlier block only.
            i0 = np.searchsorted(tr.t, max(t0, b.start), "left")
            if parts and i0 == 0:
                i0 = 1
            i1 = np.searchsorted(tr.t, t1, "right")
            parts.append((tr.t[i0:i1], tr.lat_deg[i0:i1], tr.lon_deg[i0:i1], tr.alt_km[i0:i1]))
            lit.append(b.sunlit[i0:i1])
        if not parts:
            return GroundTrack(*(np.zeros(0) for _ in range(4))), np.zeros(0, bool)
        return GroundTrack(*(np.concatenate(x) for x in zip(*parts))), np.concatenate(lit)

    def position(self, t: float) -> tuple[float, float, float]:
        """Latitude, longitude (degrees) and height (km) of the station at ``t``, interpolated between samples."""
        b = self.block(int(np.floor(t / self.block_s)))
        tr = b.track
        i = int(np.clip(np.searchsorted(tr.t, t, "right") - 1, 0, len(tr.t) - 2))
        f = (t - tr.t[i]) / (tr.t[i + 1] - tr.t[i])
        lon0, lon1 = tr.lon_deg[i], tr.lon_deg[i + 1]
        if lon1 - lon0 > 180.0:
            lon1 -= 360.0
        elif lon0 - lon1 > 180.0:
            lon1 += 360.0
        lon = (lon0 + f * (lon1 - lon0) + 180.0) % 360.0 - 180.0
        return (float(tr.lat_deg[i] + f * (tr.lat_deg[i + 1] - tr.lat_deg[i])), float(lon),
                float(tr.alt_km[i] + f * (tr.alt_km[i + 1] - tr.alt_km[i])))

    def is_sunlit(self, t: float) -> bool:
        """Whether the station is sunlit at ``t`` (from the block's exact transitions)."""
        b = self.block(int(np.floor(t / self.block_s)))
        return bool(_inside(np.array([t]), b.sunlit_intervals)[0])

    def subsolar(self, t: float) -> tuple[float, float]:
        """Latitude and longitude (degrees) of the point under the Sun at ``t``."""
        b = self.block(int(np.floor(t / self.block_s)))
        lat = float(np.interp(t, b.sun_t, b.sun_lat))
        lon = float(np.interp(t, b.sun_t, b.sun_lon))
        return lat, (lon + 180.0) % 360.0 - 180.0


def _inside(t: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Whether each time lies in one of the (sorted, disjoint) intervals."""
    spans = np.asarray(spans, dtype=float).reshape(-1, 2)
    if not len(spans):
        return np.zeros(t.shape, bool)
    i = np.searchsorted(spans[:, 0], t, "right") - 1
    ok = i >= 0
    return ok & (t <= spans[np.maximum(i, 0), 1])
