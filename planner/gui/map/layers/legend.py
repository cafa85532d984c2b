"""The legend: what the map's colours and marks mean, in a small box at the bottom left of the map.

It lists only what is drawn (the track's daylight and shadow colours, the footprint, the ground sites, the station,
the night side, overflights of a chosen place, filming windows, where the track is out of a network's link
coverage), each with a swatch drawn by the same code as the layer it explains, so the two cannot drift apart. At the whole world it sits over Antarctica, where the station
never flies (its track stays within 52° of the equator). On screen it is copied from a picture kept until what it
lists, the palette or the font changes; pictures and SVG files get vectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen

from planner.gui.map.frame import HIGHLIGHT, NIGHT, WINDOW, MapFrame
from planner.gui.map.layers.places import draw_site_mark, marks_font, site_circle_style
from planner.gui.map.layers.station import draw_station_mark, footprint_style
from planner.gui.map.layers.track import RUN_WIDTH, gap_pen, track_pen

SWATCH_W, ROW_H = 20.0, 16.0  # a swatch, and a row of the box (at least the font's height)
GAP, SPACING = 5.0, 12.0  # swatch to its text, one entry to the next
PAD, MARGIN = 5.0, 6.0  # inside the box, and from the box to the edges of the map


@dataclass(frozen=True)
class Entry:
    """One line of the legend: its text and how its swatch is drawn into a rectangle."""

    key: str
    text: str
    draw: Callable[[QPainter, QRectF, dict], None]


def _line(p: QPainter, r: QRectF, pen: QPen) -> None:
    p.setPen(pen)
    p.drawLine(QPointF(r.left() + 1, r.center().y()), QPointF(r.right() - 1, r.center().y()))


def _station(p, r, c):
    draw_station_mark(p, r.center().x(), r.center().y(), c["base"])


def _daylight(p, r, _c):
    _line(p, r, track_pen(True))


def _shadow(p, r, _c):
    _line(p, r, track_pen(False))


def _footprint(p, r, _c):
    footprint_style(p)
    p.drawEllipse(r.center(), r.height() / 2 - 0.5, r.height() / 2 - 0.5)


def _site(p, r, c):
    site_circle_style(p)
    p.drawEllipse(r.center(), r.height() / 2 - 0.5, r.height() / 2 - 0.5)
    draw_site_mark(p, r.center().x(), r.center().y() + 0.5, c["text"])


def _night(p, r, c):
    box = r.adjusted(2, 2, -2, -2)
    p.setPen(Qt.PenStyle.NoPen)
    p.fillRect(box, c["land"])
    p.fillRect(box, NIGHT)


def _run(colour: QColor):
    def draw(p, r, _c):
        pen = QPen(colour, RUN_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        _line(p, r, pen)
        _line(p, r, track_pen(True))
    return draw


def _gap(network: str):
    def draw(p, r, _c):
        _line(p, r, gap_pen(network))
        _line(p, r, track_pen(True))
    return draw


def entries(f: MapFrame) -> list[Entry]:
    """What the legend lists for this paint: the things drawn, in the order a reader looks for them."""
    shown, out = f.shown, []
    track = f.has_track
    if track and f.station_known:
        out.append(Entry("station", "ISS", _station))
    if track and shown.layers.track:
        out += [Entry("daylight", "Track sunlit", _daylight), Entry("shadow", "in shadow", _shadow)]
    if track and shown.layers.footprint and f.station_known:
        out.append(Entry("footprint", "Footprint", _footprint))
    if shown.layers.sites and shown.sites:
        out.append(Entry("sites", "Ground site", _site))
    if track and shown.layers.terminator:
        out.append(Entry("night", "Night", _night))
    if track and shown.layers.track and shown.layers.overflights and shown.place is not None:
        name = shown.place if isinstance(shown.place, str) else (shown.place.name or shown.place.id)
        out.append(Entry("overflights", f"Over {name}", _run(HIGHLIGHT)))
    if track and shown.layers.track and shown.layers.windows and shown.windows:
        out.append(Entry("windows", "Filming window", _run(WINDOW)))
    if track and shown.layers.track and shown.layers.coverage:
        span = shown.track_span()
        for network, text in (("us", "No US link (TDRS)"), ("ru", "No Russian link")):
            if len(shown.coverage_gaps(network, *span)):  # listed only where some of the track shown has one
                out.append(Entry(f"no-{network}-link", text, _gap(network)))
    return out


def layout(items: list[Entry], metrics: QFontMetricsF, max_width: float) -> tuple[list[tuple[Entry, QRectF]], QRectF]:
    """Each entry's swatch rectangle in a box starting at (0, 0), rows wrapped at ``max_width``; and the box."""
    row_h = max(ROW_H, metrics.height())
    placed, x, y, widest = [], PAD, PAD, 0.0
    for entry in items:
        width = SWATCH_W + GAP + metrics.horizontalAdvance(entry.text)
        if x > PAD and x + width + PAD > max_width:  # the next row
            x, y = PAD, y + row_h
        placed.append((entry, QRectF(x, y, SWATCH_W, row_h)))
        widest = max(widest, x + width)
        x += width + SPACING
    return placed, QRectF(0, 0, widest + PAD, y + row_h + PAD)


class Legend:
    """The legend box (when its layer is on and there is something to explain)."""

    def __init__(self):
        self._key = None
        self._image: QImage | None = None
        self.rect: QRectF | None = None  # where the box was last drawn (widget pixels), None when it was not

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the box at the bottom left of the map shown (kept as a picture when painting on screen)."""
        self.rect = None
        if not f.shown.layers.legend:
            return
        items = entries(f)
        if not items:
            return
        proj = f.proj
        left, top, w, h = proj.world_rect()
        area = QRectF(left, top, w, h).intersected(QRectF(0, 0, proj.width, proj.height))
        font = marks_font(p.font())
        metrics = QFontMetricsF(font)
        placed, box = layout(items, metrics, area.width() - 2 * MARGIN)
        # Above the graticule's longitudes, which run along the bottom edge.
        below = MARGIN + (metrics.height() if f.shown.layers.graticule else 0.0)
        at = QPointF(area.left() + MARGIN, area.bottom() - below - box.height())
        self.rect = box.translated(at)
        if f.sprites is None:
            p.save()
            p.translate(at)
            p.setFont(font)
            self._draw(p, f.colours, placed, box)
            p.restore()
            return
        c = f.colours
        key = (tuple(e.text for e in items), box.width(), box.height(), font.key(), f.ratio,
               tuple(c[name].rgba() for name in ("base", "text", "land")))
        if key != self._key or self._image is None:
            image = QImage(round(box.width() * f.ratio) + 1, round(box.height() * f.ratio) + 1,
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(f.ratio)
            image.fill(0)
            q = QPainter(image)
            q.setFont(font)
            self._draw(q, c, placed, box)
            q.end()
            self._key, self._image = key, image
        p.drawImage(QPointF(round(at.x()), round(at.y())), self._image)

    @staticmethod
    def _draw(p: QPainter, c: dict, placed: list[tuple[Entry, QRectF]], box: QRectF) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        back = QColor(c["base"])
        back.setAlpha(215)
        edge = QColor(c["text"])
        edge.setAlpha(70)
        p.setPen(QPen(edge, 1.0))
        p.setBrush(back)
        p.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        for entry, swatch in placed:
            p.save()
            entry.draw(p, swatch, c)
            p.restore()
            p.setPen(c["text"])
            text = QRectF(swatch.right() + GAP, swatch.top(), box.width(), swatch.height())
            p.drawText(text, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), entry.text)
