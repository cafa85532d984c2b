"""Painting the map onto any QPainter (a widget, a PNG, an SVG): land, night, track, footprint, sites.

The renderer holds what to show (time, span, layers, sites, place, windows) and the track cache; it
computes nothing heavy while painting: the track comes from :class:`TrackCache` blocks, and the land and
graticule can come from a pixmap the canvas keeps until the view or the palette changes. On screen the
track, its highlights and arrows are copied from ten-minute sprites (:mod:`planner.gui.map.sprites`);
pictures and SVG files get vectors. :meth:`MapRenderer.prepare_ahead` computes the blocks and sprites the
next frames will want, in the idle time between frames.
"""

from __future__ import annotations

import time as wallclock
from dataclasses import dataclass, fields

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from planner.gui.map.place_mask import over_place
from planner.gui.map.projection import MapProjection
from planner.gui.map.qt_geometry import coastline_path, country_path, graticule_step, land_path, polygon
from planner.gui.map.sprites import CHUNK_S, MISSING, SpriteCache, draw_sprite, make_sprite
from planner.gui.map.track_cache import TrackCache
from planner.orbit import intervals
from planner.orbit.footprint import footprint_radius_deg, small_circle
from planner.orbit.terminator import terminator_latitudes
from planner.orbit.track import GroundTrack

MAX_SPAN_S = 2 * 86400.0  # a selected stay of months shows its first two days: more track is a scribble
ARROW_EVERY_S = CHUNK_S  # one arrow at the start of each sprite's ten minutes
AHEAD_BLOCKS = 2  # blocks of track computed ahead of the time in the direction it moves (one behind)
AHEAD_SPRITES_S = 3600.0  # sprites drawn ahead of the shown track in the direction the time moves
MAX_PREDICTED_STEP_S = 86400.0  # a drag's step per frame; beyond it the time jumped
SUNLIT = QColor(240, 160, 20)
SHADOW = QColor(70, 130, 230)
HIGHLIGHT = QColor(220, 40, 200, 120)
WINDOW = QColor(40, 200, 90, 150)
STATION = QColor(220, 40, 40)


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


OFF_VIEW = object()  # a chunk wholly outside the view: nothing to draw
PAD = 12.0  # pixels around the view within which a chunk counts as visible

CHUNK = 64  # points per antialiased polyline: Qt strokes many short wide lines far faster than one long one


def draw_polyline(p: QPainter, xs: np.ndarray, ys: np.ndarray, smooth: bool = True) -> None:
    """A polyline, antialiased in chunks of ``CHUNK`` points sharing their ends (no gaps, the same look).

    Without antialiasing one call is cheapest (the chunks would only add calls).
    """
    if not smooth:
        p.drawPolyline(polygon(xs, ys))
        return
    n = len(xs)
    for i in range(0, max(n - 1, 0), CHUNK):
        p.drawPolyline(polygon(xs[i:i + CHUNK + 1], ys[i:i + CHUNK + 1]))


