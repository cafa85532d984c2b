"""Painting the map onto any QPainter (a widget, a PNG, an SVG): land, night, track, footprint, sites, legend.

The renderer holds what to show (time, span, layers, sites, place, windows) and the track cache, and paints it
as a list of layer painters (:mod:`planner.gui.map.layers`), each with ``paint(painter, frame)``. It computes
nothing heavy while painting: the track comes from :class:`TrackCache` blocks, and the still layers (land,
graticule, the place, the site circles) can come from a pixmap the canvas keeps until the view or the palette
changes. On screen the track, its highlights and arrows are copied from ten-minute sprites
(:mod:`planner.gui.map.sprites`); pictures and SVG files get vectors. :meth:`MapRenderer.prepare_ahead` computes
the blocks and sprites the next frames will want, in the idle time between frames.
"""

from __future__ import annotations

import time as wallclock
from dataclasses import dataclass, fields

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPalette

from planner.gui.map.frame import MapFrame, map_colours
from planner.gui.map.layers.graticule import Graticule
from planner.gui.map.layers.land import Land
from planner.gui.map.layers.legend import Legend
from planner.gui.map.layers.night import NightSide
from planner.gui.map.layers.places import PlaceOutline, SiteCircles, SiteMarks
from planner.gui.map.layers.station import Footprint, Message, StationMark
from planner.gui.map.layers.track import Track
from planner.gui.map.place_mask import over_place
from planner.gui.map.projection import MapProjection
from planner.gui.map.qt_geometry import polygon
from planner.gui.map.sprites import CHUNK_S, MISSING, SpriteCache
from planner.gui.map.track_cache import TrackCache
from planner.orbit import intervals
from planner.orbit.terminator import terminator_latitudes
from planner.orbit.track import GroundTrack

MAX_SPAN_S = 2 * 86400.0  # a selected stay of months shows its first two days: more track is a scribble
AHEAD_BLOCKS = 2  # blocks of track computed ahead of the time in the direction it moves (one behind)
AHEAD_SPRITES_S = 3600.0  # sprites drawn ahead of the shown track in the direction the time moves
MAX_PREDICTED_STEP_S = 86400.0  # a drag's step per frame; beyond it the time jumped


@dataclass
class Layers:
    """Which layers are drawn."""

    graticule: bool = True
    terminator: bool = True
    track: bool = True
    arrows: bool = True
    footprint: bool = True
    sites: bool = True
    overflights: bool = True
    windows: bool = True
    coverage: bool = True
    legend: bool = True

    @classmethod
    def names(cls) -> list[str]:
        """The layer names, in menu order."""
        return [f.name for f in fields(cls)]


@dataclass
class Piece:
    """A run of track drawn with one pen: no antimeridian jump, one light state."""

    t: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    sunlit: bool


def split_pieces(track: GroundTrack, sunlit: np.ndarray) -> list[Piece]:
    """The track cut at the antimeridian, at gaps (NaN) and where the light changes.

    Neighbouring pieces share their end point, so the drawn line has no gaps; a line between two samples
    has the light of the first. At the antimeridian the crossing point is worked out and ends one piece
    at +/-180 degrees and starts the next at the other edge (as GroundTrack.segments does), in one numpy
    pass rather than a Python loop per crossing.
    """
    t, lat, lon = track.t, track.lat_deg, track.lon_deg
    if len(t) < 2:
        return []
    lit = np.asarray(sunlit, dtype=bool)
    with np.errstate(invalid="ignore"):
        jumps = np.flatnonzero(np.abs(np.diff(lon)) > 180.0)
    cut = np.zeros(len(t) - 1 + 2 * len(jumps), bool)
    if len(jumps):
        i = jumps
        side = np.where(lon[i] > 0, 180.0, -180.0)
        f = (side - lon[i]) / (lon[i + 1] + 2 * side - lon[i])  # the next point unwrapped to this side
        tc, latc = t[i] + f * (t[i + 1] - t[i]), lat[i] + f * (lat[i + 1] - lat[i])
        # Two points at the crossing, one on each edge of the map; the line between them is not drawn.
        at = np.repeat(i + 1, 2)
        t = np.insert(t, at, np.repeat(tc, 2))
        lat = np.insert(lat, at, np.repeat(latc, 2))
        lon = np.insert(lon, at, np.column_stack((side, -side)).ravel())
        lit = np.insert(lit, at, np.repeat(lit[i], 2))
        cut[i + 1 + 2 * np.arange(len(i))] = True
    good = np.isfinite(lat) & np.isfinite(lon)
    drawable = good[:-1] & good[1:] & ~cut
    colour = lit[:-1]
    differs = colour[1:] != colour[:-1]
    first = np.ones(len(drawable), bool)  # a piece starts at line k ...
    first[1:] = ~drawable[:-1] | differs
    last = np.ones(len(drawable), bool)  # ... and ends after line k
    last[:-1] = ~drawable[1:] | differs
    starts, ends = np.flatnonzero(drawable & first), np.flatnonzero(drawable & last) + 2
    return [Piece(t[a:b], lat[a:b], lon[a:b], bool(lit[a])) for a, b in zip(starts.tolist(), ends.tolist())]


