"""The beta strip: the station's solar beta angle as a line over its lane (zero in the middle, +-80 degrees at the
edges, the threshold dashed), the spans when |beta| is above the threshold shaded with their peak written in,
and the times beyond the element sets' reach hatched, "no orbit data"."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QPolygonF

from planner.gui.beta_readout import signed_degrees
from planner.gui.timeline.frame import Frame

#: |beta| at the lane's top and bottom edges (the station's reaches about 75)
RANGE_DEG = 80.0
HIGH_BETA = QColor(232, 120, 20)  # a hue of its own: findings are red and amber, candidate windows blue-green
HIGH_BETA_ALPHA = 85
NO_DATA_TEXT = "no orbit data"


class BetaStrip:
    """The beta lane's drawing (nothing when the plan has no beta lane)."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the beta lane if it is in view."""
        for _n, lane, top in f.lanes_in_view:
            if lane.kind == "beta" and lane.data is not None:
                self._lane(p, f, lane, top)

    def _lane(self, p: QPainter, f: Frame, lane, top: float) -> None:
        plot, scale, palette = f.plot, f.scale, f.palette
        view = lane.data.view(f.t0, f.t1, lane.threshold, scale.seconds_per_px)
        middle = top + lane.height / 2.0
        half = lane.height / 2.0 - 3.0

        def y(beta):
            return middle - np.asarray(beta) / RANGE_DEG * half

        left, right = plot.left() - 2, plot.right() + 2
        p.save()
        p.setClipRect(QRectF(plot.left(), top, plot.width(), lane.height), Qt.ClipOperation.IntersectClip)
        shade = QColor(HIGH_BETA)
        shade.setAlpha(HIGH_BETA_ALPHA)
        spans = [(max(scale.x(s.start), left), min(scale.x(s.end), right), s.peak_deg) for s in view.spans]
        for x0, x1, _peak in spans:
            p.fillRect(QRectF(x0, top, x1 - x0, lane.height), shade)
        guide = QColor(palette.color(QPalette.ColorRole.Mid))
        p.setPen(QPen(guide, 0, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(plot.left(), middle), QPointF(plot.right(), middle))
        edge = QColor(HIGH_BETA)
        edge.setAlpha(150)
        p.setPen(QPen(edge, 0, Qt.PenStyle.DashLine))
        for level in (lane.threshold, -lane.threshold):
            if lane.threshold < RANGE_DEG:
                p.drawLine(QPointF(plot.left(), float(y(level))), QPointF(plot.right(), float(y(level))))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1.3))
        for seconds, beta in view.segments:
            xs = np.clip((seconds - scale.start) / scale.seconds_per_px + scale.origin_x, -1e6, 1e6)
            p.drawPolyline(QPolygonF(list(map(QPointF, xs.tolist(), y(beta).tolist()))))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._gaps(p, f, view.gaps, top, lane.height)
        self._peaks(p, f, spans, top, lane.height)
        p.restore()

    @staticmethod
    def _gaps(p: QPainter, f: Frame, gaps: list, top: float, height: float) -> None:
        """No orbit data: hatched, and said in words where there is room."""
        if not gaps:
            return
        palette, scale = f.palette, f.scale
        mid = palette.color(QPalette.ColorRole.Mid)
        grey = QColor(mid)
        grey.setAlpha(70)
        hatch = QBrush(mid, Qt.BrushStyle.BDiagPattern)
        fm = p.fontMetrics()
        need = fm.horizontalAdvance(NO_DATA_TEXT) + 12
        p.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for a, b in gaps:
            x0, x1 = max(scale.x(a), f.plot.left() - 2), min(scale.x(b), f.plot.right() + 2)
            if x1 <= x0:
                continue
            rect = QRectF(x0, top, x1 - x0, height)
            p.fillRect(rect, grey)
            p.fillRect(rect, hatch)
            visible = QRectF(max(x0, f.plot.left()), top, min(x1, f.plot.right()) - max(x0, f.plot.left()), height)
            if visible.width() >= need:
                back = QRectF(0, 0, need - 4, fm.height() + 2)
                back.moveCenter(visible.center())
                p.fillRect(back, palette.color(QPalette.ColorRole.Base))
                p.drawText(back, Qt.AlignmentFlag.AlignCenter, NO_DATA_TEXT)

    @staticmethod
    def _peaks(p: QPainter, f: Frame, spans: list, top: float, height: float) -> None:
        """Each shaded span's peak, written in its middle when it is wide enough."""
        if not spans:
            return
        font = QFont(p.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        p.setFont(font)
        fm = p.fontMetrics()
        p.setPen(f.palette.color(QPalette.ColorRole.Text))
        for x0, x1, peak in spans:
            x0, x1 = max(x0, f.plot.left()), min(x1, f.plot.right())
            text = f"peak {signed_degrees(peak)}"
            if x1 - x0 < fm.horizontalAdvance(text) + 8:
                text = signed_degrees(peak)
                if x1 - x0 < fm.horizontalAdvance(text) + 6:
                    continue
            p.drawText(QRectF(x0, top, x1 - x0, height), Qt.AlignmentFlag.AlignCenter, text)