def _mix(a: QColor, b: QColor, f: float) -> QColor:
    return QColor(round(a.red() * (1 - f) + b.red() * f), round(a.green() * (1 - f) + b.green() * f),
                  round(a.blue() * (1 - f) + b.blue() * f))


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

    # ------------------------------------------------------------------ what is shown

    def set_orbit(self, orbit) -> None:
        """Draw this orbit's track (None: no track, the message says why)."""
        self.cache = TrackCache(orbit) if orbit is not None else None
        self._orbit_generation = getattr(self, "_orbit_generation", 0) + 1  # sprites of another orbit are stale
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

    def _place_key(self):
        return getattr(self.place, "id", self.place), self.place_radius_km

    def _block_overflights(self, block) -> np.ndarray:
        key = ("over", self._place_key())
        kept = block.extra.get(key)
        if kept is None:
            tr = block.track
            inside = over_place(self.place, self.place_radius_km, tr.lat_deg, tr.lon_deg)
            kept = block.extra[key] = intervals.from_samples(tr.t, inside, self.cache.step_s)
        return kept

    # ------------------------------------------------------------------ colours

    @staticmethod
    def colours(palette: QPalette) -> dict[str, QColor]:
        """Map colours derived from the palette, so that light and dark themes both read well."""
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightness() < 128
        ocean = _mix(base, QColor(40, 90, 160), 0.25 if dark else 0.18)
        land = _mix(base, QColor(120, 150, 90), 0.45 if dark else 0.40)
        grid = QColor(text)
        grid.setAlpha(45)
        coast = _mix(land, text, 0.35)
        return {"ocean": ocean, "land": land, "grid": grid, "coast": coast, "text": text, "base": base,
                "window": palette.color(QPalette.ColorRole.Window)}

    # ------------------------------------------------------------------ painting

    def paint_background(self, p: QPainter, proj: MapProjection, palette: QPalette) -> None:
        """The still part of the map: ocean, land and graticule (what the canvas caches as a pixmap)."""
        c = self.colours(palette)
        p.fillRect(QRectF(0, 0, proj.width, proj.height), c["window"])
        left, top, w, h = proj.world_rect()
        p.fillRect(QRectF(left, top, w, h), c["ocean"])
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setTransform(proj.transform(), True)
        # Countries are filled with a hairline of their own colour (no seams between them, no borders),
        # then only the coastline is stroked.
        seam = QPen(c["land"], 1.0)
        seam.setCosmetic(True)
        p.setPen(seam)
        p.setBrush(c["land"])
        p.drawPath(land_path())
        coast = QPen(c["coast"], 0.8)
        coast.setCosmetic(True)
        p.setPen(coast)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(coastline_path())
        p.restore()
        if self.layers.graticule:
            self._paint_graticule(p, proj, c)
        # Site circles and the chosen place change only with the project: they are still too.
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setClipRect(QRectF(left, top, w, h).intersected(QRectF(0, 0, proj.width, proj.height)))
        if self.layers.overflights and self.place is not None:
            self._paint_place(p, proj)
        if self.layers.sites:
            self._paint_site_circles(p, proj)
        p.restore()

    def background_key(self) -> tuple:
        """What the still background depends on besides the view and the palette."""
        sites = tuple((s.lat_deg, s.lon_deg, s.min_elevation_deg) for s in self.sites) if self.layers.sites else ()
        place = (getattr(self.place, "id", self.place), self.place_radius_km) if self.layers.overflights else None
        return self.layers.graticule, sites, place, self.nominal_alt_km

    def _paint_graticule(self, p: QPainter, proj: MapProjection, c) -> None:
        step = graticule_step(100.0 / proj.scale)
        pen = QPen(c["grid"], 1.0)
        p.setPen(pen)
        left, top, w, h = proj.world_rect()
        lines = []
        for lon in np.arange(-180.0, 180.0 + 1e-9, step):
            x = float(proj.x(lon))
            lines.append((QPointF(x, top), QPointF(x, top + h)))
        for lat in np.arange(-90.0, 90.0 + 1e-9, step):
            y = float(proj.y(lat))
            lines.append((QPointF(left, y), QPointF(left + w, y)))
        for a, b in lines:
            p.drawLine(a, b)
        # Labels along the left and bottom edges of what is visible.
        label = QColor(c["text"])
        label.setAlpha(140)
        p.setPen(label)
        font = QFont(p.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        p.setFont(font)
        x_edge = max(left, 0.0) + 3
        y_edge = min(top + h, proj.height) - 4
        for lat in np.arange(-90.0 + step, 90.0, step):
            y = float(proj.y(lat))
            if 10 < y < proj.height - 10:
                p.drawText(QPointF(x_edge, y - 2), f"{abs(lat):g}°{'N' if lat > 0 else 'S' if lat < 0 else ''}")
        for lon in np.arange(-180.0 + step, 180.0, step):
            x = float(proj.x(lon))
            if 30 < x < proj.width - 30:
                p.drawText(QPointF(x + 2, y_edge), f"{abs(lon):g}°{'E' if lon > 0 else 'W' if lon < 0 else ''}")

    def paint(self, p: QPainter, proj: MapProjection, palette: QPalette, background=None,
              sprites: SpriteCache | None = None) -> None:
        """Everything, onto ``p`` (``background``: a pixmap of :meth:`paint_background` for this view;
        ``sprites``: draw the track from kept pictures, as on screen, rather than as vectors)."""
        if background is not None:
            p.drawPixmap(0, 0, background)
        else:
            self.paint_background(p, proj, palette)
        c = self.colours(palette)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        left, top, w, h = proj.world_rect()
        p.save()
        p.setClipRect(QRectF(left, top, w, h).intersected(QRectF(0, 0, proj.width, proj.height)))
        if self.cache is not None:
            self._paint_dynamic(p, proj, c, sprites, p.device().devicePixelRatioF() if sprites is not None else 1.0)
        elif self.layers.sites:
            self._paint_site_marks(p, proj, c)
        p.restore()
        if self.cache is None and self.message:
            self._paint_message(p, proj, c)

    def _paint_dynamic(self, p: QPainter, proj: MapProjection, c, sprites: SpriteCache | None, ratio: float) -> None:
        cache = self.cache
        t = self.time
        if self._last_time is not None and t != self._last_time:
            self.direction = 1 if t > self._last_time else -1
            self.stride = abs(t - self._last_time)
        self._last_time = t
        cache.ensure(*self.track_span())  # the missing blocks in one pass, before anything asks for one
        if self.layers.terminator:
            self._paint_night(p, proj)
        lat, lon, alt = cache.position(t)
        if self.layers.sites:
            if sprites is not None:
                self._paint_kept_site_marks(p, proj, c, ratio)
            else:
                self._paint_site_marks(p, proj, c)
        t0, t1 = self.track_span()
        self._frame = (proj, t0, t1)
        if self.layers.footprint and np.isfinite(lat):
            self._paint_footprint(p, proj, lat, lon, alt, c)
        if sprites is not None:
            sprites.use_context(self.sprite_context(proj, ratio))
        if self.layers.track and self.span is not None:
            # A chosen span (a window of minutes, an activity) is drawn over the orbits around it, faint.
            c0, c1 = self.time - self.orbits * self.period_s, self.time + self.orbits * self.period_s
            self._paint_range(p, proj, c0, c1, True, sprites, ratio)
        self._paint_range(p, proj, t0, t1, False, sprites, ratio)
        if np.isfinite(lat):
            self._paint_station(p, proj, lat, lon, c)

    # ------------------------------------------------------------------ the track, chunk by chunk

    def sprite_context(self, proj: MapProjection, ratio: float) -> tuple:
        """What the sprites' pictures depend on: scale, sub-pixel phase, screen ratio, drawn layers."""
        ox, oy = float(proj.x(0.0)), float(proj.y(0.0))
        lay = self.layers
        return (getattr(self, "_orbit_generation", 0), round(proj.scale, 9), round(ox % 1.0, 6), round(oy % 1.0, 6), ratio,
                lay.track, lay.arrows, lay.overflights and self.place is not None and self._place_key(),
                lay.windows and tuple(self.windows))

    def _paint_range(self, p: QPainter, proj: MapProjection, t0: float, t1: float, faint: bool,
                     sprites: SpriteCache | None, ratio: float) -> None:
        """Highlights, track and arrows over ``t0..t1``: whole chunks from sprites, the two ends as vectors."""
        if sprites is None:
            self._paint_content(p, proj, t0, t1, faint, smooth=True)
            return
        smooth = not self.moving or faint
        ox, oy = float(proj.x(0.0)), float(proj.y(0.0))
        # Consecutive chunks without a sprite are drawn as one vector range: per call, the Python
        # around the drawing costs as much as a chunk's strokes.
        pending = None  # (lo, hi) of vectors still to draw

        def flush():
            if pending is not None:
                self._paint_content(p, proj, pending[0], pending[1], faint, smooth)

        for k in range(int(np.floor(t0 / CHUNK_S)), int(np.ceil(t1 / CHUNK_S))):
            a, b = k * CHUNK_S, (k + 1) * CHUNK_S
            lo, hi = max(a, t0), min(b, t1)
            if hi <= lo:
                continue
            sprite = None
            if lo == a and hi == b:
                sprite = sprites.get((k, faint))
                if sprite is MISSING and not (self.moving and not faint):
                    sprite = self._chunk_sprite(proj, ratio, k, faint)
                    if sprite is not MISSING:
                        sprites.put((k, faint), sprite)
                    else:
                        sprite = OFF_VIEW
                # While the time moves, a chunk not drawn yet costs less as plain vectors now; its
                # sprite is made in the idle time (prepare_ahead) or for the still frame.
                sprite = None if sprite is MISSING else sprite
            if sprite is None:
                pending = (pending[0], hi) if pending is not None else (lo, hi)
                continue
            flush()
            pending = None
            if sprite is not OFF_VIEW:
                draw_sprite(p, sprite, ox, oy)
        flush()

    def _chunk_sprite(self, proj: MapProjection, ratio: float, k: int, faint: bool):
        """The sprite of chunk ``k`` (None: too big, drawn as vectors; MISSING: off the view, not drawn)."""
        a, b = k * CHUNK_S, (k + 1) * CHUNK_S
        pieces = self.visible_pieces(a, b)
        if not pieces:
            return MISSING
        xs = np.concatenate([proj.x(pc.lon) for pc in pieces])
        ys = np.concatenate([proj.y(pc.lat) for pc in pieces])
        x0, x1, y0, y1 = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
        if x1 < -PAD or x0 > proj.width + PAD or y1 < -PAD or y0 > proj.height + PAD:
            return MISSING
        return make_sprite(x0, y0, x1, y1, ratio, float(proj.x(0.0)), float(proj.y(0.0)),
                           lambda q: self._paint_content(q, proj, a, b, faint, True, pieces))

    def _paint_content(self, p: QPainter, proj: MapProjection, t0: float, t1: float, faint: bool, smooth: bool,
                       pieces: list | None = None) -> None:
        """Highlights, track and arrows over ``t0..t1`` as vectors (arrows at marks in ``t0 <= m < t1``)."""
        if pieces is None:
            pieces = self.visible_pieces(t0, t1)
        if faint:
            self._paint_track(p, proj, pieces, faint=True)
            return
        if self.layers.overflights and self.place is not None:
            self._paint_runs(p, proj, pieces, self.overflight_intervals(t0, t1), QPen(HIGHLIGHT, 7.0), smooth)
        if self.layers.windows and self.windows:
            self._paint_runs(p, proj, pieces, self._window_spans(), QPen(WINDOW, 7.0), smooth)
        if self.layers.track:
            self._paint_track(p, proj, pieces, smooth=smooth)
            if self.layers.arrows:
                self._paint_arrows(p, proj, t0, t1, smooth)

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
                    and ("over", self._place_key()) not in cache.block(k).extra)]
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
        sprites.use_context(self.sprite_context(proj, ratio))
        ahead = (t1, t1 + AHEAD_SPRITES_S) if self.direction >= 0 else (t0 - AHEAD_SPRITES_S, t0)
        chunks = list(range(int(np.ceil(t0 / CHUNK_S)), int(np.floor(t1 / CHUNK_S))))
        ahead = range(int(np.ceil(ahead[0] / CHUNK_S)), int(np.floor(ahead[1] / CHUNK_S)))
        chunks += list(ahead) if self.direction >= 0 else list(ahead)[::-1]
        for k in chunks:
            if (k, False) in sprites:
                continue
            if wallclock.perf_counter() - began > budget_s:
                return True
            sprite = self._chunk_sprite(proj, ratio, k, False)
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

    def _window_spans(self) -> np.ndarray:
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

    def _paint_night(self, p: QPainter, proj: MapProjection) -> None:
        lon, lat = self.night_lon_lat()
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, not self.moving)  # half the cost while it moves
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 40, 80))
        p.drawPolygon(polygon(proj.x(lon), proj.y(lat)))
        p.restore()

    def _wrapped(self, p: QPainter, proj: MapProjection, lon: np.ndarray, lat: np.ndarray) -> None:
        """Draw a polygon of unwrapped longitudes and its copies one turn east and west."""
        ys = proj.y(lat)
        for shift in (-360.0, 0.0, 360.0):
            if lon.max() + shift < -180.0 or lon.min() + shift > 180.0:
                continue
            p.drawPolygon(polygon(proj.x(lon + shift), ys))

    def _paint_site_circles(self, p: QPainter, proj: MapProjection) -> None:
        """Where each site sees the station above its minimum elevation (at the orbit's usual height)."""
        for site in self.sites:
            radius = footprint_radius_deg(self.nominal_alt_km, site.min_elevation_deg)
            lon, lat = small_circle(site.lat_deg, site.lon_deg, radius, 121)
            p.setPen(QPen(QColor(60, 170, 90), 1.2, Qt.PenStyle.DashLine))
            p.setBrush(QColor(60, 170, 90, 28))
            self._wrapped(p, proj, lon, lat)

    @staticmethod
    def _marks_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

    def _paint_kept_site_marks(self, p: QPainter, proj: MapProjection, c, ratio: float) -> None:
        """The site marks and labels copied from a picture kept until the view, palette or sites change."""
        base = QFont(p.font())
        font = self._marks_font(base)
        labels = [site.name or site.id for site in self.sites]
        key = (proj, ratio, c["text"].rgba(), font.key(), tuple((s.lat_deg, s.lon_deg) for s in self.sites), tuple(labels))
        if getattr(self, "_marks_key", None) != key:
            picture = None
            if self.sites:
                metrics = QFontMetricsF(font)
                wide, high = max(metrics.horizontalAdvance(label) for label in labels), metrics.height()
                xs = [float(proj.x(s.lon_deg)) for s in self.sites]
                ys = [float(proj.y(s.lat_deg)) for s in self.sites]
                # Wherever a label lands (beside, below or above its mark), it is inside this box.
                x0, x1 = max(min(xs) - wide - 10, 0.0), min(max(xs) + wide + 10, proj.width)
                y0, y1 = max(min(ys) - high - 10, 0.0), min(max(ys) + high + 10, proj.height)
                if x1 > x0 and y1 > y0 and (x1 - x0) * (y1 - y0) < 0.25 * proj.width * proj.height:
                    def draw(q):
                        q.setFont(base)
                        self._paint_site_marks(q, proj, c)
                    picture = make_sprite(x0, y0, x1, y1, ratio, 0.0, 0.0, draw)
            self._marks_key, self._marks = key, picture
        if self._marks is None:
            self._paint_site_marks(p, proj, c)  # spread over much of the view: drawing beats copying
        else:
            draw_sprite(p, self._marks, 0.0, 0.0)

    def _paint_site_marks(self, p: QPainter, proj: MapProjection, c) -> None:
        text = c["text"]
        p.setFont(self._marks_font(p.font()))
        metrics = p.fontMetrics()
        taken: list[QRectF] = []
        # Labels keep off every mark, not only off each other (Houston's would cover Kennedy's).
        marks = [QRectF(float(proj.x(s.lon_deg)) - 5.5, float(proj.y(s.lat_deg)) - 6, 11, 11) for s in self.sites]
        for n, site in enumerate(self.sites):
            x, y = float(proj.x(site.lon_deg)), float(proj.y(site.lat_deg))
            tri = QPolygonF([QPointF(x, y - 5), QPointF(x - 4.5, y + 3.5), QPointF(x + 4.5, y + 3.5)])
            p.setPen(QPen(text, 1.0))
            p.setBrush(QColor(60, 170, 90))
            p.drawPolygon(tri)
            label = site.name or site.id
            w, h = metrics.horizontalAdvance(label), metrics.height()
            # Right of the mark, else below, left or above it: the first place no other label holds.
            spots = [QRectF(x + 6, y - h / 2, w, h), QRectF(x - w / 2, y + 5, w, h),
                     QRectF(x - 6 - w, y - h / 2, w, h), QRectF(x - w / 2, y - 6 - h, w, h)]
            others = taken + marks[:n] + marks[n + 1:]
            rect = next((r for r in spots if not any(r.intersects(o) for o in others)),
                        next((r for r in spots if not any(r.intersects(o) for o in taken)), spots[0]))
            taken.append(rect)
            p.setPen(text)
            p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)

    def _paint_place(self, p: QPainter, proj: MapProjection) -> None:
        pen = QPen(HIGHLIGHT, 1.5)
        pen.setCosmetic(True)
        if isinstance(self.place, str):
            path = country_path(self.place)
            if path is None:
                return
            p.save()
            p.setTransform(proj.transform(), True)
            p.setPen(pen)
            p.setBrush(QColor(HIGHLIGHT.red(), HIGHLIGHT.green(), HIGHLIGHT.blue(), 50))
            p.drawPath(path)
            p.restore()
        elif self.place_radius_km > 0:
            from planner.orbit.geodesy import MEAN_EARTH_RADIUS_KM

            radius = np.degrees(self.place_radius_km / MEAN_EARTH_RADIUS_KM)
            lon, lat = small_circle(self.place.lat_deg, self.place.lon_deg, radius, 91)
            p.setPen(pen)
            p.setBrush(QColor(HIGHLIGHT.red(), HIGHLIGHT.green(), HIGHLIGHT.blue(), 50))
            self._wrapped(p, proj, lon, lat)

    def _paint_runs(self, p: QPainter, proj: MapProjection, pieces: list[Piece], spans: np.ndarray, pen: QPen,
                    smooth: bool = True) -> None:
        """Thick translucent strokes under the track where its time falls in ``spans``."""
        if not len(spans):
            return
        from planner.gui.map.track_cache import _inside

        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # The first span ending after each piece starts: a piece it does not reach has nothing to stroke.
        first = np.searchsorted(spans[:, 1], [piece.t[0] for piece in pieces]) if pieces else []
        for piece, i in zip(pieces, first):
            if i >= len(spans) or spans[i, 0] > piece.t[-1]:
                continue
            inside = _inside(piece.t, spans)
            if not inside.any():
                continue
            edges = np.flatnonzero(np.diff(np.concatenate(([0], inside.astype(np.int8), [0]))))
            for a, b in zip(edges[0::2], edges[1::2]):
                if b - a >= 2:
                    draw_polyline(p, proj.x(piece.lon[a:b]), proj.y(piece.lat[a:b]), smooth)
        p.restore()

    def _paint_footprint(self, p: QPainter, proj: MapProjection, lat, lon, alt, c) -> None:
        radius = footprint_radius_deg(alt, self.footprint_elevation_deg)
        clon, clat = small_circle(lat, lon, radius, 121)
        edge = QColor(STATION)
        edge.setAlpha(200)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, not self.moving)  # smooth again once it stops
        p.setPen(QPen(edge, 1.3))
        p.setBrush(QColor(STATION.red(), STATION.green(), STATION.blue(), 30))
        self._wrapped(p, proj, clon, clat)
        p.restore()

    def _paint_track(self, p: QPainter, proj: MapProjection, pieces: list[Piece], faint: bool = False,
                     smooth: bool = True) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, smooth or faint)
        p.setBrush(Qt.BrushStyle.NoBrush)
        width = 1.0 if faint else 2.2
        colours = {True: QColor(SUNLIT), False: QColor(SHADOW)}
        if faint:
            for colour in colours.values():
                colour.setAlpha(110)
        pens = {light: QPen(colour, width) for light, colour in colours.items()}
        for pen in pens.values():
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        for piece in pieces:
            p.setPen(pens[piece.sunlit])
            draw_polyline(p, proj.x(piece.lon), proj.y(piece.lat), smooth or faint)
        p.restore()

    def _paint_arrows(self, p: QPainter, proj: MapProjection, t0: float, t1: float, smooth: bool = True) -> None:
        """Direction arrows at the marks every ``ARROW_EVERY_S`` in ``t0 <= m < t1``."""
        marks = np.arange(np.ceil(t0 / ARROW_EVERY_S), np.ceil(t1 / ARROW_EVERY_S)) * ARROW_EVERY_S
        if not len(marks):
            return
        # One sample either side of the marks: the arrow points along the track through the mark.
        step = self.cache.step_s
        track, sunlit = self.cache.window(marks[0] - step, marks[-1] + step)
        t = track.t
        if len(t) < 3:
            return
        i = np.clip(np.searchsorted(t, marks), 1, len(t) - 2)
        x = np.asarray(proj.x(track.lon_deg))
        y = np.asarray(proj.y(track.lat_deg))
        dx, dy = x[i + 1] - x[i - 1], y[i + 1] - y[i - 1]
        length = np.hypot(dx, dy)
        ok = (length > 0) & (length < 0.25 * 360.0 * proj.scale)  # not across the antimeridian
        # Every head of one colour goes into one path: one fill per colour instead of one per arrow.
        k = np.flatnonzero(ok)
        ux, uy = dx[k] / length[k], dy[k] / length[k]
        cx, cy = x[i[k]], y[i[k]]
        size = 5.0
        tip_x, tip_y = cx + ux * size, cy + uy * size
        left_x, left_y = cx - ux * size - uy * size * 0.8, cy - uy * size + ux * size * 0.8
        right_x, right_y = cx - ux * size + uy * size * 0.8, cy - uy * size - ux * size * 0.8
        lit = sunlit[i[k]]
        p.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        for light, colour in ((True, SUNLIT), (False, SHADOW)):
            path = QPainterPath()
            for j in np.flatnonzero(lit == light):
                path.addPolygon(QPolygonF([QPointF(tip_x[j], tip_y[j]), QPointF(left_x[j], left_y[j]),
                                           QPointF(right_x[j], right_y[j])]))
                path.closeSubpath()
            p.setPen(QPen(colour.darker(140), 1.0))
            p.setBrush(colour)
            p.drawPath(path)

    def _paint_station(self, p: QPainter, proj: MapProjection, lat, lon, c) -> None:
        x, y = float(proj.x(lon)), float(proj.y(lat))
        p.setPen(QPen(c["base"], 2.0))
        p.setBrush(STATION)
        p.drawEllipse(QPointF(x, y), 6.0, 6.0)
        p.setBrush(c["base"])
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QPointF(x, y), 2.0, 2.0)
        font = QFont(p.font())
        font.setBold(True)
        p.setFont(font)
        p.setPen(c["text"])
        p.drawText(QPointF(x + 9, y - 7), "ISS")

    def _paint_message(self, p: QPainter, proj: MapProjection, c) -> None:
        font = QFont(p.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        p.setFont(font)
        box = QRectF(proj.width * 0.15, proj.height * 0.35, proj.width * 0.7, proj.height * 0.3)
        back = QColor(c["base"])
        back.setAlpha(225)
        p.setPen(QPen(c["text"], 1.0))
        p.setBrush(back)
        p.drawRoundedRect(box, 8, 8)
        p.drawText(box.adjusted(16, 12, -16, -12), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                   self.message)

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


def overlay_path(proj: MapProjection, lon: np.ndarray, lat: np.ndarray) -> QPainterPath:
    """A closed path in widget pixels of a (longitude, latitude) polygon (used to test what is shaded)."""
    path = QPainterPath()
    path.addPolygon(polygon(proj.x(lon), proj.y(lat)))
    path.closeSubpath()
    return path
