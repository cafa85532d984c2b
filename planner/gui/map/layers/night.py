"""The night side of the Earth at the time shown, shaded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from planner.gui.map.frame import NIGHT, MapFrame
from planner.gui.map.qt_geometry import polygon


class NightSide:
    """The terminator's dark side (when its layer is on and there is an orbit to say when)."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Shade the night."""
        shown = f.shown
        if not (f.has_track and shown.layers.terminator):
            return
        lon, lat = shown.night_lon_lat()
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, not shown.moving)  # half the cost while it moves
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(NIGHT)
        p.drawPolygon(polygon(f.proj.x(lon), f.proj.y(lat)))
        p.restore()
