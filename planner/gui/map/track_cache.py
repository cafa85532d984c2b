"""The ground track as the map draws it: computed in fixed blocks of time once, then sliced (no Qt).

Scrubbing the time slider moves a window of a few orbits over the track; recomputing SGP4, sunlight and
the Sun's position on every move would cost more than a frame, so they are computed per block of
``BLOCK_S`` seconds (aligned to the epoch, so the same block is reused whatever the window) and kept.

A block is computed in one vectorised pass: SGP4 once a minute, interpolated to the block's times,
turned Earth-fixed for the track and tested against the Sun for the light (the light changes where the shadow margin, sampled every
10 s, changes sign: a linear fit between the samples is good to a few hundredths of a second). The Sun
itself comes from hourly knots kept for several days at a time, because turning it into the TEME frame
(nutation) costs more than a whole block of track.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from planner.orbit import intervals
from planner.orbit.daylight import shadow_geometry, sun_teme
from planner.orbit.geodesy import geodetic
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import HermiteOrbit
from planner.orbit.track import GroundTrack
from planner.orbit.timebase import gmst82, time_grid, ut1_minus_utc

BLOCK_S = 3 * 3600.0
STEP_S = 10.0
_SUN_STEP_S = 900.0  # the subsolar point moves 0.25 degrees a minute, steadily: 15-minute knots are plenty
_SUN_KNOT_S = 3600.0  # as the orbit engine interpolates the Sun (planner.orbit.daylight)
_SUN_SPAN_KNOTS = 96  # hourly Sun knots kept four days at a time
MAX_BLOCKS = 96  # twelve days of track


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
        self._sun_spans: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._dut1_spans: OrderedDict[int, tuple[float, np.ndarray]] = OrderedDict()
        self.blocks_computed = 0  # how many blocks were ever computed (a frame that needs none adds none)

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
        self._keep(self._compute(key, 1))
        return self._blocks[key]

    def ensure(self, t0: float, t1: float) -> int:
        """Compute the missing blocks covering ``t0..t1``, each run of consecutive ones in one pass.

        One pass over twelve hours costs little more than half of four passes over three (the fixed
        costs of a pass are most of a small block's). Returns how many blocks were made.
        """
        keys = self.missing(t0, t1)
        per_span = int(round(_SUN_SPAN_KNOTS * _SUN_KNOT_S / self.block_s))
        run: list[int] = []
        for k in keys + [None]:
            # A run stays inside one span of Sun knots and UT1 table.
            if run and (k is None or k != run[-1] + 1 or k // per_span != run[0] // per_span):
                self._keep(self._compute(run[0], len(run)))
                run = []
            if k is not None:
                run.append(k)
        return len(keys)

    def warm(self, t0: float, t1: float) -> None:
        """Make the Sun's knots and the UT1 table for ``t0..t1`` now (a few ms per four days), so the
        first block there does not pay for them."""
        self._sun_knots(t0, t1)
        span_s = _SUN_SPAN_KNOTS * _SUN_KNOT_S
        for j in range(int(np.floor(t0 / span_s)), int(np.floor(t1 / span_s)) + 1):
            self._dut1(np.array([max(t0, j * span_s)]))

    def _keep(self, made: list[Block]) -> None:
        self.blocks_computed += len(made)
        for block in made:
            self._blocks[int(round(block.start / self.block_s))] = block
        while len(self._blocks) > self.max_blocks:
            self._blocks.popitem(last=False)

    def missing(self, t0: float, t1: float) -> list[int]:
        """Keys of the blocks covering ``t0..t1`` that are not computed yet."""
        return [k for k in self.block_keys(t0, t1) if k not in self._blocks]

    def _compute(self, key: int, count: int) -> list[Block]:
        """Blocks ``key .. key + count - 1``, computed in one vectorised pass over their times."""
        start = key * self.block_s
        end = start + count * self.block_s
        t = time_grid(start, end, self.step_s)
        # SGP4 every minute, cubic Hermite between (well under a metre, see planner.orbit.sampling): SGP4
        # at every 10-second sample was most of a block's cost.
        r = HermiteOrbit(self.orbit, start, end, frame="teme").at(t)
        sun_t = time_grid(start - _SUN_STEP_S, end + _SUN_STEP_S, _SUN_STEP_S)
        # TEME to Earth-fixed by the sidereal angle, as Orbit.ecef does (one pass serves track and light).
        theta = gmst82(t, self._dut1(t))
        c, s = np.cos(theta), np.sin(theta)
        lat, lon, alt = geodetic(np.stack((c * r[0] + s * r[1], c * r[1] - s * r[0], r[2])))
        knots, sun = self._sun_knots(start - _SUN_STEP_S, end + _SUN_STEP_S)
        sun_at = np.stack([np.interp(t, knots, sun[i]) for i in range(3)])
        separation, earth, _sun_radius = shadow_geometry(r, sun_at)
        margin = separation - earth  # > 0: the Sun's centre above the Earth's limb (skyfield's is_sunlit)
        sunlit = margin > 0
        flips = np.flatnonzero(sunlit[1:] != sunlit[:-1])
        crossings = t[flips] + (t[flips + 1] - t[flips]) * margin[flips] / (margin[flips] - margin[flips + 1])
        sun_xyz = np.stack([np.interp(sun_t, knots, sun[i]) for i in range(3)])
        theta = gmst82(sun_t, self._dut1(sun_t))
        c, s = np.cos(theta), np.sin(theta)
        x, y = c * sun_xyz[0] + s * sun_xyz[1], c * sun_xyz[1] - s * sun_xyz[0]
        sun_lat = np.degrees(np.arctan2(sun_xyz[2], np.hypot(x, y)))
        sun_lon = np.degrees(np.unwrap(np.arctan2(y, x)))
        # Cut into blocks: each holds its samples from start to end inclusive (neighbours share one).
        per, sun_per = int(round(self.block_s / self.step_s)), int(round(self.block_s / _SUN_STEP_S))
        out = []
        for i in range(count):
            b0, b1 = start + i * self.block_s, start + (i + 1) * self.block_s
            cut, sun_cut = slice(i * per, (i + 1) * per + 1), slice(i * sun_per, (i + 1) * sun_per + 3)
            inside = crossings[(crossings > b0) & (crossings < b1)]
            out.append(Block(b0, GroundTrack(t[cut], lat[cut], lon[cut], alt[cut]), sunlit[cut],
                             intervals.from_crossings(b0, b1, bool(sunlit[cut][0]), inside),
                             sun_t[sun_cut], sun_lat[sun_cut], sun_lon[sun_cut]))
        return out

    def _dut1(self, t: np.ndarray) -> np.ndarray:
        """UT1 - UTC at times on the step grid, from a table of the whole Sun span (one skyfield look-up)."""
        span_s = _SUN_SPAN_KNOTS * _SUN_KNOT_S
        j = int(np.floor(t[0] / span_s))
        kept = self._dut1_spans.get(j)
        if kept is None:
            # The span and an hour either side, every step: exactly what ut1_minus_utc gives each time
            # (its knots do not depend on the times asked), leap seconds included.
            grid = time_grid(j * span_s - 3600.0, (j + 1) * span_s + 3600.0, self.step_s)
            kept = self._dut1_spans[j] = (grid[0], ut1_minus_utc(grid))
            while len(self._dut1_spans) > 4:
                self._dut1_spans.popitem(last=False)
        first, table = kept
        i = np.rint((t - first) / self.step_s).astype(int)
        # The times are a uniform grid (a block's samples, the Sun's knots): its two ends tell whether it
        # lies on the table's grid.
        if (i[0] < 0 or i[-1] >= len(table) or abs(first + i[0] * self.step_s - t[0]) > 1e-6
                or abs(first + i[-1] * self.step_s - t[-1]) > 1e-6):
            return ut1_minus_utc(t)  # off the grid (a block not aligned with the span): ask directly
        return table[i]

    def _sun_knots(self, t0: float, t1: float) -> tuple[np.ndarray, np.ndarray]:
        """Hourly knots of the Sun in TEME (times, (3, n) km) covering ``t0..t1``, from spans kept for days."""
        span_s = _SUN_SPAN_KNOTS * _SUN_KNOT_S
        times, suns = [], []
        for j in range(int(np.floor(t0 / span_s)), int(np.floor(t1 / span_s)) + 1):
            kept = self._sun_spans.get(j)
            if kept is None:
                knots = (j * _SUN_SPAN_KNOTS + np.arange(_SUN_SPAN_KNOTS + 1)) * _SUN_KNOT_S
                kept = self._sun_spans[j] = (knots, sun_teme(knots))
                while len(self._sun_spans) > 8:
                    self._sun_spans.popitem(last=False)
            times.append(kept[0] if not times else kept[0][1:])  # neighbouring spans share a knot
            suns.append(kept[1] if not suns else kept[1][:, 1:])
        return np.concatenate(times), np.concatenate(suns, axis=1)

    def blocks(self, t0: float, t1: float) -> list[Block]:
        """The blocks covering ``t0..t1``, in time order."""
        self.ensure(t0, t1)
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
