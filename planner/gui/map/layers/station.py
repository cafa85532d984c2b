"""The station now: its footprint (where it is above the chosen elevation), its mark and name; and the message
shown over the map when there is no track to draw."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.gui.map.frame import STATION, MapFrame, draw_wrapped
from planner.orbit.footprint import footprint_radius_deg, small_circle


def footprint_style(p: QPainter) -> None:
    """The footprint's pen and fill (the legend's too)."""
    edge = QColor(STATION)
    edge.setAlpha(200)
    p.setPen(QPen(edge, 1.3))
    p.setBrush(QColor(STATION.red(), STATION.green(), STATION.blue(), 30))


def draw_station_mark(p: QPainter, x: float, y: float, base: QColor) -> None:
    """The station's mark, a red dot ringed and centred in the map's ``base`` colour, at widget point (x, y)."""
    p.setPen(QPen(base, 2.0))
    p.setBrush(STATION)
    p.drawEllipse(QPointF(x, y), 6.0, 6.0)
    p.setBrush(base)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QPointF(x, y), 2.0, 2.0)


class Footprint:
    """The circle of ground that sees the station above the footprint's elevation."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the footprint (when its layer is on and the position is known)."""
        shown = f.shown
        if not (f.has_track and shown.layers.footprint and f.station_known):
            return
        lat, lon, alt = f.position
        radius = footprint_radius_deg(alt, shown.footprint_elevation_deg)
        clon, clat = small_circle(lat, lon, radius, 121)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, not shown.moving)  # smooth again once it stops
        footprint_style(p)
        draw_wrapped(p, f.proj, clon, clat)
        p.restore()


class StationMark:
    """A red dot labelled ISS where the station is."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the mark (when the position is known)."""
        if not (f.has_track and f.station_known):
            return
        lat, lon, _alt = f.position
        c = f.colours
        x, y = float(f.proj.x(lon)), float(f.proj.y(lat))
        draw_station_mark(p, x, y, c["base"])
        font = QFont(p.font())
        font.setBold(True)
        p.setFont(font)
        p.setPen(c["text"])
        p.drawText(QPointF(x + 9, y - 7), "ISS")


class Message:
    """Why there is no track (no element sets, or sets that cannot be used), in a box over the map."""

    def paint(self, p: QPainter, f: MapFrame) -> None:
        """Draw the message when there is no track and something to say."""
        if f.has_track or not f.shown.message:
            return
        proj, c = f.proj, f.colours
        font = QFont(p.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        p.setFont(font)
        box = QRectF(proj.width * 0.15, proj.height * 0.35, proj.width * 0.7, proj.height * 0.3)
        back = QColor(c["base"])
        back.setAlpha(225)
        p.setPen(QPen(c["text"], 1.0))
        p.setBrush(back)
        p.drawRoundedRect(box, 8, 8)
        p.drawText(box.adjusted(16, 12, -16, -12), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                   f.shown.message)
