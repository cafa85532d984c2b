"""The orbit under the lanes at close zoom: the station's night as shaded bands, a ground site in view as green
bands, and the sites' names with the pass's highest elevation in the top row of the axis."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.gui.timeline.frame import LABEL_W, Frame


class OrbitBands:
    """Shadow and pass bands across every lane."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the bands (nothing when the orbit is not shown at this zoom)."""
        if not f.shows_orbit:
            return
        plot, scale = f.plot, f.scale
        night = QColor(40, 50, 90, 45)
        for s, e in f.orbit.shadow(f.t0, f.t1):
            x0, x1 = max(scale.x(s), plot.left()), min(scale.x(e), plot.right())
            p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), night)
        view = QColor(40, 170, 90, 40)
        edge = QColor(40, 150, 80, 160)
        p.save()
        for _name, s, e, _elevation in f.orbit.passes(f.t0, f.t1):
            x0, x1 = scale.x(s), scale.x(e)
            p.fillRect(QRectF(x0, plot.top(), max(x1 - x0, 1.0), plot.height()), view)
            p.setPen(QPen(edge, 1))
            p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()))
        p.restore()


class PassNames:
    """Ground-site passes named in the top row of the axis (the bands below carry no text)."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Write the names, leaving out those that would run into the one before."""
        if not f.shows_orbit:
            return
        font = QFont(p.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        p.save()
        p.setFont(font)
        p.setClipRect(QRectF(LABEL_W, 0, f.width - LABEL_W, 14))
        p.setPen(QColor(30, 130, 70))
        last = -1e9
        for name, s, _e, elevation in sorted(f.orbit.passes(f.t0, f.t1), key=lambda item: item[1]):
            x = f.scale.x(s)
            if x - last < 60:
                continue
            text = f"{name.split(' (')[0]} {elevation:.0f}°"
            p.drawText(QRectF(x, 0, 300, 13), Qt.AlignmentFlag.AlignLeft, text)
            last = x + p.fontMetrics().horizontalAdvance(text)
        p.restore()
