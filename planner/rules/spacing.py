"""Spacing of dynamic events (dockings, undockings, berthings, relocations): warn when one comes too soon after
the one before it, a conflict when both are crewed. A relocation is one event, so its own undocking and
redocking never clash."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np

from planner.model.catalogue import StationSettings
from planner.model.mission import EventKind
from planner.rules.findings import Finding, Severity
from planner.model.time_text import short_time, short_times
from planner.station import DynamicEvent, MissionTrack

SPACING = "spacing"
_ARRIVALS = (EventKind.DOCK, EventKind.BERTH)


def _tails(settings: StationSettings) -> dict[bool, tuple[Severity, str]]:
    """Severity and the end of the sentence, for a warning (False) and a conflict (True)."""
    return {False: (Severity.WARNING, f"dynamic events need {settings.spacing_warning_hours:g} h"),
            True: (Severity.CONFLICT, f"crewed dynamic events need {settings.spacing_conflict_hours:g} h")}


def _finding(a: DynamicEvent, b: DynamicEvent, seconds: float, tail: tuple[Severity, str], said_a: str,
             said_b: str) -> Finding:
    """The finding about ``a`` and ``b`` (``a`` first), each said as 'Name docking (time)'."""
    ports = a.ports if a.ports == b.ports and len(a.ports) == 1 else tuple(dict.fromkeys(a.ports + b.ports))
    vehicles = (a.mission,) if a.mission == b.mission else (a.mission, b.mission)
    return Finding(SPACING, tail[0], a.start, max(a.end, b.end),
                   f"{said_a} and {said_b} are {seconds / 3600:.1f} h apart; {tail[1]}", vehicles, (), ports)


def arrive_together(a: DynamicEvent, b: DynamicEvent, tracks: dict[str, MissionTrack]) -> bool:
    """True for the arrivals of a vehicle and the one it came attached to, at the same instant: one event."""
    if a.start != b.start or a.kind not in _ARRIVALS or b.kind not in _ARRIVALS or a.mission == b.mission:
        return False
    ta, tb = tracks.get(a.mission), tracks.get(b.mission)
    return (ta is not None and ta.arrives_with == b.mission) or (tb is not None and tb.arrives_with == a.mission)


#: What the findings call each kind of dynamic event.
NOUNS = {EventKind.DOCK: "docking", EventKind.BERTH: "berthing", EventKind.UNDOCK: "undocking",
         EventKind.UNBERTH: "unberthing", EventKind.RELOCATE: "relocation"}


def _name(event: DynamicEvent, tracks) -> str:
    return f"{tracks[event.mission].name} {NOUNS[event.kind]}"


class DynamicIndex:
    """All dynamic events sorted by (start, mission, index), for finding an event's close neighbours without
    all pairs. Made from columns (:meth:`from_columns`) it keeps them as arrays, and makes the per-event
    objects only when an edit first needs them."""

    def __init__(self):
        self._keys: list[tuple] = []
        self._events: dict[tuple, DynamicEvent] = {}
        self.longest = 0.0  # longest event: bounds how far back an overlapping event can start
        # (start, end, crewed) in key order, (mission, index, kind, ports) as given, and the key order
        self._cols: tuple | None = None
        self._arrays: tuple | None = None  # (start, end, crewed, running max of end) in key order
        self._lists: tuple | None = None  # start, end, crewed of ``_cols`` as Python lists

    @classmethod
    def from_columns(cls, start, end, crewed, mission: list, index: list, kind: list, ports: list) -> "DynamicIndex":
        """An index of the events given as columns (any order). The times are put in key order now; the other
        columns stay as given, read through the order when an event is made."""
        index_ = cls()
        start = np.asarray(start, float)
        order = np.argsort(start, kind="stable")
        s = start[order]
        o = order.tolist()
        ties = np.flatnonzero(s[1:] == s[:-1])
        if len(ties):  # same start: (mission, index) decides, as the keys would
            cuts = np.flatnonzero(s[1:] != s[:-1]) + 1
            firsts = np.concatenate([[0], cuts])
            lasts = np.concatenate([cuts, [len(s)]])
            for lo, hi in zip(firsts.tolist(), lasts.tolist()):
                if hi - lo > 1:
                    o[lo:hi] = sorted(o[lo:hi], key=lambda k: (mission[k], index[k]))
            order = np.asarray(o, np.int64)
        end = np.asarray(end, float)[order]
        crewed = np.asarray(crewed, bool)[order]
        index_._cols = (s, end, crewed, mission, index, kind, ports, o)
        index_._lists = (s.tolist(), end.tolist(), crewed.tolist())
        index_.longest = float((end - s).max()) if len(o) else 0.0
        return index_

    def _materialize(self) -> None:
        if self._cols is None:
            return
        _start, _end, _crewed, mission, index, kind, ports, order = self._cols
        starts, ends, crewed = self._lists
        mission, index = [mission[k] for k in order], [index[k] for k in order]
        kind, ports = [kind[k] for k in order], [ports[k] for k in order]
        self._keys = list(zip(starts, mission, index))
        self._events = dict(zip(self._keys, map(DynamicEvent, mission, index, kind, starts, ends, crewed, ports)))
        self._cols = self._lists = None

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(start, end, crewed, running maximum of end), in key order: what the array screens read."""
        if self._arrays is None:
            if self._cols is not None:
                start, end, crewed = self._cols[:3]
            else:
                events = self.sorted_events()
                start = np.fromiter((e.start for e in events), float, len(events))
                end = np.fromiter((e.end for e in events), float, len(events))
                crewed = np.fromiter((e.crewed for e in events), bool, len(events))
            self._arrays = (start, end, crewed, np.maximum.accumulate(end) if len(end) else end)
        return self._arrays

    def event(self, i: int) -> DynamicEvent:
        """The ``i``-th event in key order."""
        if self._cols is not None:
            _start, _end, _crewed, mission, index, kind, ports, order = self._cols
            start, end, crewed = self._lists
            k = order[i]
            return DynamicEvent(mission[k], index[k], kind[k], start[i], end[i], crewed[i], ports[k])
        return self._events[self._keys[i]]

    def mission_and_end(self, i: int) -> tuple[str, float]:
        """The mission and the end of the ``i``-th event in key order (without making the event)."""
        if self._cols is not None:
            return self._cols[3][self._cols[7][i]], self._lists[1][i]
        event = self._events[self._keys[i]]
        return event.mission, event.end

    def add(self, event: DynamicEvent) -> None:
        """Add one event (the arrays, once made, get it too: an edit and its re-check stay cheap)."""
        self._materialize()
        key = (event.start, event.mission, event.index)
        self._events[key] = event
        at = bisect_left(self._keys, key)
        self._keys.insert(at, key)
        self.longest = max(self.longest, event.end - event.start)
        if self._arrays is not None:
            start, end, crewed, _reach = self._arrays
            end = np.insert(end, at, event.end)
            self._arrays = (np.insert(start, at, event.start), end, np.insert(crewed, at, event.crewed),
                            np.maximum.accumulate(end))

    def remove(self, event: DynamicEvent) -> None:
        """Remove one event."""
        self._materialize()
        key = (event.start, event.mission, event.index)
        del self._events[key]
        at = bisect_left(self._keys, key)
        del self._keys[at]
        if self._arrays is not None:
            start, end, crewed, _reach = self._arrays
            end = np.delete(end, at)
            self._arrays = (np.delete(start, at), end, np.delete(crewed, at),
                            np.maximum.accumulate(end) if len(end) else end)

    def bulk(self, events) -> None:
        """Add many events at once (a sort instead of many inserts)."""
        self._materialize()
        self._arrays = None
        for event in events:
            self._events[(event.start, event.mission, event.index)] = event
            self.longest = max(self.longest, event.end - event.start)
        self._keys = sorted(self._events)

    def overlapping(self, start: float, end: float) -> list[DynamicEvent]:
        """Events ``[s, e]`` with ``s < end`` and ``e >= start`` (they touch an activity ``[start, end)``)."""
        if self._cols is not None:
            starts, ends = self._cols[0], self._cols[1]
            lo = int(np.searchsorted(starts, start - self.longest, side="left"))
            hi = int(np.searchsorted(starts, end, side="left"))
            return [self.event(i) for i in range(lo, hi) if ends[i] >= start]
        lo = bisect_left(self._keys, (start - self.longest,))
        hi = bisect_left(self._keys, (end,))
        return [self._events[k] for k in self._keys[lo:hi] if self._events[k].end >= start]

    def starting_at(self, when: float) -> list[DynamicEvent]:
        """The events that start at ``when``."""
        if self._cols is not None:
            starts = self._lists[0]
            return [self.event(i) for i in range(bisect_left(starts, when), bisect_right(starts, when))]
        lo, hi = bisect_left(self._keys, (when,)), bisect_right(self._keys, (when, "\uffff"))
        return [self._events[k] for k in self._keys[lo:hi]]

    def touching(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """For many ``[start, end)`` at once: True where :meth:`overlapping` would find an event."""
        starts, _ends, _crewed, reach = self.arrays()
        if not len(starts):
            return np.zeros(len(start), dtype=bool)
        hi = np.searchsorted(starts, end, side="left")
        return (hi > 0) & (reach[np.maximum(hi - 1, 0)] >= start)

    def sorted_events(self) -> list[DynamicEvent]:
        """Every event, by start."""
        self._materialize()
        return [self._events[k] for k in self._keys]

    def __len__(self) -> int:
        return len(self._cols[0]) if self._cols is not None else len(self._keys)


def spacing_findings(index: DynamicIndex, lo: int, hi: int, settings: StationSettings,
                     tracks) -> dict[tuple, list[Finding]]:
    """The spacing findings of the events at positions ``lo`` to ``hi - 1`` of ``index`` (by start), keyed by
    each event's (mission, index); an event far enough from the others has no entry.

    Each event is measured against the event before it that ends last (the nearest one before it): a warning
    under the warning gap, a conflict when both are crewed and under the crewed gap. A crewed event is also
    measured against the crewed event before it that ends last (an uncrewed one between them does not hide a
    conflict). So each event has at most two findings, and any two events too close together show up as at
    least one: a day of a thousand dockings is a few thousand findings, not half a million pairs.
    ``tracks`` needs only each mission's ``name`` and ``arrives_with`` (the timeline's ``heads`` will do).
    """
    if hi <= lo:
        return {}
    warn, conflict = settings.spacing_warning_hours * 3600, settings.spacing_conflict_hours * 3600
    start, end, crewed, _ = index.arrays()
    # Only events starting within reach (and the longest event) before ``lo`` can be anyone's nearest one.
    first = int(np.searchsorted(start, start[lo] - max(warn, conflict) - index.longest, side="left"))
    s, e, c = start[first:hi], end[first:hi], crewed[first:hi]
    k = np.arange(lo - first, hi - first)
    # Each event against the one before it that ends last ...
    i = _last_to_end_before(e)[k]
    has = i >= 0
    i = np.where(has, i, 0)
    apart = np.maximum(0.0, s[k] - e[i])
    both = c[i] & c[k] & has
    near = has & ((both & (apart < conflict)) | (apart < warn))
    # ... and a crewed one against the crewed one before it that ends last, when that is another event.
    j = _last_to_end_before(np.where(c, e, -np.inf))[k]
    apart_j = np.maximum(0.0, s[k] - e[np.maximum(j, 0)])
    near_j = c[k] & (j >= 0) & ~(near & (j == i)) & (apart_j < conflict)
    earlier = np.concatenate([i[near], j[near_j]]).tolist()
    later = np.concatenate([k[near], k[near_j]]).tolist()
    seconds = np.concatenate([apart[near], apart_j[near_j]]).tolist()
    conflicts = np.concatenate([both[near] & (apart[near] < conflict), np.ones(int(near_j.sum()), bool)]).tolist()
    found: dict[tuple, list[Finding]] = {}
    if not earlier:
        return found
    # Each event in a close pair is made and worded once (its time in one array conversion), then the pairs.
    involved = sorted(set(earlier) | set(later))
    events = {x: index.event(first + x) for x in involved}
    said = {x: f"{_name(events[x], tracks)} ({when})" for x, when in zip(involved, short_times(s[involved]))}
    tails = _tails(settings)
    for a_at, b_at, gap_s, is_conflict in sorted(zip(earlier, later, seconds, conflicts), key=lambda q: (q[1], q[0])):
        a, b = events[a_at], events[b_at]
        if (a.mission, a.index) == (b.mission, b.index) or arrive_together(a, b, tracks):
            continue
        found.setdefault((b.mission, b.index), []).append(_finding(a, b, gap_s, tails[is_conflict], said[a_at],
                                                                   said[b_at]))
    return found


def _last_to_end_before(ends: np.ndarray) -> np.ndarray:
    """For each position: the earlier position whose end is latest (the later one of equals), -1 for none
    (ends of -inf stand for events that do not count)."""
    n = len(ends)
    if not n:
        return np.zeros(0, np.int64)
    running = np.maximum.accumulate(ends)
    leader = np.where((ends >= running) & (ends > -np.inf), np.arange(n), -1)
    upto = np.maximum.accumulate(leader)  # the latest to end among positions 0..k
    return np.concatenate(([-1], upto[:-1]))
