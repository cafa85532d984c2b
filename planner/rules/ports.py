"""Port rules, one port at a time: double-booking, a port used when it does not exist, compatibility, and
the ports a vehicle's cargo requires (e.g. roll-out solar arrays need Harmony zenith)."""

from __future__ import annotations

from planner.model.catalogue import Station
from planner.rules.findings import Finding, Severity
from planner.model.time_text import short_time, span_text
from planner.station import MissionTrack, PortStay

DOUBLE_BOOKING = "port-double-booking"
EXISTS = "port-exists"
COMPATIBILITY = "port-compatibility"
REQUIREMENT = "port-requirement"


def port_findings(port_id: str, stays: list[PortStay], station: Station,
                  tracks: dict[str, MissionTrack]) -> list[Finding]:
    """Every finding about one port: pairs of stays that overlap, stays outside the port's life, misfits.

    ``tracks`` needs each mission's ``name``, ``vehicle_type`` and ``tags`` only (the timeline's ``heads``)."""
    return double_bookings(port_id, by_start(stays), tracks) + stay_findings(port_id, stays, station, tracks)


def stay_findings(port_id: str, stays: list[PortStay], station: Station,
                  tracks: dict[str, MissionTrack]) -> list[Finding]:
    """The findings about each stay at a port on its own: the port's life, compatibility, required ports."""
    findings = []
    port = station.port(port_id)
    for stay in by_start(stays):
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


def by_start(stays: list[PortStay]) -> list[PortStay]:
    """Stays in the order the port rules read them: by start, end, then mission."""
    return sorted(stays, key=lambda s: (s.start, s.end, s.mission))


def double_bookings(port_id: str, stays: list[PortStay], tracks: dict[str, MissionTrack]) -> list[Finding]:
    """Each pair of stays at the port that overlap (stays sorted by start); a sweep, not all pairs."""
    findings = []
    active: list[PortStay] = []
    for stay in stays:
        active = [a for a in active if a.end > stay.start]
        if stay.end > stay.start:
            findings.extend(_double_booking(port_id, stay, other, tracks) for other in active)
            active.append(stay)
    return findings


def mission_double_bookings(port_id: str, stays: list[PortStay], mission: str,
                            tracks: dict[str, MissionTrack]) -> list[Finding]:
    """The findings of :func:`double_bookings` that name ``mission``, without pairing the port's other stays."""
    stays = by_start(stays)
    findings = []
    for i, stay in enumerate(stays):
        if stay.mission != mission or stay.end <= stay.start:
            continue
        for j, other in enumerate(stays):
            if (other.mission == mission and j < i) or j == i or other.end <= other.start:
                continue  # a pair of this mission's own stays is found once, from its earlier stay
            if other.start < stay.end and stay.start < other.end:
                later, earlier = (stay, other) if i > j else (other, stay)
                findings.append(_double_booking(port_id, later, earlier, tracks))
    return findings


def _double_booking(port_id: str, later: PortStay, earlier: PortStay, tracks) -> Finding:
    start, end = later.start, min(later.end, earlier.end)
    return Finding(DOUBLE_BOOKING, Severity.CONFLICT, start, end,
                   f"{tracks[later.mission].name} and {tracks[earlier.mission].name} both at {port_id} "
                   f"{span_text(start, end)}", (later.mission, earlier.mission), (), (port_id,))


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
