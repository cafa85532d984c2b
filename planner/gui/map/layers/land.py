"""Ocean and land: countries filled with a hairline of their own colour (no seams, no borders), coasts stroked."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from planner.gui.map.frame import MapFrame
from planner.gui.map.qt_geometry import coastline_path, land_path


class Land:
    """The world under everything."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Fill the view, the ocean, the land; stroke the coasts."""
        proj, c = f.proj, f.colours
        p.fillRect(QRectF(0, 0, proj.width, proj.height), c["window"])
        left, top, w, h = proj.world_rect()
        p.fillRect(QRectF(left, top, w, h), c["ocean"])
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setTransform(proj.transform(), True)
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
