"""Port rules, one port at a time: double-booking, a port used when it does not exist, compatibility, and
the ports a vehicle's cargo requires (e.g. roll-out solar arrays need Harmony zenith)."""

from __future__ import annotations

from planner import intervals
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
    """One finding per run of time in which two or more stays share the port, naming every vehicle there
    during the run, the latest to arrive first (the one a fix would move). A run of hundreds of vehicles is one
    finding, not one per pair of them."""
    runs = intervals.crowded([s.start for s in stays], [s.end for s in stays])
    return [_double_booking(port_id, {stays[k].mission: stays[k] for k in members}, start, end, tracks)
            for start, end, members in runs]


def _double_booking(port_id: str, run: dict[str, PortStay], start: float, end: float, tracks) -> Finding:
    stays = sorted(run.values(), key=lambda s: (s.start, s.mission), reverse=True)  # the latest arrival first
    names = [tracks[s.mission].name for s in stays]
    if len(names) == 2:
        who = f"{names[0]} and {names[1]} both at"
    else:
        who = f"{', '.join(names[:-1])} and {names[-1]} all at" if len(names) > 2 else f"{names[0]} twice at"
    return Finding(DOUBLE_BOOKING, Severity.CONFLICT, start, end, f"{who} {port_id} {span_text(start, end)}",
                   tuple(s.mission for s in stays), (), (port_id,))


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