class MapRenderer:
    """What the map shows, and how it is painted."""

    def __init__(self):
        self.cache: TrackCache | None = None
        self.time = 0.0
        self.span: tuple[float, float] | None = None  # a chosen span (activity, stay, window); else orbits
        self.orbits = 3.0  # orbits before and after the time, when no span is chosen
        self.layers = Layers()
        self.sites: list = []
        self.footprint_elevation_deg = 10.0
        self.place = None  # a country name or a GroundSite whose overflights are highlighted
        self.place_radius_km = 0.0
        self.windows: list[tuple[float, float]] = []
        self.selected_window: int | None = None
        self.message = ""  # shown over the map when there is no track to draw
        # Level of detail: while the time is moving (scrubbing, playing) the track's wide lines are
        # drawn without antialiasing, which costs a third; the still frame after it is drawn smooth.
        self.moving = False
        self.zone = "UTC"
        self.period_s = 5560.0
        self.nominal_alt_km = 420.0  # the station's usual height, for the sites' circles
        self._frame = None  # (projection, t0, t1) of the track as last painted, for hover
        self._frame_data = None  # (frame, track, x, y, sunlit) worked out from it when first asked
        self._last_time = None
        self.direction = 0  # +1 / -1: the way the time moved at the last paint (what to prepare ahead)
        self.stride = 0.0  # how far the time moved at the last paint (seconds): where the next frame may be
        self.orbit_generation = 0  # counts the orbits drawn: sprites of another orbit are stale
        self.track = Track()
        #: the still layers, bottom to top: the canvas keeps them as a picture (the last two clipped to the world)
        self.background_painters = [Land(), Graticule()]
        self.world_background_painters = [PlaceOutline(), SiteCircles()]
        #: over the background, clipped to the world, bottom to top
        self.painters = [NightSide(), SiteMarks(), Footprint(), self.track, StationMark()]
        #: over everything, unclipped
        self.legend = Legend()
        self.top_painters = [self.legend, Message()]

    # ------------------------------------------------------------------ what is shown

    def set_orbit(self, orbit) -> None:
        """Draw this orbit's track (None: no track, the message says why)."""
        self.cache = TrackCache(orbit) if orbit is not None else None
        self.orbit_generation += 1
        if orbit is not None:
            mean_motion = orbit.satrecs[0].no_kozai  # radians per minute
            self.period_s = 2.0 * np.pi / mean_motion * 60.0
            # Semi-major axis from the mean motion (Kepler's third law) less the Earth's radius.
            mu = 398600.4418  # km^3/s^2
            n = mean_motion / 60.0
            self.nominal_alt_km = float((mu / n ** 2) ** (1.0 / 3.0) - 6378.137)

    def track_span(self) -> tuple[float, float]:
        """The times whose track is drawn: the chosen span (at most two days) or orbits around the time."""
        if self.span is not None:
            a, b = self.span
            return a, min(b, a + MAX_SPAN_S)
        reach = self.orbits * self.period_s
        return self.time - reach, self.time + reach

    def overflight_intervals(self, t0: float, t1: float) -> np.ndarray:
        """Intervals when the station flies over the chosen place, over the blocks covering ``t0..t1``.

        Sample by sample (each run of samples over the place reaches half a step beyond them): what the
        map highlights; :func:`planner.orbit.overflights` gives the crossings to a twentieth of a second.
        """
        if self.cache is None or self.place is None:
            return np.zeros((0, 2))
        found = [self._block_overflights(self.cache.block(key)) for key in self.cache.block_keys(t0, t1)]
        return intervals.normalise(np.concatenate(found)) if found else np.zeros((0, 2))

    def coverage_gaps(self, network: str, t0: float, t1: float) -> np.ndarray:
        """Intervals when the station has no line of sight to a relay or site of ``network`` (``us``, ``ru``), over
        the blocks covering ``t0..t1``: sample by sample (each run reaching half a step beyond its samples), what
        the map shades; :func:`planner.orbit.coverage.link_within` gives the edges to a fraction of a second."""
        if self.cache is None:
            return np.zeros((0, 2))
        found = [self._block_gaps(self.cache.block(key), network) for key in self.cache.block_keys(t0, t1)]
        return intervals.normalise(np.concatenate(found)) if found else np.zeros((0, 2))

    def sites_key(self) -> tuple:
        """What names the ground sites' places (the Russian ones count for a network's coverage)."""
        return tuple((s.id, s.lat_deg, s.lon_deg, s.alt_m, s.min_elevation_deg, s.extra.get("network"))
                     for s in self.sites)

    def _block_gaps(self, block, network: str) -> np.ndarray:
        key = ("gaps", network, self.sites_key() if network != "us" else ())
        kept = block.extra.get(key)
        if kept is None:
            from planner.orbit.coverage import covered_at
            from planner.orbit.geodesy import ecef_of

            tr = block.track
            pos = block.extra.get("ecef")
            if pos is None:  # the samples' Earth-fixed places, shared by the networks
                pos = block.extra["ecef"] = ecef_of(tr.lat_deg, tr.lon_deg, tr.alt_km)
            known = np.isfinite(pos).all(axis=0)  # where SGP4 cannot fly the set the track has no points either
            gap = known & ~covered_at(network, np.nan_to_num(pos), self.sites)
            kept = block.extra[key] = intervals.from_samples(tr.t, gap, self.cache.step_s)
        return kept

    def place_key(self) -> tuple:
        """What names the chosen place and its radius (in keys of kept pictures and intervals)."""
        return getattr(self.place, "id", self.place), self.place_radius_km

    def _block_overflights(self, block) -> np.ndarray:
        key = ("over", self.place_key())
        kept = block.extra.get(key)
        if kept is None:
            tr = block.track
            inside = over_place(self.place, self.place_radius_km, tr.lat_deg, tr.lon_deg)
            kept = block.extra[key] = intervals.from_samples(tr.t, inside, self.cache.step_s)
        return kept

    # ------------------------------------------------------------------ painting

    def paint_background(self, p: QPainter, proj: MapProjection, palette: QPalette) -> None:
        """The still part of the map: ocean, land and graticule, the chosen place and the site circles (what the
        canvas caches as a pixmap)."""
        frame = MapFrame(self, proj, map_colours(palette))
        for painter in self.background_painters:
            painter.paint(p, frame)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setClipRect(_world_clip(proj))
        for painter in self.world_background_painters:
            painter.paint(p, frame)
        p.restore()

    def background_key(self) -> tuple:
        """What the still background depends on besides the view and the palette."""
        sites = tuple((s.lat_deg, s.lon_deg, s.min_elevation_deg) for s in self.sites) if self.layers.sites else ()
        place = (getattr(self.place, "id", self.place), self.place_radius_km) if self.layers.overflights else None
        return self.layers.graticule, sites, place, self.nominal_alt_km

    def paint(self, p: QPainter, proj: MapProjection, palette: QPalette, background=None,
              sprites: SpriteCache | None = None) -> None:
        """Everything, onto ``p`` (``background``: a pixmap of :meth:`paint_background` for this view;
        ``sprites``: draw the track from kept pictures, as on screen, rather than as vectors)."""
        if background is not None:
            p.drawPixmap(0, 0, background)
        else:
            self.paint_background(p, proj, palette)
        frame = MapFrame(self, proj, map_colours(palette), sprites,
                         p.device().devicePixelRatioF() if sprites is not None else 1.0)
        if self.cache is not None:
            self._advance(frame)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.save()
        p.setClipRect(_world_clip(proj))
        for painter in self.painters:
            painter.paint(p, frame)
        p.restore()
        for painter in self.top_painters:
            painter.paint(p, frame)

    def _advance(self, frame: MapFrame) -> None:
        """Before a paint with a track: which way the time moved, the blocks the span needs, the station's place."""
        t = self.time
        if self._last_time is not None and t != self._last_time:
            self.direction = 1 if t > self._last_time else -1
            self.stride = abs(t - self._last_time)
        self._last_time = t
        self.cache.ensure(*self.track_span())  # the missing blocks in one pass, before anything asks for one
        frame.position = self.cache.position(t)
        self._frame = (frame.proj, *self.track_span())

    def prepare_ahead(self, proj: MapProjection, ratio: float, sprites: SpriteCache | None,
                      budget_s: float = 0.004) -> bool:
        """Compute the track blocks and sprites the next frames will want, for about ``budget_s``.

        Blocks first (the shown span, then where the next frame will be if the time keeps moving as it
        did, then the next blocks that way and one behind), then sprites: those of the shown track, then
        ahead of it. Returns True while there is more to do (call again in the next idle moment).
        """
        if self.cache is None:
            return False
        began = wallclock.perf_counter()
        cache, t0, t1 = self.cache, *self.track_span()
        # Where the next frame will be if the time keeps moving as it did; a longer step is a jump, not a
        # drag, and says nothing about the next one.
        step = self.direction * self.stride if self.stride <= MAX_PREDICTED_STEP_S else 0.0
        # The shown span and where the next frame will be: each in one pass (see TrackCache.ensure).
        cache.ensure(t0, t1)
        if self.span is None and step and wallclock.perf_counter() - began < budget_s:
            cache.ensure(t0 + step, t1 + step)
            # The tables of the days the next few frames reach (a new four-day span costs 3 ms at once).
            cache.warm(*sorted((t1 + step, t1 + 3 * step) if step > 0 else (t0 + 3 * step, t0 + step)))
        later = list(cache.block_keys(t1, t1 + cache.block_s * (AHEAD_BLOCKS if self.direction >= 0 else 1)))
        earlier = list(cache.block_keys(t0 - cache.block_s * (AHEAD_BLOCKS if self.direction < 0 else 1), t0))[::-1]
        order = list(cache.block_keys(t0, t1))
        order += list(cache.block_keys(t0 + step, t1 + step)) if self.span is None else []
        order += earlier + later if self.direction < 0 else later + earlier
        keys = [k for k in dict.fromkeys(order)
                if not cache.has_block(k) or cache.block(k).extra.get("pieces") is None
                or (self.place is not None and self.layers.overflights
                    and ("over", self.place_key()) not in cache.block(k).extra)]
        for n, key in enumerate(keys):
            if n and wallclock.perf_counter() - began > budget_s:
                return True
            block = cache.block(key)
            if block.extra.get("pieces") is None:
                block.extra["pieces"] = split_pieces(block.track, block.sunlit)
            if self.place is not None and self.layers.overflights:
                self._block_overflights(block)
        if sprites is None or self.span is not None:
            return False
        sprites.use_context(self.track.sprite_context(self, proj, ratio))
        ahead = (t1, t1 + AHEAD_SPRITES_S) if self.direction >= 0 else (t0 - AHEAD_SPRITES_S, t0)
        chunks = list(range(int(np.ceil(t0 / CHUNK_S)), int(np.floor(t1 / CHUNK_S))))
        ahead = range(int(np.ceil(ahead[0] / CHUNK_S)), int(np.floor(ahead[1] / CHUNK_S)))
        chunks += list(ahead) if self.direction >= 0 else list(ahead)[::-1]
        for k in chunks:
            if (k, False) in sprites:
                continue
            if wallclock.perf_counter() - began > budget_s:
                return True
            sprite = self.track.chunk_sprite(self, proj, ratio, k, False)
            if sprite is not MISSING:
                sprites.put((k, False), sprite)
        return False

    def visible_pieces(self, t0: float, t1: float) -> list[Piece]:
        """The drawable pieces of track in ``t0..t1``: each block is split once and kept, then sliced."""
        out = []
        for block in self.cache.blocks(t0, t1):
            pieces = block.extra.get("pieces")
            if pieces is None:
                pieces = block.extra["pieces"] = split_pieces(block.track, block.sunlit)
            for piece in pieces:
                if piece.t[-1] < t0 or piece.t[0] > t1:
                    continue
                if t0 <= piece.t[0] and piece.t[-1] <= t1:
                    out.append(piece)
                    continue
                i0, i1 = np.searchsorted(piece.t, t0, "left"), np.searchsorted(piece.t, t1, "right")
                if i1 - i0 >= 2:
                    out.append(Piece(piece.t[i0:i1], piece.lat[i0:i1], piece.lon[i0:i1], piece.sunlit))
        return out

    def window_spans(self) -> np.ndarray:
        """The filming windows shown, as sorted disjoint intervals (worked out once per list of windows)."""
        key = tuple(self.windows)
        if getattr(self, "_windows_key", None) != key:
            self._windows_key, self._windows_arr = key, intervals.make(self.windows)
        return self._windows_arr

    def night_lon_lat(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The night side at the current time as a (longitude, latitude) polygon, or None without an orbit."""
        if self.cache is None:
            return None
        sun_lat, sun_lon = self.cache.subsolar(self.time)
        lon = np.linspace(-180.0, 180.0, 181)
        lat = terminator_latitudes(sun_lat, sun_lon, lon)
        pole = -90.0 if sun_lat >= 0 else 90.0  # the pole turned away from the Sun is dark
        return np.concatenate((lon, [180.0, -180.0])), np.concatenate((lat, [pole, pole]))

    # ------------------------------------------------------------------ hover

    def _frame_samples(self):
        """(track, x, y, sunlit) of the track as last painted, worked out once per painted frame."""
        if self._frame is None or self.cache is None:
            return None
        if self._frame_data is None or self._frame_data[0] != self._frame:
            proj, t0, t1 = self._frame
            track, sunlit = self.cache.window(t0, t1)
            self._frame_data = (self._frame, track, np.asarray(proj.x(track.lon_deg)),
                                np.asarray(proj.y(track.lat_deg)), sunlit)
        return self._frame_data[1:]

    def nearest_sample(self, x: float, y: float, within_px: float = 10.0):
        """(time, lat, lon, sunlit) of the drawn track sample nearest a widget point, or None."""
        found = self._frame_samples()
        if found is None:
            return None
        track, xs, ys, sunlit = found
        if not len(xs):
            return None
        d = np.hypot(xs - x, ys - y)
        k = int(np.nanargmin(d)) if np.isfinite(d).any() else -1
        if k < 0 or d[k] > within_px:
            return None
        return float(track.t[k]), float(track.lat_deg[k]), float(track.lon_deg[k]), bool(sunlit[k])

    def drawn_track(self):
        """The track as last painted: (GroundTrack, widget x, widget y), or None before the first paint."""
        found = self._frame_samples()
        return None if found is None else found[:3]


def _world_clip(proj: MapProjection) -> QRectF:
    left, top, w, h = proj.world_rect()
    return QRectF(left, top, w, h).intersected(QRectF(0, 0, proj.width, proj.height))


def overlay_path(proj: MapProjection, lon: np.ndarray, lat: np.ndarray) -> QPainterPath:
    """A closed path in widget pixels of a (longitude, latitude) polygon (used to test what is shaded)."""
    path = QPainterPath()
    path.addPolygon(polygon(proj.x(lon), proj.y(lat)))
    path.closeSubpath()
    return path
