"""Painting the timeline with a QPainter: the same code draws the widget, the PNG and PDF exports and prints.

Everything drawn comes from a :class:`TimelineLayout` built beforehand; a paint only asks which spans are
visible and aggregates lanes holding more of them than can be told apart (level of detail).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QPolygonF

from planner.gui.timeline.layout import (
    ACTIVITY_COLORS, OTHER_VEHICLE_COLOR, VEHICLE_COLORS, ActivityBar, Lane, StayBar, TimelineLayout,
)
from planner.gui.timeline.orbit_layer import SHOW_BELOW_SECONDS_PER_PX, OrbitLayer
from planner.gui.timeline.scale import TimeScale, ticks

LABEL_W = 170
AXIS_H = 36
AGGREGATE_PER_PX = 1 / 8  # a lane showing more spans than this per pixel of width is drawn as density
CONFLICT = QColor(220, 40, 40)
WARNING = QColor(235, 160, 0)
_BUCKET_PX = 3


@dataclass
class ViewState:
    """What the view adds to the layout: selection, cursor, the lane a drag would drop on."""

    selected_missions: set = field(default_factory=set)
    selected_activities: set = field(default_factory=set)
    cursor: float | None = None
    drop_lane: str | None = None
    show_orbit: bool = True


def _text_on(color: QColor) -> QColor:
    # Bars keep their vehicle colour in both palettes, so their text follows the bar, not the palette.
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor(20, 20, 20) if luminance > 150 else QColor(250, 250, 250)


class TimelineRenderer:
    """Paints a layout at a scale into a rectangle of a paint device."""

    def __init__(self):
        self._colors: dict[str, QColor] = {}

    def color(self, hex_code: str) -> QColor:
        """A cached QColor."""
        color = self._colors.get(hex_code)
        if color is None:
            color = self._colors[hex_code] = QColor(hex_code)
        return color

    def paint(self, p: QPainter, width: int, height: int, layout: TimelineLayout, scale: TimeScale,
              palette: QPalette, zone: str = "UTC", state: ViewState | None = None, scroll_y: float = 0.0,
              orbit: OrbitLayer | None = None) -> None:
        """Draw everything into ``(0, 0, width, height)``; lanes start at ``AXIS_H - scroll_y``."""
        state = state or ViewState()
        scale = scale.copy()
        scale.origin_x = LABEL_W
        t0, t1 = scale.span(width)
        p.fillRect(0, 0, width, height, palette.color(QPalette.ColorRole.Base))
        plot = QRectF(LABEL_W, AXIS_H, width - LABEL_W, height - AXIS_H)
        y0 = AXIS_H - scroll_y
        p.save()
        p.setClipRect(plot)
        self._lane_backgrounds(p, layout, plot, y0, scale, t0, t1, palette, state)
        grid = ticks(t0, t1, scale.seconds_per_px, zone)
        p.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 0, Qt.PenStyle.DotLine))
        for t, _label in grid:
            x = scale.x(t)
            p.drawLine(QPointF(x, AXIS_H), QPointF(x, height))
        if orbit is not None and state.show_orbit and scale.seconds_per_px <= SHOW_BELOW_SECONDS_PER_PX:
            self._orbit_layer(p, orbit, plot, scale, t0, t1, palette)
        for lane in layout.lanes:
            top = y0 + lane.top
            if top > height or top + lane.height < AXIS_H:
                continue
            if lane.kind == "headcount" and layout.headcount is not None:
                self._headcount(p, layout, lane, top, scale, t0, t1, plot, palette)
            else:
                self._bars(p, lane, top, scale, t0, t1, plot, palette, state)
        self._relocations(p, layout, y0, scale, t0, t1, palette)
        self._findings(p, layout, plot, y0, scale, t0, t1)
        if state.cursor is not None and t0 <= state.cursor <= t1:
            p.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            x = scale.x(state.cursor)
            p.drawLine(QPointF(x, AXIS_H), QPointF(x, height))
        p.restore()
        self._axis(p, width, grid, scale, palette, zone, t0)
        if orbit is not None and state.show_orbit and scale.seconds_per_px <= SHOW_BELOW_SECONDS_PER_PX:
            self._pass_names(p, orbit, scale, t0, t1, width)
        self._labels(p, layout, y0, height, palette, state)

    # ---------------------------------------------------------------- pieces

    def _lane_backgrounds(self, p, layout, plot, y0, scale, t0, t1, palette, state):
        alt = palette.color(QPalette.ColorRole.AlternateBase)
        absent = palette.color(QPalette.ColorRole.Mid)
        absent_brush = QBrush(absent, Qt.BrushStyle.BDiagPattern)
        for n, lane in enumerate(layout.lanes):
            top = y0 + lane.top
            if top > plot.bottom() or top + lane.height < plot.top():
                continue
            if n % 2:
                p.fillRect(QRectF(plot.left(), top, plot.width(), lane.height), alt)
            if lane.key == state.drop_lane:
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
                aboard = QColor(palette.color(QPalette.ColorRole.Highlight))
                aboard.setAlpha(35)
                for i in lane.background.visible(t0, t1):
                    x0 = max(scale.x(lane.background.start[i]), plot.left() - 2)
                    x1 = min(scale.x(lane.background.end[i]), plot.right() + 2)
                    p.fillRect(QRectF(x0, top + 1, x1 - x0, lane.height - 2), aboard)

    def _orbit_layer(self, p, orbit, plot, scale, t0, t1, palette):
        night = QColor(40, 50, 90, 45)
        for s, e in orbit.shadow(t0, t1):
            x0, x1 = max(scale.x(s), plot.left()), min(scale.x(e), plot.right())
            p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), night)
        view = QColor(40, 170, 90, 40)
        edge = QColor(40, 150, 80, 160)
        font = QFont(p.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        p.save()
        p.setFont(font)
        for name, s, e, elevation in orbit.passes(t0, t1):
            x0, x1 = scale.x(s), scale.x(e)
            p.fillRect(QRectF(x0, plot.top(), max(x1 - x0, 1.0), plot.height()), view)
            p.setPen(QPen(edge, 1))
            p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()))
        p.restore()

    def _pass_names(self, p, orbit, scale, t0, t1, width):
        """Ground-site passes named in the top row of the axis (the bands below carry no text)."""
        font = QFont(p.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        p.save()
        p.setFont(font)
        p.setClipRect(QRectF(LABEL_W, 0, width - LABEL_W, 14))
        p.setPen(QColor(30, 130, 70))
        last = -1e9
        for name, s, _e, elevation in sorted(orbit.passes(t0, t1), key=lambda item: item[1]):
            x = scale.x(s)
            if x - last < 60:
                continue
            text = f"{name.split(' (')[0]} {elevation:.0f}°"
            p.drawText(QRectF(x, 0, 300, 13), Qt.AlignmentFlag.AlignLeft, text)
            last = x + p.fontMetrics().horizontalAdvance(text)
        p.restore()

    def _bars(self, p: QPainter, lane: Lane, top, scale, t0, t1, plot, palette, state):
        spans = lane.spans
        if not len(spans):
            return
        idx = spans.visible(t0, t1)
        if not len(idx):
            return
        pad = 3
        h = lane.height - 2 * pad
        if len(idx) > max(60, plot.width() * AGGREGATE_PER_PX):
            self._density(p, spans.start[idx], spans.end[idx], top + pad, h, scale, t0, plot, palette)
            return
        left, right = plot.left() - 4, plot.right() + 4
        fm = p.fontMetrics()
        selected_pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        for i in idx:
            payload = spans.payloads[i]
            s, e = spans.start[i], spans.end[i]
            x0 = max(scale.x(s), left)
            x1 = right if math.isinf(e) else min(scale.x(e), right)
            w = max(x1 - x0, 2.0)
            if isinstance(payload, StayBar):
                color = self.color(VEHICLE_COLORS.get(payload.vehicle_type, OTHER_VEHICLE_COLOR))
                chosen = payload.mission in state.selected_missions
                label = payload.label
            elif isinstance(payload, ActivityBar):
                color = self.color(ACTIVITY_COLORS.get(payload.kind, OTHER_VEHICLE_COLOR))
                chosen = payload.activity in state.selected_activities
                label = payload.title
            else:
                continue
            rect = QRectF(x0, top + pad, w, h)
            p.fillRect(rect, color)
            if math.isinf(e):
                # An open end: fade the last pixels so the bar reads as "goes on".
                p.fillRect(QRectF(right - 12, top + pad, 12, h), QBrush(color, Qt.BrushStyle.Dense4Pattern))
            if chosen:
                p.setPen(selected_pen)
                p.drawRect(rect.adjusted(-1, -1, 1, 1))
            elif w > 6:
                p.setPen(QPen(color.darker(140), 0))
                p.drawRect(rect)
            if w > 24:
                text_x = max(x0, plot.left()) + 3
                avail = min(x1, plot.right()) - text_x - 2
                if avail > 16:
                    p.setPen(_text_on(color))
                    p.drawText(QRectF(text_x, top + pad, avail, h), Qt.AlignmentFlag.AlignVCenter,
                               fm.elidedText(label, Qt.TextElideMode.ElideRight, int(avail)))

    def _density(self, p, starts, ends, top, h, scale, t0, plot, palette):
        """Many spans per pixel: shade each few-pixel column by how many spans cover it."""
        width = int(plot.width()) + 2
        spp = scale.seconds_per_px
        origin = scale.start
        xs0 = np.clip(((starts - origin) / spp).astype(np.int64), 0, width)
        ends = np.where(np.isinf(ends), origin + width * spp, ends)
        xs1 = np.clip(((ends - origin) / spp).astype(np.int64), 0, width)
        diff = np.zeros(width + 2, dtype=np.int64)
        np.add.at(diff, xs0, 1)
        np.add.at(diff, xs1 + 1, -1)
        cover = np.cumsum(diff)[:width]
        buckets = cover[: width - width % _BUCKET_PX].reshape(-1, _BUCKET_PX).max(axis=1)
        if not buckets.any():
            return
        level = np.minimum(4, np.ceil(np.log2(buckets + 1))).astype(int)  # 0 empty .. 4 crowded
        changes = np.flatnonzero(np.diff(level)) + 1
        bounds = np.concatenate([[0], changes, [len(level)]])
        base = QColor(palette.color(QPalette.ColorRole.Highlight))
        for a, b in zip(bounds[:-1], bounds[1:]):
            lv = level[a]
            if lv == 0:
                continue
            color = QColor(base)
            color.setAlpha(50 + 50 * int(lv))
            p.fillRect(QRectF(plot.left() + a * _BUCKET_PX, top, (b - a) * _BUCKET_PX, h), color)

    def _headcount(self, p, layout, lane, top, scale, t0, t1, plot, palette):
        hc = layout.headcount
        h = lane.height - 8
        base = top + lane.height - 4
        i0 = max(0, int(np.searchsorted(hc.times, t0, side="right")) - 1)
        i1 = int(np.searchsorted(hc.times, t1, side="right"))
        times, people, seats = hc.times[i0:i1], hc.people[i0:i1], hc.seats[i0:i1]
        top_value = max(hc.limit + 1, int(people.max()) if len(people) else 0, int(seats.max()) if len(seats) else 0)

        def y(v):
            return base - h * v / top_value

        # thresholds: beds, warning, limit
        for value, color, style in ((hc.beds, palette.color(QPalette.ColorRole.Mid), Qt.PenStyle.DashLine),
                                    (hc.warning, WARNING, Qt.PenStyle.DashLine),
                                    (hc.limit, CONFLICT, Qt.PenStyle.DashLine)):
            p.setPen(QPen(color, 1, style))
            p.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
        if not len(times):
            return
        if len(times) > 2 * plot.width():
            # More steps than pixels: keep the highest headcount and the fewest seats in each pixel.
            px = ((times - scale.start) / scale.seconds_per_px).astype(np.int64)
            _, first = np.unique(px, return_index=True)
            times = times[first]
            people = np.maximum.reduceat(people, first)
            seats = np.minimum.reduceat(seats, first)
        xs = np.clip((times - scale.start) / scale.seconds_per_px + plot.left(), plot.left() - 2, plot.right() + 2)
        short = QColor(CONFLICT)
        short.setAlpha(80)
        right = plot.right() + 2
        ends = np.append(xs[1:], right)
        for k in np.flatnonzero(people > seats):
            p.fillRect(QRectF(xs[k], y(people[k]), ends[k] - xs[k], y(seats[k]) - y(people[k])), short)
        # Seats under people, wider: where they are equal (the usual case) the green still shows.
        for values, pen in ((seats, QPen(QColor(46, 160, 60), 5)),
                            (people, QPen(palette.color(QPalette.ColorRole.Text), 1.5))):
            pts = QPolygonF()
            for k in range(len(xs)):
                if k:
                    pts.append(QPointF(xs[k], y(values[k - 1])))
                pts.append(QPointF(xs[k], y(values[k])))
            pts.append(QPointF(right, y(values[-1])))
            p.setPen(pen)
            p.drawPolyline(pts)
        # Numbers at the steps when there is room for them.
        p.setPen(palette.color(QPalette.ColorRole.Text))
        last_x = -1e9
        for k in range(len(xs)):
            if xs[k] - last_x > 26 and ends[k] - xs[k] > 14:
                p.drawText(QPointF(xs[k] + 3, y(people[k]) - 4), str(int(people[k])))
                last_x = xs[k]

    def _relocations(self, p, layout, y0, scale, t0, t1, palette):
        if not layout.relocations:
            return
        pen = QPen(palette.color(QPalette.ColorRole.Text), 1.2, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for r in layout.relocations:
            if r.redock < t0 or r.undock > t1:
                continue
            a, b = layout.lane(f"port:{r.from_port}"), layout.lane(f"port:{r.to_port}")
            if a is None or b is None:
                continue
            xa, xb = scale.x(r.undock), scale.x(r.redock)
            ya, yb = y0 + a.top + a.height / 2, y0 + b.top + b.height / 2
            p.drawLine(QPointF(xa, ya), QPointF(xb, yb))
            p.drawEllipse(QPointF(xa, ya), 2.5, 2.5)
            p.drawEllipse(QPointF(xb, yb), 2.5, 2.5)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def finding_rects(self, layout: TimelineLayout, finding, y0: float, plot: QRectF, scale: TimeScale) -> list[QRectF]:
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

    def _findings(self, p, layout, plot, y0, scale, t0, t1):
        bands = layout.findings
        idx = bands.visible(t0, t1)
        if not len(idx):
            return
        if len(idx) > 400:
            # Too many to tell apart: one band per severity where any finding is.
            conflicts = bands.conflict[idx]
            for conflict, base in ((False, WARNING), (True, CONFLICT)):
                pick = idx[conflicts == conflict]
                if len(pick):
                    color = QColor(base)
                    color.setAlpha(60)
                    self._density_columns(p, bands.start[pick], bands.end[pick], plot, scale, color)
            return
        for i in sorted(idx, key=lambda i: bands.findings[i].is_conflict):  # conflicts on top
            finding = bands.findings[i]
            base = CONFLICT if finding.is_conflict else WARNING
            fill = QColor(base)
            fill.setAlpha(70)
            edge = QColor(base)
            edge.setAlpha(200)
            p.setPen(QPen(edge, 1))
            for rect in self.finding_rects(layout, finding, y0, plot, scale):
                p.fillRect(rect, fill)
                p.drawLine(rect.topLeft(), rect.bottomLeft())
                p.drawLine(rect.topRight(), rect.bottomRight())

    def _density_columns(self, p, starts, ends, plot, scale, color):
        width = int(plot.width()) + 2
        xs0 = np.clip(((starts - scale.start) / scale.seconds_per_px).astype(np.int64), 0, width)
        ends = np.where(np.isinf(ends), scale.start + width * scale.seconds_per_px, ends)
        xs1 = np.clip(((ends - scale.start) / scale.seconds_per_px).astype(np.int64), 0, width)
        diff = np.zeros(width + 2, dtype=np.int64)
        np.add.at(diff, xs0, 1)
        np.add.at(diff, xs1 + 1, -1)
        covered = np.cumsum(diff)[:width] > 0
        edges = np.flatnonzero(np.diff(np.concatenate([[0], covered.astype(int), [0]])))
        for a, b in zip(edges[::2], edges[1::2]):
            p.fillRect(QRectF(plot.left() + a, plot.top(), max(b - a, 1), plot.height()), color)

    def _axis(self, p, width, grid, scale, palette, zone, t0):
        p.fillRect(QRectF(0, 0, width, AXIS_H), palette.color(QPalette.ColorRole.Window))
        p.setPen(palette.color(QPalette.ColorRole.Mid))
        p.drawLine(0, AXIS_H - 1, width, AXIS_H - 1)
        p.setPen(palette.color(QPalette.ColorRole.WindowText))
        from planner.gui.timeline.scale import day_label

        p.drawText(QRectF(6, 2, LABEL_W - 8, 16), Qt.AlignmentFlag.AlignLeft, day_label(t0, zone))
        p.drawText(QRectF(6, 18, LABEL_W - 8, 16), Qt.AlignmentFlag.AlignLeft, f"times in {zone}")
        p.save()
        p.setClipRect(QRectF(LABEL_W, 0, width - LABEL_W, AXIS_H))
        for t, label in grid:
            x = scale.x(t)
            p.drawLine(QPointF(x, AXIS_H - 8), QPointF(x, AXIS_H - 1))
            p.drawText(QRectF(x + 3, 12, 200, 18), Qt.AlignmentFlag.AlignLeft, label)
        p.restore()

    def _labels(self, p, layout, y0, height, palette, state):
        p.save()
        p.setClipRect(QRectF(0, AXIS_H, LABEL_W, height - AXIS_H))
        p.fillRect(QRectF(0, AXIS_H, LABEL_W, height - AXIS_H), palette.color(QPalette.ColorRole.Window))
        fm = p.fontMetrics()
        for lane in layout.lanes:
            top = y0 + lane.top
            if top > height or top + lane.height < AXIS_H:
                continue
            p.setPen(palette.color(QPalette.ColorRole.WindowText))
            text = fm.elidedText(lane.title, Qt.TextElideMode.ElideRight, LABEL_W - 12)
            flags = Qt.AlignmentFlag.AlignVCenter if lane.kind != "headcount" else Qt.AlignmentFlag.AlignTop
            p.drawText(QRectF(8, top + (0 if lane.kind != "headcount" else 8), LABEL_W - 12, lane.height), flags, text)
            if lane.kind == "headcount" and layout.headcount is not None:
                hc = layout.headcount
                p.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                small = QFont(p.font())
                small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
                p.save()
                p.setFont(small)
                p.drawText(QRectF(8, top + lane.height / 2 + 8, LABEL_W - 12, 16), Qt.AlignmentFlag.AlignLeft,
                           f"beds {hc.beds} · warn >{hc.warning} · max {hc.limit}")
                p.restore()
            p.setPen(palette.color(QPalette.ColorRole.Midlight))
            p.drawLine(QPointF(0, top + lane.height), QPointF(LABEL_W, top + lane.height))
        p.setPen(palette.color(QPalette.ColorRole.Mid))
        p.drawLine(LABEL_W - 1, AXIS_H, LABEL_W - 1, height)
        p.restore()
