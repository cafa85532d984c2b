"""What one paint of the map works from (:class:`MapFrame`), its colours, and the drawing helpers its layer
painters share."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QColor, QPainter, QPalette

from planner.gui.map.projection import MapProjection
from planner.gui.map.qt_geometry import polygon
from planner.gui.map.sprites import SpriteCache

SUNLIT = QColor(240, 160, 20)
SHADOW = QColor(70, 130, 230)
HIGHLIGHT = QColor(220, 40, 200, 120)
WINDOW = QColor(40, 200, 90, 150)
NO_US_LINK = QColor(225, 50, 40, 95)  # under the track where no TDRS relay sees the station (a wide stroke)
NO_RU_LINK = QColor(120, 40, 170, 130)  # where neither a Luch relay nor a Russian site does (narrower, over it)
STATION = QColor(220, 40, 40)
NIGHT = QColor(0, 0, 40, 80)  # over the night side of the Earth
CHUNK = 64  # points per antialiased polyline: Qt strokes many short wide lines far faster than one long one


@dataclass
class MapFrame:
    """One paint: what is shown (``shown``, a :class:`~planner.gui.map.renderer.MapRenderer`: time, span, layers,
    sites, place, windows, track cache) through a projection, in a palette's colours."""

    shown: object
    proj: MapProjection
    colours: dict[str, QColor]
    sprites: SpriteCache | None = None  # on screen: the track copied from kept pictures; else vectors
    ratio: float = 1.0  # the screen's pixels per widget pixel (what sprites are drawn at)
    position: tuple[float, float, float] = (math.nan, math.nan, math.nan)  # the station's lat, lon, alt now

    @property
    def has_track(self) -> bool:
        """True when there is an orbit to draw."""
        return self.shown.cache is not None

    @property
    def station_known(self) -> bool:
        """True when the station's position at the time is known."""
        return bool(np.isfinite(self.position[0]))


def _mix(a: QColor, b: QColor, f: float) -> QColor:
    return QColor(round(a.red() * (1 - f) + b.red() * f), round(a.green() * (1 - f) + b.green() * f),
                  round(a.blue() * (1 - f) + b.blue() * f))


def map_colours(palette: QPalette) -> dict[str, QColor]:
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


def draw_wrapped(p: QPainter, proj: MapProjection, lon: np.ndarray, lat: np.ndarray) -> None:
    """Draw a polygon of unwrapped longitudes and its copies one turn east and west."""
    ys = proj.y(lat)
    for shift in (-360.0, 0.0, 360.0):
        if lon.max() + shift < -180.0 or lon.min() + shift > 180.0:
            continue
        p.drawPolygon(polygon(proj.x(lon + shift), ys))
