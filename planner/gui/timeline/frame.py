"""What one paint of the timeline works from (:class:`Frame`), what the view adds to the layout (:class:`ViewState`),
and the few drawing helpers the layer painters share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from planner.gui.timeline.layout import Lane, TimelineLayout
from planner.gui.timeline.orbit_layer import SHOW_BELOW_SECONDS_PER_PX, OrbitLayer
from planner.gui.timeline.scale import TimeScale

LABEL_W = 170
AXIS_H = 36
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
    changed: object = None  # the missions and activities a comparison found changed (layers.changes.ChangedItems)
    preview: tuple | None = None  # a proposed stay (port id, start, end, label) drawn as a ghost bar, e.g. a found flight
    show_launches: bool = True  # launch opportunities marked when zoomed to days (the toolbar's toggle)
    launch_sites: list = field(default_factory=list)  # (LaunchSite, vehicle type) of the selected missions
    now: float | None = None  # the now-line's instant (set while the plan spans today), None: no line


@dataclass
class Frame:
    """One paint: the layout at a scale in ``(0, 0, width, height)``, lanes starting at ``y0``."""

    width: int
    height: int
    layout: TimelineLayout
    scale: TimeScale  # its origin at the plot's left edge
    palette: QPalette
    zone: str
    state: ViewState
    orbit: OrbitLayer | None
    plot: QRectF  # the time area under the axis, right of the lane titles
    y0: float  # where the first lane's top is drawn
    t0: float  # the instants at the plot's left and right edges
    t1: float
    grid: list  # (instant, label) of the axis ticks

    @classmethod
    def make(cls, width: int, height: int, layout: TimelineLayout, scale: TimeScale, palette: QPalette, zone: str,
             state: ViewState, scroll_y: float, orbit: OrbitLayer | None) -> "Frame":
        """The frame of a paint (``scale`` is copied, its origin moved to the plot's left edge)."""
        from planner.gui.timeline.scale import ticks

        scale = scale.copy()
        scale.origin_x = LABEL_W
        t0, t1 = scale.span(width)
        return cls(width, height, layout, scale, palette, zone, state, orbit,
                   QRectF(LABEL_W, AXIS_H, width - LABEL_W, height - AXIS_H), AXIS_H - scroll_y, t0, t1,
                   ticks(t0, t1, scale.seconds_per_px, zone))

    @cached_property
    def lanes_in_view(self) -> list[tuple[int, Lane, float]]:
        """(number, lane, its top on the paint device) of the lanes at least partly below the axis."""
        y0, height = self.y0, self.height
        return [(n, lane, y0 + lane.top) for n, lane in enumerate(self.layout.lanes)
                if not (y0 + lane.top > height or y0 + lane.top + lane.height < AXIS_H)]

    @property
    def shows_orbit(self) -> bool:
        """True when the orbit's bands are drawn (there is an orbit, it is switched on, the zoom is close enough)."""
        return self.orbit is not None and self.state.show_orbit and self.scale.seconds_per_px <= SHOW_BELOW_SECONDS_PER_PX


def premultiplied(color: QColor, alpha: int) -> int:
    """``color`` at ``alpha`` as a pixel of a premultiplied ARGB32 image."""
    r, g, b = (color.red() * alpha // 255, color.green() * alpha // 255, color.blue() * alpha // 255)
    return (alpha << 24) | (r << 16) | (g << 8) | b


def draw_strip(p: QPainter, left: float, top: float, height: float, pixels: np.ndarray) -> None:
    """Draw one row of premultiplied ARGB32 ``pixels`` stretched to ``height``: a whole lane in one call."""
    row = np.ascontiguousarray(pixels, dtype=np.uint32)
    image = QImage(row.data, len(row), 1, 4 * len(row), QImage.Format.Format_ARGB32_Premultiplied)
    p.drawImage(QRectF(left, top, len(row), height), image)


def rects(x, y, w, h) -> list[QRectF]:
    """Rectangles from arrays of left, top, width and height (each may also be one number)."""
    x, y, w, h = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x, y, w, h)))
    return list(map(QRectF, x.tolist(), y.tolist(), w.tolist(), h.tolist()))
