"""What the timeline draws, derived once per change (never per paint) from the project and its StationTimeline.

No Qt here: lanes hold numpy arrays of start and end times, so a paint only asks which spans are visible.
"""

from __future__ import annotations

import html
import math
import operator
import time as wallclock
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from planner.gui.timeline.lod import visible_range
from planner.station.crew_day import CrewDay
from planner.model import Project
from planner.rules.findings import Finding, Severity
from planner.station import StationTimeline

PORT_LANE_H = 26
HEADCOUNT_LANE_H = 70
ACTIVITY_LANE_H = 22
SECTION_GAP = 8

#: bar colours by vehicle type (fixed hues: vehicles keep their colour in light and dark palettes)
VEHICLE_COLORS = {
    "soyuz-ms": "#d84343", "progress-ms": "#e8912d", "crew-dragon": "#2f6fd6", "cargo-dragon": "#6fa8e8",
    "starliner": "#1f9e8f", "cygnus": "#c9b62a", "htv-x": "#8e5bc4", "dream-chaser": "#d35fa8",
    "module": "#8a8f98",
}
OTHER_VEHICLE_COLOR = "#6d7f5a"
ACTIVITY_COLORS = {
    "film-shoot": "#7b61c9", "live-downlink": "#2e9c5a", "eva": "#cc5a2a", "experiment": "#3a86a8",
    "other": "#808a96",
}


class Spans:
    """Time spans ``[start, end)`` with one payload each; ``end`` may be ``inf`` (drawn to the view's edge)."""

    def __init__(self, starts, ends, payloads):
        order = np.argsort(np.asarray(starts, dtype=float), kind="stable")
        self.start = np.asarray(starts, dtype=float)[order]
        self.end = np.asarray(ends, dtype=float)[order]
        # A numpy array of payloads (finding indices) stays one: a million of them are not walked in Python.
        self.payloads = payloads[order] if isinstance(payloads, np.ndarray) else [payloads[i] for i in order]
        # For culling and per-pixel density: the latest end so far, and the ends in their own order.
        self.max_end = np.maximum.accumulate(self.end) if len(self.end) else self.end
        self.sorted_end = np.sort(self.end)
        self.style = None  # how the painter draws these spans, worked out on first paint

    def __len__(self) -> int:
        return len(self.payloads)

    def bounds(self) -> tuple[float, float]:
        """The first start and the latest finite end (the last start when every end is open); kept."""
        found = self.__dict__.get("_bounds")
        if found is None:
            finite = self.end[np.isfinite(self.end)]
            found = self._bounds = (float(self.start[0]), float(finite.max()) if len(finite) else float(self.start[-1]))
        return found

    def visible_bounds(self, t0: float, t1: float) -> tuple[int, int]:
        """``lo, hi``: every span overlapping ``[t0, t1]`` has its index in ``range(lo, hi)``."""
        return visible_range(self.start, self.max_end, t0, t1)

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of the spans that overlap ``[t0, t1]`` (only those between the binary-searched bounds are tested)."""
        lo, hi = self.visible_bounds(t0, t1)
        return lo + np.flatnonzero(self.end[lo:hi] >= t0)


EMPTY = Spans([], [], [])


@dataclass
class BarStyle:
    """How a lane's bars are drawn, per span: colour (an index into ``codes``, -1: not a bar), the record's id
    and whether it is an activity (for the selection), and the label. Worked out once per lane's spans."""

    color: np.ndarray
    codes: list[str]
    ident: np.ndarray
    activity: np.ndarray
    labels: list[str]
    struck: np.ndarray  # per span: drawn struck through (a skipped activity)


def bar_style(spans) -> BarStyle:
    """The (cached) :class:`BarStyle` of a lane's spans."""
    style = spans.style
    if style is None:
        codes: dict[str, int] = {}  # colour -> its index
        color, ident, activity, labels, struck = [], [], [], [], []
        for payload in spans.payloads:
            cross = False
            if isinstance(payload, StayBar):
                code, key, is_activity, label = (VEHICLE_COLORS.get(payload.vehicle_type, OTHER_VEHICLE_COLOR),
                                                 payload.mission, False, payload.label)
            elif isinstance(payload, ActivityBar):
                code, label, cross = activity_look(payload)
                key, is_activity = payload.activity, True
            else:
                code, key, is_activity, label = None, "", False, ""
            color.append(-1 if code is None else codes.setdefault(code, len(codes)))
            ident.append(key)
            activity.append(is_activity)
            labels.append(label)
            struck.append(cross)
        style = spans.style = BarStyle(np.array(color, dtype=np.int64), list(codes),
                                       np.array(ident, dtype=object), np.array(activity, dtype=bool), labels,
                                       np.array(struck, dtype=bool))
    return style


