"""The equirectangular projection of the map: longitude/latitude to widget pixels and back, with zoom and pan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QTransform

MAX_ZOOM = 40.0


@dataclass(frozen=True)
class MapProjection:
    """Plate carrée: ``x = cx + (lon - centre_lon) * scale``, ``y = cy - (lat - centre_lat) * scale``.

    At zoom 1 the whole world fits the widget; the centre is kept so that the map never leaves the view.
    """

    width: float
    height: float
    zoom: float = 1.0
    centre_lon: float = 0.0
    centre_lat: float = 0.0

    @property
    def scale(self) -> float:
        """Pixels per degree."""
        return min(self.width / 360.0, self.height / 180.0) * self.zoom

    def clamped(self) -> "MapProjection":
        """The same view with zoom in 1..MAX_ZOOM and the centre moved so the world fills what it can."""
        zoom = float(np.clip(self.zoom, 1.0, MAX_ZOOM))
        s = min(self.width / 360.0, self.height / 180.0) * zoom
        half_w, half_h = self.width / 2.0 / s, self.height / 2.0 / s
        lon = 0.0 if half_w >= 180.0 else float(np.clip(self.centre_lon, -180.0 + half_w, 180.0 - half_w))
        lat = 0.0 if half_h >= 90.0 else float(np.clip(self.centre_lat, -90.0 + half_h, 90.0 - half_h))
        return MapProjection(self.width, self.height, zoom, lon, lat)

    def x(self, lon_deg):
        """Widget x of longitudes."""
        return self.width / 2.0 + (np.asarray(lon_deg) - self.centre_lon) * self.scale

    def y(self, lat_deg):
        """Widget y of latitudes."""
        return self.height / 2.0 - (np.asarray(lat_deg) - self.centre_lat) * self.scale

    def lon_lat(self, x: float, y: float) -> tuple[float, float]:
        """Longitude and latitude under a widget point."""
        s = self.scale
        return self.centre_lon + (x - self.width / 2.0) / s, self.centre_lat - (y - self.height / 2.0) / s

    def transform(self) -> QTransform:
        """Degrees (x = longitude, y = -latitude) to widget pixels, for paths kept in degrees."""
        s = self.scale
        return QTransform(s, 0.0, 0.0, s, self.width / 2.0 - self.centre_lon * s, self.height / 2.0 + self.centre_lat * s)

    def world_rect(self) -> tuple[float, float, float, float]:
        """The map's -180..180 x -90..90 rectangle in widget pixels: (left, top, width, height)."""
        left, top = float(self.x(-180.0)), float(self.y(90.0))
        return left, top, 360.0 * self.scale, 180.0 * self.scale

    def zoomed_at(self, factor: float, x: float, y: float) -> "MapProjection":
        """Zoom by ``factor`` keeping the point under (x, y) where it is."""
        lon, lat = self.lon_lat(x, y)
        zoom = float(np.clip(self.zoom * factor, 1.0, MAX_ZOOM))
        s = min(self.width / 360.0, self.height / 180.0) * zoom
        return MapProjection(self.width, self.height, zoom, lon - (x - self.width / 2.0) / s,
                             lat + (y - self.height / 2.0) / s).clamped()

    def panned(self, dx: float, dy: float) -> "MapProjection":
        """Move the map by (dx, dy) pixels."""
        s = self.scale
        return MapProjection(self.width, self.height, self.zoom, self.centre_lon - dx / s,
                             self.centre_lat + dy / s).clamped()

    def resized(self, width: float, height: float) -> "MapProjection":
        """The same zoom and centre in a widget of another size."""
        return MapProjection(float(width), float(height), self.zoom, self.centre_lon, self.centre_lat).clamped()
