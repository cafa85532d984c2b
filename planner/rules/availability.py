"""Is a port free? What a port picker shows next to each port for a stay a planner is editing."""

from __future__ import annotations

import math

from planner.model import EventKind, Mission
from planner.model.catalogue import Port
from planner.model.time_text import short_time
from planner.station import StationTimeline

_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)


def stay_window(mission: Mission, index: int) -> tuple[float, float]:
    """The stay an event belongs to, as epoch seconds: from the arrival (or redocking) to the departure
    from that port (or the end of the plan)."""
    events = mission.events
    event = events[index]
    if event.kind in _LEAVE:
        start = next((e.end.timestamp() for e in reversed(events[:index])
                      if e.kind in (EventKind.DOCK, EventKind.BERTH, EventKind.RELOCATE)), -math.inf)
        return start, event.utc.timestamp()
    start = event.end.timestamp()
    end = next((e.utc.timestamp() for e in events[index + 1:] if e.kind in _LEAVE or e.kind is EventKind.RELOCATE),
               math.inf)
    return start, end


def port_status(timeline: StationTimeline | None, port: Port, start: float, end: float, mission_id: str,
                names: dict[str, str]) -> str:
    """'free', 'busy: Soyuz MS-18 until 2021-10-17 01:14 UTC' or 'not there then' for ``[start, end)``."""
    if port.exists_from is not None and start < port.exists_from.timestamp():
        return f"not there before {short_time(port.exists_from.timestamp())}"
    if port.exists_until is not None and end > port.exists_until.timestamp():
        return f"gone after {short_time(port.exists_until.timestamp())}"
    if timeline is None:
        return ""
    busy = [s for s in timeline.port_stays.get(port.id, ())
            if s.mission != mission_id and s.start < end and start < s.end and s.end > s.start]
    if not busy:
        return "free"
    first = min(busy, key=lambda s: s.start)
    name = names.get(first.mission, first.mission)
    until = "onwards" if math.isinf(first.end) else f"until {short_time(first.end)}"
    more = f" and {len(busy) - 1} more" if len(busy) > 1 else ""
    return f"busy: {name} {until}{more}"
