"""Launch opportunities of the selected missions' launch sites as thin marks across the lanes, when zoomed to days:
a line at each estimated liftoff, a short tick on to the in-plane moment, and the liftoff time above when there is
room (the tooltip says the site, both times, the direction and the azimuth)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.gui.timeline.frame import Frame, ViewState
from planner.gui.timeline.launch_marks import SHOW_BELOW_S
from planner.gui.timeline.scale import TimeScale
from planner.model.display_time import format_in_zone
from planner.orbit.timebase import to_datetime

LAUNCH = QColor(140, 60, 200)  # a hue of its own: not the findings' red and amber, the windows' cyan, the cursor


def shows_launches(orbit, state: ViewState, t0: float, t1: float) -> bool:
    """Whether launch opportunities are marked: an orbit, the layer on, a mission selected whose site is known, and
    less than :data:`SHOW_BELOW_S` on screen."""
    return (orbit is not None and orbit.available and state.show_launches and bool(state.launch_sites)
            and t1 - t0 < SHOW_BELOW_S)


def launch_markers(orbit, state: ViewState, t0: float, t1: float) -> list:
    """The launch opportunities marked over ``t0..t1`` with ``orbit`` (a timeline OrbitLayer) and ``state``: those
    of ``state.launch_sites`` when :func:`shows_launches`; in time order."""
    if not shows_launches(orbit, state, t0, t1):
        return []
    found = []
    for site, vehicle_type in state.launch_sites:
        found += orbit.launches.opportunities(site, vehicle_type, t0, t1)
    return sorted(found, key=lambda o: o.launch)


def marker_text(opportunity, zone: str) -> str:
    """One opportunity in words: 'Baikonur Site 31/6: liftoff 08:55, in plane 08:58 UTC, northeast 61.8°'."""
    liftoff = format_in_zone(to_datetime(round(opportunity.launch)), zone, seconds=False).split(" ")
    in_plane = format_in_zone(to_datetime(round(opportunity.in_plane)), zone, seconds=False).split(" ")
    return (f"{opportunity.site.name}: liftoff {liftoff[1]}, in plane {in_plane[1]} {in_plane[2]}, "
            f"{opportunity.direction} {opportunity.azimuth_deg:.1f}°")


def tooltip_lines(orbit, state: ViewState, scale: TimeScale, t0: float, t1: float, x: float, zone: str) -> list[str]:
    """The words of the marks within a few pixels of ``x`` (tooltip lines)."""
    return [f"<b>Launch opportunity</b> ({format_in_zone(to_datetime(round(o.launch)), zone, seconds=False)[:10]})"
            f"<br>{marker_text(o, zone)}"
            for o in launch_markers(orbit, state, t0, t1)
            if scale.x(o.launch) - 3 <= x <= max(scale.x(o.in_plane), scale.x(o.launch)) + 3]


class LaunchMarkers:
    """The marks of :func:`launch_markers`, and a line saying why none are drawn where the orbit cannot tell."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the marks (nothing when zoomed out, switched off or with no mission selected)."""
        if not shows_launches(f.orbit, f.state, f.t0, f.t1):
            return
        found = launch_markers(f.orbit, f.state, f.t0, f.t1)
        plot, scale = f.plot, f.scale
        p.save()
        font = QFont(p.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        p.setFont(font)
        problem = f.orbit.launches.problem  # the days the element sets cannot judge are the same for every site
        if problem:  # on a box of its own at the foot of the plot, over whatever lane is there
            text = p.fontMetrics().elidedText(f"No launch opportunities shown: {problem}", Qt.TextElideMode.ElideRight,
                                              int(plot.width() - 20))
            box = QRectF(plot.left() + 4, plot.bottom() - p.fontMetrics().height() - 8,
                         p.fontMetrics().horizontalAdvance(text) + 12, p.fontMetrics().height() + 4)
            back = QColor(f.palette.base().color())
            back.setAlpha(235)
            p.fillRect(box, back)
            p.setPen(LAUNCH)
            p.drawRect(box)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        last_label = -1e9
        metrics = p.fontMetrics()
        several = len({site for site, _type in f.state.launch_sites}) > 1
        for o in found:
            x, x_plane = scale.x(o.launch), scale.x(o.in_plane)
            line = QColor(LAUNCH)
            line.setAlpha(200)
            p.setPen(QPen(line, 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(QPen(LAUNCH, 3))
            p.drawLine(QPointF(x, plot.top() + 1), QPointF(max(x_plane, x + 3), plot.top() + 1))
            label = format_in_zone(to_datetime(round(o.launch)), f.zone, seconds=False).split(" ")[1]
            if several:
                label += " " + o.site.name.split(" ")[0]
            box = QRectF(x + 3, plot.top() + 4, metrics.horizontalAdvance(label) + 6, metrics.height())
            if box.left() > last_label + 4:
                back = QColor(f.palette.base().color())
                back.setAlpha(210)
                p.fillRect(box, back)
                p.setPen(LAUNCH)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
                last_label = box.right()
        p.restore()