@dataclass(frozen=True, slots=True)
class StayBar:
    """A vehicle at a port: the payload of a port lane's span."""

    mission: str
    ordinal: int  # position in the mission's stays
    label: str
    vehicle_type: str
    port: str
    by_relocation: bool


@dataclass(frozen=True, slots=True)
class ActivityBar:
    """An activity: the payload of an activity lane's span."""

    activity: str
    title: str
    kind: str
    status: str = "planned"  # an ActivityStatus value (see :func:`activity_look`)


def activity_bar(activity) -> ActivityBar:
    """The bar of an :class:`~planner.model.Activity`."""
    return ActivityBar(activity.id, activity.title, activity.kind.value, activity.status.value)


#: a skipped activity's bar: grey whatever its kind (and struck through)
SKIPPED_COLOR = "#b4b9bf"


def _faded(hex_code: str, keep: float = 0.45) -> str:
    """``hex_code`` mixed with white, ``keep`` of the colour left (still opaque: the text colour is worked out from it)."""
    r, g, b = (int(hex_code[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in (r, g, b))


def activity_look(bar: ActivityBar) -> tuple[str, str, bool]:
    """How an activity's bar is drawn by its status: (colour, label, struck through). Done: its kind's colour faded,
    ticked; in progress: a play mark; skipped: grey and struck through; planned: its kind's colour."""
    color = ACTIVITY_COLORS.get(bar.kind, OTHER_VEHICLE_COLOR)
    if bar.status == "done":
        return _faded(color), f"✓ {bar.title}", False
    if bar.status == "in-progress":
        return color, f"▶ {bar.title}", False
    if bar.status == "skipped":
        return SKIPPED_COLOR, bar.title, True
    return color, bar.title, False


def activity_heading(bar: ActivityBar) -> str:
    """The first line of an activity's tooltip: ``<b>Title</b> (film-shoot, skipped)`` (a planned one says no
    status)."""
    status = "" if bar.status == "planned" else f", {bar.status.replace('-', ' ')}"
    return f"<b>{html.escape(bar.title)}</b> ({bar.kind}{status})"


@dataclass
class Lane:
    """One row of the timeline."""

    key: str  # "port:<id>", "headcount", "person:<id>", "kind:<kind>"
    kind: str  # "port", "headcount" or "activity"
    title: str
    height: int
    spans: Spans = EMPTY
    absent: tuple[tuple[float, float], ...] = ()  # a port not part of the station then: grey
    background: Spans = EMPTY  # a person's stays aboard, drawn faintly
    background_of: object = None  # the person's track the background was made from (kept while unchanged)
    top: int = 0  # y of the lane inside the lane area (set by :meth:`TimelineLayout.stack`)
    port: str | None = None
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class Relocation:
    """A vehicle leaving one port and redocking at another: a link between two lanes."""

    mission: str
    from_port: str
    to_port: str
    undock: float
    redock: float


@dataclass
class Headcount:
    """People aboard and seats home over time (steps), with the station's thresholds."""

    times: np.ndarray
    people: np.ndarray
    seats: np.ndarray
    beds: int
    warning: int
    limit: int
    source: object = field(default=None, repr=False, compare=False)  # what the series was read from

    def at(self, t: float) -> tuple[int, int]:
        """(people, seats) at ``t``."""
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        return (0, 0) if i < 0 else (int(self.people[i]), int(self.seats[i]))


#: above this many findings the bands are not sorted into lanes (a plan that broken is shown per severity)
PER_LANE_LIMIT = 200_000


@dataclass
class FindingBands:
    """The findings' exact windows, for translucent bands.

    ``start``, ``end`` and ``conflict`` are per finding, in the order of ``findings``. For drawing many at
    once, ``by_severity`` holds the windows of the warnings and of the conflicts as :class:`Spans` of
    finding indices, and ``by_lane`` the same per lane key (``"*"``: findings drawn across every lane),
    unless there are more than :data:`PER_LANE_LIMIT` findings.
    """

    start: np.ndarray
    end: np.ndarray
    findings: list
    conflict: np.ndarray | None = None  # per finding: a conflict (True) or a warning
    by_severity: tuple | None = None  # (warnings, conflicts) as Spans of finding indices
    by_lane: dict | None = None  # lane key -> (warnings, conflicts)

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of the findings whose window overlaps ``[t0, t1]``."""
        if not self.findings:
            return np.empty(0, dtype=int)
        if self.by_severity is None:
            return np.flatnonzero((self.start <= t1) & (self.end >= t0))
        parts = [spans.payloads[spans.visible(t0, t1)] for spans in self.by_severity]
        return np.sort(np.concatenate(parts))

    def lanes_of(self, idx: np.ndarray, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """For the findings ``idx``: ``(position in idx, lane number)`` per band to draw, the number indexing
        ``keys`` (the layout's lane keys), ``len(keys)`` for a band across every lane."""
        idx = np.asarray(idx, dtype=np.int64)
        by_lane = self.by_lane
        if isinstance(by_lane, LaneBands) and by_lane.keys == keys + ["*"]:
            lo = np.searchsorted(by_lane.owners, idx, side="left")
            counts = np.searchsorted(by_lane.owners, idx, side="right") - lo
            offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
            return np.repeat(np.arange(len(idx)), counts), by_lane.lanes[np.repeat(lo, counts) + offsets]
        number = {key: n for n, key in enumerate(keys)}
        positions, lanes = [], []
        for k, i in enumerate(idx.tolist()):
            found = [number[key] for key in finding_lane_keys(self.findings[i]) if key in number] or [len(keys)]
            positions += [k] * len(found)
            lanes += found
        return np.array(positions, dtype=np.int64), np.array(lanes, dtype=np.int64)

    def count_at_most(self, t0: float, t1: float) -> int:
        """An upper bound of how many findings overlap ``[t0, t1]``, found without looking at each."""
        if self.by_severity is None:
            return len(self.findings)
        return sum(hi - lo for lo, hi in (spans.visible_bounds(t0, t1) for spans in self.by_severity))


@dataclass
class TimelineLayout:
    """Every lane with its spans, the relocation links, the headcount and the findings' bands."""

    lanes: list[Lane] = field(default_factory=list)
    relocations: list[Relocation] = field(default_factory=list)
    headcount: Headcount | None = None
    findings: FindingBands = field(default_factory=lambda: FindingBands(np.empty(0), np.empty(0), []))
    extent: tuple[float, float] = (0.0, 86400.0)
    height: int = 0
    crew_day: CrewDay | None = None  # the crew's day drawn behind the person lanes

    def lane(self, key: str) -> Lane | None:
        """The lane with this key, or None."""
        index = self.__dict__.get("_by_key")
        if index is None or len(index) != len(self.lanes):
            index = self.__dict__["_by_key"] = {lane.key: lane for lane in self.lanes}
        return index.get(key)

    def lane_at(self, y: float) -> Lane | None:
        """The lane at ``y`` (lane-area coordinates), or None."""
        for lane in self.lanes:
            if lane.top <= y < lane.top + lane.height:
                return lane
        return None

    def stack(self) -> None:
        """Give each lane its ``top``: port lanes, the headcount, then the activity lanes, with gaps between."""
        y, previous = 0, None
        for lane in self.lanes:
            if previous is not None and lane.kind != previous:
                y += SECTION_GAP
            lane.top = y
            y += lane.height
            previous = lane.kind
        self.height = y


def _mission_bars(mission_id: str, stays, names: dict, types: dict) -> tuple[list, list[Relocation]]:
    """One mission's stays as ``(start, end, StayBar)`` and its relocation links (``stays`` in the track's order)."""
    name, vehicle_type = names.get(mission_id, mission_id), types.get(mission_id, "")
    bars, relocations = [], []
    for ordinal, stay in enumerate(stays):
        bars.append((stay.start, stay.end, StayBar(mission_id, ordinal, name, vehicle_type, stay.port,
                                                     stay.by_relocation)))
        if stay.by_relocation and ordinal > 0:
            before = stays[ordinal - 1]
            relocations.append(Relocation(mission_id, before.port, stay.port, before.end, stay.start))
    return bars, relocations


class PortLanes:
    """The port lanes and relocation links, and which bars each mission has, so that a mission edit rebuilds
    only the lanes of the ports it leaves or comes to.

    Built from the timeline's stays per port: a mission with one stay needs no track of its own (the timeline
    may make tracks only when asked); the few with several (relocations) are read from their tracks.
    """

    def __init__(self, project: Project, timeline: StationTimeline):
        names = {m.id: m.name for m in project.missions}
        types = {m.id: m.vehicle_type for m in project.missions}
        self.bars: dict[str, list] = {}  # mission -> [(start, end, StayBar)]
        self._relocations: dict[str, list[Relocation]] = {}
        self.on_port: dict[str, dict[str, None]] = {}  # port -> the missions with a bar there, in order
        count: dict[str, int] = {}
        for stays in timeline.port_stays.values():
            for stay in stays:
                count[stay.mission] = count.get(stay.mission, 0) + 1
        for stays in timeline.port_stays.values():
            for stay in stays:
                mission_id = stay.mission
                if count[mission_id] == 1:
                    self.bars[mission_id] = [(stay.start, stay.end, StayBar(
                        mission_id, 0, names.get(mission_id, mission_id), types.get(mission_id, ""), stay.port,
                        stay.by_relocation))]
                elif mission_id not in self.bars:
                    self._add_track(mission_id, timeline, names, types)
        for mission_id, bars in self.bars.items():
            for _s, _e, bar in bars:
                self.on_port.setdefault(bar.port, {})[mission_id] = None
        self.lanes = []
        self.by_port: dict[str, Lane] = {}
        known = set()
        for port in project.station.ports:
            known.add(port.id)
            absent = []
            if port.exists_from is not None:
                absent.append((-math.inf, port.exists_from.timestamp()))
            if port.exists_until is not None:
                absent.append((port.exists_until.timestamp(), math.inf))
            self._lane(Lane(f"port:{port.id}", "port", port.name, PORT_LANE_H, self._spans(port.id),
                            tuple(absent), port=port.id, tooltip=f"{port.name} ({port.mechanism.value})"))
        # A port the catalogue does not know still gets a lane, so that no stay is hidden.
        for port_id in sorted(set(self.on_port) - known):
            self._lane(Lane(f"port:{port_id}", "port", f"{port_id} (unknown)", PORT_LANE_H, self._spans(port_id),
                            port=port_id, tooltip="A port the station catalogue does not list"))
        self.relocations = [r for links in self._relocations.values() for r in links]

    def _lane(self, lane: Lane) -> None:
        self.lanes.append(lane)
        self.by_port[lane.port] = lane

    def _add_track(self, mission_id: str, timeline: StationTimeline, names: dict, types: dict) -> None:
        track = timeline.missions.get(mission_id)
        if track is None or not track.stays:
            return
        self.bars[mission_id], links = _mission_bars(mission_id, track.stays, names, types)
        if links:
            self._relocations[mission_id] = links

    def _spans(self, port: str) -> Spans:
        starts, ends, payloads = [], [], []
        for mission_id in self.on_port.get(port, ()):
            for start, end, bar in self.bars[mission_id]:
                if bar.port == port:
                    starts.append(start)
                    ends.append(end)
                    payloads.append(bar)
        return Spans(starts, ends, payloads)

    def update(self, project: Project, timeline: StationTimeline, ids) -> bool:
        """Rebuild the lanes of the ports these (inserted, removed or changed) missions were or are at; False
        when the lanes themselves would change (a port the catalogue does not list comes or goes)."""
        touched = set()
        for mission_id in ids:
            for _s, _e, bar in self.bars.pop(mission_id, ()):
                touched.add(bar.port)
                self.on_port[bar.port].pop(mission_id, None)
            self._relocations.pop(mission_id, None)
            mission = project.mission(mission_id)
            if mission is not None:
                self._add_track(mission_id, timeline, {mission_id: mission.name}, {mission_id: mission.vehicle_type})
            for _s, _e, bar in self.bars.get(mission_id, ()):
                touched.add(bar.port)
                self.on_port.setdefault(bar.port, {})[mission_id] = None
        for port in touched:
            lane = self.by_port.get(port)
            if lane is None:
                return False  # a new port the catalogue does not list: a new lane
            lane.spans = self._spans(port)
            if not len(lane.spans) and lane.title.endswith(" (unknown)"):
                return False  # the lane of a port the catalogue does not list goes away
        self.relocations = [r for links in self._relocations.values() for r in links]
        return True


def port_lanes(project: Project, timeline: StationTimeline) -> tuple[list[Lane], list[Relocation]]:
    """A lane per catalogue port (greyed outside its existence), a bar per stay; relocation links."""
    lanes = PortLanes(project, timeline)
    return lanes.lanes, lanes.relocations


def headcount_of(project: Project, timeline: StationTimeline, previous: Headcount | None = None) -> Headcount:
    """The headcount series and the project's capacity settings (``previous`` is reused while the series is
    the same object: the timeline keeps it until an edit changes who is aboard)."""
    arrays = getattr(timeline, "headcount_arrays", None)
    source = arrays() if arrays is not None else timeline.headcount()
    settings = project.effective_settings
    limits = (settings.beds, settings.headcount_warning, settings.headcount_limit)
    if previous is not None and previous.source is source and (previous.beds, previous.warning, previous.limit) == limits:
        return previous
    if arrays is not None:
        times, people, seats = (np.asarray(a) for a in source)
    else:
        times = np.fromiter(map(operator.attrgetter("utc"), source), dtype=float, count=len(source))
        people = np.fromiter(map(operator.attrgetter("people"), source), dtype=int, count=len(source))
        seats = np.fromiter(map(operator.attrgetter("seats"), source), dtype=int, count=len(source))
    return Headcount(times.astype(float), people.astype(int), seats.astype(int), *limits, source=source)


def _activity_keys(activity, mode: str) -> tuple[str, ...]:
    return (activity.kind.value,) if mode == "kind" else (activity.people or ("",))


def _aboard(track) -> Spans:
    aboard = track.aboard if track else ()
    return Spans([s for s, _ in aboard], [e for _, e in aboard], [None] * len(aboard))


def _person_lane(person: str, title: str, group, timeline: StationTimeline) -> Lane:
    track = timeline.people.get(person)
    return Lane(f"person:{person}", "activity", title, ACTIVITY_LANE_H, Spans(*group), background=_aboard(track),
                background_of=track)


class ActivityLanes:
    """The activity lanes and where each activity's bars are, so that an edit rebuilds only the lanes it touches."""

    def __init__(self, project: Project, timeline: StationTimeline, mode: str = "person"):
        self.mode = mode
        self.where: dict[str, tuple[str, ...]] = {}  # activity id -> group keys of its bars
        groups: dict[str, tuple[list, list, list]] = {}
        for activity in project.activities:
            bar = activity_bar(activity)
            start, end = activity.start.timestamp(), activity.end.timestamp()
            keys = _activity_keys(activity, mode)
            self.where[activity.id] = keys
            for key in keys:
                starts, ends, payloads = groups.setdefault(key, ([], [], []))
                starts.append(start)
                ends.append(end)
                payloads.append(bar)
        self.lanes = self._lanes(project, timeline, groups)

    def _lanes(self, project: Project, timeline: StationTimeline, groups: dict) -> list[Lane]:
        if self.mode == "kind":
            return [Lane(f"kind:{key}", "activity", key.replace("-", " ").capitalize(), ACTIVITY_LANE_H,
                         Spans(*groups[key])) for key in sorted(groups)]
        names = project.person_names()
        # Everybody aboard at some time gets a lane, even with no activity: their stays show when they are free.
        people = [p.id for p in project.people if p.id in groups or p.id in timeline.people]
        people += sorted(set(groups) - set(people) - {""})
        lanes = [_person_lane(person, names.get(person, person), groups.get(person, ([], [], [])), timeline)
                 for person in people]
        if "" in groups:
            lanes.append(Lane("person:", "activity", "(nobody named)", ACTIVITY_LANE_H, Spans(*groups[""])))
        return lanes

    def _lane_key(self, group: str) -> str:
        return f"kind:{group}" if self.mode == "kind" else f"person:{group}"

    def update(self, project: Project, timeline: StationTimeline, ids) -> bool:
        """Rebuild the lanes of these (inserted, removed or changed) activities; False when the lanes themselves
        would change (a new lane, or one to drop), which needs a full rebuild."""
        ids = set(ids)
        found = {a.id: a for a in project.activities if a.id in ids}
        by_key = {lane.key: lane for lane in self.lanes}
        touched = set()
        for activity_id in ids:
            touched.update(self._lane_key(g) for g in self.where.get(activity_id, ()))
            if activity_id in found:
                touched.update(self._lane_key(g) for g in _activity_keys(found[activity_id], self.mode))
        if not touched <= by_key.keys():
            return False
        for key in touched:
            lane = by_key[key]
            spans = lane.spans
            keep = [i for i, bar in enumerate(spans.payloads) if bar.activity not in ids]
            starts, ends, payloads = list(spans.start[keep]), list(spans.end[keep]), [spans.payloads[i] for i in keep]
            for activity in found.values():
                if key in {self._lane_key(g) for g in _activity_keys(activity, self.mode)}:
                    starts.append(activity.start.timestamp())
                    ends.append(activity.end.timestamp())
                    payloads.append(activity_bar(activity))
            if not payloads and (self.mode == "kind" or key == "person:" or key[len("person:"):] not in timeline.people):
                return False  # the lane goes away
            lane.spans = Spans(starts, ends, payloads)
        for activity_id in ids:
            if activity_id in found:
                self.where[activity_id] = _activity_keys(found[activity_id], self.mode)
            else:
                self.where.pop(activity_id, None)
        return True


def activity_lanes(project: Project, timeline: StationTimeline, mode: str = "person") -> list[Lane]:
    """Activity lanes, one per person (``mode="person"``, with their stays aboard behind) or per kind."""
    return ActivityLanes(project, timeline, mode).lanes


def finding_lane_keys(finding: Finding) -> list[str]:
    """The keys of the lanes a finding's band is drawn over (empty: across every lane)."""
    keys = [f"port:{port}" for port in finding.ports] + [f"person:{person}" for person in finding.people]
    if finding.rule.startswith("headcount") or finding.rule.startswith("lifeboat"):
        keys.append("headcount")
    return keys


def finding_bands(findings: list[Finding], lane_keys=None, lane_cache: "LaneCache | None" = None) -> FindingBands:
    """The findings with their windows as arrays (an instant gets no width here: the painter widens it).

    ``lane_keys`` (the keys of the layout's lanes) sorts the bands into lanes; a finding naming no lane
    there goes across every lane. ``lane_cache`` keeps what was worked out per finding for the next call.
    """
    n = len(findings)
    sorted_into_lanes = lane_keys is not None and 0 < n <= PER_LANE_LIMIT
    if sorted_into_lanes:
        keys = list(lane_keys)
        start, end, conflict, lane_matrix = _columns(findings, keys, lane_cache or LaneCache())
    else:
        # map/attrgetter keep the walk over a million findings in C.
        start = np.fromiter(map(operator.attrgetter("start"), findings), dtype=float, count=n)
        end = np.fromiter(map(operator.attrgetter("end"), findings), dtype=float, count=n)
        conflict = np.fromiter(map(operator.is_, map(operator.attrgetter("severity"), findings),
                                   repeat(Severity.CONFLICT)), dtype=bool, count=n)
    bands = FindingBands(start, end, list(findings), conflict)
    if not n:
        return bands
    index = np.arange(n)
    bands.by_severity = tuple(Spans(start[pick], end[pick], pick) for pick in (index[~conflict], index[conflict]))
    if sorted_into_lanes:
        member = lane_matrix >= 0
        # Row by row, so the members come in finding order, as lanes_of expects.
        bands.by_lane = LaneBands(start, end, conflict, keys + ["*"], lane_matrix[member],
                                  np.repeat(index, member.sum(axis=1)))
    return bands


class LaneCache:
    """The findings of the last call with their windows, severities and lane numbers: the rules engine keeps
    the findings an edit leaves alone (the same objects), so after an edit only the new ones are looked at.

    Holding the findings keeps them alive, so an id found in ``where`` is still that finding's."""

    def __init__(self):
        self.keys: list[str] | None = None
        self.findings: list[Finding] = []
        self.where: dict[int, int] = {}  # id(finding) -> its index in ``findings``
        self.start = self.end = np.empty(0)
        self.conflict = np.empty(0, dtype=bool)
        self.lanes = np.empty((0, 1), dtype=np.int64)  # per finding its lane numbers, padded with -1


def _columns(findings: list[Finding], keys: list[str], cache: LaneCache) -> tuple:
    """``start, end, conflict`` per finding and a matrix of the lane numbers of each (a row per finding padded
    with -1; ``len(keys)``: across every lane), reusing what ``cache`` has for the findings it saw last."""
    n = len(findings)
    if cache.keys != keys:
        cache.__init__()
        cache.keys = keys
    # Each step over all the findings is a map() in C: a finding kept from the last call costs no Python step.
    ids = list(map(id, findings))
    pos = np.fromiter(map(cache.where.get, ids, repeat(-1)), dtype=np.int64, count=n)
    fresh = np.flatnonzero(pos < 0).tolist()
    number = {key: i for i, key in enumerate(keys)}
    found = [tuple(number[key] for key in finding_lane_keys(findings[k]) if key in number) or (len(keys),)
             for k in fresh]
    width = max([cache.lanes.shape[1]] + [len(f) for f in found])
    if cache.findings:  # copies (fancy indexing); the rows of new findings are overwritten below
        start, end, conflict = cache.start[pos], cache.end[pos], cache.conflict[pos]
        lanes = np.full((n, width), -1, dtype=np.int64)
        lanes[:, :cache.lanes.shape[1]] = cache.lanes[pos]
    else:
        start, end, conflict = np.empty(n), np.empty(n), np.zeros(n, dtype=bool)
        lanes = np.full((n, width), -1, dtype=np.int64)
    for k, numbers in zip(fresh, found):
        finding = findings[k]
        start[k], end[k], conflict[k] = finding.start, finding.end, finding.severity is Severity.CONFLICT
        lanes[k] = -1
        lanes[k, :len(numbers)] = numbers
    cache.findings, cache.where = list(findings), dict(zip(ids, range(n)))
    cache.start, cache.end, cache.conflict, cache.lanes = start, end, conflict, lanes
    return start, end, conflict, lanes


class LaneBands(Mapping):
    """Lane key -> ``(warnings, conflicts)`` as :class:`Spans` of finding indices, for the lanes that have
    findings. Grouped with one sort; each lane's spans are made when first drawn (a paint draws few lanes)."""

    def __init__(self, start, end, conflict, keys: list[str], lanes: np.ndarray, owners: np.ndarray):
        self._start, self._end, self._conflict = start, end, conflict
        self.keys, self.lanes, self.owners = keys, lanes, owners  # every membership, in finding order
        # Members ordered by lane, then severity (warnings first): each (lane, severity) is one slice.
        group = lanes * 2 + conflict[owners]
        order = np.argsort(group, kind="stable")
        self._owners = owners[order]
        group = group[order]
        cuts = np.searchsorted(group, np.arange(2 * len(keys) + 1))
        self._slices = {key: (int(cuts[2 * i]), int(cuts[2 * i + 1]), int(cuts[2 * i + 2]))
                        for i, key in enumerate(keys) if cuts[2 * i + 2] > cuts[2 * i]}
        self._made: dict[str, tuple] = {}

    def covered(self, keys: list[str], conflict: bool, edges: np.ndarray) -> np.ndarray:
        """Per lane of ``keys`` (each one of this mapping's), the pixel columns between ``edges`` that one of
        its conflicts (or warnings) overlaps for a positive time: ``(len(keys), len(edges) - 1)`` booleans.

        One pass over the members of those lanes, with no per-lane arrays made: a repaint after an edit
        costs the same as any other."""
        width = len(edges) - 1
        side = 1 if conflict else 0
        parts = [(row, self._slices[key][side], self._slices[key][side + 1]) for row, key in enumerate(keys)]
        lengths = np.array([b - a for _r, a, b in parts], dtype=np.int64)
        if not lengths.sum():
            return np.zeros((len(keys), width), dtype=bool)
        firsts = np.array([a for _r, a, _b in parts], dtype=np.int64)
        # Positions of every member of the chosen lanes: each slice's first plus 0, 1, 2, ...
        offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        owners = self._owners[np.repeat(firsts, lengths) + offsets]
        rows = np.repeat(np.arange(len(keys)), lengths)
        first = np.searchsorted(edges[1:], self._start[owners], side="right")  # first column ending after start
        past = np.searchsorted(edges[:-1], self._end[owners], side="left")  # columns beginning before the end
        keep = past > first
        stride = width + 1
        at = rows[keep] * stride
        size = len(keys) * stride
        steps = (np.bincount(at + first[keep], minlength=size) - np.bincount(at + past[keep], minlength=size))
        return np.cumsum(steps.reshape(len(keys), stride), axis=1)[:, :width] > 0

    def __getitem__(self, key: str) -> tuple:
        pair = self._made.get(key)
        if pair is None:
            a, b, c = self._slices[key]
            pair = self._made[key] = tuple(Spans(self._start[sub], self._end[sub], sub)
                                           for sub in (self._owners[a:b], self._owners[b:c]))
        return pair

    def __contains__(self, key) -> bool:
        return key in self._slices

    def __iter__(self):
        return iter(self._slices)

    def __len__(self) -> int:
        return len(self._slices)


def extent_of(lanes: list[Lane]) -> tuple[float, float]:
    """The span from the earliest start to the latest finite end of any bar (the two days around now when there
    is none: an empty plan opens on today, where its time cursor is, not on 1 January 1970)."""
    bounds = [lane.spans.bounds() for lane in lanes if len(lane.spans)]
    if not bounds:
        now = wallclock.time()
        return (now - 86400.0, now + 86400.0)
    lo, hi = min(b[0] for b in bounds), max(b[1] for b in bounds)
    return lo, max(hi, lo + 3600.0)


def build_layout(project: Project, timeline: StationTimeline, findings: list[Finding], mode: str = "person",
                 ports: tuple[list[Lane], list[Relocation]] | None = None,
                 activities: list[Lane] | None = None, previous: TimelineLayout | None = None,
                 lane_cache: LaneCache | None = None, beta: Lane | None = None,
                 links: Lane | None = None) -> TimelineLayout:
    """The whole layout; pass ``ports`` or ``activities`` lanes already built to reuse them, the ``previous``
    layout to reuse its headcount while unchanged, a ``lane_cache`` kept between calls, and the ``beta`` strip's
    lane and the ``links`` lane (the coverage bands) to show them above the ports."""
    port_part, relocations = ports if ports is not None else port_lanes(project, timeline)
    activity_part = activities if activities is not None else activity_lanes(project, timeline, mode)
    headcount_lane = Lane("headcount", "headcount", "People aboard", HEADCOUNT_LANE_H,
                          tooltip="People aboard (black) against seats home (green); dashed: beds, warning, limit")
    lanes = [lane for lane in (beta, links) if lane is not None] + port_part + [headcount_lane] + activity_part
    layout = TimelineLayout(lanes, relocations, headcount_of(project, timeline, previous and previous.headcount),
                            finding_bands(findings, [lane.key for lane in lanes], lane_cache))
    layout.extent = extent_of(port_part + activity_part)
    layout.crew_day = CrewDay.of(project)
    layout.stack()
    for lane in lanes:  # new lanes' colours and labels now, so that no paint has to (kept with their spans)
        bar_style(lane.spans)
    return layout


def refresh_person_backgrounds(lanes: list[Lane], timeline: StationTimeline) -> None:
    """Redraw who is aboard behind the person lanes after a mission changed (their activities stay).

    The timeline replaces the track of each person an edit touches, so only lanes whose track is not the one
    they were drawn from are redone.
    """
    for lane in lanes:
        if lane.key.startswith("person:") and lane.key != "person:":
            track = timeline.people.get(lane.key[len("person:"):])
            if track is not lane.background_of:
                lane.background, lane.background_of = _aboard(track), track
