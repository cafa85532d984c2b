"""The links lane's coverage bands: per network a row, filled where the station has a line of sight to one of its
relays or sites, hatched where it has none; at wider zooms than hours, a note saying so."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette

from planner import intervals
from planner.gui.timeline.frame import Frame
from planner.gui.timeline.links_lane import NETWORKS, SHOW_BELOW_SECONDS_PER_PX

#: A hue per network, apart from the findings' red and amber, the windows' blue-green and high beta's orange.
COLOURS = {"us": QColor(95, 140, 215), "ru": QColor(170, 110, 190)}
GAP = QColor(200, 60, 50)


class LinkBands:
    """The links lane's drawing (nothing when the plan has no such lane in view)."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the bands of the links lane if it is in view."""
        for _n, lane, top in f.lanes_in_view:
            if lane.kind == "links" and lane.data is not None:
                self._lane(p, f, lane, top)

    def _lane(self, p: QPainter, f: Frame, lane, top: float) -> None:
        plot, scale = f.plot, f.scale
        p.save()
        p.setClipRect(QRectF(plot.left(), top, plot.width(), lane.height), Qt.ClipOperation.IntersectClip)
        font = QFont(p.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        p.setFont(font)
        text = f.palette.color(QPalette.ColorRole.Text)
        if not (f.state.show_orbit and scale.seconds_per_px <= SHOW_BELOW_SECONDS_PER_PX):
            p.setPen(f.palette.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(plot.left() + 6, top, plot.width() - 12, lane.height),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       "zoom in to hours to see the links to the ground")
            p.restore()
            return
        row_h = (lane.height - 6) / len(NETWORKS)
        gap_brush = QBrush(GAP, Qt.BrushStyle.BDiagPattern)
        left, right = plot.left() - 2, plot.right() + 2
        for i, (network, label, _words) in enumerate(NETWORKS):
            y = top + 3 + i * row_h
            covered = f.orbit.coverage(network, f.t0, f.t1)
            for brush, spans in ((COLOURS[network], covered), (gap_brush, intervals.complement(covered, f.t0, f.t1))):
                for s, e in spans.tolist():
                    x0, x1 = max(scale.x(s), left), min(scale.x(e), right)
                    if x1 > x0:
                        p.fillRect(QRectF(x0, y + 1, x1 - x0, row_h - 2), brush)
            tag = QRectF(plot.left() + 2, y, p.fontMetrics().horizontalAdvance(label) + 6, row_h)
            p.fillRect(tag, f.palette.color(QPalette.ColorRole.Base))
            p.setPen(text)
            p.drawText(tag, int(Qt.AlignmentFlag.AlignCenter), label)
        p.restore()
