"""The map widget: paints the renderer, zooms with the wheel, pans by dragging, tells what is under the track."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.gui.map.projection import MapProjection
from planner.gui.map.renderer import MapRenderer
from planner.gui.map.sprites import SpriteCache

IDLE_SLICE_S = 0.004  # work done ahead per idle moment: short enough not to hold up the next event


class MapCanvas(QWidget):
    """The ground-track map; the renderer says what to draw, the canvas keeps the still background."""

    #: a track point was hovered: (epoch seconds, lat, lon, sunlit)
    trackHovered = Signal(float, float, float, bool)

    def __init__(self, renderer: MapRenderer | None = None, zone=lambda: "UTC", parent=None):
        super().__init__(parent)
        self.renderer = renderer or MapRenderer()
        self.zone = zone
        self.projection = MapProjection(640.0, 320.0)
        self._background: QPixmap | None = None
        self._background_key = None
        self._drag_from: QPointF | None = None
        self.sprites = SpriteCache()
        # After each paint, the blocks and sprites the next frames will want are made in small slices
        # whenever the event loop is idle (a zero timer runs once the pending events are handled).
        self.prepare_timer = QTimer(self)
        self.prepare_timer.setSingleShot(True)
        self.prepare_timer.setInterval(0)
        self.prepare_timer.timeout.connect(self._prepare_ahead)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
        self.setAccessibleName("Ground-track map")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, 480)

    # ------------------------------------------------------------------ view

    def resizeEvent(self, event):  # noqa: N802
        self.projection = self.projection.resized(self.width(), self.height())
        super().resizeEvent(event)

    def set_projection(self, projection: MapProjection) -> None:
        """Show another zoom or centre."""
        self.projection = projection.clamped()
        self.update()

    def reset_view(self) -> None:
        """The whole world."""
        self.set_projection(MapProjection(self.width(), self.height()))

    def zoom_by(self, factor: float, at: QPointF | None = None) -> None:
        """Zoom in (factor > 1) or out about a widget point (the centre by default)."""
        at = at or QPointF(self.width() / 2.0, self.height() / 2.0)
        self.set_projection(self.projection.zoomed_at(factor, at.x(), at.y()))

    def invalidate_background(self) -> None:
        """Redraw the land and graticule on the next paint (layers or palette changed)."""
        self._background_key = None
        self.update()

    def _background_for(self, proj: MapProjection) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pal = self.palette()
        key = (proj, ratio, pal.base().color().rgba(), pal.text().color().rgba(), self.renderer.background_key())
        if key != self._background_key or self._background is None:
            # Land, graticule, site circles and the chosen place change only with the view or the project:
            # draw them once at the screen's own resolution.
            pixmap = QPixmap(round(proj.width * ratio), round(proj.height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            painter = QPainter(pixmap)
            self.renderer.paint_background(painter, proj, pal)
            painter.end()
            self._background, self._background_key = pixmap, key
        return self._background

    def paintEvent(self, event):  # noqa: N802
        proj = self.projection
        painter = QPainter(self)
        self.renderer.zone = self.zone()
        self.renderer.paint(painter, proj, self.palette(), self._background_for(proj), self.sprites)
        painter.end()
        self.prepare_timer.start()

    def _prepare_ahead(self) -> None:
        if self.renderer.prepare_ahead(self.projection, self.devicePixelRatioF(), self.sprites, IDLE_SLICE_S):
            self.prepare_timer.start()

    # ------------------------------------------------------------------ mouse

    def wheelEvent(self, event):  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.25 ** steps, event.position())
        event.accept()

    def mousePressEvent(self, event):  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseReleaseEvent(self, event):  # noqa: N802
        self._drag_from = None
        self.unsetCursor()

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        self.zoom_by(2.0, event.position())

    def mouseMoveEvent(self, event):  # noqa: N802
        pos = event.position()
        if self._drag_from is not None:
            delta = pos - self._drag_from
            self._drag_from = pos
            self.set_projection(self.projection.panned(delta.x(), delta.y()))
            return
        text = self.describe_point(pos.x(), pos.y())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def describe_point(self, x: float, y: float) -> str:
        """The hover text for a widget point on the track: time, latitude, longitude, light, what is below."""
        hit = self.renderer.nearest_sample(x, y)
        if hit is None:
            return ""
        from planner.model.display_time import format_in_zone
        from planner.orbit.geography import below
        from planner.orbit.timebase import to_datetime

        t, lat, lon, sunlit = hit
        self.trackHovered.emit(t, lat, lon, sunlit)
        under = below(lat, lon)[0]
        return (f"{format_in_zone(to_datetime(t), self.zone())}\n"
                f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'} {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}\n"
                f"{'sunlit' if sunlit else 'in shadow'} · over {under.name}")

    # ------------------------------------------------------------------ pictures

    def render_image(self, width: int | None = None, height: int | None = None, ratio: float = 1.0) -> QImage:
        """The map as an image of the given size (the widget's by default), at the current zoom and time."""
        width, height = width or self.width(), height or self.height()
        proj = self.projection.resized(width, height)
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        painter = QPainter(image)
        self.renderer.zone = self.zone()
        self.renderer.paint(painter, proj, self.palette(), None)
        painter.end()
        return image

    def write_svg(self, path: Path, title: str = "Ground track") -> None:
        """The map as SVG (vectors: land, track and circles stay sharp at any size)."""
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(self.width(), self.height()))
        generator.setViewBox(QRectF(0, 0, self.width(), self.height()))
        generator.setTitle(title)
        generator.setDescription("ISS ground track drawn by the ISS Visit Planner")
        painter = QPainter(generator)
        self.renderer.zone = self.zone()
        self.renderer.paint(painter, self.projection, self.palette(), None)
        painter.end()
