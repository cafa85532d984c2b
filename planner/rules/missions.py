"""Rules about one vehicle on its own: events out of order or impossible, stays beyond the type's limit,
leaving with more people than seats."""

from __future__ import annotations

import math

from planner.model.catalogue import Station
from planner.rules.findings import Finding, Severity
from planner.model.time_text import short_time, span_text
from planner.station import MissionTrack

EVENT_ORDER = "event-order"
STAY_LIMIT = "stay-limit"
DEPARTURE_SEATS = "lifeboat-departure"
UNKNOWN_TYPE = "vehicle-type"


def mission_findings(track: MissionTrack, station: Station) -> list[Finding]:
    """Every finding about one mission alone."""
    mid = (track.mission,)
    findings = [Finding(EVENT_ORDER, Severity.CONFLICT, p.start, p.end, p.message, mid, (), p.ports)
                for p in track.problems]
    if station.vehicle_type(track.vehicle_type) is None:
        known = ", ".join(t.id for t in station.vehicle_types)
        start, end = track.span if track.span[0] <= track.span[1] else (-math.inf, math.inf)
        findings.append(Finding(UNKNOWN_TYPE, Severity.CONFLICT, start, end,
                                f"{track.name} is of vehicle type '{track.vehicle_type}', which the "
                                f"{station.name} catalogue does not know; known types: {known}", mid))
    if track.max_stay_s is not None:
        days = track.max_stay_s / 86400
        for start, end in track.attached:
            if end - start > track.max_stay_s and not math.isinf(end):
                over = start + track.max_stay_s
                findings.append(Finding(STAY_LIMIT, Severity.CONFLICT, over, end,
                                        f"{track.name} stays {(end - start) / 86400:.1f} days, beyond the {days:g}-day "
                                        f"limit of its type: over the limit {span_text(over, end)}", mid))
    for when, _index, crew in track.departures:
        if len(crew) > max(track.seats, 0) or (crew and not track.returns_crew):
            seats = track.seats if track.returns_crew else 0
            findings.append(Finding(DEPARTURE_SEATS, Severity.CONFLICT, when, when,
                                    f"{track.name} leaves at {short_time(when)} with {len(crew)} people but has "
                                    f"{seats} seat{'s' if seats != 1 else ''} home", mid, tuple(sorted(crew))))
    return findings
