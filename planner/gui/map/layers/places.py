"""Places on the map: the chosen country or site circle whose overflights are highlighted, where each ground
site sees the station (a dashed circle), and the sites' marks with their labels kept off each other."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from planner.gui.map.frame import HIGHLIGHT, MapFrame, draw_wrapped
from planner.gui.map.qt_geometry import country_path
from planner.gui.map.sprites import draw_sprite, make_sprite
from planner.orbit.footprint import footprint_radius_deg, small_circle

SITE = QColor(60, 170, 90)


class PlaceOutline:
    """The chosen place (a country, or a circle around a site), when overflights are shown."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Outline and tint the place."""
        shown, proj = f.shown, f.proj
        if not (shown.layers.overflights and shown.place is not None):
            return
        pen = QPen(HIGHLIGHT, 1.5)
        pen.setCosmetic(True)
        tint = QColor(HIGHLIGHT.red(), HIGHLIGHT.green(), HIGHLIGHT.blue(), 50)
        if isinstance(shown.place, str):
            path = country_path(shown.place)
            if path is None:
                return
            p.save()
            p.setTransform(proj.transform(), True)
            p.setPen(pen)
            p.setBrush(tint)
            p.drawPath(path)
            p.restore()
        elif shown.place_radius_km > 0:
            from planner.orbit.geodesy import MEAN_EARTH_RADIUS_KM

            radius = np.degrees(shown.place_radius_km / MEAN_EARTH_RADIUS_KM)
            lon, lat = small_circle(shown.place.lat_deg, shown.place.lon_deg, radius, 91)
            p.setPen(pen)
            p.setBrush(tint)
            draw_wrapped(p, proj, lon, lat)


class SiteCircles:
    """Where each site sees the station above its minimum elevation (at the orbit's usual height)."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw each site's circle."""
        shown = f.shown
        if not shown.layers.sites:
            return
        for site in shown.sites:
            radius = footprint_radius_deg(shown.nominal_alt_km, site.min_elevation_deg)
            lon, lat = small_circle(site.lat_deg, site.lon_deg, radius, 121)
            site_circle_style(p)
            draw_wrapped(p, f.proj, lon, lat)


def site_circle_style(p: QPainter) -> None:
    """The pen and fill of a site's circle of view (the legend's too)."""
    p.setPen(QPen(SITE, 1.2, Qt.PenStyle.DashLine))
    p.setBrush(QColor(SITE.red(), SITE.green(), SITE.blue(), 28))


def draw_site_mark(p: QPainter, x: float, y: float, outline: QColor) -> None:
    """A site's mark, a green triangle outlined in ``outline``, at widget point (x, y)."""
    p.setPen(QPen(outline, 1.0))
    p.setBrush(SITE)
    p.drawPolygon(QPolygonF([QPointF(x, y - 5), QPointF(x - 4.5, y + 3.5), QPointF(x + 4.5, y + 3.5)]))


def marks_font(base: QFont) -> QFont:
    """The smaller font of the map's labels (sites' names, the legend)."""
    font = QFont(base)
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return font


class SiteMarks:
    """Each site's mark and name; on screen copied from a picture kept until the view, palette or sites change."""

    def __init__(self):
        self._key = None
        self._picture = None

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the marks (from the kept picture when painting with sprites)."""
        if not f.shown.layers.sites:
            return
        if f.has_track and f.sprites is not None:
            self._paint_kept(p, f)
        else:
            self._draw(p, f)

    def _paint_kept(self, p: QPainter, f: MapFrame) -> None:
        proj, c, sites = f.proj, f.colours, f.shown.sites
        base = QFont(p.font())
        font = marks_font(base)
        labels = [site.name or site.id for site in sites]
        key = (proj, f.ratio, c["text"].rgba(), font.key(), tuple((s.lat_deg, s.lon_deg) for s in sites), tuple(labels))
        if self._key != key:
            picture = None
            if sites:
                metrics = QFontMetricsF(font)
                wide, high = max(metrics.horizontalAdvance(label) for label in labels), metrics.height()
                xs = [float(proj.x(s.lon_deg)) for s in sites]
                ys = [float(proj.y(s.lat_deg)) for s in sites]
                # Wherever a label lands (beside, below or above its mark), it is inside this box.
                x0, x1 = max(min(xs) - wide - 10, 0.0), min(max(xs) + wide + 10, proj.width)
                y0, y1 = max(min(ys) - high - 10, 0.0), min(max(ys) + high + 10, proj.height)
                if x1 > x0 and y1 > y0 and (x1 - x0) * (y1 - y0) < 0.25 * proj.width * proj.height:
                    def draw(q):
                        q.setFont(base)
                        self._draw(q, f)
                    picture = make_sprite(x0, y0, x1, y1, f.ratio, 0.0, 0.0, draw)
            self._key, self._picture = key, picture
        if self._picture is None:
            self._draw(p, f)  # spread over much of the view: drawing beats copying
        else:
            draw_sprite(p, self._picture, 0.0, 0.0)

    @staticmethod
    def _draw(p: QPainter, f: MapFrame) -> None:
        proj, text, sites = f.proj, f.colours["text"], f.shown.sites
        p.setFont(marks_font(p.font()))
        metrics = p.fontMetrics()
        taken: list[QRectF] = []
        # Labels keep off every mark, not only off each other (Houston's would cover Kennedy's).
        marks = [QRectF(float(proj.x(s.lon_deg)) - 5.5, float(proj.y(s.lat_deg)) - 6, 11, 11) for s in sites]
        for n, site in enumerate(sites):
            x, y = float(proj.x(site.lon_deg)), float(proj.y(site.lat_deg))
            draw_site_mark(p, x, y, text)
            label = site.name or site.id
            w, h = metrics.horizontalAdvance(label), metrics.height()
            # Right of the mark, else below, left or above it: the first place no other label holds.
            spots = [QRectF(x + 6, y - h / 2, w, h), QRectF(x - w / 2, y + 5, w, h),
                     QRectF(x - 6 - w, y - h / 2, w, h), QRectF(x - w / 2, y - 6 - h, w, h)]
            others = taken + marks[:n] + marks[n + 1:]
            rect = next((r for r in spots if not any(r.intersects(o) for o in others)),
                        next((r for r in spots if not any(r.intersects(o) for o in taken)), spots[0]))
            taken.append(rect)
            p.setPen(text)
            p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)
