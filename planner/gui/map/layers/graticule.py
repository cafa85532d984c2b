"""Lines of latitude and longitude at a step that suits the zoom, labelled along the left and bottom edges."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.gui.map.frame import MapFrame
from planner.gui.map.qt_geometry import graticule_step


class Graticule:
    """The graticule (when its layer is on)."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the lines and their labels."""
        if not f.shown.layers.graticule:
            return
        proj, c = f.proj, f.colours
        step = graticule_step(100.0 / proj.scale)
        p.setPen(QPen(c["grid"], 1.0))
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
