"""Under everything in a lane: alternate shading, the lane a drag would drop on, a person's time away (hatched)
and their stays aboard (tinted, or one strip of pixels when there are too many to draw one by one)."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette

from planner.gui.timeline import lod
from planner.gui.timeline.frame import Frame, draw_strip, premultiplied, rects

BACKGROUND_SPANS_AS_STRIP = 40  # more stays aboard than this in view: drawn as one strip of pixels


class LaneBackgrounds:
    """Each visible lane's background."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the backgrounds of the lanes in view."""
        palette, plot, scale, t0, t1 = f.palette, f.plot, f.scale, f.t0, f.t1
        alt = palette.color(QPalette.ColorRole.AlternateBase)
        absent = palette.color(QPalette.ColorRole.Mid)
        absent_brush = QBrush(absent, Qt.BrushStyle.BDiagPattern)
        aboard = QColor(palette.color(QPalette.ColorRole.Highlight))
        aboard.setAlpha(35)
        aboard_pixel = np.uint32(premultiplied(aboard, 35))
        edges = None
        stays = []  # the few stays aboard drawn one by one, as one batch
        for n, lane, top in f.lanes_in_view:
            if n % 2:
                p.fillRect(QRectF(plot.left(), top, plot.width(), lane.height), alt)
            if lane.key == f.state.drop_lane:
                drop = QColor(palette.color(QPalette.ColorRole.Highlight))
                drop.setAlpha(60)
                p.fillRect(QRectF(plot.left(), top, plot.width(), lane.height), drop)
            for s, e in lane.absent:
                if e < t0 or s > t1:
                    continue
                x0, x1 = max(scale.x(s), plot.left()), min(scale.x(e), plot.right())
                grey = QColor(absent)
                grey.setAlpha(90)
                rect = QRectF(x0, top, x1 - x0, lane.height)
                p.fillRect(rect, grey)
                p.fillRect(rect, absent_brush)
            if len(lane.background):
                spans = lane.background
                lo, hi = spans.visible_bounds(t0, t1)
                if hi - lo > BACKGROUND_SPANS_AS_STRIP:
                    if edges is None:
                        edges = lod.pixel_edges(t0, scale.seconds_per_px, int(math.ceil(plot.width())))
                    mask = lod.covered(spans.start, spans.max_end, edges)
                    draw_strip(p, plot.left(), top + 1, lane.height - 2, np.where(mask, aboard_pixel, np.uint32(0)))
                    continue
                shown = spans.visible(t0, t1)
                if len(shown):
                    x0 = np.maximum(scale.x(spans.start[shown]), plot.left() - 2)
                    x1 = np.minimum(scale.x(spans.end[shown]), plot.right() + 2)
                    stays.append(rects(x0, top + 1, x1 - x0, lane.height - 2))
        if stays:
            p.save()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(aboard)
            p.drawRects([rect for batch in stays for rect in batch])
            p.restore()
