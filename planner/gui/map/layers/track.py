"""The ground track: the overflight and filming-window highlights under it, the line in sunlit and shadow colours,
and direction arrows; a chosen span is drawn over the orbits around it, faint.

On screen each whole ten-minute chunk is copied from a sprite (:mod:`planner.gui.map.sprites`) and only the two
ends are stroked; pictures and SVG files get vectors.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from planner.gui.map.frame import HIGHLIGHT, NO_RU_LINK, NO_US_LINK, SHADOW, SUNLIT, WINDOW, MapFrame, draw_polyline
from planner.gui.map.projection import MapProjection
from planner.gui.map.sprites import CHUNK_S, MISSING, SpriteCache, draw_sprite, make_sprite
from planner.gui.map.track_cache import _inside

ARROW_EVERY_S = CHUNK_S  # one arrow at the start of each sprite's ten minutes
TRACK_WIDTH = 2.2  # the track's line (faint: 1 px)
RUN_WIDTH = 7.0  # the overflight and filming-window strokes under it
#: Out of each network's coverage: a wide stroke for the US network, a narrower one over it for the Russian
GAP_WIDTHS = {"us": 13.0, "ru": 7.0}
GAP_COLOURS = {"us": NO_US_LINK, "ru": NO_RU_LINK}
OFF_VIEW = object()  # a chunk wholly outside the view: nothing to draw
PAD = 12.0  # pixels around the view within which a chunk counts as visible


class Track:
    """The track over the shown span (and, faint, the orbits around a chosen span)."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the track's layers over the span shown."""
        shown = f.shown
        if not f.has_track:
            return
        if f.sprites is not None:
            f.sprites.use_context(self.sprite_context(shown, f.proj, f.ratio))
        if shown.layers.track and shown.span is not None:
            # A chosen span (a window of minutes, an activity) is drawn over the orbits around it, faint.
            reach = shown.orbits * shown.period_s
            self._paint_range(p, shown, f.proj, shown.time - reach, shown.time + reach, True, f.sprites, f.ratio)
        self._paint_range(p, shown, f.proj, *shown.track_span(), False, f.sprites, f.ratio)

    @staticmethod
    def sprite_context(shown, proj: MapProjection, ratio: float) -> tuple:
        """What the sprites' pictures depend on: orbit, scale, sub-pixel phase, screen ratio, drawn layers."""
        ox, oy = float(proj.x(0.0)), float(proj.y(0.0))
        lay = shown.layers
        return (shown.orbit_generation, round(proj.scale, 9), round(ox % 1.0, 6), round(oy % 1.0, 6), ratio,
                lay.track, lay.arrows, lay.overflights and shown.place is not None and shown.place_key(),
                lay.windows and tuple(shown.windows), lay.coverage and shown.sites_key())

    def _paint_range(self, p: QPainter, shown, proj: MapProjection, t0: float, t1: float, faint: bool,
                     sprites: SpriteCache | None, ratio: float) -> None:
        """Highlights, track and arrows over ``t0..t1``: whole chunks from sprites, the two ends as vectors."""
        if sprites is None:
            self._paint_content(p, shown, proj, t0, t1, faint, smooth=True)
            return
        smooth = not shown.moving or faint
        ox, oy = float(proj.x(0.0)), float(proj.y(0.0))
        # Consecutive chunks without a sprite are drawn as one vector range: per call, the Python
        # around the drawing costs as much as a chunk's strokes.
        pending = None  # (lo, hi) of vectors still to draw

        def flush():
            if pending is not None:
                self._paint_content(p, shown, proj, pending[0], pending[1], faint, smooth)

        for k in range(int(np.floor(t0 / CHUNK_S)), int(np.ceil(t1 / CHUNK_S))):
            a, b = k * CHUNK_S, (k + 1) * CHUNK_S
            lo, hi = max(a, t0), min(b, t1)
            if hi <= lo:
                continue
            sprite = None
            if lo == a and hi == b:
                sprite = sprites.get((k, faint))
                if sprite is MISSING and not (shown.moving and not faint):
                    sprite = self.chunk_sprite(shown, proj, ratio, k, faint)
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

    def chunk_sprite(self, shown, proj: MapProjection, ratio: float, k: int, faint: bool):
        """The sprite of chunk ``k`` (None: too big, drawn as vectors; MISSING: off the view, not drawn)."""
        a, b = k * CHUNK_S, (k + 1) * CHUNK_S
        pieces = shown.visible_pieces(a, b)
        if not pieces:
            return MISSING
        xs = np.concatenate([proj.x(pc.lon) for pc in pieces])
        ys = np.concatenate([proj.y(pc.lat) for pc in pieces])
        x0, x1, y0, y1 = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
        if x1 < -PAD or x0 > proj.width + PAD or y1 < -PAD or y0 > proj.height + PAD:
            return MISSING
        return make_sprite(x0, y0, x1, y1, ratio, float(proj.x(0.0)), float(proj.y(0.0)),
                           lambda q: self._paint_content(q, shown, proj, a, b, faint, True, pieces))

    def _paint_content(self, p: QPainter, shown, proj: MapProjection, t0: float, t1: float, faint: bool,
                       smooth: bool, pieces: list | None = None) -> None:
        """Highlights, track and arrows over ``t0..t1`` as vectors (arrows at marks in ``t0 <= m < t1``)."""
        if pieces is None:
            pieces = shown.visible_pieces(t0, t1)
        if faint:
            _paint_line(p, proj, pieces, faint=True)
            return
        if shown.layers.coverage:
            for network in ("us", "ru"):
                _paint_runs(p, proj, pieces, shown.coverage_gaps(network, t0, t1), gap_pen(network), smooth)
        if shown.layers.overflights and shown.place is not None:
            _paint_runs(p, proj, pieces, shown.overflight_intervals(t0, t1), QPen(HIGHLIGHT, RUN_WIDTH), smooth)
        if shown.layers.windows and shown.windows:
            _paint_runs(p, proj, pieces, shown.window_spans(), QPen(WINDOW, RUN_WIDTH), smooth)
        if shown.layers.track:
            _paint_line(p, proj, pieces, smooth=smooth)
            if shown.layers.arrows:
                _paint_arrows(p, shown, proj, t0, t1, smooth)


