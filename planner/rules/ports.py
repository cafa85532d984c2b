"""Port rules, one port at a time: double-booking, a port used when it does not exist, compatibility, and
the ports a vehicle's cargo requires (e.g. roll-out solar arrays need Harmony zenith)."""

from __future__ import annotations

from planner.model.catalogue import Station
from planner.rules.findings import Finding, Severity, short_time, span_text
from planner.rules.timeline import MissionTrack, PortStay

DOUBLE_BOOKING = "port-double-booking"
EXISTS = "port-exists"
COMPATIBILITY = "port-compatibility"
REQUIREMENT = "port-requirement"


def port_findings(port_id: str, stays: list[PortStay], station: Station,
                  tracks: dict[str, MissionTrack]) -> list[Finding]:
    """Every finding about one port: pairs of stays that overlap, stays outside the port's life, misfits.

    ``tracks`` needs each mission's ``name``, ``vehicle_type`` and ``tags`` only (the timeline's ``heads``)."""
    stays = sorted(stays, key=lambda s: (s.start, s.end, s.mission))
    findings = double_bookings(port_id, stays, tracks)
    port = station.port(port_id)
    for stay in stays:
        track = tracks[stay.mission]
        if port is None:
            findings.append(Finding(EXISTS, Severity.CONFLICT, stay.start, stay.end,
                                    f"{track.name} uses {port_id}, which is not a port of the {station.name}, "
                                    f"{span_text(stay.start, stay.end)}", (stay.mission,), (), (port_id,)))
            continue
        findings.extend(_existence(port, stay, track))
        vtype = station.vehicle_type(track.vehicle_type)
        if vtype is not None and not port.accepts(vtype):
            findings.append(Finding(COMPATIBILITY, Severity.CONFLICT, stay.start, stay.end,
                                    f"{track.name} ({vtype.name}, {'/'.join(m.value for m in vtype.mechanisms)}) "
                                    f"cannot use {port_id} ({port.mechanism.value}) {span_text(stay.start, stay.end)}",
                                    (stay.mission,), (), (port_id,)))
        for requirement in station.port_requirements:
            if requirement.tag in track.tags and port_id not in requirement.ports:
                findings.append(Finding(REQUIREMENT, Severity.CONFLICT, stay.start, stay.end,
                                        f"{track.name} carries {requirement.tag} and must use "
                                        f"{' or '.join(requirement.ports)}, not {port_id}, "
                                        f"{span_text(stay.start, stay.end)}", (stay.mission,), (), (port_id,)))
    return findings


def double_bookings(port_id: str, stays: list[PortStay], tracks: dict[str, MissionTrack]) -> list[Finding]:
    """Each pair of stays at the port that overlap (stays sorted by start); a sweep, not all pairs."""
    findings = []
    active: list[PortStay] = []
    for stay in stays:
        active = [a for a in active if a.end > stay.start]
        for other in active:
            if stay.end <= stay.start:
                continue
            start, end = stay.start, min(stay.end, other.end)
            later, earlier = tracks[stay.mission].name, tracks[other.mission].name
            findings.append(Finding(DOUBLE_BOOKING, Severity.CONFLICT, start, end,
                                    f"{later} and {earlier} both at {port_id} {span_text(start, end)}",
                                    (stay.mission, other.mission), (), (port_id,)))
        if stay.end > stay.start:
            active.append(stay)
    return findings


def _existence(port, stay: PortStay, track: MissionTrack) -> list[Finding]:
    found = []
    if port.exists_from is not None:
        begins = port.exists_from.timestamp()
        if stay.start < begins:
            end = min(stay.end, begins)
            found.append(Finding(EXISTS, Severity.CONFLICT, stay.start, end,
                                 f"{track.name} is at {port.id} {span_text(stay.start, end)}, before the port exists "
                                 f"(from {short_time(begins)})", (stay.mission,), (), (port.id,)))
    if port.exists_until is not None:
        gone = port.exists_until.timestamp()
        if stay.end > gone:  # the port still exists at the instant it goes ("until" is inclusive)
            start = max(stay.start, gone)
            found.append(Finding(EXISTS, Severity.CONFLICT, start, stay.end,
                                 f"{track.name} is at {port.id} {span_text(start, stay.end)}, after the port is gone "
                                 f"({short_time(gone)})", (stay.mission,), (), (port.id,)))
    return found
