"""The bars of the port and activity lanes: a stay or an activity each, in its colour, outlined, labelled, the
selected ones edged; a lane with more than can be told apart is drawn as density instead (level of detail).

Every lane's bars are gathered first and drawn by colour, so a paint makes a few painter calls, not thousands.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen

from planner.gui.timeline import lod
from planner.gui.timeline.frame import Frame, draw_strip, premultiplied, rects
from planner.gui.timeline.layout import Lane, bar_style
from planner.gui.timeline.texts import Texts

AGGREGATE_PER_PX = 1 / 8  # a lane showing more spans than this per pixel of width is drawn as density
THIN_PX = 3.0  # a lane of more than 40 bars, three in four of them thinner than this, is drawn as density too
PAD = 3  # between a lane's edges and its bars


def text_on(color: QColor) -> QColor:
    """Dark or light text, whichever reads on ``color`` (bars keep their vehicle colour in both palettes)."""
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor(20, 20, 20) if luminance > 150 else QColor(250, 250, 250)


def strike_pen() -> QPen:
    """The line through a skipped activity's bar (dark grey: it reads on the grey of a skipped bar)."""
    return QPen(QColor(70, 74, 80), 1.5)


def merge_touching(x0, y, w, h):
    """Bars of one colour, in lane order and left to right in each lane, with the ones that touch on one row
    joined: a crowded lane's fill is then a few rectangles, not hundreds."""
    if len(x0) < 2:
        return x0, y, w, h
    x1 = x0 + w
    new_row = np.concatenate([[True], y[1:] != y[:-1]])
    # How far right the bars so far reach, each row shifted far past the one before so that it starts over.
    shift = np.cumsum(new_row) * 1e7
    reach = np.maximum.accumulate(x1 + shift) - shift
    starts = np.flatnonzero(new_row | np.concatenate([[True], x0[1:] > reach[:-1]]))
    if len(starts) == len(x0):
        return x0, y, w, h
    ends = np.maximum.reduceat(x1, starts)
    return x0[starts], y[starts], ends - x0[starts], h[starts]


class _Batch:
    """The bars of every lane of one paint, gathered so that each colour is one painter call."""

    def __init__(self):
        self.codes: dict[str, int] = {}  # colour -> its number in this paint
        self.parts: list[tuple] = []  # per lane: (x0, w, y, h, colour, open end, chosen, label, struck) of its bars

    def add(self, style, idx, x0, w, open_end, chosen, y: float, h: float) -> None:
        """Bars ``idx`` of a lane (with ``style``), none over another."""
        numbers = np.array([self.codes.setdefault(code, len(self.codes)) for code in style.codes] or [0], dtype=np.int64)
        color = style.color[idx]
        real = color >= 0
        n = int(real.sum())
        if not n:
            return
        labels = np.empty(n, dtype=object)
        labels[:] = [style.labels[i] for i in np.asarray(idx)[real].tolist()]  # a lane shows few bars (else: density)
        self.parts.append((x0[real], w[real], np.full(n, float(y)), np.full(n, float(h)), numbers[color[real]],
                           open_end[real], chosen[real], labels, style.struck[idx][real]))


