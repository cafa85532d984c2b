"""The timeline widget's drawing surface: zoom, pan, hover, click, and drags that edit the plan.

Every drag pushes :class:`ReplaceItem` commands that share one ``merge_key``, so the whole drag is one undo
step while the live checker re-checks (and the bands move) at every step of the mouse. A stay dragged whole
to another time then offers to move its crew's activities with it (:mod:`planner.gui.shift_offer`): accepted,
the drag's step is replaced by one step that moves the mission and the activities together.
"""

from __future__ import annotations

import copy
import gc
import html
import itertools
import math
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.gui import shift_offer
from planner.gui.beta_readout import beta_threshold
from planner.gui.commands import ReplaceItem, ReplaceItems
from planner.gui.findings_model import message_in_zone
from planner.gui.timeline import edits
from planner.gui.timeline.beta_layer import BetaLane, BetaLayer
from planner.gui.timeline.links_lane import LinksLane
from planner.gui.timeline.layout import (
    ActivityBar, ActivityLanes, LaneCache, PortLanes, StayBar, TimelineLayout, build_layout,
    activity_heading, refresh_person_backgrounds,
)
from planner.gui.timeline.orbit_layer import OrbitLayer
from planner.gui.timeline.frame import AXIS_H, LABEL_W, ViewState
from planner.gui.timeline.launch_marks import marked_sites
from planner.gui.timeline.layers.findings import finding_rects
from planner.gui.timeline.layers.launches import tooltip_lines as launch_tooltip_lines
from planner.gui.timeline.layers.marks import highlight_rects
from planner.gui.timeline.layers.now import shown_now
from planner.gui.timeline.render import TimelineRenderer
from planner.gui.timeline.scale import TimeScale, snap_step
from planner.gui.widgets import answer_tooltip
from planner.model.clocks import clocks_at
from planner.model.display_time import format_in_zone
from planner.model.shift import plan_shift, shift_activity, shift_mission
from planner.model.times import from_epoch, to_epoch

EDGE_PX = 5
_drag_serial = itertools.count(1)


@dataclass
class Hit:
    """What is under the mouse: a bar of a lane, and which part of it."""

    lane: object
    index: int
    payload: object
    part: str  # "start", "end" or "move"
    start: float
    end: float


@dataclass
class Drag:
    """A drag in progress."""

    hit: Hit
    press_t: float
    press_pos: QPointF
    original: object  # the mission or activity as it was when the drag began
    merge_key: str
    last: object = None
    moved: bool = False
    step: object = None  # the drag's undo command (later moves merge into it)


