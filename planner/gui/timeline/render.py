"""Painting the timeline with a QPainter: the same code draws the widget, the PNG and PDF exports and prints.

Everything drawn comes from a :class:`TimelineLayout` built beforehand. A paint is a :class:`Frame` (the layout
at a scale in a rectangle) handed to a list of layer painters (:mod:`planner.gui.timeline.layers`), each asking
only which of its spans are visible and aggregating what cannot be told apart (level of detail).
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPalette

from planner.gui.timeline.frame import Frame, ViewState
from planner.gui.timeline.layers.axis import Axis, Grid
from planner.gui.timeline.layers.backgrounds import LaneBackgrounds
from planner.gui.timeline.layers.bars import Bars
from planner.gui.timeline.layers.beta import BetaStrip
from planner.gui.timeline.layers.changes import ChangedBars
from planner.gui.timeline.layers.crew_day import CrewDayBlocks
from planner.gui.timeline.layers.findings import Findings
from planner.gui.timeline.layers.headcount import Headcount
from planner.gui.timeline.layers.launches import LaunchMarkers
from planner.gui.timeline.layers.labels import LaneLabels
from planner.gui.timeline.layers.links import LinkBands
from planner.gui.timeline.layers.marks import Cursor, Highlights, PreviewBar
from planner.gui.timeline.layers.now import NowLine, NowMark
from planner.gui.timeline.layers.orbit import OrbitBands, PassNames
from planner.gui.timeline.layers.relocations import Relocations
from planner.gui.timeline.layout import TimelineLayout
from planner.gui.timeline.orbit_layer import OrbitLayer
from planner.gui.timeline.scale import TimeScale
from planner.gui.timeline.texts import Texts


class TimelineRenderer:
    """Paints a layout at a scale into a rectangle of a paint device, layer by layer."""

    def __init__(self):
        self.texts = Texts()  # kept between paints: labels laid out and measured once
        #: clipped to the time area, bottom to top
        self.plot_layers = [LaneBackgrounds(), CrewDayBlocks(), Grid(), OrbitBands(), Headcount(), BetaStrip(),
                            LinkBands(), Bars(self.texts), ChangedBars(), Relocations(), Findings(), LaunchMarkers(),
                            Highlights(), PreviewBar(), NowLine(), Cursor()]
        #: around it: the axis above, the lane titles on the left
        self.edge_layers = [Axis(), NowMark(), PassNames(), LaneLabels(self.texts)]

    def paint(self, p: QPainter, width: int, height: int, layout: TimelineLayout, scale: TimeScale,
              palette: QPalette, zone: str = "UTC", state: ViewState | None = None, scroll_y: float = 0.0,
              orbit: OrbitLayer | None = None) -> None:
        """Draw everything into ``(0, 0, width, height)``; lanes start at ``AXIS_H - scroll_y``."""
        frame = Frame.make(width, height, layout, scale, palette, zone, state or ViewState(), scroll_y, orbit)
        self.texts.use_font_of(p)
        p.fillRect(0, 0, width, height, palette.color(QPalette.ColorRole.Base))
        p.save()
        p.setClipRect(frame.plot)
        for layer in self.plot_layers:
            layer.paint(p, frame)
        p.restore()
        for layer in self.edge_layers:
            layer.paint(p, frame)
