"""Findings as translucent bands over the lanes of their ports and people (Aerie's way of showing a broken
rule): conflicts red over warnings amber; too many in view are merged per lane into runs of pixels."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from planner.gui.timeline import lod
from planner.gui.timeline.frame import CONFLICT, WARNING, Frame, draw_strip, premultiplied
from planner.gui.timeline.layout import TimelineLayout
from planner.gui.timeline.scale import TimeScale

FINDINGS_ONE_BY_ONE = 150  # more findings than this in view: merged per lane into runs of pixels


def finding_rects(layout: TimelineLayout, finding, y0: float, plot: QRectF, scale: TimeScale) -> list[QRectF]:
    """Where a finding's band is drawn: over the lanes of its ports and people, or across all lanes."""
    x0 = scale.x(finding.start)
    x1 = plot.right() + 2 if math.isinf(finding.end) else scale.x(finding.end)
    if x1 - x0 < 3:  # an instant still shows
        x0, x1 = x0 - 1.5, x0 + 1.5
    x0, x1 = max(x0, plot.left() - 2), min(x1, plot.right() + 2)
    keys = [f"port:{port}" for port in finding.ports] + [f"person:{person}" for person in finding.people]
    lanes = [lane for lane in (layout.lane(k) for k in keys) if lane is not None]
    if finding.rule.startswith("headcount") or finding.rule.startswith("lifeboat"):
        lanes += [lane for lane in layout.lanes if lane.kind == "headcount"]
    if not lanes:
        return [QRectF(x0, plot.top(), x1 - x0, plot.height())]
    return [QRectF(x0, y0 + lane.top, x1 - x0, lane.height) for lane in lanes]


class Findings:
    """The findings' bands."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the bands in view, one by one or merged."""
        bands, plot, scale, layout = f.layout.findings, f.plot, f.scale, f.layout
        if not bands.findings:
            return
        idx = None
        if bands.count_at_most(f.t0, f.t1) <= FINDINGS_ONE_BY_ONE:
            idx = bands.visible(f.t0, f.t1)
        if idx is None or len(idx) > FINDINGS_ONE_BY_ONE:
            self._merged(p, f)
            return
        # Each band is drawn over the lanes of its ports and people (see finding_rects), batched by severity.
        keys = [lane.key for lane in layout.lanes]
        which, lane_no = bands.lanes_of(idx, keys)
        tops = np.array([f.y0 + lane.top for lane in layout.lanes] + [plot.top()], dtype=float)
        heights = np.array([lane.height for lane in layout.lanes] + [plot.height()], dtype=float)
        starts, ends = bands.start[idx], bands.end[idx]
        x0 = scale.x(starts)
        x1 = np.where(np.isinf(ends), plot.right() + 2, scale.x(np.where(np.isinf(ends), starts, ends)))
        instant = x1 - x0 < 3  # an instant still shows
        x0, x1 = np.where(instant, x0 - 1.5, x0), np.where(instant, x0 + 1.5, x1)
        x0, x1 = np.maximum(x0, plot.left() - 2), np.minimum(x1, plot.right() + 2)
        conflict = bands.conflict[idx][which]
        p.save()
        for severity, base in ((False, WARNING), (True, CONFLICT)):  # conflicts on top
            pick = conflict == severity
            if not pick.any():
                continue
            bx0, bx1 = x0[which[pick]], x1[which[pick]]
            by0 = tops[lane_no[pick]]
            by1 = by0 + heights[lane_no[pick]]
            fill = QColor(base)
            fill.setAlpha(70)
            edge = QColor(base)
            edge.setAlpha(200)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRects(list(map(QRectF, bx0.tolist(), by0.tolist(), (bx1 - bx0).tolist(), (by1 - by0).tolist())))
            p.setPen(QPen(edge, 1))
            xs = np.concatenate([bx0, bx1]).tolist()
            y_top, y_bottom = np.concatenate([by0, by0]).tolist(), np.concatenate([by1, by1]).tolist()
            p.drawLines(list(map(QLineF, xs, y_top, xs, y_bottom)))
        p.restore()

    def _merged(self, p: QPainter, f: Frame) -> None:
        """Too many findings to tell apart: per lane and severity, the pixel columns any of them covers."""
        bands, plot = f.layout.findings, f.plot
        width = int(math.ceil(plot.width()))
        edges = lod.pixel_edges(f.t0, f.scale.seconds_per_px, width)
        if bands.by_lane is not None:
            rows = []  # (top, height, key)
            for lane in f.layout.lanes:
                top = f.y0 + lane.top
                if lane.key in bands.by_lane and top <= plot.bottom() and top + lane.height >= plot.top():
                    rows.append((top, lane.height, lane.key))
            if "*" in bands.by_lane:
                rows.append((plot.top(), plot.height(), "*"))
            keys = [key for _t, _h, key in rows]
            masks = [bands.by_lane.covered(keys, conflict, edges) if keys else None for conflict in (False, True)]
        else:
            rows = [(plot.top(), plot.height(), None)]
            masks = [lod.covered(spans.start, spans.max_end, edges)[None, :] if len(spans) else
                     np.zeros((1, width), dtype=bool) for spans in bands.by_severity]
        for severity, base in ((0, WARNING), (1, CONFLICT)):  # conflicts on top
            pixel = np.uint32(premultiplied(base, 60))
            if masks[severity] is None:
                continue
            for (top, height, _key), mask in zip(rows, masks[severity]):
                # An instant inside a column marks that column: it still shows.
                if mask.any():
                    draw_strip(p, plot.left(), top, height, np.where(mask, pixel, np.uint32(0)))