class Bars:
    """The bars (or density strips) of every lane but the headcount."""

    def __init__(self, texts: Texts):
        self.texts = texts
        self._colors: dict[str, QColor] = {}

    def color(self, hex_code: str) -> QColor:
        """A cached QColor."""
        color = self._colors.get(hex_code)
        if color is None:
            color = self._colors[hex_code] = QColor(hex_code)
        return color

    def paint(self, p: QPainter, f: Frame) -> None:
        """Gather the bars of the lanes in view, then draw them all."""
        batch = _Batch()
        for _n, lane, top in f.lanes_in_view:
            if not (lane.kind == "headcount" and f.layout.headcount is not None):
                self._lane(p, f, lane, top, batch)
        self._draw(p, f, batch)

    def _lane(self, p: QPainter, f: Frame, lane: Lane, top: float, batch: _Batch) -> None:
        """A lane's bars into ``batch``, or its density strip when too many."""
        spans = lane.spans
        if not len(spans):
            return
        t0, t1, scale, plot, state = f.t0, f.t1, f.scale, f.plot, f.state
        idx = spans.visible(t0, t1)
        if not len(idx):
            return
        h = lane.height - 2 * PAD
        if len(idx) > max(60, plot.width() * AGGREGATE_PER_PX):
            self._density(p, f, spans, top + PAD, h)
            return
        left, right = plot.left() - 4, plot.right() + 4
        starts, ends = spans.start[idx], spans.end[idx]
        x0 = np.maximum(scale.x(starts), left)
        x1 = np.where(np.isinf(ends), right, np.minimum(scale.x(ends), right))
        if len(idx) > 40 and np.count_nonzero(x1 - x0 >= THIN_PX) * 4 < len(idx):
            # Mostly bars thinner than a few pixels (activities seen over a year): as many as that show
            # nothing but their crowding, so the lane is drawn as density too.
            self._density(p, f, spans, top + PAD, h)
            return
        w = np.maximum(x1 - x0, 2.0)
        style = bar_style(spans)
        chosen = np.zeros(len(idx), dtype=bool)
        for selected, of_activities in ((state.selected_missions, False), (state.selected_activities, True)):
            if selected:
                chosen |= (style.activity[idx] == of_activities) & np.isin(style.ident[idx], list(selected))
        open_end = np.isinf(ends)
        # Only bars overlapping in time (a double-booked port) need drawing in order; bars that merely
        # touch because of their two-pixel minimum width are batched.
        if len(idx) > 1 and np.any(starts[1:] < np.maximum.accumulate(ends)[:-1]):
            # Bars on top of each other (a double-booked port): what shows of them is, per pixel column, the
            # last one drawn there, so draw those pieces (worked out for all columns at once) side by side.
            width = int(math.ceil(right - left))
            first = np.floor(x0 - left).astype(np.int64)
            pieces = lod.top_segments(first, np.ceil(x0 + w - left).astype(np.int64), width)
            bar = pieces[:, 2]
            x0, w = left + pieces[:, 0], (pieces[:, 1] - pieces[:, 0]).astype(float)
            idx, chosen, open_end = idx[bar], chosen[bar], open_end[bar] & (pieces[:, 1] >= width)
        batch.add(style, idx, x0, w, open_end, chosen, top + PAD, h)

    def _density(self, p: QPainter, f: Frame, spans, top: float, h: float) -> None:
        """Many spans per pixel: shade each pixel column by how many spans cover it, in one image."""
        plot = f.plot
        width = int(math.ceil(plot.width()))
        edges = lod.pixel_edges(f.t0, f.scale.seconds_per_px, width)
        cover = lod.coverage(spans.start, spans.sorted_end, edges)
        if not cover.any():
            return
        level = np.minimum(4, np.ceil(np.log2(cover + 1))).astype(int)  # 0 empty .. 4 crowded
        base = QColor(f.palette.color(QPalette.ColorRole.Highlight))
        shades = np.array([0] + [premultiplied(base, 50 + 50 * lv) for lv in range(1, 5)], dtype=np.uint32)
        draw_strip(p, plot.left(), top, h, shades[level])

    def _draw(self, p: QPainter, f: Frame, batch: _Batch) -> None:
        """Every lane's bars: fills, outlines and labels each batched by colour."""
        if not batch.parts:
            return
        codes = list(batch.codes)
        plot = f.plot
        right = plot.right() + 4
        fm = p.fontMetrics()
        p.save()
        x0, w, y, h, color, open_end, chosen, labels, struck = (np.concatenate([part[k] for part in batch.parts])
                                                                for k in range(9))
        p.setPen(Qt.PenStyle.NoPen)
        for c in sorted(set(color.tolist())):
            mine = color == c
            p.setBrush(self.color(codes[c]))
            p.drawRects(rects(*merge_touching(x0[mine], y[mine], w[mine], h[mine])))
            for k in np.flatnonzero(mine & open_end).tolist():
                # An open end: fade the last pixels so the bar reads as "goes on".
                p.fillRect(QRectF(right - 12, y[k], 12, h[k]), QBrush(self.color(codes[c]), Qt.BrushStyle.Dense4Pattern))
        p.setBrush(Qt.BrushStyle.NoBrush)
        outlined = (w > 6) & ~chosen
        for c in sorted(set(color[outlined].tolist())):
            mine = outlined & (color == c)
            p.setPen(QPen(self.color(codes[c]).darker(140), 0))
            p.drawRects(rects(x0[mine], y[mine], w[mine], h[mine]))
        if chosen.any():
            p.setPen(QPen(f.palette.color(QPalette.ColorRole.Highlight), 2))
            p.drawRects(rects(x0[chosen] - 1, y[chosen] - 1, w[chosen] + 2, h[chosen] + 2))
        pens = [text_on(self.color(code)) for code in codes]
        rise = fm.height() / 2  # from the middle of the bar to the top of the text
        pen = None
        for k in np.flatnonzero(w > 24).tolist():
            bx0, bx1 = float(x0[k]), float(x0[k] + w[k])
            text_x = max(bx0, plot.left()) + 3
            avail = min(bx1, plot.right()) - text_x - 2
            if avail <= 16:
                continue
            label = self.texts.fit(fm, labels[k], avail)
            if label:
                if pens[color[k]] is not pen:
                    pen = pens[color[k]]
                    p.setPen(pen)
                p.drawStaticText(QPointF(text_x, float(y[k] + h[k] / 2 - rise)), self.texts.static(label))
        if struck.any():  # skipped activities: a line through the bar
            p.setPen(strike_pen())
            middle = y[struck] + h[struck] / 2
            p.drawLines([QLineF(a, m, a + b, m) for a, b, m in zip(x0[struck].tolist(), w[struck].tolist(),
                                                                    middle.tolist())])
        p.restore()
