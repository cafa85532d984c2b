"""Painting the timeline with a QPainter: the same code draws the widget, the PNG and PDF exports and prints.

Everything drawn comes from a :class:`TimelineLayout` built beforehand; a paint only asks which spans are
visible and aggregates lanes holding more of them than can be told apart (level of detail).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPalette, QPen, QStaticText

from planner.gui.timeline import lod
from planner.gui.timeline.layout import Lane, TimelineLayout, bar_style
from planner.gui.timeline.orbit_layer import SHOW_BELOW_SECONDS_PER_PX, OrbitLayer
from planner.gui.timeline.scale import TimeScale, day_label, ticks

LABEL_W = 170
AXIS_H = 36
AGGREGATE_PER_PX = 1 / 8  # a lane showing more spans than this per pixel of width is drawn as density
THIN_PX = 3.0  # a lane of more than 40 bars, three in four of them thinner than this, is drawn as density too
BACKGROUND_SPANS_AS_STRIP = 40  # more stays aboard than this in view: drawn as one strip of pixels
FINDINGS_ONE_BY_ONE = 150  # more findings than this in view: merged per lane into runs of pixels
CONFLICT = QColor(220, 40, 40)
WARNING = QColor(235, 160, 0)
HIGHLIGHT = QColor(0, 160, 190)  # candidate windows: a hue of their own, apart from the findings' red and amber


@dataclass
class ViewState:
    """What the view adds to the layout: selection, cursor, the lane a drag would drop on."""

    selected_missions: set = field(default_factory=set)
    selected_activities: set = field(default_factory=set)
    cursor: float | None = None
    drop_lane: str | None = None
    show_orbit: bool = True
    highlights: list = field(default_factory=list)  # candidate windows (start, end, label), e.g. filming windows
    chosen_highlight: int = -1  # the one picked among them (drawn stronger), -1 for none


def _premultiplied(color: QColor, alpha: int) -> int:
    """``color`` at ``alpha`` as a pixel of a premultiplied ARGB32 image."""
    r, g, b = (color.red() * alpha // 255, color.green() * alpha // 255, color.blue() * alpha // 255)
    return (alpha << 24) | (r << 16) | (g << 8) | b


def draw_strip(p: QPainter, left: float, top: float, height: float, pixels: np.ndarray) -> None:
    """Draw one row of premultiplied ARGB32 ``pixels`` stretched to ``height``: a whole lane in one call."""
    row = np.ascontiguousarray(pixels, dtype=np.uint32)
    image = QImage(row.data, len(row), 1, 4 * len(row), QImage.Format.Format_ARGB32_Premultiplied)
    p.drawImage(QRectF(left, top, len(row), height), image)


def _text_on(color: QColor) -> QColor:
    # Bars keep their vehicle colour in both palettes, so their text follows the bar, not the palette.
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor(20, 20, 20) if luminance > 150 else QColor(250, 250, 250)


def _rects(x, y, w, h) -> list[QRectF]:
    """Rectangles from arrays of left, top, width and height (each may also be one number)."""
    x, y, w, h = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x, y, w, h)))
    return list(map(QRectF, x.tolist(), y.tolist(), w.tolist(), h.tolist()))


def _merged(x0, y, w, h):
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


class _BarBatch:
    """The bars of every lane of one paint, gathered so that each colour is one painter call."""

    def __init__(self):
        self.codes: dict[str, int] = {}  # colour -> its number in this paint
        self.parts: list[tuple] = []  # per lane: (x0, w, y, h, colour, open end, chosen, label) of its bars

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
                           open_end[real], chosen[real], labels))


class TimelineRenderer:
    """Paints a layout at a scale into a rectangle of a paint device."""

    def __init__(self):
        self._colors: dict[str, QColor] = {}
        self._advances: dict[str, np.ndarray] = {}  # widths of each label's beginnings, in the last paint's font
        self._char_widths: dict[str, int] = {}
        self._static: dict[str, QStaticText] = {}  # laid-out text, drawn twice as fast as a string
        self._font_key = ""

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
        font_key = p.font().key()
        if font_key != self._font_key:
            self._font_key, self._advances, self._char_widths, self._static = font_key, {}, {}, {}
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
        batch = _BarBatch()
        for lane in layout.lanes:
            top = y0 + lane.top
            if top > height or top + lane.height < AXIS_H:
                continue
            if lane.kind == "headcount" and layout.headcount is not None:
                self._headcount(p, layout, lane, top, scale, t0, t1, plot, palette)
            else:
                self._bars(p, lane, top, scale, t0, t1, plot, palette, state, batch)
        self._draw_batch(p, batch, plot, palette)
        self._relocations(p, layout, y0, scale, t0, t1, palette)
        self._findings(p, layout, plot, y0, scale, t0, t1)
        self._highlights(p, state, plot, scale, t0, t1)
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
        aboard = QColor(palette.color(QPalette.ColorRole.Highlight))
        aboard.setAlpha(35)
        aboard_pixel = np.uint32(_premultiplied(aboard, 35))
        edges = None
        stays = []  # the few stays aboard drawn one by one, as one batch
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
                    stays.append(_rects(x0, top + 1, x1 - x0, lane.height - 2))
        if stays:
            p.save()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(aboard)
            p.drawRects([rect for rects in stays for rect in rects])
            p.restore()

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

    def _bars(self, p: QPainter, lane: Lane, top, scale, t0, t1, plot, palette, state, batch: "_BarBatch"):
        """A lane's bars into ``batch`` (drawn for all lanes at once), or its density strip when too many."""
        spans = lane.spans
        if not len(spans):
            return
        idx = spans.visible(t0, t1)
        if not len(idx):
            return
        pad = 3
        h = lane.height - 2 * pad
        if len(idx) > max(60, plot.width() * AGGREGATE_PER_PX):
            self._density(p, spans, top + pad, h, scale, t0, plot, palette)
            return
        left, right = plot.left() - 4, plot.right() + 4
        starts, ends = spans.start[idx], spans.end[idx]
        x0 = np.maximum(scale.x(starts), left)
        x1 = np.where(np.isinf(ends), right, np.minimum(scale.x(ends), right))
        if len(idx) > 40 and np.count_nonzero(x1 - x0 >= THIN_PX) * 4 < len(idx):
            # Mostly bars thinner than a few pixels (activities seen over a year): as many as that show
            # nothing but their crowding, so the lane is drawn as density too.
            self._density(p, spans, top + pad, h, scale, t0, plot, palette)
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
        batch.add(style, idx, x0, w, open_end, chosen, top + pad, h)

    def _draw_batch(self, p, batch: "_BarBatch", plot, palette):
        """Every lane's bars: fills, outlines and labels each batched by colour."""
        codes = list(batch.codes)
        right = plot.right() + 4
        fm = p.fontMetrics()
        p.save()
        if batch.parts:
            x0, w, y, h, color, open_end, chosen, labels = (
                np.concatenate([part[k] for part in batch.parts]) for k in range(8))
            p.setPen(Qt.PenStyle.NoPen)
            for c in sorted(set(color.tolist())):
                mine = color == c
                p.setBrush(self.color(codes[c]))
                p.drawRects(_rects(*_merged(x0[mine], y[mine], w[mine], h[mine])))
                for k in np.flatnonzero(mine & open_end).tolist():
                    # An open end: fade the last pixels so the bar reads as "goes on".
                    p.fillRect(QRectF(right - 12, y[k], 12, h[k]), QBrush(self.color(codes[c]), Qt.BrushStyle.Dense4Pattern))
            p.setBrush(Qt.BrushStyle.NoBrush)
            outlined = (w > 6) & ~chosen
            for c in sorted(set(color[outlined].tolist())):
                mine = outlined & (color == c)
                p.setPen(QPen(self.color(codes[c]).darker(140), 0))
                p.drawRects(_rects(x0[mine], y[mine], w[mine], h[mine]))
            if chosen.any():
                p.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
                p.drawRects(_rects(x0[chosen] - 1, y[chosen] - 1, w[chosen] + 2, h[chosen] + 2))
            pens = [_text_on(self.color(code)) for code in codes]
            rise = fm.height() / 2  # from the middle of the bar to the top of the text
            pen = None
            for k in np.flatnonzero(w > 24).tolist():
                bx0, bx1 = float(x0[k]), float(x0[k] + w[k])
                text_x = max(bx0, plot.left()) + 3
                avail = min(bx1, plot.right()) - text_x - 2
                if avail <= 16:
                    continue
                label = self._fit(fm, labels[k], avail)
                if label:
                    if pens[color[k]] is not pen:
                        pen = pens[color[k]]
                        p.setPen(pen)
                    p.drawStaticText(QPointF(text_x, float(y[k] + h[k] / 2 - rise)), self._text(label))
        p.restore()

    def _text(self, text: str) -> QStaticText:
        """``text`` laid out once for the painter's font (kept; the font's change empties the cache)."""
        static = self._static.get(text)
        if static is None:
            if len(self._static) > 50_000:  # labels of a whole plan zoomed through: start afresh
                self._static.clear()
            static = self._static[text] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
        return static

    def _fit(self, fm, label: str, avail: float) -> str:
        """``label``, or as much of it as fits in ``avail`` pixels followed by an ellipsis ("" if none does).

        Widths of each label's beginnings are kept (from the font's advances, character by character), so
        a zoom that changes every bar's width measures no text."""
        widths = self._advances.get(label)
        if widths is None:
            chars = self._char_widths
            for ch in set(label) - chars.keys():
                chars[ch] = fm.horizontalAdvance(ch)
            widths = self._advances[label] = np.cumsum([chars[ch] for ch in label] or [0])
        if widths[-1] <= avail:
            return label
        dots = self._char_widths.get("…")
        if dots is None:
            dots = self._char_widths["…"] = fm.horizontalAdvance("…")
        n = int(np.searchsorted(widths, avail - dots, side="right"))
        return label[:n] + "…" if n else ""

    def _density(self, p, spans, top, h, scale, t0, plot, palette):
        """Many spans per pixel: shade each pixel column by how many spans cover it, in one image."""
        width = int(math.ceil(plot.width()))
        edges = lod.pixel_edges(t0, scale.seconds_per_px, width)
        cover = lod.coverage(spans.start, spans.sorted_end, edges)
        if not cover.any():
            return
        level = np.minimum(4, np.ceil(np.log2(cover + 1))).astype(int)  # 0 empty .. 4 crowded
        base = QColor(palette.color(QPalette.ColorRole.Highlight))
        shades = np.array([0] + [_premultiplied(base, 50 + 50 * lv) for lv in range(1, 5)], dtype=np.uint32)
        draw_strip(p, plot.left(), top, h, shades[level])

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
        if len(times) > plot.width() / 4:
            self._headcount_envelope(p, times, people, seats, y, scale, plot, palette)
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
        for values_y, color, thick in ((seats_y, QColor(46, 160, 60), 5.0),
                                       (people_y, palette.color(QPalette.ColorRole.Text), 2.0)):
            d = thick / 2
            rise_lo = np.minimum(values_y[:-1], values_y[1:])
            p.setBrush(color)
            p.drawRects(_rects(np.concatenate([xs - d, ends[:-1] - d]), np.concatenate([values_y - d, rise_lo - d]),
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

    def _headcount_envelope(self, p, times, people, seats, y, scale, plot, palette):
        """More steps than can be told apart: per pixel column, a bar from the least to the most of each series,
        all drawn as one image; the number aboard where it stays the same across enough columns to print it."""
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
        short = QColor(CONFLICT)
        seats_high, seats_low = y(ranges["seats"][1]), y(ranges["seats"][0])
        people_high, people_low = y(ranges["people"][1]), y(ranges["people"][0])
        # From the most people down to the fewest seats of the column, then seats (wide) under people (thin).
        layers = ((people_high, np.maximum(seats_low, people_high + 1.0), short_cols, _premultiplied(short, 80)),
                  (seats_high - 2.5, seats_low + 2.5, None, _premultiplied(QColor(46, 160, 60), 255)),
                  (people_high - 0.75, people_low + 0.75, None, _premultiplied(palette.color(QPalette.ColorRole.Text), 255)))
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
        if not bands.findings:
            return
        idx = None
        if bands.count_at_most(t0, t1) <= FINDINGS_ONE_BY_ONE:
            idx = bands.visible(t0, t1)
        if idx is None or len(idx) > FINDINGS_ONE_BY_ONE:
            self._merged_findings(p, layout, plot, y0, scale, t0)
            return
        # Each band is drawn over the lanes of its ports and people (see finding_rects), batched by severity.
        keys = [lane.key for lane in layout.lanes]
        which, lane_no = bands.lanes_of(idx, keys)
        tops = np.array([y0 + lane.top for lane in layout.lanes] + [plot.top()], dtype=float)
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

    def highlight_rects(self, state: ViewState, plot: QRectF, scale: TimeScale) -> list[tuple[int, QRectF]]:
        """``(index, rect)`` of each candidate window drawn across the lanes (an instant gets three pixels)."""
        out = []
        for k, (start, end, _label) in enumerate(state.highlights):
            x0, x1 = scale.x(start), scale.x(end)
            if x1 - x0 < 3:
                x0, x1 = x0 - 1.5, x0 + 1.5
            x0, x1 = max(x0, plot.left() - 2), min(x1, plot.right() + 2)
            if x1 > x0:
                out.append((k, QRectF(x0, plot.top(), x1 - x0, plot.height())))
        return out

    def _highlights(self, p, state, plot, scale, t0, t1):
        """Candidate windows as translucent bands over every lane, the chosen one stronger and edged."""
        if not state.highlights:
            return
        p.save()
        for k, rect in sorted(self.highlight_rects(state, plot, scale), key=lambda item: item[0] == state.chosen_highlight):
            chosen = k == state.chosen_highlight
            fill = QColor(HIGHLIGHT)
            fill.setAlpha(90 if chosen else 40)
            p.fillRect(rect, fill)
            edge = QColor(HIGHLIGHT)
            edge.setAlpha(230 if chosen else 120)
            p.setPen(QPen(edge, 2 if chosen else 1, Qt.PenStyle.SolidLine if chosen else Qt.PenStyle.DashLine))
            p.drawLine(rect.topLeft(), rect.bottomLeft())
            p.drawLine(rect.topRight(), rect.bottomRight())
        p.restore()

    def _merged_findings(self, p, layout, plot, y0, scale, t0):
        """Too many findings to tell apart: per lane and severity, the pixel columns any of them covers."""
        bands = layout.findings
        width = int(math.ceil(plot.width()))
        edges = lod.pixel_edges(t0, scale.seconds_per_px, width)
        if bands.by_lane is not None:
            rows = []  # (top, height, key)
            for lane in layout.lanes:
                top = y0 + lane.top
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
            pixel = np.uint32(_premultiplied(base, 60))
            if masks[severity] is None:
                continue
            for (top, height, _key), mask in zip(rows, masks[severity]):
                # An instant inside a column marks that column: it still shows.
                if mask.any():
                    draw_strip(p, plot.left(), top, height, np.where(mask, pixel, np.uint32(0)))

    def _axis(self, p, width, grid, scale, palette, zone, t0):
        p.fillRect(QRectF(0, 0, width, AXIS_H), palette.color(QPalette.ColorRole.Window))
        p.setPen(palette.color(QPalette.ColorRole.Mid))
        p.drawLine(0, AXIS_H - 1, width, AXIS_H - 1)
        p.setPen(palette.color(QPalette.ColorRole.WindowText))
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
        title_pen = palette.color(QPalette.ColorRole.WindowText)
        rule_pen = palette.color(QPalette.ColorRole.Midlight)
        for lane in layout.lanes:
            top = y0 + lane.top
            if top > height or top + lane.height < AXIS_H:
                continue
            p.setPen(title_pen)
            text = self._fit(fm, lane.title, LABEL_W - 12)
            text_top = top + 8 if lane.kind == "headcount" else top + (lane.height - fm.height()) / 2
            p.drawStaticText(QPointF(8, text_top), self._text(text))
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
            p.setPen(rule_pen)
            p.drawLine(QPointF(0, top + lane.height), QPointF(LABEL_W, top + lane.height))
        p.setPen(palette.color(QPalette.ColorRole.Mid))
        p.drawLine(LABEL_W - 1, AXIS_H, LABEL_W - 1, height)
        p.restore()
