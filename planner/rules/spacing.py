"""Spacing of dynamic events (dockings, undockings, berthings, relocations): warn when two are close, a
conflict when two crewed ones are. A relocation is one event, so its own undocking and redocking never clash."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np

from planner.model.catalogue import StationSettings
from planner.model.mission import EventKind
from planner.rules.findings import Finding, Severity, hours_text, short_time
from planner.rules.timeline import DynamicEvent, MissionTrack

SPACING = "spacing"
_ARRIVALS = (EventKind.DOCK, EventKind.BERTH)


def gap(a: DynamicEvent, b: DynamicEvent) -> float:
    """Seconds between two events (0 when they overlap)."""
    return max(0.0, b.start - a.end, a.start - b.end)


def spacing_finding(a: DynamicEvent, b: DynamicEvent, settings: StationSettings,
                    tracks: dict[str, MissionTrack]) -> Finding | None:
    """The finding about two dynamic events, or None when they are far enough apart."""
    if (a.mission, a.index) == (b.mission, b.index) or arrive_together(a, b, tracks):
        return None
    if (b.start, b.mission, b.index) < (a.start, a.mission, a.index):
        a, b = b, a
    seconds = gap(a, b)
    crewed = a.crewed and b.crewed
    if crewed and seconds < settings.spacing_conflict_hours * 3600:
        severity, need = Severity.CONFLICT, settings.spacing_conflict_hours
    elif seconds < settings.spacing_warning_hours * 3600:
        severity, need = Severity.WARNING, settings.spacing_warning_hours
    else:
        return None
    what = "crewed dynamic events" if severity is Severity.CONFLICT else "dynamic events"
    text = (f"{_name(a, tracks)} ({short_time(a.start)}) and {_name(b, tracks)} ({short_time(b.start)}) are "
            f"{hours_text(seconds)} apart; {what} need {need:g} h")
    ports = tuple(dict.fromkeys(a.ports + b.ports))
    return Finding(SPACING, severity, a.start, max(a.end, b.end), text, _pair(a.mission, b.mission), (), ports)


def arrive_together(a: DynamicEvent, b: DynamicEvent, tracks: dict[str, MissionTrack]) -> bool:
    """True for the arrivals of a vehicle and the one it came attached to, at the same instant: one event."""
    if a.start != b.start or a.kind not in _ARRIVALS or b.kind not in _ARRIVALS or a.mission == b.mission:
        return False
    ta, tb = tracks.get(a.mission), tracks.get(b.mission)
    return (ta is not None and ta.arrives_with == b.mission) or (tb is not None and tb.arrives_with == a.mission)


def _pair(first: str, second: str) -> tuple[str, ...]:
    return (first,) if first == second else (first, second)


def _name(event: DynamicEvent, tracks) -> str:
    kind = {"dock": "docking", "berth": "berthing", "undock": "undocking", "unberth": "unberthing",
            "relocate": "relocation"}[event.kind.value]
    return f"{tracks[event.mission].name} {kind}"


class DynamicIndex:
    """All dynamic events sorted by start, for finding an event's close neighbours without all pairs."""

    def __init__(self):
        self._keys: list[tuple] = []
        self._events: dict[tuple, DynamicEvent] = {}
        self.longest = 0.0  # longest event: bounds how far back an overlapping event can start

    def add(self, event: DynamicEvent) -> None:
        """Add one event."""
        key = (event.start, event.mission, event.index)
        self._events[key] = event
        self._keys.insert(bisect_left(self._keys, key), key)
        self.longest = max(self.longest, event.end - event.start)

    def remove(self, event: DynamicEvent) -> None:
        """Remove one event."""
        key = (event.start, event.mission, event.index)
        del self._events[key]
        del self._keys[bisect_left(self._keys, key)]

    def bulk(self, events) -> None:
        """Add many events at once (a sort instead of many inserts)."""
        for event in events:
            self._events[(event.start, event.mission, event.index)] = event
            self.longest = max(self.longest, event.end - event.start)
        self._keys = sorted(self._events)

    def near(self, start: float, end: float, reach: float) -> list[DynamicEvent]:
        """Events that come within ``reach`` seconds of ``[start, end]``."""
        lo = bisect_left(self._keys, (start - reach - self.longest,))
        hi = bisect_right(self._keys, (end + reach, "\uffff"))
        return [self._events[k] for k in self._keys[lo:hi]
                if self._events[k].end >= start - reach and k[0] <= end + reach]

    def overlapping(self, start: float, end: float) -> list[DynamicEvent]:
        """Events ``[s, e]`` with ``s < end`` and ``e >= start`` (they touch an activity ``[start, end)``)."""
        lo = bisect_left(self._keys, (start - self.longest,))
        hi = bisect_left(self._keys, (end,))
        return [self._events[k] for k in self._keys[lo:hi] if self._events[k].end >= start]

    def sorted_events(self) -> list[DynamicEvent]:
        """Every event, by start."""
        return [self._events[k] for k in self._keys]

    def __len__(self) -> int:
        return len(self._keys)


def all_spacing(index: DynamicIndex, settings: StationSettings, tracks) -> dict[tuple, Finding]:
    """Findings for every close pair, keyed by the pair of events.

    Sorted by start, an event can only be close to the later events that start before its end plus the
    reach: one binary search each gives them, the same gap test as :func:`spacing_finding` drops the pairs far
    enough apart, and only the close ones are worded.
    """
    events = index.sorted_events()
    n = len(events)
    if n < 2:
        return {}
    warn, conflict = settings.spacing_warning_hours * 3600, settings.spacing_conflict_hours * 3600
    reach = max(warn, conflict)
    start = np.fromiter((e.start for e in events), float, n)
    end = np.fromiter((e.end for e in events), float, n)
    crewed = np.fromiter((e.crewed for e in events), bool, n)
    count = np.maximum(np.searchsorted(start, end + reach, side="left") - np.arange(1, n + 1), 0)
    total = int(count.sum())
    first = np.repeat(np.arange(n), count)
    second = first + 1 + np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    seconds = np.maximum(0.0, np.maximum(start[second] - end[first], start[first] - end[second]))
    close = (seconds < warn) | (crewed[first] & crewed[second] & (seconds < conflict))
    found = {}
    for i, j in zip(first[close].tolist(), second[close].tolist()):
        finding = spacing_finding(events[i], events[j], settings, tracks)
        if finding is not None:
            found[pair_key(events[i], events[j])] = finding
    return found


def pair_key(a: DynamicEvent, b: DynamicEvent) -> tuple:
    """A key for a pair of events that does not depend on their order."""
    ka, kb = (a.mission, a.index), (b.mission, b.index)
    return (ka, kb) if ka <= kb else (kb, ka)