def _paint_runs(p: QPainter, proj: MapProjection, pieces: list, spans: np.ndarray, pen: QPen, smooth: bool = True) -> None:
    """Thick translucent strokes under the track where its time falls in ``spans``."""
    if not len(spans):
        return
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


def gap_pen(network: str) -> QPen:
    """The stroke under the track where the station is out of ``network``'s coverage; the legend's too."""
    pen = QPen(GAP_COLOURS[network], GAP_WIDTHS[network])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def track_pen(sunlit: bool, faint: bool = False) -> QPen:
    """The pen of the track in daylight or in shadow (faint: the orbits around a chosen span); the legend's too."""
    colour = QColor(SUNLIT if sunlit else SHADOW)
    if faint:
        colour.setAlpha(110)
    pen = QPen(colour, 1.0 if faint else TRACK_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _paint_line(p: QPainter, proj: MapProjection, pieces: list, faint: bool = False, smooth: bool = True) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, smooth or faint)
    p.setBrush(Qt.BrushStyle.NoBrush)
    pens = {light: track_pen(light, faint) for light in (True, False)}
    for piece in pieces:
        p.setPen(pens[piece.sunlit])
        draw_polyline(p, proj.x(piece.lon), proj.y(piece.lat), smooth or faint)
    p.restore()


def _paint_arrows(p: QPainter, shown, proj: MapProjection, t0: float, t1: float, smooth: bool = True) -> None:
    """Direction arrows at the marks every ``ARROW_EVERY_S`` in ``t0 <= m < t1``."""
    marks = np.arange(np.ceil(t0 / ARROW_EVERY_S), np.ceil(t1 / ARROW_EVERY_S)) * ARROW_EVERY_S
    if not len(marks):
        return
    # One sample either side of the marks: the arrow points along the track through the mark.
    step = shown.cache.step_s
    track, sunlit = shown.cache.window(marks[0] - step, marks[-1] + step)
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
