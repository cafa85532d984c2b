"""Port blocking: an occupant of one port keeps vehicles from arriving at another (configurable pairs)."""

from __future__ import annotations

from planner.model.catalogue import PortBlock
from planner.rules.findings import Finding, Severity
from planner.model.time_text import span_text
from planner.station import MissionTrack, PortStay

BLOCKING = "port-blocking"


def blocking_findings(block: PortBlock, occupied: list[PortStay], arriving: list[PortStay],
                      tracks: dict[str, MissionTrack]) -> list[Finding]:
    """Arrivals at ``block.blocked`` while a blocking occupant is at ``block.occupied`` (``tracks`` needs each
    mission's ``name``, ``vehicle_type`` and ``tags`` only: the timeline's ``heads`` will do)."""
    occupants = [s for s in occupied
                 if s.end > s.start and block.blocks(tracks[s.mission].vehicle_type, tracks[s.mission].tags)]
    if not occupants:
        return []
    occupants.sort(key=lambda s: (s.start, s.end, s.mission))
    findings = []
    for stay in arriving:
        first, last = stay.arrival
        for occ in occupants:
            if occ.start > last:
                break
            if occ.end > first and occ.mission != stay.mission:
                who, by = tracks[stay.mission].name, tracks[occ.mission].name
                findings.append(Finding(BLOCKING, Severity.CONFLICT, first, last,
                                        f"{who} arrives at {block.blocked} {span_text(first, last)} while {by} at "
                                        f"{block.occupied} blocks the way",
                                        (stay.mission, occ.mission), (), (block.blocked, block.occupied)))
    return findings