class TimelineCanvas(QWidget):
    """Lanes over time, painted from a cached :class:`TimelineLayout`."""

    #: (collection, id) clicked / double-clicked
    itemClicked = Signal(str, str)
    itemActivated = Signal(str, str)
    #: the visible span or the lanes' height changed
    viewChanged = Signal()
    #: a double-click on empty time: the instant clicked (epoch seconds)
    emptyTimeActivated = Signal(float)

    def __init__(self, doc, station, checker, cursor, zone=lambda: "UTC", parent=None):
        """Lanes of ``doc``'s plan from ``station`` (a :class:`StationState`), with ``checker``'s findings as bands."""
        super().__init__(parent)
        self.doc, self.station, self.checker, self.cursor, self.zone = doc, station, checker, cursor, zone
        self.setObjectName("timelineCanvas")
        self.setAccessibleName("Station timeline")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(400, 200)
        self.renderer = TimelineRenderer()
        self.scale = TimeScale(origin_x=LABEL_W)
        self.state = ViewState()
        self.scroll_y = 0.0
        self.mode = "person"
        self._layout: TimelineLayout = TimelineLayout()
        # Edits only mark the layout stale: it is rebuilt once, when it is next painted or read, so a
        # hidden timeline costs nothing and an edit (items changed, then findings changed) rebuilds once.
        self._stale = False
        self._fit_when_built = False
        self._ports = None
        self._activities = None
        self._dirty = {"ports", "activities"}
        self._edited_activities: set[str] = set()  # rebuilt lane by lane when nothing else is dirty
        self._edited_missions: set[str] = set()  # their ports' lanes rebuilt, the others kept
        self._lane_cache = LaneCache()
        self.orbit = OrbitLayer(doc.project)
        self.show_beta = True  # the beta strip above the ports (the toolbar's toggle)
        self.show_links = True  # the links lane above the ports (with the day/night and passes toggle)
        self._beta: BetaLayer | None = None  # its samples, kept while the orbit stays
        self._drag: Drag | None = None
        self._pan: tuple[QPointF, float, float] | None = None
        self.rebuilds = 0  # how often the layout was rebuilt (tests check it is not per paint)
        self.clock = None  # a WallClock: the now-line (layers.now.follow_clock)
        doc.itemsChanged.connect(self._items_changed)
        doc.projectReset.connect(self._project_reset)
        doc.partChanged.connect(lambda _part: self.invalidate())
        station.changed.connect(self.invalidate)
        checker.findingsChanged.connect(self.invalidate)
        cursor.timeChanged.connect(self._cursor_moved)
        cursor.windowRequested.connect(self.show_window)
        cursor.highlightsChanged.connect(self.set_highlights)
        self.set_highlights(*cursor.highlights())
        self.refresh()
        if checker.checking:  # the stays are known once the full check (on its worker thread) is done:
            self._fit_when_built = True  # fit them then; meanwhile, the week from the cursor
            self.show_window(cursor.time(), cursor.time() + 7 * 86400.0, margin=0.0)
        else:
            self.fit_all()

    # ---------------------------------------------------------------- data

    @property
    def timeline(self):
        """The StationTimeline shown (current after every edit)."""
        return self.station.timeline

    def _items_changed(self, collection: str, _ids: list) -> None:
        if collection == "missions":
            self._edited_missions.update(_ids)
            self._dirty.add("backgrounds")
            if self.state.selected_missions:  # a type changed: its launch site too
                self.state.launch_sites = marked_sites(self.doc.project, self.state.selected_missions)
        elif collection == "activities":
            self._edited_activities.update(_ids)
        elif collection == "people":
            self._dirty.add("activities")
        elif collection in ("sites", "element_sets"):
            self.orbit = OrbitLayer(self.doc.project)
        self.invalidate()

    def _project_reset(self) -> None:
        self._dirty = {"ports", "activities"}
        self.orbit = OrbitLayer(self.doc.project)
        self._fit_when_built = True
        self.invalidate()

    @property
    def layout_(self) -> TimelineLayout:
        """The lanes, bars and bands drawn (rebuilt first if an edit made it stale)."""
        if self._stale:
            self.refresh()
        return self._layout

    def invalidate(self) -> None:
        """The plan or its findings changed: rebuild the layout before it is next painted or read."""
        self._stale = True
        self.update()

    def set_mode(self, mode: str) -> None:
        """Activity lanes per person (``"person"``) or per kind (``"kind"``)."""
        if mode != self.mode:
            self.mode = mode
            self._dirty.add("activities")
            self.refresh()

    def set_show_beta(self, on: bool) -> None:
        """Show or hide the beta strip (a lane above the ports, when the plan has element sets)."""
        if on != self.show_beta:
            self.show_beta = on
            self.invalidate()

    def _beta_lane(self) -> BetaLane | None:
        """The beta strip's lane for the next layout (None: switched off, or no orbit to draw it from)."""
        if not self.show_beta or not self.orbit.available:
            return None
        if self._beta is None or self._beta.orbit is not self.orbit.orbit:
            self._beta = BetaLayer(self.orbit.orbit)
        return BetaLane.make(self._beta, *beta_threshold(self.doc.project, self.state.selected_missions))

    def set_show_links(self, on: bool) -> None:
        """Show or hide the links lane (the coverage bands of each network, above the ports)."""
        if on != self.show_links:
            self.show_links = on
            self.invalidate()

    def _links_lane(self) -> LinksLane | None:
        """The links lane (coverage bands of each network) for the next layout: None when switched off (with the
        day/night and passes) or without an orbit."""
        return LinksLane.make(self.orbit) if self.show_links and self.orbit.available else None

    def refresh(self) -> None:
        """Rebuild what changed of the layout (and the findings' bands), then repaint."""
        project, timeline = self.doc.project, self.timeline
        missions, self._edited_missions = self._edited_missions, set()
        if missions and "ports" not in self._dirty and self._ports is not None:
            if not self._ports.update(project, timeline, missions):
                self._dirty.add("ports")
        full = "ports" in self._dirty or self._ports is None or "activities" in self._dirty or self._activities is None
        if "ports" in self._dirty or self._ports is None:
            self._ports = PortLanes(project, timeline)
        edited, self._edited_activities = self._edited_activities, set()
        if edited and "activities" not in self._dirty and self._activities is not None:
            if not self._activities.update(project, timeline, edited):
                self._dirty.add("activities")
        if "activities" in self._dirty or self._activities is None:
            self._activities = ActivityLanes(project, timeline, self.mode)
        elif "backgrounds" in self._dirty and self.mode == "person":
            refresh_person_backgrounds(self._activities.lanes, timeline)
        self._dirty.clear()
        self._layout = build_layout(project, timeline, self.checker.findings, self.mode,
                                    (self._ports.lanes, self._ports.relocations), self._activities.lanes,
                                    self._layout, self._lane_cache, self._beta_lane(), self._links_lane())
        self._stale = False
        self.rebuilds += 1
        if full:
            # A full build leaves a young generation of a few hundred thousand objects: collect it now, while
            # a plan is being opened anyway, rather than in the middle of the first pan (a 50 ms pause).
            gc.collect(1)
        if self._fit_when_built and not self.checker.checking:  # (a plan's stays are known once it is checked)
            self._fit_when_built = False
            self.fit_all()
        self._clamp_scroll()
        self.update()
        self.viewChanged.emit()

    # ---------------------------------------------------------------- view

    def plot_width(self) -> float:
        """Width of the time area in pixels."""
        return max(10.0, self.width() - LABEL_W)

    def visible_span(self) -> tuple[float, float]:
        """The instants at the left and right edges."""
        return self.scale.t(LABEL_W), self.scale.t(self.width())

    def fit_all(self) -> None:
        """Show every stay and activity (Ctrl+0)."""
        lo, hi = self.layout_.extent
        pad = (hi - lo) * 0.03
        self.show_window(lo - pad, hi + pad, margin=0.0)

    def show_window(self, start: float, end: float, margin: float = 0.1) -> None:
        """Zoom and pan so that ``[start, end]`` fills the view (with a margin each side)."""
        if not (math.isfinite(start) and math.isfinite(end)):
            end = start + 86400.0
        span = max(end - start, 60.0)
        self.scale.fit(start - span * margin, end + span * margin, self.plot_width())
        self.scale.origin_x = LABEL_W
        self.update()
        self.viewChanged.emit()

    def pivot_x(self) -> float:
        """Where the zoom keys zoom around: the time cursor when it is in view, else the middle of the selected
        bars in view, else the middle of the view (so what the user looks at stays on screen)."""
        left, right = LABEL_W, self.width()
        cursor = self.cursor.time()
        if cursor and left <= self.scale.x(cursor) <= right:
            return self.scale.x(cursor)
        span = self._selection_span()
        if span is not None:
            x0, x1 = max(left, self.scale.x(span[0])), min(right, self.scale.x(span[1]))
            if x0 <= x1:
                return (x0 + x1) / 2
        return left + self.plot_width() / 2

    def _selection_span(self) -> tuple[float, float] | None:
        """The first and last instant of the selected missions and activities, or None."""
        project = self.doc.project
        times = []
        for mission_id in self.state.selected_missions:
            mission = project.mission(mission_id)
            if mission is not None:
                times += [to_epoch(e.utc) for e in mission.events]
        chosen = self.state.selected_activities
        for activity in (a for a in project.activities if a.id in chosen) if chosen else ():
            times += [to_epoch(activity.start), to_epoch(activity.end)]
        return (min(times), max(times)) if times else None

    def zoom(self, factor: float, around_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out around ``around_x`` (by default :meth:`pivot_x`)."""
        around_x = self.pivot_x() if around_x is None else around_x
        self.scale.zoom(factor, around_x)
        self.update()
        self.viewChanged.emit()

    def pan(self, dx_px: float) -> None:
        """Move the view ``dx_px`` pixels later."""
        self.scale.pan(dx_px)
        self.update()
        self.viewChanged.emit()

    def center_on(self, t: float) -> None:
        """Keep the zoom, put ``t`` in the middle."""
        self.scale.start = t - self.plot_width() / 2 * self.scale.seconds_per_px
        self.update()
        self.viewChanged.emit()

    def set_scroll(self, y: float) -> None:
        """Scroll the lanes vertically."""
        self.scroll_y = float(y)
        self._clamp_scroll()
        self.update()

    def max_scroll(self) -> int:
        """How far the lanes can scroll."""
        return max(0, int(self.layout_.height - (self.height() - AXIS_H) + 4))

    def _clamp_scroll(self) -> None:
        self.scroll_y = min(max(0.0, self.scroll_y), float(self.max_scroll()))

    def _cursor_moved(self, t: float) -> None:
        self.state.cursor = t
        self.update()

    def set_highlights(self, windows: list, chosen: int = -1) -> None:
        """Mark candidate windows ``(start, end, label)`` (the cursor's highlights); an empty list clears them."""
        self.state.highlights = [(float(s), float(e), str(label)) for s, e, label in windows]
        self.state.chosen_highlight = chosen if 0 <= chosen < len(windows) else -1
        self.update()

    def set_preview(self, preview: tuple | None) -> None:
        """Draw a proposed stay ``(port id, start, end, label)`` as a ghost bar in its port's lane (None: none)."""
        self.state.preview = preview
        self.update()

    def set_selection(self, collection: str, ids: list) -> None:
        """Outline the selected missions or activities."""
        if collection == "missions":
            self.state.selected_missions = set(ids)
            self.state.launch_sites = marked_sites(self.doc.project, ids)
        elif collection == "activities":
            self.state.selected_activities = set(ids)
        lane = self._layout.lane("beta")
        if collection == "missions" and lane is not None:  # shaded above the selected vehicles' limit
            lane.set_threshold(*beta_threshold(self.doc.project, self.state.selected_missions))
        self.update()

    def paintEvent(self, _event):  # noqa: N802
        p = QPainter(self)
        self.state.cursor = self.cursor.time() if self.cursor.time() else None
        self.state.now = shown_now(self.clock, self.layout_.extent)
        self.renderer.paint(p, self.width(), self.height(), self.layout_, self.scale, self.palette(), self.zone(),
                            self.state, self.scroll_y, self.orbit)
        p.end()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._clamp_scroll()
        self.viewChanged.emit()

    # ---------------------------------------------------------------- hits

    def lane_at(self, y: float):
        """The lane at widget ``y``, or None."""
        if y < AXIS_H:
            return None
        return self.layout_.lane_at(y - AXIS_H + self.scroll_y)

    def hit(self, pos: QPointF) -> Hit | None:
        """The bar under ``pos``, with the part (an end within a few pixels, or the body)."""
        if pos.x() < LABEL_W:
            return None
        lane = self.lane_at(pos.y())
        if lane is None or not len(lane.spans):
            return None
        spp = self.scale.seconds_per_px
        t = self.scale.t(pos.x())
        best = None
        for i in lane.spans.visible(t - EDGE_PX * spp, t + EDGE_PX * spp):
            s, e = float(lane.spans.start[i]), float(lane.spans.end[i])
            x0 = self.scale.x(s)
            x1 = self.width() + 10 if math.isinf(e) else self.scale.x(e)
            if not (x0 - EDGE_PX <= pos.x() <= x1 + EDGE_PX):
                continue
            part = "move"
            if x1 - x0 > 3 * EDGE_PX:
                if abs(pos.x() - x0) <= EDGE_PX:
                    part = "start"
                elif not math.isinf(e) and abs(pos.x() - x1) <= EDGE_PX:
                    part = "end"
            candidate = Hit(lane, int(i), lane.spans.payloads[i], part, s, e)
            if best is None or (x0 <= pos.x() <= x1):
                best = candidate
        return best

    @staticmethod
    def _record(payload) -> tuple[str, str] | None:
        if isinstance(payload, StayBar):
            return "missions", payload.mission
        if isinstance(payload, ActivityBar):
            return "activities", payload.activity
        return None

    # ---------------------------------------------------------------- mouse

    def mousePressEvent(self, event):  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        hit = self.hit(pos)
        if hit is not None:
            collection, item_id = self._record(hit.payload)
            self.itemClicked.emit(collection, item_id)
            original = (self.doc.project.mission(item_id) if collection == "missions"
                        else next((a for a in self.doc.project.activities if a.id == item_id), None))
            if original is not None:
                self._drag = Drag(hit, self.scale.t(pos.x()), pos, copy.deepcopy(original),
                                  f"timeline-drag-{next(_drag_serial)}")
            return
        if pos.x() >= LABEL_W:
            self._pan = (pos, self.scale.start, self.scroll_y)

    def mouseMoveEvent(self, event):  # noqa: N802
        pos = event.position()
        if self._drag is not None:
            if not self._drag.moved and abs(pos.x() - self._drag.press_pos.x()) + abs(pos.y() - self._drag.press_pos.y()) < 4:
                return
            self._drag.moved = True
            self.drag_to(pos)
            return
        if self._pan is not None:
            start_pos, start_t, start_y = self._pan
            self.scale.start = start_t - (pos.x() - start_pos.x()) * self.scale.seconds_per_px
            self.set_scroll(start_y - (pos.y() - start_pos.y()))
            self.viewChanged.emit()
            return
        hit = self.hit(pos)
        if hit is None:
            self.unsetCursor()
        elif hit.part in ("start", "end"):
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mouseReleaseEvent(self, event):  # noqa: N802
        pos = event.position()
        if self._drag is not None:
            drag, self._drag = self._drag, None
            self.state.drop_lane = None
            self.update()
            if drag.step is not None and isinstance(drag.hit.payload, StayBar) and drag.hit.part == "move":
                # Asked once the release is handled (a modal question inside the mouse event would run its own
                # event loop while the canvas still holds the mouse).
                QTimer.singleShot(0, lambda: self.offer_activities(drag))
            return
        if self._pan is not None:
            start_pos = self._pan[0]
            self._pan = None
            if abs(pos.x() - start_pos.x()) + abs(pos.y() - start_pos.y()) < 4:
                self.cursor.set_time(self.scale.t(pos.x()))  # a click on empty time moves the cursor

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        hit = self.hit(event.position())
        if hit is not None:
            self.itemActivated.emit(*self._record(hit.payload))
        elif event.position().x() >= LABEL_W and event.position().y() >= AXIS_H:
            self.emptyTimeActivated.emit(self.scale.t(event.position().x()))

    def drag_to(self, pos: QPointF) -> None:
        """Apply the drag in progress as if the mouse were at ``pos`` (one merged undo step per drag)."""
        drag = self._drag
        if drag is None:
            return
        step = snap_step(self.scale.seconds_per_px)
        dt = round((self.scale.t(pos.x()) - drag.press_t) / step) * step
        hit = drag.hit
        original = drag.original
        if isinstance(hit.payload, StayBar):
            bar = hit.payload
            if hit.part == "move":
                new = shift_mission(original, timedelta(seconds=dt)) if dt else copy.deepcopy(original)
                lane = self.lane_at(pos.y())
                target = lane.port if lane is not None and lane.kind == "port" else None
                self.state.drop_lane = lane.key if target and target != bar.port else None
                if target and target != bar.port:
                    new = edits.change_stay_port(new, bar.ordinal, target)
            else:
                edge_t = hit.start if hit.part == "start" else hit.end
                new = edits.move_stay_edge(original, bar.ordinal, hit.part, edge_t + dt)
            collection, text = "missions", f"Drag {original.name}"
        else:
            if hit.part == "move":
                new = shift_activity(original, timedelta(seconds=dt))
            else:
                edge_t = hit.start if hit.part == "start" else hit.end
                new = edits.move_activity_edge(original, hit.part, edge_t + dt)
            collection, text = "activities", f"Drag {original.title}"
        if new == (drag.last if drag.last is not None else original):
            return
        drag.last = new
        command = ReplaceItem(self.doc, collection, original.id, new, text, merge_key=drag.merge_key)
        self.doc.undo_stack.push(command)
        drag.step = drag.step or command  # the first command of the drag is the step the others merged into

    def offer_activities(self, drag: Drag) -> None:
        """After a whole stay was dragged to another time: offer to move the activities of the people who came on
        it, planned within its stay, by the same amount. Accepted, the drag's undo step is replaced by one step
        moving the mission (as dragged) and the activities. Nothing is asked when no activity belongs with it."""
        original, after = drag.original, drag.last
        stack = self.doc.undo_stack
        if after is None or not original.events or stack.index() == 0 or stack.command(stack.index() - 1) is not drag.step:
            return  # nothing moved, or the drag is no longer the last step (undone, or another edit came after)
        delta = after.events[0].utc - original.events[0].utc
        if not delta:
            return  # moved to another port only
        plan = plan_shift(original, delta, self.doc.project.missions, self.doc.project.activities)
        if not plan.activities:
            return
        answer, ride_home = shift_offer.ask(self, shift_offer.drag_question(plan, self.doc.project.person_names(),
                                                                            self.zone()))
        if answer != shift_offer.WITH_ACTIVITIES or stack.command(stack.index() - 1) is not drag.step:
            return
        stack.undo()  # the drag alone; pushed again with the activities, as one step
        stack.push(ReplaceItems(self.doc, shift_offer.shift_changes(plan, after, True, ride_home),
                                shift_offer.step_text(plan, True, "Drag")))

    def wheelEvent(self, event):  # noqa: N802
        delta = event.angleDelta()
        steps = (delta.y() or delta.x()) / 120.0
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.pan(-steps * self.plot_width() / 10)
        elif event.position().x() < LABEL_W:
            self.set_scroll(self.scroll_y - steps * 40)
            self.viewChanged.emit()
        else:
            self.zoom(1.25 ** steps, event.position().x())
        event.accept()

    def keyPressEvent(self, event):  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.pan(-self.plot_width() / 8)
        elif key == Qt.Key.Key_Right:
            self.pan(self.plot_width() / 8)
        elif key == Qt.Key.Key_Up:
            self.set_scroll(self.scroll_y - 40)
            self.viewChanged.emit()
        elif key == Qt.Key.Key_Down:
            self.set_scroll(self.scroll_y + 40)
            self.viewChanged.emit()
        else:
            super().keyPressEvent(event)

    # ---------------------------------------------------------------- tooltips

    def event(self, event):  # noqa: D401 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            return answer_tooltip(self, event, self.tooltip_at(QPointF(event.pos())))
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        """The text shown when hovering ``pos``: the bar, and every finding whose band is there."""
        lines = []
        zone = self.zone()
        hit = self.hit(pos)
        if hit is not None:
            if isinstance(hit.payload, StayBar):
                bar = hit.payload
                lines.append(f"<b>{html.escape(bar.label)}</b> at {bar.port}")
            else:
                lines.append(activity_heading(hit.payload))
            end = "no departure planned" if math.isinf(hit.end) else format_in_zone(from_epoch(hit.end), zone)
            lines.append(f"{format_in_zone(from_epoch(hit.start), zone)} → {end}")
        lane = self.lane_at(pos.y())
        if lane is not None and lane.kind == "headcount" and self.layout_.headcount is not None:
            people, seats = self.layout_.headcount.at(self.scale.t(pos.x()))
            lines.append(f"{people} aboard, {seats} seats home")
        if lane is not None and lane.kind in ("beta", "links") and pos.x() >= LABEL_W:
            lines.append(lane.describe(self.scale.t(pos.x())))
        plot = QRectF(LABEL_W, AXIS_H, self.plot_width(), self.height() - AXIS_H)
        y0 = AXIS_H - self.scroll_y
        t = self.scale.t(pos.x())
        tol = 3 * self.scale.seconds_per_px
        bands = self.layout_.findings
        for i in bands.visible(t - tol, t + tol)[:8]:
            finding = bands.findings[i]
            if any(r.contains(pos) for r in finding_rects(self.layout_, finding, y0, plot, self.scale)):
                word = "Conflict" if finding.is_conflict else "Warning"
                lines.append(f"<b>{word}: {finding.rule}</b><br>{html.escape(message_in_zone(finding.message, zone))}")
        if self.state.now is not None and pos.x() >= LABEL_W and abs(pos.x() - self.scale.x(self.state.now)) <= 3:
            lines.append(f"<b>Now</b> {clocks_at(self.state.now).text(' · ')}")
        if pos.x() >= LABEL_W:
            lines += launch_tooltip_lines(self.orbit, self.state, self.scale, *self.visible_span(), pos.x(), zone)
        for k, rect in highlight_rects(self.state, plot, self.scale):
            if rect.contains(pos):
                start, end, label = self.state.highlights[k]
                chosen = " (chosen)" if k == self.state.chosen_highlight else ""
                lines.append(f"<b>{html.escape(label)}</b>{chosen}<br>{format_in_zone(from_epoch(start), zone)} → "
                             f"{format_in_zone(from_epoch(end), zone)}")
        if not lines and lane is not None and lane.tooltip:
            lines.append(lane.tooltip)
        return "<br>".join(lines)

    def palette_role(self, role: QPalette.ColorRole):
        """A colour of the widget's palette (for exports that draw the same way)."""
        return self.palette().color(role)
