"""The headcount lane: people aboard (dark) over return seats (green) as steps, red where people outnumber
seats, the beds / warning / limit thresholds dashed; more steps than pixels become per-column envelopes."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen

from planner.gui.timeline import lod
from planner.gui.timeline.frame import CONFLICT, WARNING, Frame, premultiplied, rects

SEATS = QColor(46, 160, 60)


class Headcount:
    """The headcount lane's series, drawn in the lane."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the headcount lane if it is in view."""
        if f.layout.headcount is None:
            return
        for _n, lane, top in f.lanes_in_view:
            if lane.kind == "headcount":
                self._lane(p, f, lane, top)

    def _lane(self, p: QPainter, f: Frame, lane, top: float) -> None:
        hc, plot, palette, scale = f.layout.headcount, f.plot, f.palette, f.scale
        h = lane.height - 8
        base = top + lane.height - 4
        i0 = max(0, int(np.searchsorted(hc.times, f.t0, side="right")) - 1)
        i1 = int(np.searchsorted(hc.times, f.t1, side="right"))
        times, people, seats = hc.times[i0:i1], hc.people[i0:i1], hc.seats[i0:i1]
        top_value = max(hc.limit + 1, int(people.max()) if len(people) else 0, int(seats.max()) if len(seats) else 0)

        def y(v):
            return base - h * v / top_value

        # thresholds: beds, warning, limit
        for value, color in ((hc.beds, palette.color(QPalette.ColorRole.Mid)), (hc.warning, WARNING), (hc.limit, CONFLICT)):
            p.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
        if not len(times):
            return
        if len(times) > plot.width() / 4:
            self._envelope(p, f, times, people, seats, y)
            return
        xs = np.clip((times - scale.start) / scale.seconds_per_px + plot.left(), plot.left() - 2, plot.right() + 2)
        short = QColor(CONFLICT)
        short.setAlpha(80)
        right = plot.right() + 2
        ends = np.append(xs[1:], right)
        people_y, seats_y = base - h * people / top_value, base - h * seats / top_value
        lacking = np.flatnonzero(people > seats)
        if len(lacking):
            p.save()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(short)
            p.drawRects([QRectF(a, b, c - a, d - b) for a, b, c, d in zip(
                xs[lacking].tolist(), people_y[lacking].tolist(), ends[lacking].tolist(), seats_y[lacking].tolist())])
            p.restore()
        # Steps as rectangles: along at the old value, then up or down to the new one (a wide polyline of a
        # few hundred steps costs milliseconds; rectangles do not). Seats under people, wider: where they are
        # equal (the usual case) the green still shows.
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        for values_y, color, thick in ((seats_y, SEATS, 5.0), (people_y, palette.color(QPalette.ColorRole.Text), 2.0)):
            d = thick / 2
            rise_lo = np.minimum(values_y[:-1], values_y[1:])
            p.setBrush(color)
            p.drawRects(rects(np.concatenate([xs - d, ends[:-1] - d]), np.concatenate([values_y - d, rise_lo - d]),
                              np.concatenate([ends - xs + thick, np.full(len(xs) - 1, thick)]),
                              np.concatenate([np.full(len(xs), thick), np.abs(np.diff(values_y)) + thick])))
        p.restore()
        # Numbers at the steps when there is room for them.
        p.setPen(palette.color(QPalette.ColorRole.Text))
        last_x = -1e9
        for k in np.flatnonzero(ends - xs > 14).tolist():
            if xs[k] - last_x > 26:
                p.drawText(QPointF(xs[k] + 3, people_y[k] - 4), str(int(people[k])))
                last_x = xs[k]

    def _envelope(self, p: QPainter, f: Frame, times, people, seats, y) -> None:
        """More steps than can be told apart: per pixel column, a bar from the least to the most of each series,
        all drawn as one image; the number aboard where it stays the same across enough columns to print it."""
        plot, scale, palette = f.plot, f.scale, f.palette
        width = int(math.ceil(plot.width()))
        px = np.clip(((times - scale.start) / scale.seconds_per_px).astype(np.int64), -1, width)
        columns = np.arange(width)
        # The value each column starts with (carried from the last step before it), then the steps inside it.
        last = np.searchsorted(px, columns, side="left") - 1
        inside = (px >= 0) & (px < width)
        ranges = {}
        for name, values in (("seats", seats), ("people", people)):
            carried = np.where(last >= 0, values[np.maximum(last, 0)], values[0])
            low, high = carried.copy(), carried.copy()
            np.minimum.at(low, px[inside], values[inside])
            np.maximum.at(high, px[inside], values[inside])
            ranges[name] = (low, high)
        lacking = people > seats
        short_cols = np.where(last >= 0, lacking[np.maximum(last, 0)], lacking[0])
        np.logical_or.at(short_cols, px[inside], lacking[inside])
        top_px, bottom_px = math.floor(y(max(int(people.max()), int(seats.max()))) - 4), math.ceil(y(0) + 4)
        rows = np.arange(top_px, bottom_px, dtype=float)[:, None] + 0.5  # pixel centres
        image = np.zeros((len(rows), width), dtype=np.uint32)
        seats_high, seats_low = y(ranges["seats"][1]), y(ranges["seats"][0])
        people_high, people_low = y(ranges["people"][1]), y(ranges["people"][0])
        # From the most people down to the fewest seats of the column, then seats (wide) under people (thin).
        layers = ((people_high, np.maximum(seats_low, people_high + 1.0), short_cols, premultiplied(CONFLICT, 80)),
                  (seats_high - 2.5, seats_low + 2.5, None, premultiplied(SEATS, 255)),
                  (people_high - 0.75, people_low + 0.75, None, premultiplied(palette.color(QPalette.ColorRole.Text), 255)))
        for upper, lower, only, pixel in layers:
            mask = (rows >= upper[None, :]) & (rows < np.maximum(lower, upper + 1.0)[None, :])
            if only is not None:
                mask &= only[None, :]
            image[mask] = pixel
        picture = QImage(image.data, width, len(rows), 4 * width, QImage.Format.Format_ARGB32_Premultiplied)
        p.drawImage(QPointF(plot.left(), top_px), picture)
        # Numbers where the count holds still long enough for one (as the step drawing does).
        low, high = ranges["people"]
        p.setPen(palette.color(QPalette.ColorRole.Text))
        last_x = -1e9
        for first, past, value in lod.flat_runs(low, high, 14):
            x = plot.left() + first
            if x - last_x > 26:
                p.drawText(QPointF(x + 3, y(value) - 4), str(value))
                last_x = x
