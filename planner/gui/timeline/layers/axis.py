"""The time grid: dotted lines under the lanes, and the axis above them with its tick labels and the zone."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen

from planner.gui.timeline.frame import AXIS_H, LABEL_W, Frame
from planner.gui.timeline.scale import day_label


class Grid:
    """A dotted line down the plot at each tick."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the grid lines."""
        p.setPen(QPen(f.palette.color(QPalette.ColorRole.Mid), 0, Qt.PenStyle.DotLine))
        for t, _label in f.grid:
            x = f.scale.x(t)
            p.drawLine(QPointF(x, AXIS_H), QPointF(x, f.height))


class Axis:
    """The band above the lanes: the first day shown, the time zone, and the ticks with their labels."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the axis."""
        palette, width = f.palette, f.width
        p.fillRect(QRectF(0, 0, width, AXIS_H), palette.color(QPalette.ColorRole.Window))
        p.setPen(palette.color(QPalette.ColorRole.Mid))
        p.drawLine(0, AXIS_H - 1, width, AXIS_H - 1)
        p.setPen(palette.color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(6, 2, LABEL_W - 8, 16), Qt.AlignmentFlag.AlignLeft, day_label(f.t0, f.zone))
        p.drawText(QRectF(6, 18, LABEL_W - 8, 16), Qt.AlignmentFlag.AlignLeft, f"times in {f.zone}")
        p.save()
        p.setClipRect(QRectF(LABEL_W, 0, width - LABEL_W, AXIS_H))
        for t, label in f.grid:
            x = f.scale.x(t)
            p.drawLine(QPointF(x, AXIS_H - 8), QPointF(x, AXIS_H - 1))
            p.drawText(QRectF(x + 3, 12, 200, 18), Qt.AlignmentFlag.AlignLeft, label)
        p.restore()
